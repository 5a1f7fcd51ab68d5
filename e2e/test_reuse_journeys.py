"""Reuse in Chromium: the consultant starts "Synergi 2018" from the demo project,
reads the preview, copies, finds the criteria, vocabularies, timeline and schemas in
the new project, and starts an initiative there from a test kit. Axe on every new
page, and the pages at 320 px."""

import json

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from projects.models import Project
from testing.models import TestKit

from .conftest import axe_violations, login

WIDE = "document.scrollingElement.scrollWidth"


def no_sideways_scroll(page):
    return page.evaluate(WIDE) <= page.viewport_size["width"]


def test_synergi_2018_from_the_demo_project_then_an_initiative_from_a_kit(
    new_page, demo
):
    demo_project = Project.objects.get()
    page = new_page()
    login(page, "konsulent")
    page.goto(page.base_url + reverse("synergy:project_list"))
    page.get_by_role("link", name="Nyt forløb ud fra et tidligere").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name=f"Vælg {demo_project.name}").click()

    # The preview, with the start week moved to week 12 2018.
    page.get_by_label("Navn på det nye forløb").fill("Synergi 2018")
    page.get_by_label("Tidsplanen begynder i uge").fill("2018-W12")
    page.get_by_role("button", name="Opdatér oversigten").click()
    preview = page.locator("main")
    assert "uge 33 2017" in preview.inner_text()
    assert "uge 12 2018" in preview.inner_text()
    assert "Rejseudstilling i venteområdet" in preview.inner_text()
    assert page.get_by_label("Tidsplan (14)").is_checked()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Opret forløbet").click()
    page.wait_for_url("**/projects/*/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Synergi 2018")
    new = Project.objects.get(name="Synergi 2018")
    assert Project.objects.filter(name="Synergi 2018").count() == 1

    # The new project's pages, as the consultant sees them.
    page.goto(
        page.base_url + reverse("initiatives:screeningcriterion_list", args=[new.pk])
    )
    criteria = page.locator("main").inner_text()
    for criterion in demo_project.criteria.all():
        assert criterion.name in criteria
    page.goto(page.base_url + reverse("initiatives:term_list", args=[new.pk]))
    assert "Navigationssvage" in page.locator("main").inner_text() or (
        demo_project.terms.first().name in page.locator("main").inner_text()
    )
    page.goto(page.base_url + reverse("initiatives:timelineitem_list", args=[new.pk]))
    assert "uge 12" in page.locator("main").inner_text()
    page.goto(page.base_url + reverse("initiatives:initiative_list", args=[new.pk]))
    assert "Rejseudstilling i venteområdet" in page.locator("main").inner_text()
    copied = Initiative.objects.get(project=new, name="Rejseudstilling i venteområdet")
    template = copied.schema_templates.first()
    page.goto(page.base_url + template.get_absolute_url())
    schema_text = page.locator("main").inner_text()
    question = template.versions.get().sections.first().questions.first().text
    assert question in schema_text
    page.goto(page.base_url + copied.get_absolute_url())
    assert (
        "Tiltaget er ikke lavet af en idé i dette forløb"
        in page.locator("main").inner_text()
    )

    # A test kit from the demo project's initiative, then an initiative from it in
    # the new project.
    source = Initiative.objects.get(
        project=demo_project, name="Rejseudstilling i venteområdet"
    )
    page.goto(page.base_url + reverse("testing:testguide_detail", args=[source.pk]))
    page.get_by_role("link", name="Gem som testkit").click()
    assert axe_violations(page) == []
    page.get_by_label("Navn på testkittet").fill("Rejseudstilling (testkit)")
    page.get_by_role("button", name="Gem som testkit").click()
    page.wait_for_url("**/kits/*/")
    assert axe_violations(page) == []
    kit = TestKit.objects.get()
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som fil").click()
    assert (
        json.loads(open(download.value.path(), encoding="utf-8").read())["format"]
        == "synergi-testkit"
    )

    page.goto(page.base_url + reverse("testing:testkit_list"))
    assert axe_violations(page) == []
    page.get_by_role("link", name="Start tiltag fra Rejseudstilling (testkit)").click()
    assert axe_violations(page) == []
    page.get_by_label("Forløb").select_option(label="Synergi 2018")
    page.get_by_label("Navn på tiltaget").fill("Rejseudstilling 2018")
    page.get_by_role("button", name="Start tiltaget").click()
    page.wait_for_url("**/initiatives/*/")
    assert "Rejseudstilling 2018" in page.get_by_role("heading", level=1).inner_text()
    started = Initiative.objects.get(name="Rejseudstilling 2018")
    assert started.project == new
    assert started.schema_templates.get().versions.get().number == 1
    assert kit.document["schemas"][0]["name"] == started.schema_templates.get().name

    # The import page (with a file that is not a kit) and the format page.
    page.goto(page.base_url + reverse("testing:testkit_import"))
    assert axe_violations(page) == []
    page.get_by_label("Fil med et testkit (JSON)").set_input_files(
        {"name": "kit.json", "mimeType": "application/json", "buffer": b"{not json"}
    )
    page.get_by_role("button", name="Importér").click()
    assert (
        "Filen er ikke gyldig JSON (linje 1, tegn 2)."
        in page.locator(".error-summary").inner_text()
    )
    assert axe_violations(page) == []
    page.get_by_role("link", name="Filens format (synergi-testkit, version 1)").click()
    assert "synergi-testkit" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    assert page.console_errors == []


@pytest.mark.parametrize("width", [320])
def test_the_reuse_pages_fit_a_phone(new_page, demo, width):
    demo_project = Project.objects.get()
    page = new_page(width=width)
    login(page, "konsulent")
    for url in [
        reverse("testing:project_copy_start"),
        reverse("testing:project_copy", args=[demo_project.pk]),
        reverse("testing:testkit_list"),
        reverse("testing:testkit_import"),
        reverse("testing:testkit_format"),
    ]:
        page.goto(page.base_url + url)
        assert no_sideways_scroll(page), url
        assert axe_violations(page) == [], url
