"""The steering group's meeting pack: the same content on the page and in the PDF,
made in the background, only publishable quotes, and who may read it."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from initiatives import services as initiative_services
from initiatives.models import Initiative, InitiativeStatus
from initiatives.tests.factories import QuoteFactory
from reporting import pdf, selectors, services
from reporting.models import MeetingPackRender, Recommendation, RenderStatus
from testing import services as testing_services
from testing.models import TestGuide

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    """A meeting with a presented idea and an initiative in test with criteria, a
    linked publishable quote, an unconsented one and an advisory visit."""
    Initiative.objects.filter(pk=world.initiative.pk).update(
        status=InitiativeStatus.IN_TEST
    )
    guide = TestGuide.objects.get(pk=world.guide.pk)
    guide.criteria = [
        {
            "key": "a",
            "measure": "sum",
            "question_key": "antal",
            "comparison": "gte",
            "target": "4",
            "period": "week",
            "applies": "each",
        }
    ]
    guide.save()
    testing_services.guide_publish(
        guide=guide, user=world.users["consultant"], change_note="Mål"
    )
    published = QuoteFactory(
        project=world.project,
        text="Kortet gjorde det let at spørge.",
        consent_to_publish=True,
        reviewed=True,
        speaker_label="Lone, 61 år",
    )
    published.initiatives.add(world.initiative)
    secret = QuoteFactory(
        project=world.project,
        text="Hemmeligt citat uden samtykke.",
        consent_to_publish=False,
        reviewed=True,
    )
    secret.initiatives.add(world.initiative)
    world.visit.initiatives.add(world.initiative)
    return initiative_services.meeting_create(
        project=world.project,
        title="Styregruppemøde uge 44",
        held_on=datetime.date(2017, 11, 1),
        attendees=[world.users["steering"], world.users["consultant"]],
        user=world.users["consultant"],
    )


def test_the_steering_group_reads_ideas_criteria_evidence_and_the_proposal(
    client_for, world, meeting
):
    world.chapter.recommendation = Recommendation.CONTINUE
    world.chapter.recommendation_text = "Billigt og let at fortsætte."
    world.chapter.save()
    page = client_for("steering").get(
        reverse("reporting:meeting_pack", args=[meeting.pk])
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Arrangement for 18-årige" in text  # the presented idea
    assert (
        "Antal henvisninger: summen i gennemsnit pr. uge skal være mindst 4 på hvert sted"
        in text
    )
    assert "Kortet gjorde det let at spørge." in text
    assert "Hemmeligt citat uden samtykke." not in text
    assert world.visit.notes in text
    assert "Konsulentens forslag" in text and "Billigt og let at fortsætte." in text
    assert "Registrér beslutning" in text  # the steering group may decide
    # The PDF's HTML has the same content, without the buttons.
    html = pdf.meeting_pack_html(meeting=meeting)
    for words in (
        "Arrangement for 18-årige",
        "Antal henvisninger: summen i gennemsnit pr. uge skal være mindst 4 på hvert sted",
        "Kortet gjorde det let at spørge.",
        "Billigt og let at fortsætte.",
    ):
        assert words in html
    assert "Registrér beslutning" not in html
    assert "Hemmeligt citat uden samtykke." not in html


def test_coordinators_and_other_projects_never_see_a_pack(client_for, world, meeting):
    url = reverse("reporting:meeting_pack", args=[meeting.pk])
    for role in ("coordinator_a", "coordinator_b", "outsider"):
        assert client_for(role).get(url).status_code == 404
    assert client_for("anonymous").get(url).status_code == 302


def test_a_verdict_recorded_in_the_meeting_shows_in_its_pack(
    client_for, world, meeting
):
    initiative_services.initiative_verdict_record(
        initiative_id=world.initiative.pk,
        outcome="continue",
        rationale="Kriterierne er opfyldt i Sted A.",
        decided_on=meeting.held_on,
        meeting_id=meeting.pk,
        user=world.users["steering"],
    )
    text = (
        client_for("steering")
        .get(reverse("reporting:meeting_pack", args=[meeting.pk]))
        .content.decode()
    )
    assert "Styregruppens beslutning" in text
    assert "Kriterierne er opfyldt i Sted A." in text


def test_the_pdf_is_made_once_for_a_double_click_and_holds_the_pack(
    client_for, world, meeting, django_capture_on_commit_callbacks
):
    client = client_for("steering")
    url = reverse("reporting:pack_request", args=[meeting.pk])
    with django_capture_on_commit_callbacks(execute=False):
        client.post(url)
        client.post(url)
    assert MeetingPackRender.objects.filter(meeting=meeting).count() == 1
    MeetingPackRender.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        render = services.pack_render_request(
            meeting=meeting, user=world.users["steering"]
        )
    render.refresh_from_db()
    assert render.status == RenderStatus.DONE, render.error
    with render.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Mødemappe: Styregruppemøde uge 44" in text
    assert "Succeskriterier" in text and "Konsulentens forslag" in text
    assert "Hemmeligt citat" not in text
    status = client.get(reverse("reporting:pack_status", args=[meeting.pk]))
    assert "Hent mødemappen (PDF)" in status.content.decode()
    download = client.get(
        reverse("reporting:pack_download", args=[meeting.pk, render.pk])
    )
    assert download["Content-Type"] == "application/pdf"
    assert (
        "m%C3%B8demappe-styregruppem%C3%B8de-uge-44" in download["Content-Disposition"]
    )


def test_the_pack_costs_the_same_queries_for_more_initiatives_and_schemas(
    world, meeting, count_queries
):
    from initiatives.tests.factories import InitiativeFactory

    def queries():
        found, pack = count_queries(lambda: selectors.meeting_pack(meeting=meeting))
        return found, pack

    few, pack = queries()
    assert len(pack.initiatives) == 1
    for _ in range(4):
        InitiativeFactory(project=world.project, status=InitiativeStatus.IN_TEST)
    many, pack = queries()
    assert len(pack.initiatives) == 5
    assert many == few
