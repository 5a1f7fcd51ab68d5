"""Exports are data, not code (OWASP CSV injection), and carry no citizens' words.

Every export is produced with hostile text in every field a user writes (answers,
question texts, choice labels, site and initiative names) and read back: the XLSX with
openpyxl (cell types), the CSV with the csv module.
"""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from initiatives.tests.factories import InitiativeFactory
from projects.models import Role
from projects.tests.factories import MembershipFactory, UserFactory
from sites.tests.factories import SiteFactory
from testing import services
from testing.models import QuestionKind
from testing.tests.factories import QuestionFactory, SectionFactory, TestRunFactory

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://example.invalid","klik")'
SITE = "=cmd|' /C calc'!A0"
INITIATIVE = "@SUM(1+1)*cmd|' /C calc'!A0"
HOSTILE_ANSWERS = {
    "link": LINK,
    "plus": "+1+1",
    "minus": "-2+3",
    "at": "@SUM(A1)",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
    "error": "#REF!",
}
CHOICE = "-valg+1"
QUESTION = "=1+1 (spørgsmål)"


@pytest.fixture
def hostile():
    """An initiative whose every user-written field is hostile, with one schema that
    also holds negative numbers."""
    initiative = InitiativeFactory(name=INITIATIVE)
    site = SiteFactory(name=SITE)
    initiative.project.sites.add(site)
    run = TestRunFactory(
        initiative=initiative,
        project=initiative.project,
        site=site,
        starts_week=datetime.date(2017, 9, 11),
        ends_week=datetime.date(2017, 9, 11),
        cadence="weekly",
    )
    services.run_sync_submissions(run=run)
    section = SectionFactory(version__template=run.template)
    QuestionFactory(section=section, key="tal", text=QUESTION, kind="integer")
    QuestionFactory(section=section, key="timer", text="-Timer", kind="decimal")
    QuestionFactory(
        section=section,
        key="valg",
        text="+Valg",
        kind=QuestionKind.SINGLE_CHOICE,
        choices=[CHOICE, "Andet"],
    )
    for key in HOSTILE_ANSWERS:
        QuestionFactory(
            section=section, key=key, text=f"@{key}", kind=QuestionKind.LONG_TEXT
        )
    values = {"tal": -3, "timer": Decimal("-2.50"), "valg": CHOICE, **HOSTILE_ANSWERS}
    submission = run.submissions.get()
    user = UserFactory()
    submission = services.submission_save_draft(
        submission=submission, values=values, user=user, expected_version=0
    )
    services.submission_submit(
        submission=submission,
        values=values,
        user=user,
        expected_version=submission.version,
    )
    return initiative


def export(client, project, table, fmt):
    response = client.get(reverse("reporting:export", args=[project.pk, table, fmt]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def read_csv(body):
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def read_xlsx(body):
    """Every cell of the sheet (header included), as openpyxl reads it back."""
    sheet = load_workbook(io.BytesIO(body)).active
    return [list(row) for row in sheet.iter_rows()]


def consultant_of(project):
    return MembershipFactory(project=project, role=Role.CONSULTANT).user


HOSTILE_TEXTS = [
    *HOSTILE_ANSWERS.values(),
    SITE,
    INITIATIVE,
    QUESTION,
    "-Timer",
    "+Valg",
    CHOICE,
    *(f"@{key}" for key in HOSTILE_ANSWERS),
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEGATIVE_NUMBER = re.compile(r"-\d+(,\d+)?")


@pytest.mark.parametrize("table", ["submissions", "matrix"])
def test_the_xlsx_export_has_no_formula_and_typed_numbers(client, hostile, table):
    client.force_login(consultant_of(hostile.project))
    rows = read_xlsx(export(client, hostile.project, table, "xlsx"))
    cells = [cell for row in rows for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = {c.value: c for c in cells if isinstance(c.value, str)}
    expected = {SITE, INITIATIVE}
    if table == "submissions":
        expected |= set(HOSTILE_TEXTS)
    for text in expected:
        # The text itself, unchanged, in a string cell that stays text when edited
        # (a carriage return reads back as a line feed: XML normalises line ends).
        cell = texts[text.replace("\r", "\n")]
        assert cell.data_type == "s", text
        if text.startswith(FORMULA_STARTS):
            assert cell.quotePrefix, text
    if table == "submissions":
        header = [c.value for c in rows[0]]
        row = rows[1]
        tal, timer = row[header.index(QUESTION)], row[header.index("-Timer")]
        assert (tal.data_type, tal.value) == ("n", -3)
        assert (timer.data_type, timer.value) == ("n", -2.5)
        assert row[header.index("Uge")].data_type == "n"
    else:
        done, total = rows[1][3], rows[1][4]
        assert (done.data_type, done.value) == ("n", 1)
        assert (total.data_type, total.value) == ("n", 1)


@pytest.mark.parametrize("table", ["submissions", "matrix"])
def test_the_csv_export_prefixes_hostile_text_and_leaves_numbers_alone(
    client, hostile, table
):
    client.force_login(consultant_of(hostile.project))
    rows = read_csv(export(client, hostile.project, table, "csv"))
    fields = [field for row in rows for field in row]
    for field in fields:
        if NEGATIVE_NUMBER.fullmatch(field):
            continue  # a typed number (checked below)
        assert not field.startswith(FORMULA_STARTS), repr(field)
    expected = {SITE, INITIATIVE}
    if table == "submissions":
        expected |= set(HOSTILE_TEXTS)
    for text in expected:
        if text.startswith(FORMULA_STARTS):
            assert "'" + text in fields, text
        else:
            assert text in fields, text
    if table == "submissions":
        header, row = rows[0], rows[1]
        # Typed numbers are numbers: a negative number is not text, so no apostrophe.
        assert row[header.index("'" + QUESTION)] == "-3"
        assert row[header.index("'-Timer")] == "-2,50"
        assert row[header.index("'@link")] == "'" + LINK
        assert row[header.index("'@error")] == "#REF!"  # no formula start: as it is
    else:
        assert rows[1][:2] == ["'" + INITIATIVE, "'" + SITE]
        assert rows[1][3:5] == ["1", "1"]


def test_a_control_character_in_an_answer_does_not_break_the_xlsx(client, hostile):
    """Word's vertical tab (and other control characters XLSX cannot hold) used to
    make the XLSX export fail; they are left out, the rest of the answer stays."""
    answer = hostile.test_runs.get().submissions.get().answers.get(question__key="plus")
    answer.value_text = "Første linje\x0bAnden linje\x01"
    answer.save()
    client.force_login(consultant_of(hostile.project))
    rows = read_xlsx(export(client, hostile.project, "submissions", "xlsx"))
    assert "Første linjeAnden linje" in [c.value for row in rows for c in row]


def test_answers_that_may_hold_personal_data_are_in_no_export(client, world):
    """A spreadsheet leaves the app: citizens' words are not exported, for any role;
    the other answers of the same schema are."""
    for role in ("consultant", "coordinator_a", "steering"):
        client.force_login(world.users[role])
        for fmt in ("csv", "xlsx"):
            body = export(client, world.project, "submissions", fmt)
            if fmt == "csv":
                rows = read_csv(body)
                header, values = rows[0], [f for row in rows for f in row]
            else:
                rows = read_xlsx(body)
                header = [c.value for c in rows[0]]
                values = [c.value for row in rows for c in row]
            assert "Citater fra borgere" not in header, (role, fmt)
            assert "Antal henvisninger" in header
            assert not any("Birthe" in str(value) for value in values), (role, fmt)
