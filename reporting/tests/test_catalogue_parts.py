"""A long catalogue laid out in parts (reporting/pdf_parts.py): the assembled PDF
reads as the one laid out whole — contents' page numbers, page numbers, bookmarks,
links and tags — and the worker refuses a PDF that would need too much memory."""

import io
import re

import pikepdf
import pytest
from django.test import override_settings
from pypdf import PdfReader

from reporting import pdf, pdf_parts, services
from reporting.models import RenderFailure, RenderStatus
from reporting.tests.factories import chapter_for

pytestmark = pytest.mark.django_db


def outline(document):
    """[(depth, title, page index)] of a pikepdf PDF's bookmarks."""
    found = []

    def walk(items, depth):
        for item in items:
            page = pikepdf.Page(item.destination[0])
            found.append((depth, item.title, document.pages.index(page)))
            walk(item.children, depth + 1)

    with document.open_outline() as tree:
        walk(tree.root, 0)
    return found


def page_texts(content):
    reader = PdfReader(io.BytesIO(content))
    return [page.extract_text() for page in reader.pages]


# Parts are used only when one document would exceed the memory limit: a low one.
@override_settings(
    CATALOGUE_PART_CHAPTERS=1,
    CATALOGUE_LAYOUT_PROCESSES=2,
    CATALOGUE_MEMORY_LIMIT_MB=100,
)
def test_a_catalogue_in_parts_has_the_pages_contents_bookmarks_and_tags_of_one(
    world,
):
    chapters = [world.chapter, chapter_for(world), chapter_for(world)]
    html = pdf.catalogue_html(catalogue=world.catalogue)
    # Cut where expected: a front part and a part per chapter (else html_to_pdf
    # would quietly lay it out whole, and this test would compare whole with whole).
    split = pdf_parts.split_html(html, part_chapters=1)
    assert split is not None and len(split) == 1 + len(chapters)
    assert pdf.lays_out_in_parts(html)
    whole, whole_pages, _ = pdf.html_to_pdf(html, in_parts=False)
    parts, pages, refused = pdf.html_to_pdf(html)
    assert refused == []
    assert pages == whole_pages
    texts = page_texts(parts)
    assert len(texts) == pages
    # Every page but the cover is numbered out of the whole, once.
    for number, text in enumerate(texts[1:], 2):
        assert text.count(f"Side {number} af {pages}") == 1, text[-80:]
    # The contents give each chapter the page its heading is on.
    toc = texts[2]
    for position, chapter in enumerate(chapters, 1):
        name = chapter.initiative.name
        listed = next(line for line in toc.splitlines() if name in line)
        page = int(re.search(r"(\d+)\s*$", listed).group(1))
        assert f"{position} {name}" in texts[page - 1]
    # The bookmarks are those of the whole, on the same pages.
    assembled = pikepdf.open(io.BytesIO(parts))
    assert outline(assembled) == outline(pikepdf.open(io.BytesIO(whole)))
    # One tag tree: every page's content and every link is in the parent tree.
    tree = assembled.Root.StructTreeRoot
    assert len(tree.K) == 1 and tree.K[0].S == "/Document"
    keys = set(tree.ParentTree.Nums[::2])
    for index, page in enumerate(assembled.pages):
        assert page.obj.StructParents == index
        for annotation in page.obj.get("/Annots", []):
            assert annotation.StructParent in keys
    assert int(tree.ParentTreeNextKey) == len(keys)
    # The contents' links go to the chapters' pages.
    dests = assembled.Root.Names.Dests.Names
    named = {str(dests[i]): dests[i + 1] for i in range(0, len(dests), 2)}
    for chapter in chapters:
        target = named[f"tiltag-{chapter.initiative.pk}"]
        page = assembled.pages.index(pikepdf.Page(target[0]))
        assert chapter.initiative.name in texts[page]
    assert assembled.Root.Lang == "da" and assembled.Root.MarkInfo.Marked


@override_settings(CATALOGUE_MEMORY_LIMIT_MB=50)
def test_the_worker_refuses_a_pdf_that_needs_more_memory_than_allowed(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        render = services.render_request(
            catalogue=world.catalogue, user=world.users["consultant"]
        )
    render.refresh_from_db()
    assert render.status == RenderStatus.FAILED
    assert render.failure == RenderFailure.ERROR
    assert render.error.startswith("PDF'en er for stor til at blive dannet")
    assert "grænsen er 50 MB" in render.error
    assert not render.file and render.pages is None


def test_the_estimate_grows_with_the_chapters_and_is_bounded_in_parts():
    chapter = '<section class="chapter initiative" id="x">'
    with override_settings(
        CATALOGUE_PART_CHAPTERS=20,
        CATALOGUE_LAYOUT_PROCESSES=2,
        CATALOGUE_MEMORY_LIMIT_MB=1500,
    ):
        small = pdf.estimated_peak_mb(chapter * 10)
        whole = pdf.estimated_peak_mb(chapter * 200, in_parts=False)
        parts = pdf.estimated_peak_mb(chapter * 200)
        assert small < parts < whole
        assert parts == pdf.estimated_peak_mb(chapter * 2000)
        # One document while it fits the limit (faster and smaller), parts beyond.
        assert not pdf.lays_out_in_parts(chapter * 50)  # ~1,130 MB whole
        assert pdf.lays_out_in_parts(chapter * 200)  # ~4,280 MB whole
    with override_settings(CATALOGUE_LAYOUT_PROCESSES=0):
        assert not pdf.lays_out_in_parts(chapter * 200)
