"""A long catalogue laid out in parts, in parallel processes, and assembled into one PDF.

WeasyPrint keeps every laid-out page of a document until it writes the file, so one
process holding 200 long chapters grows past 2 GB. Here the catalogue's HTML is cut
at its chapters (`<section class="chapter initiative"`) into a front part (cover,
colophon, contents, introduction, overview) and parts of `part_chapters` chapters
(the appendix goes with the last), each laid out by WeasyPrint in a pool of
processes, and the PDFs are joined with pikepdf so that what depends on the whole
document is still right:

- page numbers ("Side 7 af 826"): the parts are laid out without them; a folio PDF,
  laid out by WeasyPrint with the same page rule, is drawn over every page;
- the contents' page numbers: the front part is laid out a second time, when the
  chapters' pages are known, with those numbers as text;
- links: WeasyPrint links by named destination; every part gets empty stand-ins for
  the anchors it links to in other parts, and the assembled PDF names each anchor's
  real page;
- bookmarks: rebuilt from the headings WeasyPrint reports for every part;
- tags: every part's structure elements go under one Document element, and the
  parent tree is numbered anew (pages first, then annotations, as WeasyPrint does).
"""

import html as html_lib
import io
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import pikepdf

from .fetcher import LocalFilesOnly

CHAPTER = re.compile(r'<section class="chapter initiative"')
APPENDIX = re.compile(r'<section class="chapter appendix"')
MAIN_START = re.compile(r"<main\b[^>]*>")
MAIN_END = "</main>"
CLOSING = "\n</main>\n</body>\n</html>\n"
IDS = re.compile(r'\sid="([^"]+)"')
HREFS = re.compile(r'href="#([^"]+)"')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)

# The parts have no page numbers (the folio adds them); the chapters' parts carry the
# document's title in their running head (the front part sets it from its h1).
NO_FOLIO_CSS = "@page { @bottom-right { content: none; } }"


def _css_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


@dataclass
class Part:
    """One part's HTML and the anchors it links to in other parts (stand-ins)."""

    html: str
    stand_ins: set


def split_html(html, *, part_chapters):
    """The catalogue's HTML as parts (a list of Part), or None when it is short
    (at most `part_chapters` chapters) or not cut where expected."""
    starts = [m.start() for m in CHAPTER.finditer(html)]
    main = MAIN_START.search(html)
    if len(starts) <= part_chapters or main is None:
        return None
    main_end = html.rindex(MAIN_END)
    appendix = APPENDIX.search(html, starts[-1])
    chapters_end = appendix.start() if appendix else main_end
    head = html[: main.end()]
    bodies = [html[main.end() : starts[0]]]
    for index in range(0, len(starts), part_chapters):
        group = starts[index : index + part_chapters]
        end = (
            starts[index + part_chapters]
            if index + part_chapters < len(starts)
            else chapters_end
        )
        body = html[group[0] : end]
        if end == chapters_end:
            body += html[chapters_end:main_end]
        bodies.append(body)
    parts = []
    for body in bodies:
        own = set(IDS.findall(body))
        stand_ins = set(HREFS.findall(body)) - own
        anchors = "".join(
            f'<span id="{html_lib.escape(name)}"></span>' for name in sorted(stand_ins)
        )
        holder = (
            f'<div style="height:0;overflow:hidden">{anchors}</div>' if anchors else ""
        )
        parts.append(Part(html=head + body + holder + CLOSING, stand_ins=stand_ins))
    return parts


def _init_process():
    import django

    django.setup()


def layout_part(html, css, base_url):
    """In a pool process: one part laid out and written. Returns its PDF bytes, its
    pages' anchors ({name: (page index, x, y)}) and bookmarks ([(level, label, page
    index, x, y)])."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = LocalFilesOnly()
    font_config = FontConfiguration()
    if css:  # after the document's own stylesheets, so that it wins
        html = html.replace("</head>", f"<style>{css}</style></head>", 1)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        font_config=font_config, pdf_tags=True
    )
    anchors = {}
    bookmarks = []
    for index, page in enumerate(document.pages):
        for name, (x, y, *_rest) in page.anchors.items():
            anchors.setdefault(name, (index, x, y))
        for level, label, (x, y), _state in page.bookmarks:
            bookmarks.append((level, label, index, x, y))
    content = document.write_pdf(pdf_tags=True)
    return {
        "pdf": content,
        "pages": len(document.pages),
        "anchors": anchors,
        "bookmarks": bookmarks,
        "refused": fetcher.refused,
    }


def folio_html(*, pages, stylesheet_href, cover_pages=1):
    """A document of `pages` empty pages with the catalogue's page rule: only its
    page numbers show. The first `cover_pages` are cover pages (no number)."""
    body = "".join(
        f'<div style="break-before:page{";page:cover" if i < cover_pages else ""}">'
        "</div>"
        for i in range(pages)
    )
    return (
        f'<!doctype html><html lang="da"><head><meta charset="utf-8"><title>-</title>'
        f'<link rel="stylesheet" href="{stylesheet_href}"></head>'
        f'<body class="for-pdf">{body}</body></html>'
    )


def toc_css(page_of):
    """The contents' page numbers as text: {anchor name: page number}."""
    return "\n".join(
        f'.for-pdf .toc a[href="#{name}"]::after '
        f'{{ content: leader(".") " {number}"; }}'
        for name, number in page_of.items()
    )


def layout_in_parts(html, *, base_url, stylesheet_href, part_chapters, processes):
    """(pdf bytes, page count, refused URLs) of a long catalogue, laid out in parts in
    `processes` processes; None when it is short enough for one document."""
    parts = split_html(html, part_chapters=part_chapters)
    if parts is None:
        return None
    title_match = TITLE.search(html)
    title = html_lib.unescape(title_match.group(1).strip()) if title_match else ""
    chapter_css = NO_FOLIO_CSS + (
        f" @page {{ @top-right {{ content: {_css_string(title)}; }} }}"
    )
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=processes, mp_context=context, initializer=_init_process
    ) as pool:
        # The front part first: its page count places the chapters.
        futures = [pool.submit(layout_part, parts[0].html, NO_FOLIO_CSS, base_url)]
        futures += [
            pool.submit(layout_part, part.html, chapter_css, base_url)
            for part in parts[1:]
        ]
        results = [future.result() for future in futures]
        offsets = []
        total = 0
        for result in results:
            offsets.append(total)
            total += result["pages"]
        page_of = {}
        for index, (part, result) in enumerate(zip(parts, results, strict=True)):
            for name, (page, _x, _y) in result["anchors"].items():
                if name not in part.stand_ins:
                    page_of.setdefault(name, offsets[index] + page + 1)
        # Again the front part with the chapters' page numbers, beside the folio.
        front = pool.submit(
            layout_part,
            parts[0].html,
            NO_FOLIO_CSS
            + "\n"
            + toc_css({n: p for n, p in page_of.items() if n in parts[0].stand_ins}),
            base_url,
        )
        folio = pool.submit(
            layout_part,
            folio_html(pages=total, stylesheet_href=stylesheet_href),
            "",
            base_url,
        )
        front_result = front.result()
        folio_result = folio.result()
    if front_result["pages"] != results[0]["pages"]:
        raise RuntimeError("the contents changed length when numbered")
    results[0] = front_result
    refused = [url for result in results for url in result["refused"]]
    return assemble(results, parts, folio_result["pdf"]), total, refused


def _nums(tree):
    """A number tree's {key: value} (WeasyPrint writes a flat /Nums array)."""
    nums = tree.get("/Nums", [])
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def _copy(target, value):
    """`value` of another PDF in `target` (its indirect objects copied once)."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return target.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copy(target, item) for item in value])
    return value


def assemble(results, parts, folio):
    """One PDF of the parts' PDFs (in order), with the folio drawn over each page."""
    target = pikepdf.open(io.BytesIO(results[0]["pdf"]))
    root = target.Root.StructTreeRoot
    document = root.K[0]
    page_keys = {}  # new page index → its elements in the parent tree
    annotation_entries = []  # (annotation, its element) in page order
    dests = {}
    bookmarks = []
    sources = []
    offset = 0
    for index, (result, part) in enumerate(zip(results, parts, strict=True)):
        source = target if index == 0 else pikepdf.open(io.BytesIO(result["pdf"]))
        sources.append(source)
        source_tree = source.Root.StructTreeRoot
        parent_tree = _nums(source_tree.ParentTree)
        if index:
            target.pages.extend(source.pages)
            parent_tree = {
                key: _copy(target, value) for key, value in parent_tree.items()
            }
            elements = _copy(target, source_tree.K[0].K)
            for element in elements:
                element.P = document
                document.K.append(element)
        for local, page in enumerate(target.pages[offset : offset + result["pages"]]):
            page_keys[offset + local] = parent_tree[int(page.obj.StructParents)]
            page.obj.StructParents = offset + local
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation_entries.append(
                        (annotation, parent_tree[int(annotation.StructParent)])
                    )
        names = source.Root.get("/Names", {}).get("/Dests", {}).get("/Names", [])
        for i in range(0, len(names), 2):
            name = str(names[i])
            if name in part.stand_ins or name in dests:
                continue
            dest = names[i + 1] if index == 0 else _copy(target, names[i + 1])
            dests[name] = dest
        for level, label, page, x, y in result["bookmarks"]:
            # CSS px from the top left → PDF points from the bottom left.
            height = float(target.pages[offset + page].mediabox[3])
            bookmarks.append((level, label, offset + page, x * 0.75, height - y * 0.75))
        offset += result["pages"]
    nums = pikepdf.Array()
    for key in range(len(page_keys)):
        nums.append(key)
        nums.append(page_keys[key])
    for number, (annotation, element) in enumerate(annotation_entries, len(page_keys)):
        annotation.StructParent = number
        nums.append(number)
        nums.append(element)
    root.ParentTree = target.make_indirect(pikepdf.Dictionary(Nums=nums))
    root.ParentTreeNextKey = len(page_keys) + len(annotation_entries)
    if dests:
        flat = pikepdf.Array()
        for name in sorted(dests):
            flat.append(pikepdf.String(name))
            flat.append(dests[name])
        if "/Names" not in target.Root:
            target.Root.Names = pikepdf.Dictionary()
        target.Root.Names.Dests = target.make_indirect(pikepdf.Dictionary(Names=flat))
    _outline(target, bookmarks)
    folio_pdf = pikepdf.open(io.BytesIO(folio))
    for page, folio_page in zip(target.pages, folio_pdf.pages, strict=True):
        page.add_overlay(folio_page)
    output = io.BytesIO()
    target.save(output)
    return output.getvalue()


def _outline(target, bookmarks):
    """The bookmarks, nested by heading level as WeasyPrint nests them."""
    if "/Outlines" in target.Root:
        del target.Root["/Outlines"]
    with target.open_outline() as outline:
        stack = []  # (level, item)
        for level, label, page, x, y in bookmarks:
            item = pikepdf.OutlineItem(label, page, "XYZ", left=x, top=y)
            while stack and stack[-1][0] >= level:
                stack.pop()
            (stack[-1][1].children if stack else outline.root).append(item)
            stack.append((level, item))
