"""Spreadsheets for the import tests, made on the fly (no binaries in the repository):
XLSX with openpyxl (real date cells), CSV as Danish Excel saves it."""

import csv
import datetime
import io

from openpyxl import Workbook

INTERVIEW_HEADER = [
    "Nøgle",
    "Sted",
    "Ydelse",
    "Aldersgruppe",
    "Dato",
    "Længde",
    "Noter",
]
QUOTE_HEADER = ["Citat", "Hvem siger det", "Samtykke", "Aldersgruppe", "Ydelse", "Sted"]
BANDS = ["18-29", "30-49", "50-69", "70+", "0–17 år"]


def interview_rows(count, *, site="Sted A", service="Pas", keys=True):
    """`count` good interview rows (dates as date objects, for date cells)."""
    return [
        [
            f"R-{n:02d}" if keys else "",
            site,
            service,
            BANDS[n % len(BANDS)],
            datetime.date(2017, 5, 1 + n % 28),
            "langt" if n % 9 == 0 else "kort",
            f"Interview nummer {n}.",
        ]
        for n in range(1, count + 1)
    ]


def xlsx(header, rows, *, sheet_title="Interviews"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD-MM-YYYY"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # "=…" stays text
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(header, rows, *, delimiter=";", encoding="utf-8-sig"):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [v.strftime("%d-%m-%Y") if isinstance(v, datetime.date) else v for v in row]
        )
    return out.getvalue().encode(encoding)
