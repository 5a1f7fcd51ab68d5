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
        # (a carriage return may read back as a line feed: XML normalises line ends
        # unless the writer escapes it, as openpyxl does with lxml installed).
        cell = texts.get(text) or texts[text.replace("\r", "\n")]
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


def test_every_kind_has_its_value_in_both_exports(client, every_kind):
    """Each kind's cell: numbers as numbers, a scale as its value, yes/no as Ja/Nej,
    choices as their labels, a date as a date, text as text; no column for a photo
    or for a question that may hold citizens' words."""
    initiative, _ringsted, _roskilde = every_kind
    client.force_login(
        MembershipFactory(project=initiative.project, role=Role.CONSULTANT).user
    )
    url = reverse(
        "reporting:export", args=[initiative.project.pk, "submissions", "csv"]
    )
    rows = list(
        csv.reader(
            io.StringIO(b"".join(client.get(url).streaming_content).decode()[1:]),
            delimiter=";",
        )
    )
    header = rows[0]
    assert header[9:] == [
        "Antal",
        "Timer",
        "Oplevelse",
        "Justering",
        "Reaktion",
        "Kanaler",
        "Dato",
        "Noter",
    ]  # no "Citater" (personal data), no "Foto"
    ringsted_37 = next(r for r in rows if r[1] == "Ringsted" and r[3] == "37")
    assert ringsted_37[9:] == [
        "3",
        "2,50",
        "4",
        "Ja",
        "Positivt",
        "Skranke, Telefon",
        "13-09-2017",
        "Travl uge",
    ]
    ringsted_38 = next(r for r in rows if r[1] == "Ringsted" and r[3] == "38")
    assert ringsted_38[9:] == ["5", "1,50", "2", "Nej", "Negativt", "Skranke", "", ""]
    body = b"".join(
        client.get(
            reverse(
                "reporting:export",
                args=[initiative.project.pk, "submissions", "xlsx"],
            )
        ).streaming_content
    )
    sheet = list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
    row = next(r for r in sheet if r[1] == "Ringsted" and r[3] == 37)
    assert row[9:] == (
        3,
        2.5,
        4,
        "Ja",
        "Positivt",
        "Skranke, Telefon",
        datetime.datetime(2017, 9, 13),
        "Travl uge",
    )
    assert b"Godt kort" not in body


def test_the_summary_export_has_each_kind_summarised_and_no_texts(client, every_kind):
    initiative, ringsted, roskilde = every_kind
    project = initiative.project
    client.force_login(MembershipFactory(project=project, role=Role.STEERING).user)
    url = reverse("reporting:export", args=[project.pk, "summary", "csv"])
    response = client.get(url)
    assert response.status_code == 200
    assert "resultater" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows[0][:6] == [
        "Tiltag",
        "Spørgsmål",
        "Spørgsmålstype",
        "Sted",
        "Periode",
        "Svar (n)",
    ]

    def row(question, site, period="Hele testen"):
        return next(
            r for r in rows if r[1] == question and r[3] == site and r[4] == period
        )

    assert row("Antal", "Ringsted")[5:10] == ["2", "8", "4", "3", "5"]
    assert row("Antal", "Alle steder", "uge 37")[6] == "10"
    assert row("Timer", "Ringsted")[6:10] == ["4", "2", "1,5", "2,5"]
    scale = row("Oplevelse", "Alle steder")
    assert scale[6] == "" and scale[7] == "3,67"  # a mean, never a sum
    assert scale[11] == "1: 0 (0 %), 2: 1 (33 %), 3: 0 (0 %), 4: 1 (33 %), 5: 1 (33 %)"
    assert row("Justering", "Ringsted")[10] == "50"
    assert row("Justering", "Alle steder")[10] == "66,7"
    # Counts and shares, as the page writes them (shares of the schemas answering).
    assert row("Kanaler", "Ringsted")[11] == "Skranke: 2 (100 %), Telefon: 1 (50 %)"
    assert row("Noter", "Ringsted")[5] == "1"
    assert "Travl uge" not in body and "Godt kort" not in body
    sheet = b"".join(
        client.get(
            reverse("reporting:export", args=[project.pk, "summary", "xlsx"])
        ).streaming_content
    )
    values = list(load_workbook(io.BytesIO(sheet)).active.iter_rows(values_only=True))
    ring = next(
        r
        for r in values
        if r[1] == "Antal" and r[3] == "Ringsted" and r[4] == "Hele testen"
    )
    assert ring[5:8] == (2, 8, 4)
    assert ring[13] == 0.4  # 8 / (10 staff × 2 weeks)
    assert ring[12] is None  # no opening hours stored
