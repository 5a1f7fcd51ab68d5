"""PDF/UA machine checks (reporting.pdf_ua.problems) on the catalogue and the meeting
pack as the app makes them, and proof that the checker fails what it should."""

import io

import pikepdf
import pytest
from weasyprint import HTML

from initiatives.tests.factories import QuoteFactory
from reporting import pdf, pdf_ua
from reporting.tests.factories import chapter_for
from reporting.tests.test_meeting_pack import meeting  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

TITLE = "Katalog med resultater af afprøvede tiltag"


@pytest.fixture
def catalogue_pdf(world):
    """The catalogue with two chapters: texts, figures with a chart, a quote and a
    photo in the first, a quote in the second; as (pdf bytes, chapter names)."""
    chapter = world.chapter
    chapter.what_worked = "Borgerne fandt vej til IT-hjælpen samme dag."
    chapter.save()
    chapter.photos.set([world.photo])
    chapter.quotes.add(
        QuoteFactory(
            project=world.project,
            text="Det var rart at blive vist videre.",
            consent_to_publish=True,
            reviewed=True,
        )
    )
    second = chapter_for(world)
    html = pdf.catalogue_html(catalogue=world.catalogue)
    assert 'class="chart"' in html and 'class="photo"' in html
    content, _pages, refused = pdf.html_to_pdf(html)
    assert refused == []
    return content, [world.initiative.name, second.initiative.name]


def strip_alt(content):
    """The PDF with its first /Figure's alternative text removed."""
    with pikepdf.open(io.BytesIO(content)) as document:
        for element in pdf_ua._walk(document.Root.StructTreeRoot):
            if element.get("/S") == "/Figure":
                del element["/Alt"]
                break
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def test_the_catalogue_passes_the_pdf_ua_machine_checks(catalogue_pdf):
    content, chapters = catalogue_pdf
    assert pdf_ua.problems(content, title=TITLE, lang="da", bookmarks=chapters) == []
    with pikepdf.open(io.BytesIO(content)) as document:
        root = document.Root
        assert "/StructTreeRoot" in root and root.MarkInfo.Marked is True
        assert str(root.Lang) == "da"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(document.docinfo.Title) == TITLE
        assert document.open_metadata()["dc:title"] == TITLE
        figures = [
            e for e in pdf_ua._walk(root.StructTreeRoot) if e.get("/S") == "/Figure"
        ]
        alts = [str(figure.Alt) for figure in figures]
        assert len(figures) == 2  # the chart and the photo
        assert any(alt.startswith("Graf: ") for alt in alts)
        assert any(alt.startswith("Foto fra Sted A") for alt in alts)


def test_the_meeting_pack_passes_the_pdf_ua_machine_checks(meeting):  # noqa: F811
    content, _pages, _refused = pdf.html_to_pdf(pdf.meeting_pack_html(meeting=meeting))
    assert pdf_ua.problems(content, title=f"Mødemappe: {meeting}") == []


def test_the_checker_finds_what_weasyprint_alone_leaves_out(catalogue_pdf, world):
    """WeasyPrint's tagged PDF without reporting.pdf_ua.finish() fails the checks that
    finish() repairs; an untagged PDF fails on its missing structure tree."""
    html = pdf.catalogue_html(catalogue=world.catalogue)
    fetcher = pdf.LocalFilesOnly()
    raw = HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=fetcher).write_pdf(
        pdf_tags=True
    )
    found = pdf_ua.problems(raw, title=TITLE)
    assert "no XMP metadata" in found
    assert "a /TH without /Scope" in found
    assert "elements have /ID but the tree has no /IDTree" in found
    assert any("marked content items outside the structure tree" in p for p in found)
    assert "a link described by its anchor name 'indledning'" in found
    assert pdf_ua.problems(pdf_ua.finish(raw), title=TITLE) == []

    untagged = HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=fetcher).write_pdf()
    found = pdf_ua.problems(untagged, title=TITLE)
    assert "no /StructTreeRoot: the PDF is not tagged" in found


def test_the_checker_fails_a_figure_without_alt_skipped_headings_and_bookmarks(
    catalogue_pdf,
):
    content, chapters = catalogue_pdf
    assert pdf_ua.problems(strip_alt(content)) == ["a /Figure without /Alt"]
    assert pdf_ua.problems(content, bookmarks=["Et kapitel der ikke findes"]) == [
        "0 bookmarks titled 'Et kapitel der ikke findes', not 1"
    ]
    assert pdf_ua.problems(content, title="En anden titel") == [
        f"document info /Title is {TITLE!r}, not 'En anden titel'"
    ]
    assert pdf_ua.problems(content, lang="en") == ["catalog /Lang is 'da', not 'en'"]
    skipping = pdf_ua.finish(
        HTML(
            string='<html lang="da"><title>T</title><h2>Start</h2><h4>Dybt</h4>'
        ).write_pdf(pdf_tags=True)
    )
    assert pdf_ua.problems(skipping) == [
        "the first heading is H2, not H1",
        "heading level skipped: H2 → H4",
    ]


def test_a_chapter_whose_photos_cannot_be_read_prints_no_photo_frame(world):
    """The PDF's HTML has no empty photos container; the preview keeps its note."""
    world.photo.file.storage.delete(world.photo.file.name)
    world.chapter.photos.set([world.photo])
    assert 'class="photos"' not in pdf.catalogue_html(catalogue=world.catalogue)
    preview = pdf.catalogue_html(catalogue=world.catalogue, for_pdf=False)
    assert 'class="photos"' in preview and "kan ikke læses" in preview
