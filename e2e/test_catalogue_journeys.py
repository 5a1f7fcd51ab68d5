"""The consultant makes the results catalogue in Chromium: one click on the demo data,
a progress line, a PDF that holds the demo initiatives."""

import io

from playwright.sync_api import expect
from pypdf import PdfReader

from e2e.conftest import login
from initiatives.models import Initiative


def test_consultant_makes_and_downloads_the_demo_catalogue(page, demo):
    missing = []
    page.on("response", lambda r: r.status == 404 and missing.append(r.url))
    login(page, "konsulent")
    page.get_by_role("link", name="Bibliotek og borgerservice – synergi").first.click()
    page.get_by_role("link", name="Katalog").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resultatkatalog")
    chapters = page.locator("ol.list-group > li")
    expect(chapters).to_have_count(3)

    # The preview shows the same content in the browser.
    page.get_by_role("link", name="Se forhåndsvisning").click()
    expect(page.locator("h1")).to_have_text(
        "Katalog med resultater af afprøvede tiltag"
    )
    for initiative in Initiative.objects.all():
        expect(page.locator(f"#tiltag-{initiative.pk} h2")).to_contain_text(
            initiative.name
        )
    page.get_by_role("link", name="Tilbage til kataloget").click()

    # One click; the tests run tasks at once, so the page comes back with the PDF.
    page.get_by_role("button", name="Dan katalog som PDF").click()
    download_link = page.get_by_role("link", name="Hent PDF")
    expect(download_link).to_be_visible()
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    reader = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.extract_text() for p in reader.pages)
    for initiative in Initiative.objects.all():
        assert initiative.name in text
    assert "Side 2 af" in text
    assert missing == []
    assert page.console_errors == []
