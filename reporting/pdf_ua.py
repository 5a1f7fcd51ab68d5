"""PDF/UA for the catalogue and the meeting pack: the finishing a tagged WeasyPrint PDF
needs, and machine checks of the rules that can be read from the file.

`finish()` post-processes WeasyPrint's tagged output (pikepdf, no change to the
layout): running headers and footers become artifacts, table headers get a scope and
an ID tree, the title and language go into XMP metadata, and the catalogue asks
viewers to show the title. `problems()` lists, in Danish-free plain English for
developers, what a PDF still lacks; a test asserts it is empty.

The checks are a subset of the Matterhorn protocol (PDF/UA-1) that needs no JVM:
the file is not claimed as PDF/UA (no pdfuaid in the XMP) because the visual rules
(contrast, reading order on the page) are not checked here.
"""

import io
import re

import pikepdf
from pikepdf import Array, Dictionary, Name

__all__ = ["finish", "problems"]

_HEADING = re.compile(r"^/H([1-6])$")


def finish(
    pdf_bytes: bytes, *, title: str | None = None, lang: str | None = None
) -> bytes:
    """The PDF with its tagging completed for PDF/UA; `title` and `lang` default to
    the document info's title and the catalog's /Lang that WeasyPrint wrote."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        root = pdf.Root
        if title is not None:
            pdf.docinfo[Name.Title] = title
        if lang is not None:
            root.Lang = pikepdf.String(lang)
        root.ViewerPreferences = root.get("/ViewerPreferences", Dictionary())
        root.ViewerPreferences.DisplayDocTitle = True
        if "/StructTreeRoot" in root:
            root.MarkInfo = Dictionary(Marked=True)
            _artifact_untagged_marked_content(pdf)
            _table_header_scopes(pdf)
            _id_tree(pdf)
            _parent_tree_next_key(pdf)
        _link_descriptions(pdf)
        _xmp(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def problems(
    pdf_bytes: bytes,
    *,
    title: str | None = None,
    lang: str = "da",
    bookmarks: tuple[str, ...] | list[str] = (),
) -> list[str]:
    """What keeps the PDF from the machine-checkable PDF/UA rules (empty when none):
    tags, language, title shown and stored, figures' alternative text, table
    headers, heading order, content outside the tags, links' descriptions, and one
    bookmark for each title in `bookmarks` (a leading chapter number is ignored)."""
    found = []
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        root = pdf.Root
        if not str(root.get("/Lang", "")).lower().startswith(lang.lower()):
            found.append(
                f"catalog /Lang is {str(root.get('/Lang', ''))!r}, not {lang!r}"
            )
        preferences = root.get("/ViewerPreferences", Dictionary())
        if preferences.get("/DisplayDocTitle") is not True:
            found.append("/ViewerPreferences /DisplayDocTitle is not true")
        found += _title_problems(pdf, title)
        found += _bookmark_problems(pdf, bookmarks)
        if "/StructTreeRoot" not in root:
            found.append("no /StructTreeRoot: the PDF is not tagged")
            return found
        if root.get("/MarkInfo", Dictionary()).get("/Marked") is not True:
            found.append("/MarkInfo /Marked is not true")
        found += _tree_problems(pdf)
    return found


# -- finishing ------------------------------------------------------------------------


def _kids(element):
    """The structure element's children that are structure elements, in order."""
    kids = element.get("/K")
    if kids is None:
        return []
    if not isinstance(kids, Array):
        kids = [kids]
    return [
        kid
        for kid in kids
        if isinstance(kid, Dictionary) and "/S" in kid and kid.get("/Type") != "/OBJR"
    ]


def _walk(element):
    """Every structure element under `element`, depth first in reading order."""
    for kid in _kids(element):
        yield kid
        yield from _walk(kid)


def _parent_tree(pdf):
    """The structure tree's parent tree as {key: value} (a page's MCID array, or an
    annotation's element)."""
    return pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)


def _artifact_untagged_marked_content(pdf):
    """Mark as pagination artifacts the content whose structure element is not in the
    tree (WeasyPrint tags running headers and footers, then leaves their elements out
    of the tree: PDF/UA wants such content tagged or an artifact, never neither)."""
    reachable = {element.objgen for element in _walk(pdf.Root.StructTreeRoot)}
    parent_tree = _parent_tree(pdf)
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        if key is None or int(key) not in parent_tree:
            continue
        elements = parent_tree[int(key)]
        if not isinstance(elements, Array):
            continue
        loose = {
            mcid
            for mcid, element in enumerate(elements)
            if isinstance(element, Dictionary) and element.objgen not in reachable
        }
        if not loose:
            continue
        operations = pikepdf.parse_content_stream(page)
        changed = []
        for operands, operator in operations:
            if (
                str(operator) == "BDC"
                and isinstance(operands[1], Dictionary)
                and int(operands[1].get("/MCID", -1)) in loose
            ):
                operands = [Name.Artifact, Dictionary(Type=Name.Pagination)]
            changed.append(pikepdf.ContentStreamInstruction(operands, operator))
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(changed))
        for mcid in loose:
            elements[mcid] = None


def _table_header_scopes(pdf):
    """Give every TH a /Scope: Column in a table head or a row of headers only,
    Row elsewhere (the catalogue's row headers start their rows)."""
    for element in _walk(pdf.Root.StructTreeRoot):
        if element.get("/S") != "/TR":
            continue
        cells = _kids(element)
        group = element.get("/P", Dictionary()).get("/S")
        all_headers = all(cell.get("/S") == "/TH" for cell in cells)
        scope = Name.Column if group == "/THead" or all_headers else Name.Row
        for cell in cells:
            if cell.get("/S") != "/TH":
                continue
            attributes = cell.get("/A")
            if isinstance(attributes, Array):
                attributes = next(
                    (a for a in attributes if a.get("/O") == "/Table"), None
                )
            if attributes is None:
                cell.A = attributes = Dictionary(O=Name.Table)
            if "/Scope" not in attributes:
                attributes.Scope = scope


def _parent_tree_next_key(pdf):
    """/ParentTreeNextKey: the next free key of the parent tree (one past the
    largest), so a later annotation or page gets a key of its own."""
    keys = [int(key) for key, _value in _parent_tree(pdf).items()]
    pdf.Root.StructTreeRoot.ParentTreeNextKey = max(keys, default=-1) + 1


def _id_tree(pdf):
    """The /IDTree that resolves the element IDs table cells' /Headers point to."""
    structure = pdf.Root.StructTreeRoot
    elements = [e for e in _walk(structure) if "/ID" in e]
    if not elements:
        return
    tree = pikepdf.NameTree.new(pdf)
    for element in elements:
        tree[str(element.ID)] = element
    structure.IDTree = tree.obj


def _link_descriptions(pdf):
    """Describe each internal link by the bookmark at its destination ("3 IT-hjælp")
    instead of WeasyPrint's /Contents, the bare anchor name ("tiltag-3")."""
    if "/Outlines" not in pdf.Root or "/Dests" not in pdf.Root.get("/Names", {}):
        return
    titles = {}
    for title, destination in _outline_entries(pdf):
        if isinstance(destination, Array) and len(destination) >= 4:
            titles.setdefault(_place(destination), title)
    names = pikepdf.NameTree(pdf.Root.Names.Dests)
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", Array()):
            target = annotation.get("/Dest")
            if annotation.get("/Subtype") != "/Link" or not isinstance(
                target, pikepdf.String
            ):
                continue
            destination = names.get(str(target))
            title = titles.get(_place(destination)) if destination else None
            if title:
                annotation.Contents = pikepdf.String(title)


def _place(destination):
    """An explicit /XYZ destination as (page object, rounded top)."""
    try:
        return destination[0].objgen, round(float(destination[3] or 0))
    except (IndexError, TypeError, ValueError, AttributeError):
        return None


def _xmp(pdf):
    """XMP metadata with the document info's title, author and subject, and the
    catalog's language."""
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta.load_from_docinfo(pdf.docinfo)
        if "/Lang" in pdf.Root:
            meta["dc:language"] = [str(pdf.Root.Lang)]


# -- checks ---------------------------------------------------------------------------


def _title_problems(pdf, title):
    found = []
    info_title = str(pdf.docinfo.get("/Title", ""))
    if not info_title.strip():
        found.append("document info has no /Title")
    elif title is not None and info_title != title:
        found.append(f"document info /Title is {info_title!r}, not {title!r}")
    if "/Metadata" not in pdf.Root:
        found.append("no XMP metadata")
    else:
        xmp_title = pdf.open_metadata().get("dc:title", "")
        if xmp_title != info_title:
            found.append(f"XMP dc:title {xmp_title!r} differs from /Title")
    return found


def _outline_entries(pdf):
    """Every bookmark as (title, explicit destination or None), in document order."""
    entries = []
    with pdf.open_outline() as outline:
        stack = list(reversed(outline.root))
        while stack:
            item = stack.pop()
            entries.append((item.title, item.destination))
            stack.extend(reversed(item.children))
    return entries


def _bookmark_problems(pdf, bookmarks):
    if "/Outlines" not in pdf.Root:
        return ["no bookmarks (/Outlines)"]
    titles = [re.sub(r"^\d+\s+", "", t).strip() for t, _ in _outline_entries(pdf)]
    found = []
    for wanted in bookmarks:
        count = titles.count(wanted.strip())
        if count != 1:
            found.append(f"{count} bookmarks titled {wanted!r}, not 1")
    return found


def _text_of(element, name):
    value = element.get(name)
    return str(value).strip() if value is not None else ""


def _tree_problems(pdf):
    structure = pdf.Root.StructTreeRoot
    found = []
    previous_level = 0
    reachable = set()
    for element in _walk(structure):
        reachable.add(element.objgen)
        kind = str(element.get("/S"))
        if kind == "/Figure" and not (
            _text_of(element, "/Alt") or _text_of(element, "/ActualText")
        ):
            found.append("a /Figure without /Alt")
        elif kind == "/Table":
            cells = [e for e in _walk(element) if e.get("/S") in ("/TH", "/TD")]
            headers = [c for c in cells if c.get("/S") == "/TH"]
            if not headers:
                found.append("a /Table without header cells (/TH)")
            for header in headers:
                attributes = header.get("/A", Dictionary())
                if isinstance(attributes, Array):
                    attributes = next(iter(attributes), Dictionary())
                if "/Scope" not in attributes:
                    found.append("a /TH without /Scope")
                    break
        elif match := _HEADING.match(kind):
            level = int(match.group(1))
            if previous_level == 0 and level != 1:
                found.append(f"the first heading is H{level}, not H1")
            elif level > previous_level + 1 and previous_level:
                found.append(f"heading level skipped: H{previous_level} → H{level}")
            previous_level = level
        if "/ID" in element and "/IDTree" not in structure:
            found.append("elements have /ID but the tree has no /IDTree")
    if previous_level == 0:
        found.append("no headings (H1–H6) in the structure tree")
    found += _loose_content(pdf, reachable)
    found += _link_problems(pdf)
    return list(dict.fromkeys(found))  # each problem once, in order


def _loose_content(pdf, reachable):
    """Marked content whose structure element is not in the tree (neither tagged
    content nor an artifact)."""
    loose = 0
    for value in _parent_tree(pdf).values():
        elements = value if isinstance(value, Array) else [value]
        loose += sum(
            1
            for element in elements
            if isinstance(element, Dictionary) and element.objgen not in reachable
        )
    return [f"{loose} marked content items outside the structure tree"] if loose else []


def _link_problems(pdf):
    found = []
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", Array()):
            if annotation.get("/Subtype") != "/Link":
                continue
            description = _text_of(annotation, "/Contents")
            if not description:
                found.append("a link annotation without /Contents")
            elif description == str(annotation.get("/Dest", "")):
                found.append(f"a link described by its anchor name {description!r}")
            if "/StructParent" not in annotation:
                found.append("a link annotation outside the structure tree")
    return found
