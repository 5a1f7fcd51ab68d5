"""The consultant makes the results catalogue in Chromium: one click on the demo data,
a progress line, a PDF that holds the demo initiatives."""

import io

from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import expect
from pypdf import PdfReader

from e2e.conftest import login
from initiatives.models import Initiative
from reporting.models import Catalogue, CatalogueRender, RenderStatus


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


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_open_page_shows_the_pdf_when_the_worker_has_made_it(page, demo):
    """The PDF is made by the worker while the page is open: the polled render area
    is replaced as a whole, with nothing left from before, and no reload."""
    login(page, "konsulent")
    project = Catalogue.objects.get().project
    page.goto(page.base_url + f"/projects/{project.pk}/catalogue/")
    expect(page.get_by_text("Der er ikke dannet noget katalog endnu.")).to_be_visible()
    page.get_by_role("button", name="Dan katalog som PDF").click()

    area = page.locator("#render-status")
    expect(area).to_contain_text("Kataloget dannes i baggrunden.")
    expect(page.get_by_role("progressbar")).to_be_visible()
    page.evaluate("window.stillTheSamePage = true")

    # The worker makes the PDF while the page polls.
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    render = CatalogueRender.objects.get()
    assert render.status == RenderStatus.DONE, render.error

    download_link = page.get_by_role("link", name="Hent PDF")
    expect(download_link).to_be_visible(timeout=15000)
    main = page.get_by_role("main")
    expect(main).not_to_contain_text("Kataloget dannes")
    expect(main).not_to_contain_text("Der er ikke dannet noget katalog endnu.")
    expect(page.get_by_role("progressbar")).to_have_count(0)
    expect(area.get_by_role("listitem")).to_have_count(1)  # the finished PDF's line
    assert page.evaluate("window.stillTheSamePage") is True  # no reload

    # The file keeps the title's Danish letters.
    with page.expect_download() as download:
        download_link.click()
    name = download.value.suggested_filename
    assert name.startswith("katalog-med-resultater-af-afprøvede-tiltag-"), name
    assert name.endswith(".pdf")
    assert page.console_errors == []


def test_consultant_cites_a_source_and_the_preview_numbers_it(page, demo):
    """The consultant attaches a schema's answers to "Det virkede" from the chapter's
    sources page; the preview prints a numbered note that links to its entry in the
    sources list. Removing it takes the note away again."""
    from e2e.conftest import axe_violations
    from reporting.models import ChapterEvidence

    chapter = Catalogue.objects.get().chapters.get(
        initiative__name="Rejseudstilling i venteområdet"
    )
    before = ChapterEvidence.objects.filter(chapter=chapter).count()
    login(page, "konsulent")
    page.goto(page.base_url + f"/catalogue/chapters/{chapter.pk}/edit/")
    page.get_by_role("link", name="Kilder til teksterne").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kilder:")
    assert axe_violations(page) == []
    page.locator("#id_claim").select_option(label="Det virkede ikke")
    source = page.locator("#id_source")
    option = source.locator("optgroup[label='Citat'] option").first
    quote_label = option.inner_text()
    source.select_option(value=option.get_attribute("value"))
    page.get_by_role("button", name="Knyt kilden").click()
    expect(page.get_by_text("Kilden er knyttet til teksten.")).to_be_visible()
    assert ChapterEvidence.objects.filter(chapter=chapter).count() == before + 1
    # Twice: a clear error, nothing saved twice.
    page.locator("#id_claim").select_option(label="Det virkede ikke")
    page.locator("#id_source").select_option(value=option.get_attribute("value"))
    page.get_by_role("button", name="Knyt kilden").click()
    expect(
        page.get_by_text("Kilden er allerede knyttet til den tekst.")
    ).to_be_visible()
    assert ChapterEvidence.objects.filter(chapter=chapter).count() == before + 1

    preview = page.context.new_page()
    project_id = chapter.catalogue.project_id
    preview.goto(page.base_url + f"/projects/{project_id}/catalogue/preview/")
    section = preview.locator(f"#tiltag-{chapter.initiative_id}")
    did_not = section.locator("h3", has_text="Det virkede ikke").locator(
        "xpath=following-sibling::p[1]"
    )
    words = quote_label.split("”")[0].strip("“")[:30]
    notes = did_not.locator("sup.notes a")
    # The note (in ascending order among the claim's notes) whose entry is the quote.
    note = next(
        notes.nth(i)
        for i in range(notes.count())
        if words in preview.locator(f"#kilde-{notes.nth(i).inner_text()}").inner_text()
    )
    number = note.inner_text()
    note.click()
    entry = preview.locator(f"#kilde-{number}")
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text(words)
    expect(entry).to_contain_text("det virkede ikke)")
    preview.close()

    page.get_by_role("button", name="Fjern").last.click()
    expect(page.get_by_text("Kilden er fjernet fra teksten.")).to_be_visible()
    assert ChapterEvidence.objects.filter(chapter=chapter).count() == before
