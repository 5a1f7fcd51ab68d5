"""From a coordinator's idea to an initiative at two sites, and back again, in Chromium."""

import re

from playwright.sync_api import expect

from e2e.conftest import login
from initiatives.models import Idea, Initiative, Interview


def field(page, label):
    """The form field with this label (crispy marks required ones with a trailing *)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def test_idea_from_proposal_to_initiative_at_two_sites(new_page, demo):
    coordinator = new_page()
    login(coordinator, "tovholder-glumsoe")
    coordinator.get_by_role("link", name="Idéer – foreslå og scor").click()
    coordinator.get_by_role("link", name="Foreslå en idé").click()
    field(coordinator, "Titel").fill("Pensionistcafé med borgerservice")
    field(coordinator, "Beskrivelse").fill(
        "Kaffe, lydbøger og hjælp til Digital Post én fredag om måneden."
    )
    field(coordinator, "Sted").select_option(
        label="Glumsø Bibliotek (med Borgerservice)"
    )
    coordinator.get_by_label("Nye pensionister").check()
    coordinator.get_by_role("button", name="Gem").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(
        "Pensionistcafé med borgerservice"
    )
    expect(coordinator.locator("[aria-current=step]")).to_contain_text("Foreslået")
    idea = Idea.objects.get(title="Pensionistcafé med borgerservice")

    consultant = new_page()
    login(consultant, "konsulent")
    consultant.goto(consultant.base_url + idea.get_absolute_url())
    consultant.get_by_role("link", name="Scor idéen").click()
    for label, value in (
        ("Værdi for borgerne", "5"),
        ("Synergi", "4"),
        ("Gennemførlighed", "4"),
        ("Omkostninger", "5"),
    ):
        field(consultant, label).fill(value)
    consultant.get_by_role("button", name="Gem mine scorer").click()
    expect(consultant.get_by_role("status")).to_contain_text("Dine scorer er gemt.")
    for phase in (
        "Screenet",
        "Udvalgt til præsentation",
        "Præsenteret for styregruppen",
    ):
        consultant.get_by_role("link", name="Skift fase").click()
        consultant.get_by_label("Ny fase").select_option(label=phase)
        consultant.get_by_role("button", name="Skift fase").click()
        expect(consultant.locator("[aria-current=step]")).to_contain_text(phase)

    steering = new_page()
    login(steering, "styregruppe-1")
    steering.goto(steering.base_url + idea.get_absolute_url())
    steering.get_by_role("link", name="Registrér beslutning").click()
    steering.get_by_label("Udvalgt til afprøvning").check()
    steering.get_by_label("Begrundelse").fill(
        "Efterspurgt af borgerne i Glumsø; billigt at afprøve."
    )
    steering.get_by_role("button", name="Registrér beslutningen").click()
    expect(steering.get_by_role("status")).to_contain_text(
        "Beslutningen er registreret."
    )
    expect(steering.get_by_role("link", name="Registrér beslutning")).to_have_count(0)

    consultant.goto(consultant.base_url + idea.get_absolute_url())
    consultant.get_by_role("link", name="Gør idéen til et tiltag").click()
    expect(field(consultant, "Navn")).to_have_value("Pensionistcafé med borgerservice")
    consultant.get_by_role(
        "checkbox", name="Glumsø Bibliotek (med Borgerservice)"
    ).check()
    consultant.get_by_role(
        "checkbox", name="Næstved Bibliotek og Borgerservice"
    ).check()
    consultant.get_by_role("button", name="Gem").click()
    expect(consultant.get_by_role("heading", name="Hvor afprøves det")).to_be_visible()
    initiative = Initiative.objects.get(idea=idea)
    assert {s.site.name for s in initiative.test_sites.all()} == {
        "Glumsø Bibliotek (med Borgerservice)",
        "Næstved Bibliotek og Borgerservice",
    }
    assert {s.coordinator.username for s in initiative.test_sites.all()} == {
        "tovholder-glumsoe",
        "tovholder-naestved",
    }
    for page in (coordinator, consultant, steering):
        assert page.console_errors == []


def test_steering_traces_an_initiative_back_and_reads_the_evidence(new_page, demo):
    page = new_page()
    login(page, "styregruppe-1")
    page.get_by_role("link", name="Tiltag", exact=True).first.click()
    page.get_by_role("link", name="Rejseudstilling i venteområdet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rejseudstilling i venteområdet"
    )
    expect(
        page.get_by_role("table", name="Screeningsscorer pr. kriterie")
    ).to_contain_text("Værdi for borgerne")
    expect(page.get_by_text("Billigt, kan afprøves med det samme")).to_be_visible()
    expect(
        page.get_by_text("En udstillingsø i venteområdet med gode bøger")
    ).to_be_visible()
    page.get_by_role("link", name="Rejseudstilling i venteområdet").last.click()
    expect(page).to_have_url(re.compile(r"/ideas/\d+/$"))
    expect(page.get_by_role("heading", name="Historik")).to_be_visible()

    page.get_by_role("link", name="Evidens", exact=True).click()
    table = page.locator("table.interview-table")
    total = Interview.objects.count()
    expect(table.locator("tfoot td").last).to_have_text(str(total))
    assert total == 45
    # Karina gave no consent: the steering group sees an age band, not her name.
    expect(page.get_by_text("Jeg synes, det er underligt")).to_be_visible()
    expect(page.get_by_text("Karina")).to_have_count(0)
    assert page.console_errors == []
