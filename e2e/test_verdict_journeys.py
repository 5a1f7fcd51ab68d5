"""From figures to a verdict in Chromium: the consultant writes a success criterion as a
rule and publishes it, a coordinator's schema arrives, the steering group reads the
results page and the meeting pack and records "Fortsæt" with a rationale, and the
catalogue then carries it. axe checks the new pages; the pack is read at 320 px."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from e2e.conftest import axe_violations, login
from initiatives.models import Decision, Initiative, InitiativeStatus
from testing.models import Submission, SubmissionStatus

TRAVEL = "Rejseudstilling i venteområdet"
RINGSTED = "Ringsted Bibliotek og Borgerservice"


def test_criteria_to_verdict_to_catalogue(new_page, demo):
    initiative = Initiative.objects.get(name=TRAVEL)
    violations = []

    # 1. The consultant writes a rule into the guide and publishes it.
    page = new_page()
    login(page, "konsulent")
    page.goto(page.base_url + reverse("testing:testguide_detail", args=[initiative.pk]))
    page.get_by_role("link", name="Succeskriterier som regler").click()
    violations += axe_violations(page)
    new = page.get_by_role("group", name="Nyt kriterie")
    new.get_by_label("Spørgsmål").select_option(label="Hvordan reagerede borgerne?")
    new.get_by_label("Hvad måles").select_option(
        label="Andelen, der valgte et bestemt svar (%)"
    )
    new.get_by_label("Svaret, der tælles").fill("Positivt")
    new.get_by_label("Hvornår").select_option(label="Over hele afprøvningen")
    new.get_by_role("textbox", name=re.compile(r"^Mål")).fill("30")
    page.get_by_role("button", name="Gem kriterierne").click()
    expect(page.get_by_text("De gælder, når testguiden er udgivet")).to_be_visible()
    page.get_by_role("link", name="Udgiv ny version").click()
    page.get_by_label("Hvad er ændret").fill("Nyt kriterie om borgernes reaktion.")
    page.get_by_role("button", name="Udgiv").click()
    expect(
        page.get_by_text(
            "Hvordan reagerede borgerne?: andelen “Positivt” over hele afprøvningen "
            "skal være mindst 30 % på hvert sted"
        ).first
    ).to_be_visible()

    # 2. Ringsted's coordinator sends the week that was still a draft.
    draft = Submission.objects.get(
        run__initiative=initiative, run__site__name=RINGSTED, status="draft"
    )
    coordinator = new_page()
    login(coordinator, "tovholder-ringsted")
    coordinator.goto(
        coordinator.base_url + reverse("testing:submission_fill", args=[draft.pk])
    )
    coordinator.get_by_role("button", name="Send skemaet").click()
    expect(coordinator.get_by_text("Indsendt").first).to_be_visible()
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.SUBMITTED

    # 3. The steering group sees the verdicts first on the results page.
    steering = new_page()
    login(steering, "styregruppe-1")
    steering.get_by_role("link", name="Resultater", exact=True).first.click()
    expect(steering.get_by_role("heading", level=1)).to_have_text("Resultater")
    glance = steering.locator(".verdict-glance")
    expect(glance).to_contain_text("Ringsted Bibliotek og Borgerservice: opfyldt")
    expect(glance).to_contain_text(
        "Glumsø Bibliotek (med Borgerservice): delvist opfyldt"
    )
    violations += axe_violations(steering)

    # 4. A meeting, its pack, and the verdict recorded from the pack.
    steering.get_by_role("link", name="Møder", exact=True).first.click()
    steering.get_by_role("link", name=re.compile("Nyt møde|Opret møde")).first.click()
    steering.get_by_label("Titel").fill("Styregruppemøde uge 44")
    steering.get_by_label("Dato").fill("2017-11-01")
    steering.get_by_role("checkbox").first.check()
    steering.get_by_role("button", name=re.compile("Gem|Opret")).first.click()
    steering.get_by_role("link", name="Mødemappe").click()
    expect(steering.get_by_role("heading", level=1)).to_contain_text("Mødemappe")
    pack = steering.locator(f"#pack-initiative-{initiative.pk}").locator("..")
    expect(pack).to_contain_text("Ringsted Bibliotek og Borgerservice: opfyldt")
    expect(pack).to_contain_text("Konsulentens forslag")
    violations += axe_violations(steering)
    steering.set_viewport_size({"width": 320, "height": 900})
    width = steering.evaluate("document.documentElement.scrollWidth")
    assert width <= 320 + 1, f"the pack scrolls sideways at 320 px: {width}"
    steering.set_viewport_size({"width": 1280, "height": 900})
    pack.get_by_role("link", name=f"Registrér beslutning {TRAVEL}").click()
    steering.get_by_label("Fortsæt", exact=True).check()
    steering.get_by_label("Begrundelse").fill(
        "Begge kriterier er opfyldt i Ringsted; udstillingen er billig at holde ved lige."
    )
    steering.get_by_role("button", name="Registrér beslutningen").click()
    expect(
        steering.get_by_text("Styregruppens beslutning er registreret")
    ).to_be_visible()
    verdict = Decision.objects.get(initiative=initiative)
    assert verdict.outcome == "continue" and verdict.meeting is not None
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.RECOMMENDED

    # 5. The catalogue carries the steering group's verdict.
    page.goto(
        page.base_url
        + reverse("reporting:catalogue_preview", args=[initiative.project_id])
    )
    chapter = page.locator("article", has_text=TRAVEL).first
    expect(page.get_by_text("Styregruppens beslutning den").first).to_be_visible()
    expect(page.locator("body")).to_contain_text(
        "udstillingen er billig at holde ved lige"
    )
    del chapter
    assert violations == []
    for each in (page, coordinator, steering):
        assert each.console_errors == []
