"""The results catalogue as a PDF: selectors → render_to_string → WeasyPrint → bytes.

WeasyPrint reads every image, stylesheet and font through `LocalFilesOnly`, which
serves the app's own static files and media files from disk (or the media storage)
and refuses everything else, so nothing a user typed into a text field can make the
server fetch a URL (`http:`, `file:` or any other).
"""

import base64
import hashlib
import itertools
import logging
import mimetypes
import re
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.text import get_text_list
from PIL import Image
from weasyprint import HTML, PROGRESS_LOGGER
from weasyprint.text.fonts import FontConfiguration

from dashboards import charts

from . import pdf_parts, pdf_ua, selectors
from .fetcher import BASE_URL, LocalFilesOnly, RefusedURL  # noqa: F401 (re-exported)

logger = logging.getLogger(__name__)

# The catalogue's HTML is laid out as if it lived here; nothing is ever fetched from
# this address: LocalFilesOnly maps its /static/ and /media/ paths to files.
# (fetcher.BASE_URL: the catalogue's HTML is laid out as if it lived there.)
TEMPLATE = "reporting/catalogue/document.html"
# Charts sit two to a row on A4 (about 80 mm wide): drawn small, their labels stay
# about 7 pt when scaled.
CHART_SIZE = (420, 300)
# A chapter's last chart when it would be alone on its row: the whole width, drawn at
# the same scale (static/css/catalogue.css gives it the row).
CHART_WIDE = (890, 300)


def readable_image(file_field):
    """True when the stored image exists and decodes (else it is left out)."""
    try:
        with default_storage.open(file_field.name) as handle:
            with Image.open(handle) as image:
                image.verify()
        return True
    except Exception:
        return False


def in_app_photo_url(photo) -> str:
    """A photo's address in the app (for signed-in readers)."""
    return reverse("testing:photo", args=[photo.pk])


def image_data_uri(file_field) -> str:
    """A small stored image (a logo) as a data: URI, the same in the PDF and on any
    page (no address to serve it from, no login needed)."""
    with default_storage.open(file_field.name) as handle:
        body = handle.read()
    kind = mimetypes.guess_type(file_field.name)[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(body).decode()}"


def catalogue_context(*, catalogue, for_pdf, photo_url=in_app_photo_url):
    """Everything the catalogue template shows (the same for the preview and the PDF).

    `photo_url(photo)`: where a browser reads a photo (the PDF reads it from the
    storage by name: with S3, file.url would be a signed address on another host,
    which the fetcher refuses)."""
    project = catalogue.project
    chapters = selectors.catalogue_chapters(catalogue=catalogue)
    for content in chapters:
        # Weekly sums of counts and hours; a rating scale is shown as its mean only.
        content.charts = charts.figure_charts(
            content.figures,
            keys={f.key for f in content.figures if f.can_sum},
            width=CHART_SIZE[0],
            height=CHART_SIZE[1],
        )
        if len(content.charts) % 2:
            content.charts[-1:] = charts.figure_charts(
                content.figures,
                keys={content.charts[-1].key},
                width=CHART_WIDE[0],
                height=CHART_WIDE[1],
            )
        for photo in content.photos:
            photo.readable = readable_image(photo.file)
            photo.src = _photo_src(photo, for_pdf, photo_url)
        content.printable_photos = [p for p in content.photos if p.readable]
    by_chapter, sources = selectors.number_sources(chapters)
    for content in chapters:
        content.sources = by_chapter[content.chapter.pk]
    sites = list(selectors.catalogue_sites(project=project))
    municipalities = sorted({site.municipality.name for site in sites})
    cover = selectors.cover_photo(catalogue=catalogue)
    if cover is not None and readable_image(cover.file):
        cover.src = _photo_src(cover, for_pdf, photo_url)
    else:
        cover = None
    logos = []
    for logo in selectors.catalogue_logos(catalogue=catalogue):
        if readable_image(logo.image):
            logo.src = image_data_uri(logo.image)
            logos.append(logo)
    author_logo = (
        image_data_uri(catalogue.author_logo)
        if catalogue.author_logo and readable_image(catalogue.author_logo)
        else None
    )
    return {
        "catalogue": catalogue,
        "project": project,
        "chapters": chapters,
        "sources": sources,
        "source_groups": [
            (chapter, list(group))
            for chapter, group in itertools.groupby(sources, key=lambda s: s.chapter)
        ],
        "facts": selectors.method_facts(project=project),
        "sites": sites,
        "municipalities": municipalities,
        "commissioners": catalogue.commissioners or get_text_list(municipalities, "og"),
        "cover_photo": cover,
        "logos": logos,
        "author_logo": author_logo,
        "accent_class": "accent-" + catalogue.accent_colour.lstrip("#").lower(),
        "for_pdf": for_pdf,
    }


def _photo_src(photo, for_pdf, photo_url):
    if for_pdf:
        return settings.MEDIA_URL + quote(photo.file.name)
    return photo_url(photo)


def catalogue_html(*, catalogue, for_pdf=True, photo_url=in_app_photo_url):
    """The catalogue as one HTML document, in Danish (the preview's bar above it is
    in the language of the person looking)."""
    ui_language = translation.get_language() or "da"
    with translation.override("da"):
        context = catalogue_context(
            catalogue=catalogue, for_pdf=for_pdf, photo_url=photo_url
        )
        return render_to_string(TEMPLATE, {**context, "ui_language": ui_language})


@dataclass(frozen=True)
class WebEdition:
    """The catalogue's web edition as published: its HTML and the photos it shows."""

    html: str
    photo_ids: list[int]


def catalogue_web_edition(*, catalogue, token, published_at, published_by_name=""):
    """The catalogue as its accessible web edition (the same template and content as
    the PDF, with a header, a skip link and a footer instead of the preview's bar),
    whose photos and PDF are served under the publication's token (public_*
    views). Always in Danish."""

    def photo_url(photo):
        return reverse("reporting:publication_photo", args=[token, photo.pk])

    with translation.override("da"):
        context = catalogue_context(
            catalogue=catalogue, for_pdf=False, photo_url=photo_url
        )
        cover = context["cover_photo"]
        photo_ids = sorted(
            {
                photo.pk
                for content in context["chapters"]
                for photo in content.printable_photos
            }
            | ({cover.pk} if cover is not None else set())
        )
        html = render_to_string(
            TEMPLATE,
            {
                **context,
                "ui_language": "da",
                "edition": "web",
                "edition_pdf_url": reverse("reporting:publication_pdf", args=[token]),
                "published_at": published_at,
                "published_by_name": published_by_name,
            },
        )
    return WebEdition(html=html, photo_ids=photo_ids)


# Static files the web edition links to, as addresses: a publication's HTML keeps
# the addresses of its day, and with hashed names (ManifestStaticFilesStorage) those
# go when the files change; the views point them at today's files (style, not
# content). Only our own attributes can match: user text has its quotes escaped.
_STATIC_ASSETS = ("css/catalogue.css", "img/favicon.svg", "js/catalogue-web.js")


def current_static_urls(html):
    """The web edition's HTML with its stylesheet and icon at today's addresses."""
    prefix = re.escape(settings.STATIC_URL)
    for name in _STATIC_ASSETS:
        stem, dot, extension = name.rpartition(".")
        pattern = re.compile(
            rf'(href|src)="{prefix}{re.escape(stem)}(?:\.[0-9a-f]{{12}})?'
            rf'{re.escape(dot + extension)}"'
        )
        html = pattern.sub(lambda m, name=name: f'{m.group(1)}="{static(name)}"', html)
    return html


PACK_TEMPLATE = "reporting/meeting_pack/document.html"


def meeting_pack_context(*, meeting, for_pdf):
    """What the meeting pack shows, the same on the page and in the PDF: the pack
    (selectors.meeting_pack) with each initiative's chart drawn in."""
    pack = selectors.meeting_pack(meeting=meeting)
    for item in pack.initiatives:
        item.chart = charts.trend_chart(
            initiative=item.initiative, figure_list=item.summary.figures
        )
    return {"pack": pack, "for_pdf": for_pdf, "project": meeting.project}


def meeting_pack_html(*, meeting):
    """The meeting pack as one HTML document for its PDF, in Danish."""
    with translation.override("da"):
        return render_to_string(
            PACK_TEMPLATE, meeting_pack_context(meeting=meeting, for_pdf=True)
        )


# Measured by benchmarks/catalogue_bench.py (long chapters with 7 charts and their
# tables, notes and sources): the layout's peak grows ~21 MB per chapter in one
# process (4317 MB for 200 chapters, 1046 pages), on top of ~80 MB. The demo's
# chapters are shorter: the estimate errs on the safe side.
MB_PER_CHAPTER = 21
BASE_MB = 80


class MemoryRefused(Exception):
    """The PDF would need more memory than settings.CATALOGUE_MEMORY_LIMIT_MB."""


def estimated_peak_mb(html, *, in_parts=True):
    """The layout's estimated peak memory (MB, all its processes together), from the
    number of chapters in the HTML: one document holds all its pages until it is
    written; in parts, each process holds one part (pdf_parts)."""
    chapters = len(pdf_parts.CHAPTER.findall(html))
    if in_parts and lays_out_in_parts(html):
        processes = settings.CATALOGUE_LAYOUT_PROCESSES
        part = settings.CATALOGUE_PART_CHAPTERS
        return round(BASE_MB + processes * (BASE_MB + part * MB_PER_CHAPTER))
    return round(BASE_MB + chapters * MB_PER_CHAPTER)


def lays_out_in_parts(html):
    """True when the catalogue is laid out in parts: only when one document would
    need more than settings.CATALOGUE_MEMORY_LIMIT_MB (below that, one document is
    faster and smaller: benchmarks/README.md), and it has more chapters than a part."""
    chapters = len(pdf_parts.CHAPTER.findall(html))
    return bool(
        settings.CATALOGUE_LAYOUT_PROCESSES
        and chapters > settings.CATALOGUE_PART_CHAPTERS
        and estimated_peak_mb(html, in_parts=False) > settings.CATALOGUE_MEMORY_LIMIT_MB
    )


def check_memory(html, *, in_parts=True):
    """Raise MemoryRefused (a Danish message) when the layout would need more memory
    than the worker may use, instead of the system killing the worker."""
    limit = settings.CATALOGUE_MEMORY_LIMIT_MB
    estimate = estimated_peak_mb(html, in_parts=in_parts)
    if limit and estimate > limit:
        raise MemoryRefused(
            f"PDF'en er for stor til at blive dannet: den anslås at kræve ca. "
            f"{estimate} MB hukommelse, og grænsen er {limit} MB. Tag kapitler ud af "
            f"kataloget, eller bed driften om at hæve grænsen "
            f"(CATALOGUE_MEMORY_LIMIT_MB)."
        )


def content_hash(html):
    return hashlib.sha256(html.encode()).hexdigest()


class _ProgressHandler(logging.Handler):
    """Turns WeasyPrint's progress log ("Step 4 - Creating layout") into a callback."""

    def __init__(self, callback):
        super().__init__(level=logging.INFO)
        self.callback = callback
        self.last_step = None

    def emit(self, record):
        message = record.getMessage()
        if message.startswith("Step "):
            try:
                step = int(message.split()[1])
            except (IndexError, ValueError):
                return
            if step != self.last_step:
                self.last_step = step
                self.callback(step, message)


def html_to_pdf(html, *, on_step=None, in_parts=True):
    """(pdf bytes, page count, refused URLs). `on_step(n, message)` is called for each
    of WeasyPrint's six steps.

    A catalogue of more than settings.CATALOGUE_PART_CHAPTERS chapters is laid out in
    parts by settings.CATALOGUE_LAYOUT_PROCESSES processes and assembled
    (pdf_parts); `in_parts=False` lays it out as one document (as before)."""
    processes = settings.CATALOGUE_LAYOUT_PROCESSES
    if in_parts and lays_out_in_parts(html):
        if on_step:
            on_step(5, "Step 5 - Creating layout")
        result = pdf_parts.layout_in_parts(
            html,
            base_url=BASE_URL,
            stylesheet_href=static("css/catalogue.css"),
            part_chapters=settings.CATALOGUE_PART_CHAPTERS,
            processes=processes,
        )
        if result is not None:
            content, pages, refused = result
            return pdf_ua.finish(content), pages, refused
    fetcher = LocalFilesOnly()
    handler = _ProgressHandler(on_step) if on_step else None
    previous = PROGRESS_LOGGER.level, PROGRESS_LOGGER.propagate
    if handler:
        PROGRESS_LOGGER.addHandler(handler)
        PROGRESS_LOGGER.setLevel(logging.INFO)
        PROGRESS_LOGGER.propagate = False  # the steps go to the render, not the log
    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
            font_config=FontConfiguration(), pdf_tags=True
        )
        pdf = pdf_ua.finish(document.write_pdf(pdf_tags=True))
    finally:
        if handler:
            PROGRESS_LOGGER.removeHandler(handler)
            PROGRESS_LOGGER.setLevel(previous[0])
            PROGRESS_LOGGER.propagate = previous[1]
    return pdf, len(document.pages), fetcher.refused
