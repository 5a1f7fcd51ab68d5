"""What the foundation promises, seen in a real browser with the demo data."""

import re

from playwright.sync_api import expect

from e2e.conftest import login
from sites.models import Site


def test_consultant_finds_the_four_sites_in_danish_and_edits_one(page, demo):
    login(page, "konsulent")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Steder", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Steder")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(4)
    for name in (
        "Roskilde Bibliotek",
        "Ringsted Bibliotek",
        "Næstved Bibliotek",
        "Glumsø Bibliotek",
    ):
        expect(page.get_by_role("link", name=re.compile(name))).to_be_visible()

    page.get_by_role("link", name="Glumsø Bibliotek (med Borgerservice)").click()
    expect(page.get_by_role("heading", name="Åbningstider")).to_be_visible()
    expect(
        page.get_by_role("table", name=re.compile("Åbningstider for Glumsø"))
    ).to_contain_text("10:00–14:00")
    page.get_by_role("link", name="Redigér sted").click()
    page.get_by_label("Medarbejdere i borgerservice").fill("12")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("status")).to_contain_text("er gemt")
    assert Site.objects.get(name__startswith="Glumsø").staff_count == 12
    assert page.console_errors == []


def test_a_bad_edit_keeps_what_was_typed_and_says_why_in_danish(page, demo):
    login(page, "konsulent")
    site = Site.objects.get(name__startswith="Ringsted")
    page.goto(f"{page.base_url}/sites/{site.pk}/edit/")
    page.get_by_label("Navn").fill("Næstved Bibliotek og Borgerservice")
    page.get_by_label("Adresse").fill("Sct. Bendts Gade 2")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_contain_text("Formularen blev ikke gemt")
    name = page.get_by_label("Navn")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(
        page.locator(".invalid-feedback, .invalid-feedback *").first
    ).to_contain_text("Der findes allerede et sted med dette navn.")
    expect(page.get_by_label("Adresse")).to_have_value("Sct. Bendts Gade 2")
    assert Site.objects.get(pk=site.pk).name == "Ringsted Bibliotek og Borgerservice"


def test_coordinator_reads_but_sees_no_edit_buttons(page, demo):
    login(page, "tovholder-roskilde")
    page.get_by_role("link", name="Mit sted").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Roskilde Bibliotek (med Borgerservice)"
    )
    expect(page.get_by_role("link", name="Redigér sted")).to_have_count(0)
    expect(page.get_by_role("link", name="Tilføj åbningstid")).to_have_count(0)
    site = Site.objects.get(name__startswith="Roskilde")
    response = page.goto(f"{page.base_url}/sites/{site.pk}/edit/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Ingen adgang")


def test_pages_fit_a_320px_screen(new_page, demo):
    page = new_page(width=320)
    login(page, "konsulent")
    site = Site.objects.get(name__startswith="Næstved")
    for path in (
        "/",
        "/sites/",
        f"/sites/{site.pk}/",
        f"/sites/{site.pk}/edit/",
        "/services/",
        "/tilgaengelighed/",  # a long Danish compound as its heading
        "/password/reset/",
    ):
        page.goto(page.base_url + path)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 320, f"{path} scrolls sideways: {width}px"
    # The menu collapses behind a button that works.
    page.get_by_role("button", name="Vis menu").click()
    expect(
        page.get_by_role("navigation", name="Hovedmenu").get_by_role(
            "link", name="Steder", exact=True
        )
    ).to_be_visible()


def test_keyboard_user_can_skip_to_content(page, demo):
    login(page, "styregruppe-1")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Gå til indhold")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_language_can_be_switched_before_login(page, demo):
    page.goto(page.base_url + "/login/")
    page.get_by_label("Sprog").select_option("en")
    page.get_by_role("button", name="Skift sprog").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
