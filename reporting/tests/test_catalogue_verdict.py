"""The catalogue prints the steering group's verdict on an initiative as the
chapter's recommendation; the chapter's own recommendation is the consultant's
proposal, printed only while the steering group has not decided."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from initiatives import services as initiative_services
from initiatives.models import InitiativeStatus, Verdict
from initiatives.tests.factories import MeetingFactory
from reporting import pdf, services
from reporting.models import Recommendation, RenderStatus

pytestmark = pytest.mark.django_db


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def record_verdict(world, outcome, rationale, decided_on=datetime.date(2017, 12, 12)):
    initiative = world.initiative
    if initiative.status == InitiativeStatus.PLANNED:
        initiative_services.initiative_set_status(
            initiative=initiative,
            to_status=InitiativeStatus.IN_TEST,
            user=world.users["consultant"],
            reason="",
            expected_status=InitiativeStatus.PLANNED,
        )
    return initiative_services.initiative_verdict_record(
        initiative_id=initiative.pk,
        outcome=outcome,
        rationale=rationale,
        decided_on=decided_on,
        meeting_id=MeetingFactory(project=world.project).pk,
        user=world.users["steering"],
    )


@pytest.fixture
def proposed(world):
    """The consultant proposes “continue”, with no text of their own."""
    chapter = world.chapter
    chapter.recommendation = Recommendation.CONTINUE
    chapter.recommendation_text = ""
    chapter.save()
    return chapter


def test_without_a_verdict_the_catalogue_prints_the_consultants_proposal(
    world, proposed
):
    text = text_of(pdf.catalogue_html(catalogue=world.catalogue))
    assert "Anbefaling: Fortsæt" in text
    assert "Anbefaling: Fortsæt (konsulentens forslag)" in text  # the summary
    assert "Styregruppens beslutning" not in text


def test_the_verdict_is_the_recommendation_with_its_rationale_and_date(world, proposed):
    record_verdict(world, Verdict.STOP, "Ingen borgere brugte tilbuddet.")
    text = text_of(pdf.catalogue_html(catalogue=world.catalogue))
    assert "Anbefaling: Stop" in text
    assert "Anbefaling: Fortsæt" not in text  # the proposal gives way
    assert "Styregruppens beslutning den 12. december 2017." in text
    assert "Ingen borgere brugte tilbuddet." in text  # the chapter's text is empty
    assert "(styregruppens beslutning 12. december 2017)" in text
    # The summary page says so too, before the chapters.
    summary = text[text.index("Sammenfatning") :]
    assert summary.index(
        "Anbefaling: Stop (styregruppens beslutning 12. december 2017)"
    ) < summary.index("Hvorfor og hvad")


def test_the_chapters_own_text_stays_beside_the_verdict(world, proposed):
    proposed.recommendation_text = "Et andet bibliotek bør prøve det i en måned."
    proposed.save()
    record_verdict(world, Verdict.ADJUST, "Skiltningen skal være tydeligere.")
    text = text_of(pdf.catalogue_html(catalogue=world.catalogue))
    assert "Anbefaling: Justér og fortsæt" in text
    assert "Et andet bibliotek bør prøve det i en måned." in text
    # The steering group's own words stand with its decision, once.
    assert text.count("Skiltningen skal være tydeligere.") == 1
    assert "beslutning den 12. december 2017: Skiltningen skal være tydeligere." in text


def test_the_latest_verdict_is_printed(world, proposed):
    record_verdict(world, Verdict.ADJUST, "Justér.")
    record_verdict(
        world, Verdict.CONTINUE, "Nu virker det.", datetime.date(2018, 1, 15)
    )
    text = text_of(pdf.catalogue_html(catalogue=world.catalogue))
    assert "Anbefaling: Fortsæt" in text and "Nu virker det." in text
    assert "Justér." not in text
    assert "Styregruppens beslutning den 15. januar 2018." in text


def test_the_pdf_prints_the_verdict(
    world, proposed, django_capture_on_commit_callbacks
):
    record_verdict(world, Verdict.STOP, "Ingen borgere brugte tilbuddet.")
    with django_capture_on_commit_callbacks(execute=True):
        render = services.render_request(
            catalogue=world.catalogue, user=world.users["consultant"]
        )
    render.refresh_from_db()
    assert render.status == RenderStatus.DONE, render.error
    with render.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Anbefaling: Stop" in text
    assert "Styregruppens beslutning den 12. december 2017." in text
    assert "Ingen borgere brugte tilbuddet." in text
    assert "Anbefaling: Fortsæt" not in text


def test_the_chapter_page_shows_the_verdict_read_only_and_names_the_proposal(
    client, world, proposed
):
    client.force_login(world.users["consultant"])
    url = reverse("reporting:chapter_edit", args=[world.chapter.pk])
    page = client.get(url).content.decode()
    assert "Konsulentens forslag til anbefaling" in page
    assert "Styregruppen har ikke taget stilling til tiltaget endnu." in page
    record_verdict(world, Verdict.STOP, "Ingen borgere brugte tilbuddet.")
    page = client.get(url).content.decode()
    assert "Ingen borgere brugte tilbuddet." in page
    assert "Kataloget trykker styregruppens beslutning som anbefalingen." in page
    # Read-only: the verdict is no field of the chapter's form.
    assert 'name="verdict"' not in page and 'name="outcome"' not in page


def test_the_catalogue_page_names_the_steering_groups_decision(client, world, proposed):
    client.force_login(world.users["consultant"])
    url = reverse("reporting:catalogue", args=[world.project.pk])
    assert "Anbefaling: Fortsæt" in text_of(client.get(url).content.decode())
    record_verdict(world, Verdict.STOP, "Ingen borgere brugte tilbuddet.")
    page = text_of(client.get(url).content.decode())
    assert "Styregruppens beslutning: Stop" in page
    assert "Anbefaling: Fortsæt" not in page
