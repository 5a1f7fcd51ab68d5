"""The catalogue's web edition in Chromium: the consultant publishes it, a reader
without an account opens the link and downloads the PDF, the consultant revokes it and
the reader's reload is 404. axe checks the edition at 1280 and 320 px, and the page
members read it on inside the app."""

from django.contrib.auth.models import User
from playwright.sync_api import expect

from e2e.conftest import axe_violations, login
from reporting import services
from reporting.models import Catalogue


def test_publish_read_without_an_account_and_revoke(new_page, demo):
    consultant = new_page()
    login(consultant, "konsulent")
    project = Catalogue.objects.get().project
    consultant.goto(consultant.base_url + f"/projects/{project.pk}/catalogue/")
    web = consultant.locator("#webudgave")
    expect(web).to_contain_text("Webudgaven er ikke offentliggjort.")
    web.get_by_role("link", name="Offentliggør webudgaven").click()
    expect(consultant.get_by_role("heading", level=1)).to_have_text(
        "Offentliggør webudgaven"
    )
    consultant.get_by_role("button", name="Ja, offentliggør").click()
    expect(consultant.get_by_text("Webudgaven er offentliggjort.")).to_be_visible()
    link = consultant.get_by_label("Link til webudgaven").input_value()
    assert "/k/" in link
    expect(web).to_contain_text("Offentliggjort")

    # A reader with no account, in a browser of their own.
    reader = new_page()
    response = reader.goto(link)
    assert response.status == 200
    assert response.headers["x-robots-tag"].startswith("noindex")
    assert response.headers["referrer-policy"] == "no-referrer"
    expect(reader.locator("h1")).to_have_text(
        "Katalog med resultater af afprøvede tiltag"
    )
    assert reader.evaluate("document.documentElement.lang") == "da"
    expect(reader.get_by_role("navigation", name="Indhold")).to_be_visible()
    # The tests make PDFs at once: the one requested at publishing is there.
    with reader.expect_download() as download:
        reader.get_by_role("banner").get_by_role(
            "link", name="Hent kataloget som PDF"
        ).click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert download.value.path().read_bytes().startswith(b"%PDF")
    assert reader.console_errors == []

    # The consultant revokes; the reader's reload is 404.
    consultant.get_by_role("link", name="Tilbagekald").click()
    consultant.get_by_role("button", name="Ja, tilbagekald").click()
    expect(consultant.get_by_text("Webudgaven er tilbagekaldt.")).to_be_visible()
    expect(web).to_contain_text("Webudgaven er ikke offentliggjort.")
    assert reader.reload().status == 404
    expect(reader.get_by_role("heading", level=1)).to_have_text("Siden findes ikke")


def test_the_web_edition_passes_axe_and_reflows_at_320_px(new_page, demo):
    catalogue = Catalogue.objects.get()
    publication = services.publication_publish(
        catalogue=catalogue, user=User.objects.get(username="konsulent")
    )
    problems = []
    for width in (1280, 320):
        page = new_page(width=width)
        assert page.goto(page.base_url + f"/k/{publication.token}/").status == 200
        # The skip link is the first stop and leads to the content.
        page.keyboard.press("Tab")
        expect(page.locator(":focus")).to_have_text("Gå til indhold")
        problems += [f"{width} px: {line}" for line in axe_violations(page)]
        # The data tables behind the charts, opened, are checked too.
        for summary in page.locator("details.chart-data summary").all()[:2]:
            summary.click()
        problems += [f"{width} px, tables open: {v}" for v in axe_violations(page)]
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        assert scroll_width <= width, f"{width} px: scrolls sideways ({scroll_width})"
        assert page.console_errors == []
    # Inside the app, for the steering group.
    page = new_page()
    login(page, "styregruppe-1")
    page.goto(page.base_url + f"/projects/{catalogue.project_id}/")
    page.get_by_role("link", name="Katalog").click()
    expect(page.get_by_role("navigation", name="Synergi")).to_contain_text(
        "Tilbage til"
    )
    problems += [f"in the app: {v}" for v in axe_violations(page)]
    assert problems == []
