"""The downloadable templates: the header row and one example row, as XLSX (with a
second sheet of the values the project accepts) or as CSV for Danish Excel."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from django.utils.translation import gettext as _

from sites.models import CitizenService

from ..models import AgeBand, ImportKind, Term, Vocabulary
from .columns import COLUMNS, Column

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def allowed_values(project: Any) -> dict[str, list[str]]:
    """The values the project accepts in its name columns."""
    return {
        "site": list(project.sites.order_by("name").values_list("name", flat=True)),
        "service": list(
            CitizenService.objects.order_by("name").values_list("name", flat=True)
        ),
        "age_band": [f"{band.value} ({band.label})" for band in AgeBand],
        "topics": list(
            Term.objects.filter(project=project, vocabulary=Vocabulary.QUOTE_TAG)
            .order_by("position", "name")
            .values_list("name", flat=True)
        ),
    }


def example_row(project: Any, kind: str) -> list[Any]:
    values = allowed_values(project)
    examples: dict[str, Any] = {
        "site": values["site"][0] if values["site"] else "",
        "service": "Pas"
        if "Pas" in values["service"]
        else (values["service"] or [""])[0],
        "held_on": datetime.date(2017, 5, 12),
        "topics": values["topics"][0] if values["topics"] else "",
    }
    columns: tuple[Column, ...] = COLUMNS[ImportKind(kind)]
    return [examples.get(c.key, c.example) for c in columns]


def _as_text(value: Any) -> Any:
    """A text that a spreadsheet would run as a formula is written as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def template_xlsx(project: Any, kind: str) -> bytes:
    from openpyxl import Workbook

    columns = COLUMNS[ImportKind(kind)]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(
        _("Interviews") if kind == ImportKind.INTERVIEWS else _("Citater")
    )
    sheet.append([c.header for c in columns])
    row = example_row(project, kind)
    sheet.append(row)
    for cell in sheet[2]:
        if isinstance(cell.value, datetime.date):
            cell.number_format = "DD-MM-YYYY"
        else:
            cell.data_type = "s"
    for index, column in enumerate(columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, len(column.header) + 4)
    values = workbook.create_sheet(str(_("Gyldige værdier")))
    lists = allowed_values(project)
    names = {"site": _("Sted"), "service": _("Ydelse"), "age_band": _("Aldersgruppe")}
    if kind == ImportKind.QUOTES:
        names["topics"] = _("Emner")
    values.append([str(n) for n in names.values()])
    longest = max(len(lists[k]) for k in names)
    for i in range(longest):
        line = [lists[k][i] if i < len(lists[k]) else "" for k in names]
        values.append(line)
    for cells in values.iter_rows():
        for cell in cells:
            cell.data_type = "s"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _data_date(day: datetime.date) -> str:
    """A date in the file as the import reads it (dd-mm-yyyy, data not display)."""
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


def template_csv(project: Any, kind: str) -> bytes:
    """Semicolons and a byte-order mark, as Danish Excel opens it."""
    columns = COLUMNS[ImportKind(kind)]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in columns])
    row = example_row(project, kind)
    writer.writerow(
        [_data_date(v) if isinstance(v, datetime.date) else _as_text(v) for v in row]
    )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
