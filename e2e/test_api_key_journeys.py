"""The read API's Done-when in Chromium: the consultant makes a project key for the
demo project on "API-nøgler" (reading as the steering group), copies it from the page,
and an analyst's program reads the figures and verdicts with it, gets 404 for another
project, and 401 once the consultant revokes the key. Axe and 320 px on the page."""

import csv
import datetime
import io

from django.contrib.auth.models import User
from django.urls import reverse

from projects.models import Project
from projects.services import project_create

from .conftest import axe_violations, login

WIDE = "document.scrollingElement.scrollWidth"


def test_an_analyst_reads_figures_and_verdicts_with_a_project_key(new_page, demo):
    demo_project = Project.objects.get()
    other = project_create(
        name="Et andet forløb",
        starts_on=datetime.date(2018, 1, 1),
        ends_on=datetime.date(2018, 12, 31),
        consultant=User.objects.get(username="konsulent"),
    )
    page = new_page()
    login(page, "konsulent")
    # From the user menu.
    page.get_by_role("button", name="konsulent").or_(
        page.locator("button.dropdown-toggle").last
    ).first.click()
    page.get_by_role("link", name="API-nøgler").click()
    assert "Du har ingen API-nøgler endnu." in page.locator("main").inner_text()
    assert axe_violations(page) == []

    page.get_by_label("Navn").fill("Power BI, økonomi")
    page.get_by_label("Forløbsnøgle").check()
    page.get_by_label("Forløb", exact=True).select_option(str(demo_project.pk))
    page.get_by_label("Som styregruppen (fx til Power BI)").check()
    page.get_by_role("button", name="Lav nøglen").click()
    key = page.get_by_label("Nøgle", exact=True).input_value()
    assert key.startswith("syn_")
    assert "vises kun denne ene gang" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    # Shown once: a reload shows the key no more.
    page.reload()
    assert key not in page.content()
    assert key[:12] in page.locator("main").inner_text()

    # The analyst's program (no browser session, only the key).
    api = page.context.request
    page.context.clear_cookies()
    headers = {"Authorization": f"Bearer {key}"}
    base = page.base_url + "/api/v1/"
    figures = api.get(base + f"figures/?project={demo_project.pk}", headers=headers)
    assert figures.status == 200
    rows = figures.json()["results"]
    assert rows and all(row["project_id"] == demo_project.pk for row in rows)
    verdicts = api.get(base + f"verdicts/?project={demo_project.pk}", headers=headers)
    assert verdicts.status == 200 and verdicts.json()["results"]
    table = api.get(base + f"figures.csv?project={demo_project.pk}", headers=headers)
    assert table.status == 200
    parsed = list(csv.reader(io.StringIO(table.body().decode("utf-8-sig"))))
    assert len(parsed) > 1
    # Another project: 404, as detail and as filter.
    assert api.get(base + f"projects/{other.pk}/", headers=headers).status == 404
    assert api.get(base + f"figures/?project={other.pk}", headers=headers).status == 404
    projects = api.get(base + "projects/", headers=headers).json()["results"]
    assert [p["id"] for p in projects] == [demo_project.pk]

    # The consultant sees it used, and revokes it.
    login(page, "konsulent")
    page.goto(page.base_url + reverse("accounts:api_tokens"))
    assert "Sidst brugt" in page.locator("main").inner_text()
    page.get_by_role("link", name="Tilbagekald Power BI, økonomi").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Tilbagekald nøglen").click()
    assert "er tilbagekaldt" in page.locator("main").inner_text()
    page.context.clear_cookies()
    assert api.get(base + "figures/", headers=headers).status == 401

    # The page at 320 px.
    narrow = new_page(width=320)
    login(narrow, "konsulent")
    narrow.goto(narrow.base_url + reverse("accounts:api_tokens"))
    assert narrow.evaluate(WIDE) <= 320
    assert axe_violations(narrow) == []
