"""A spreadsheet's bytes as rows of text: CSV (as Excel saves it on a Danish Windows
machine too) or XLSX. Anything else, and files too big, empty or unreadable, raise
`FileRefused` with a message in Danish."""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
# Columns past this many are not read (a sheet's stray formatting far to the right).
MAX_COLUMNS = 60
# A row read stays in memory; one cell longer than this is a paste gone wrong (CSV:
# the csv module's own limit, 131,072 characters, refuses longer cells).
MAX_CELL_CHARACTERS = 50_000
# An XLSX is a zip: refuse one that would unpack to more than this (a zip bomb).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# XLSX sheets may have formatted but empty rows far below the data: stop looking.
MAX_SCANNED_ROWS = 20 * MAX_ROWS

ZIP_MAGIC = b"PK\x03\x04"
# An OLE2 compound file: an old .xls, or an XLSX protected by a password.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Files people upload by mistake: PDF, PNG, JPEG, GIF, RTF, gzip.
OTHER_FORMATS = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"{\\rtf", b"\x1f\x8b")


class FileRefused(Exception):
    """The file cannot be read as a spreadsheet; the message says why, in Danish."""


@dataclass
class Table:
    """The first row (the column headers) and the rows below it that are not empty,
    each with its row number in the file (the header is row 1)."""

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    file_format: str = "csv"


def read_table(data: bytes) -> Table:
    """The file's header and rows, or FileRefused."""
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused(
            _("Filen er for stor (%(size)s MB). Den må højst fylde %(limit)s MB.")
            % {
                "size": f"{len(data) / 1024 / 1024:.1f}".replace(".", ","),
                "limit": MAX_FILE_BYTES // 1024 // 1024,
            }
        )
    if not data.strip():
        raise FileRefused(_("Filen er tom."))
    if data.startswith(ZIP_MAGIC):
        table = _read_xlsx(data)
    elif data.startswith(OLE2_MAGIC):
        raise FileRefused(
            _(
                "Filen er beskyttet med en adgangskode eller gemt i det gamle "
                "Excel-format (.xls). Gem den som .xlsx uden adgangskode eller som "
                "CSV, og upload den igen."
            )
        )
    elif data.startswith(OTHER_FORMATS) or _is_markup(data):
        raise FileRefused(_not_a_spreadsheet())
    else:
        table = _read_csv(data)
    while table.header and not table.header[-1]:
        table.header.pop()
    if not any(cell for cell in table.header):
        raise FileRefused(
            _("Første række er tom. Den skal rumme kolonnernes navne (overskrifter).")
        )
    if not table.rows:
        raise FileRefused(
            _("Filen har kun overskrifter – der er ingen rækker at importere.")
        )
    return table


def _too_many_rows() -> FileRefused:
    return FileRefused(
        ngettext(
            "Filen har mere end %(limit)s række. Del den i flere filer.",
            "Filen har mere end %(limit)s rækker. Del den i flere filer.",
            MAX_ROWS,
        )
        % {"limit": MAX_ROWS}
    )


def _add_row(table: Table, number: int, cells: list[str]) -> None:
    cells = cells[:MAX_COLUMNS]
    while cells and not cells[-1]:
        cells.pop()
    if not cells:
        return
    if len(table.rows) >= MAX_ROWS:
        raise _too_many_rows()
    table.rows.append((number, cells))


# CSV


def decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without Excel's byte-order mark),
    UTF-16 with its mark (Excel's "Unicode text"), else Windows-1252 as Excel saves
    "CSV (semikolonsepareret)" on a Danish Windows machine."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if _is_binary(data):
        # A stray NUL in a cell is reported on its row instead.
        raise FileRefused(_not_a_spreadsheet())
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 reads every byte.
        return data.decode("latin-1")


def _is_binary(data: bytes) -> bool:
    """Whether the file is not text: more than one byte in 20 of its beginning is a
    control character other than tab and line breaks (NUL included)."""
    sample = data[:8192]
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 13))
    return controls * 20 > len(sample)


def _is_markup(data: bytes) -> bool:
    """A web page, an SVG picture or other XML (no header row begins with "<")."""
    start = data.removeprefix(codecs.BOM_UTF8).lstrip()[:1]
    return start == b"<"


def _not_a_spreadsheet() -> str:
    return _(
        "Filen er ikke et regneark. Upload en CSV-fil eller en Excel-fil (.xlsx) – "
        "hent evt. skabelonen på denne side."
    )


def delimiter_of(first_line: str) -> str:
    """The delimiter the header row uses: semicolon (Danish Excel), comma or tab –
    whichever it has most of (a semicolon when it has none)."""
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ";"


def _read_csv(data: bytes) -> Table:
    text = decode(data)
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    reader = csv.reader(
        io.StringIO(text.lstrip("\ufeff"), newline=""),
        delimiter=delimiter_of(first_line),
    )
    try:
        header = [cell.strip() for cell in next(reader, [])][:MAX_COLUMNS]
        table = Table(header=header, file_format="csv")
        for number, cells in enumerate(reader, start=2):
            _add_row(table, number, [cell.strip() for cell in cells])
    except csv.Error:
        raise FileRefused(
            _(
                "Filen kunne ikke læses som CSV (en celle er for lang, eller et "
                "anførselstegn er ikke lukket)."
            )
        ) from None
    return table


# XLSX


def cell_text(value: object) -> str:
    """A cell's value as the text the checks read: dates as ISO dates, whole numbers
    without decimals, yes/no for a checkbox cell."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return str(value).replace(".", ",")
    return str(value).strip()


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    unreadable = FileRefused(
        _(
            "Filen kunne ikke læses som Excel-fil (.xlsx). Den kan være beskadiget; "
            "åbn den i Excel, gem den igen, og upload den igen – eller gem den som CSV."
        )
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise unreadable from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileRefused(
            _("Filen fylder for meget, når den pakkes ud. Del den i flere filer.")
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise unreadable from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise unreadable
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        try:
            first = next(rows, None)
            header = [cell_text(v) for v in first or ()]
            table = Table(header=header, file_format="xlsx")
            for number, values in enumerate(rows, start=2):
                if number > MAX_SCANNED_ROWS:
                    break
                cells = [cell_text(v) for v in values]
                if any(len(cell) > MAX_CELL_CHARACTERS for cell in cells):
                    cells = [cell[: MAX_CELL_CHARACTERS + 1] for cell in cells]
                _add_row(table, number, cells)
        except FileRefused:
            raise
        except Exception:
            raise unreadable from None
    finally:
        workbook.close()
    return table
