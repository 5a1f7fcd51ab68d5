"""CSV and XLSX exports of the schemas and of the progress matrix, streamed.

Rows are produced in batches straight from the database (`.iterator()` and one answer
query per batch) and written as they come: the CSV goes out as a streaming response,
the XLSX is written by openpyxl in write-only mode to a temporary file that is then
streamed. Neither holds the whole export in memory.

For Excel in Danish: the CSV uses semicolons, decimal commas, dates as dd-mm-åååå and
a UTF-8 byte-order mark; the XLSX has real numbers and dates in typed cells.

Exports are data, not code (OWASP "CSV injection"): every cell and header goes through
`csv_field` or `xlsx_cell`, which decide alike what is a number and what is text. A
typed Python value (int, Decimal, float, bool, date) is a number or a date and is
written as one, negative numbers too; a string is text, whatever it looks like ("-3"
typed into a text answer stays text). Text beginning with = + - @ tab or carriage
return (`FORMULA_TRIGGERS`) gets a leading apostrophe in the CSV, so no spreadsheet
reads it as a formula; in the XLSX every text is a string cell (never a formula or an
error value), and such text is also marked "quote prefix", so Excel keeps it text
when somebody edits the cell.

Answers to questions that may hold personal data (`Question.holds_personal_data`,
e.g. citizens' quotes) are not exported at all, for any role: a spreadsheet leaves
the app, and with it access control, erasure and retention (see the README).
"""

import csv
import datetime
import tempfile
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from core.forms import plain_number
from testing.models import PeriodKind, SubmissionStatus

from . import numbers, selectors

BATCH = 500


def submission_table(*, project, site_ids, initiative=None):
    """(header, rows): the header row and a generator of rows of Python values."""
    columns, column_of = selectors.export_columns(
        project=project, initiative=initiative
    )
    header = [
        _("Tiltag"),
        _("Sted"),
        _("Periode"),
        _("Uge"),
        _("År"),
        _("Frist"),
        _("Status"),
        _("Indsendt"),
        _("Gennemgået"),
    ] + columns
    index = {text: position for position, text in enumerate(columns)}
    rows = selectors.export_submissions(
        project=project, site_ids=site_ids, initiative=initiative
    )
    labels = {
        "kind": {value: str(label) for value, label in PeriodKind.choices},
        "status": {value: str(label) for value, label in SubmissionStatus.choices},
    }

    def batches():
        batch = []
        for row in rows.iterator(chunk_size=BATCH):
            batch.append(row)
            if len(batch) == BATCH:
                yield from _rows(batch, column_of, index, labels)
                batch = []
        if batch:
            yield from _rows(batch, column_of, index, labels)

    return header, batches()


def _rows(batch, column_of, index, labels):
    answers = selectors.export_answers(submission_ids=[row[0] for row in batch])
    for (
        pk,
        initiative_id,
        initiative_name,
        site_name,
        kind,
        week,
        due_on,
        status,
        submitted_at,
        reviewed_at,
    ) in batch:
        values = [None] * len(index)
        for key, value in answers.get(pk, {}).items():
            text = column_of.get((initiative_id, key))
            if text is not None and value != "":
                values[index[text]] = value
        iso = week.isocalendar()
        yield [
            initiative_name,
            site_name,
            labels["kind"][kind],
            iso.week if kind == PeriodKind.WEEK else None,
            iso.year,
            due_on,
            labels["status"][status],
            submitted_at,
            reviewed_at,
        ] + values


def entry_table(*, project, site_ids, initiative=None):
    """(header, rows): one row per entry of a repeated section (an event, a visit),
    keyed to its schema by the same first columns as the schemas' sheet."""
    columns, column_of = selectors.export_columns(
        project=project, initiative=initiative, repeated=True
    )
    header = [
        _("Tiltag"),
        _("Sted"),
        _("Periode"),
        _("Uge"),
        _("År"),
        _("Afsnit"),
        _("Nr."),
    ] + columns
    index = {text: position for position, text in enumerate(columns)}
    titles = selectors.repeated_section_titles(project=project)
    kinds = {value: str(label) for value, label in PeriodKind.choices}

    def rows():
        numbers: dict[tuple[int, str], int] = {}
        for submission, section_key, answers in selectors.export_entries(
            project=project, site_ids=site_ids, initiative=initiative
        ):
            pk, initiative_id, initiative_name, site_name, kind, week = submission[:6]
            number = numbers[(pk, section_key)] = numbers.get((pk, section_key), 0) + 1
            values = [None] * len(index)
            for key, value in answers.items():
                text = column_of.get((initiative_id, key))
                if text is not None and value != "":
                    values[index[text]] = value
            iso = week.isocalendar()
            yield [
                initiative_name,
                site_name,
                kinds[kind],
                iso.week if kind == PeriodKind.WEEK else None,
                iso.year,
                titles.get((initiative_id, section_key), section_key),
                number,
            ] + values

    return header, rows()


def matrix_table(*, project, site_ids, initiatives):
    """(header, rows) of the progress matrix: a row per initiative and site."""
    progress = selectors.matrix(initiatives=initiatives, site_ids=site_ids)
    header = [
        _("Tiltag"),
        _("Sted"),
        _("Status"),
        _("Indsendt/godkendt"),
        _("Skemaer i alt"),
        _("Uger"),
        _("Sendt til tiden"),
        _("Skemaer med frist"),
    ]
    rows = []
    for initiative in initiatives:
        for run_progress in progress.get(initiative.pk, []):
            rows.append(
                [
                    initiative.name,
                    run_progress.run.site.name,
                    initiative.get_status_display(),
                    run_progress.done,
                    run_progress.total,
                    ", ".join(
                        f"{label}: {selectors.WEEK_STATES[state][1]}"
                        for label, state in run_progress.weeks
                    ),
                    run_progress.on_time.on_time,
                    run_progress.on_time.due,
                ]
            )
    return header, iter(rows)


def summary_table(*, project, site_ids, initiatives):
    """(header, rows) of every question summarised (selectors.initiative_summaries):
    a row per initiative, question, site (and all sites) and week (and the whole
    test). Numbers are typed; a scale has a mean and its distribution, never a sum;
    shares are percentages. No text answers: only how many answered."""
    summaries = selectors.initiative_summaries(
        initiative_ids=[i.pk for i in initiatives], site_ids=site_ids
    )
    header = [
        _("Tiltag"),
        _("Spørgsmål"),
        _("Spørgsmålstype"),
        _("Sted"),
        _("Periode"),
        _("Svar (n)"),
        _("I alt"),
        _("Gennemsnit"),
        _("Mindst"),
        _("Størst"),
        _("Andel ja (%)"),
        _("Fordeling"),
        _("Pr. åbningstime"),
        _("Pr. medarbejder pr. uge"),
    ]

    def rate(value):
        return None if value is None or value.value is None else plain(value.value, 4)

    def plain(number, places=2):
        # 8 and 2,5 (not 8,00 and 2,50), in the CSV as in the XLSX.
        return None if number is None else plain_number(round(number, places))

    def rows():
        for initiative in initiatives:
            for question in summaries[initiative.pk].questions:
                for site in question.rows:
                    periods = [(w.label, w.summary) for w in site.weeks]
                    periods.append((_("Hele testen"), site.whole))
                    for label, summary in periods:
                        spread = summary.choices or summary.distribution
                        yield [
                            initiative.name,
                            question.text,
                            question.kind_label,
                            site.name,
                            label,
                            summary.answers,
                            plain(summary.total),
                            plain(summary.mean),
                            plain(summary.low),
                            plain(summary.high),
                            None
                            if summary.yes_share is None
                            else plain(Decimal(100 * summary.yes_share), 1),
                            ", ".join(
                                f"{c.label}: {c.count} ({numbers.percent(c.share)})"
                                for c in spread
                            ),
                            rate(summary.per_hour),
                            rate(summary.per_staff),
                        ]

    return header, rows()


# Writers

# What a spreadsheet may take for the start of a formula (OWASP, CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(text):
    """True for text a spreadsheet could run: beginning with = + - @ tab or CR."""
    return text.startswith(FORMULA_TRIGGERS)


def csv_field(value, *, iso=False):
    """A value as a CSV field: numbers and dates as Danish Excel reads them (`iso`:
    as machines read them, ISO 8601 and a decimal point), text as text (with a
    leading apostrophe where it could start a formula)."""
    text = _iso_text(value) if iso else _csv_text(value)
    if not _is_typed(value) and starts_like_formula(text):
        return "'" + text
    return text


def _is_typed(value):
    return value is None or isinstance(
        value, bool | int | float | Decimal | datetime.date
    )


def _csv_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, Decimal | float):
        return format(value, "f").replace(".", ",")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def _iso_text(value):
    """For Power BI and other machines: 2.5, true, 2017-09-25, 2017-09-25T14:03:00+02:00."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):  # its shortest text, never an exponent: 2.5, 0.00001
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class _Echo:
    def write(self, value):
        return value


def csv_stream(header, rows, *, iso=False):
    """Lines of a CSV Excel in Danish opens as it is (BOM, semicolons, decimal commas).

    `iso`: for Power BI and other machines (the read API): commas between fields,
    a decimal point, ISO 8601 dates and times, true/false; the BOM stays (Power BI
    and Excel then read UTF-8), and so does the protection against formulas."""
    delimiter = "," if iso else ";"
    writer = csv.writer(_Echo(), delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
    yield "\ufeff" + writer.writerow([csv_field(text, iso=iso) for text in header])
    for row in rows:
        yield writer.writerow([csv_field(value, iso=iso) for value in row])


def xlsx_cell(sheet, value, *, font=None):
    """A value as an XLSX cell: numbers and dates typed, every text a string cell.

    openpyxl makes a formula of any string that begins with "=" (and an error value
    of "#REF!" and the like), so text cells get their type set explicitly. Characters
    XLSX cannot hold (control characters, e.g. Word's vertical tab) are left out."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).replace(tzinfo=None)
    if _is_typed(value):
        cell = WriteOnlyCell(sheet, value=value)
    else:
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"  # not "f" (a formula) nor "e" (an error value)
        if starts_like_formula(text):
            cell.quotePrefix = True
    if isinstance(value, datetime.datetime):
        cell.number_format = "DD-MM-YYYY HH:MM"
    elif isinstance(value, datetime.date):
        cell.number_format = "DD-MM-YYYY"
    elif isinstance(value, Decimal):
        cell.number_format = "0.00"
    if font is not None:
        cell.font = font
    return cell


def xlsx_file(header, rows, *, title, more=()):
    """Write the rows to a temporary XLSX file (write-only mode) and return it, rewound.
    `more`: further sheets, as (title, header, rows)."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet_title, sheet_header, sheet_rows in [(title, header, rows), *more]:
        sheet = workbook.create_sheet(title=sheet_title[:31])
        sheet.append([xlsx_cell(sheet, text, font=bold) for text in sheet_header])
        for row in sheet_rows:
            sheet.append([xlsx_cell(sheet, value) for value in row])
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(handle)
    handle.seek(0)
    return handle
