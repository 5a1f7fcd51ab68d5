"""Dates are written one way: "16. august 2017" in Danish, "16 August 2017" in English.

Issue 12: some pages wrote "16. Aug 2017", "13. Okt", "1. Dec 2017" (Django's `M`)
and others "16. august 2017". The formats are now defined once per language
(synergy/formats) and templates only name them; these tests render the pages with
dates in both languages and scan the templates and the code for formats spelt out.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.template import engines
from django.urls import reverse
from django.utils import formats, timezone, translation

from core.templatetags.synergy_tags import weekday_date
from synergy.tests.url_matrix import MATRIX

# Written out here, not taken from Django, so the test does not agree with a wrong
# format by construction.
MONTHS_DA = (
    "januar februar marts april maj juni juli august september oktober november "
    "december"
).split()
MONTHS_EN = (
    "January February March April May June July August September October November "
    "December"
).split()
WEEKDAYS_DA = "mandag tirsdag onsdag torsdag fredag lørdag søndag".split()
WEEKDAYS_EN = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


@pytest.fixture(autouse=True)
def _danish_afterwards():
    """Requests in English leave English active in this thread; later tests (and the
    demo loader, which types Danish decimals) expect Danish."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def danish(day, *, year=True, weekday=False):
    text = f"{day.day}. {MONTHS_DA[day.month - 1]}" + (f" {day.year}" if year else "")
    return f"{WEEKDAYS_DA[day.weekday()]} {text}" if weekday else text


def english(day, *, year=True, weekday=False):
    text = f"{day.day} {MONTHS_EN[day.month - 1]}" + (f" {day.year}" if year else "")
    return f"{WEEKDAYS_EN[day.weekday()]} {text}" if weekday else text


def written(language, day, **kwargs):
    return (danish if language == "da" else english)(day, **kwargs)


def test_the_formats_are_the_danish_and_the_english_way():
    day = datetime.date(2017, 8, 16)
    moment = timezone.make_aware(datetime.datetime(2017, 10, 13, 10, 42))
    with translation.override("da"):
        assert formats.date_format(day) == "16. august 2017"
        assert formats.date_format(day, "MONTH_DAY_FORMAT") == "16. august"
        assert formats.date_format(day, "YEAR_MONTH_FORMAT") == "august 2017"
        assert (
            formats.date_format(moment, "DATETIME_FORMAT") == "13. oktober 2017 10:42"
        )
        assert formats.time_format(moment.time()) == "10:42"
        assert weekday_date(day) == "onsdag 16. august 2017"
    with translation.override("en"):
        assert formats.date_format(day) == "16 August 2017"
        assert formats.date_format(day, "MONTH_DAY_FORMAT") == "16 August"
        assert formats.date_format(day, "YEAR_MONTH_FORMAT") == "August 2017"
        assert formats.date_format(moment, "DATETIME_FORMAT") == "13 October 2017 10:42"
        assert formats.time_format(moment.time()) == "10:42"
        assert weekday_date(day) == "Wednesday 16 August 2017"


def test_a_datetime_is_written_in_local_time():
    utc = datetime.datetime(2017, 12, 31, 23, 30, tzinfo=datetime.UTC)
    template = engines["django"].from_string(
        '{% load synergy_tags %}{{ when|date:"DATETIME_FORMAT" }} · {{ when|weekday_date }}'
    )
    with translation.override("da"):
        assert template.render({"when": utc}) == (
            "1. januar 2018 00:30 · mandag 1. januar 2018"
        )


def _page(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.mark.parametrize("language", ["da", "en"])
def test_pages_write_their_dates_the_same_way(client_for, world, language):
    """Every kind of page with a date, as the user reads it."""
    project, visit, phone = world.project, world.visit, world.phone_interview
    decided_on = world.idea_selected.decisions.get().decided_on
    consultant = client_for("consultant")
    period = (
        f"{written(language, project.starts_on)} – {written(language, project.ends_on)}"
    )
    expected = {
        reverse("synergy:project_list"): [period],
        project.get_absolute_url(): [period],
        reverse("initiatives:decision_list", args=[project.pk]): [
            written(language, decided_on)
        ],
        reverse("initiatives:interview_list", args=[project.pk]): [
            written(language, world.interview.held_on)
        ],
        visit.get_absolute_url(): [written(language, visit.visited_on, weekday=True)],
        reverse("testing:advisoryvisit_list", args=[project.pk]): [
            written(language, visit.visited_on)
        ],
        phone.get_absolute_url(): [written(language, phone.held_on, weekday=True)],
        reverse("reporting:dashboard", args=[project.pk]): [
            written(language, visit.visited_on, year=False),
            written(language, decided_on),
        ],
        world.run.get_absolute_url(): [written(language, world.draft.due_on)],
        reverse("testing:submission_list", args=[project.pk]): [
            written(language, timezone.localtime(world.submitted.submitted_at))
        ],
        world.submitted.get_absolute_url(): [written(language, world.submitted.due_on)],
    }
    missing = {}
    for url, dates in expected.items():
        text = _page(consultant, url, language)
        absent = [date for date in dates if date not in text]
        if absent:
            missing[url] = absent
    coordinator = client_for("coordinator_a")
    mine = _page(coordinator, reverse("testing:my_submissions"), language)
    if written(language, world.draft.due_on) not in mine:
        missing["my_submissions"] = [written(language, world.draft.due_on)]
    fill = _page(
        coordinator, reverse("testing:submission_fill", args=[world.draft.pk]), language
    )
    if written(language, world.draft.due_on, weekday=True) not in fill:
        missing["submission_fill"] = [
            written(language, world.draft.due_on, weekday=True)
        ]
    assert missing == {}


# "maj" and "May" are whole months, the same as any abbreviation of them.
ABBREVIATED = re.compile(
    r"\b\d{1,2}\.? ?(jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec)\b",
    re.IGNORECASE,
)
MONTH_IN_THE_OTHER_LANGUAGE = {
    "da": re.compile(r"\b\d{1,2}\.? (" + "|".join(MONTHS_EN) + r")\b"),
    "en": re.compile(r"\b\d{1,2}\.? (" + "|".join(MONTHS_DA) + r")\b"),
}


@pytest.mark.parametrize("language", ["da", "en"])
def test_no_page_abbreviates_a_month(client_for, world, language):
    """Every page the consultant opens: no "16. Aug", "13. Okt", no month in the other
    language."""
    client = client_for("consultant")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    found = {}
    for name, (url_kwargs, statuses, *_rest) in sorted(MATRIX.items()):
        if statuses["consultant"] != 200:
            continue
        response = client.get(reverse(name, kwargs=url_kwargs(world)))
        if "text/html" not in response.get("Content-Type", ""):
            continue
        text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
        wrong = ABBREVIATED.findall(text) + MONTH_IN_THE_OTHER_LANGUAGE[
            language
        ].findall(text)
        if wrong:
            found[name] = wrong
    assert found == {}


def test_the_reminder_email_writes_the_due_date_in_full(world):
    world.users["coordinator_a"].email = "rikke@example.invalid"
    world.users["coordinator_a"].save()
    monday = world.run.starts_week + datetime.timedelta(weeks=2)
    call_command(
        "send_reminders", date=monday.isoformat(), stdout=open("/dev/null", "w")
    )
    (message,) = mail.outbox
    assert f"frist {danish(world.draft.due_on, year=False)})" in message.body


# The sources ----------------------------------------------------------------------

NAMED = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "TIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
}
# ISO week and ISO year: numbers, the same in both languages.
ISO_PARTS = {"W", "o"}
ROOT = Path(settings.BASE_DIR)


def _templates():
    for path in sorted(ROOT.glob("**/templates/**/*")):
        if (
            path.is_file()
            and "node_modules" not in path.parts
            and not any(part.startswith(".") for part in path.relative_to(ROOT).parts)
        ):
            yield path


def test_templates_name_their_date_formats():
    """`|date:"j. M Y"` and the like may not come back: only named formats (and the
    ISO week number) are used, so no page writes "Aug" or "aug." again."""
    literal = re.compile(r"\|(?:date|time):\s*(\"[^\"]*\"|'[^']*')")
    now_tag = re.compile(r"{%\s*now\s+(\"[^\"]*\"|'[^']*')")
    spelt_out = {}
    checked = 0
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for match in [*literal.finditer(text), *now_tag.finditer(text)]:
            checked += 1
            argument = match.group(1)[1:-1]
            if argument not in NAMED | ISO_PARTS:
                spelt_out.setdefault(str(path.relative_to(ROOT)), []).append(argument)
    assert checked > 30
    assert spelt_out == {}


def test_code_formats_no_dates_by_hand():
    """Month and weekday names, and day-month orders, come from the formats, not from
    strftime in the code (exports are data and keep their own ISO/dd-mm-yyyy)."""
    by_hand = re.compile(r"%[aAbB]|%d\.%m|%H\.%M|\.strftime\(")
    skip = {"exports.py", "demo.py"}
    found = {}
    for path in sorted(ROOT.glob("*/**/*.py")):
        parts = set(path.relative_to(ROOT).parts)
        hidden = any(part.startswith(".") for part in parts)  # .venv, .venv-load …
        if hidden or {"tests", "migrations", "e2e", "benchmarks"} & parts:
            continue
        if path.name in skip:
            continue
        hits = by_hand.findall(path.read_text(encoding="utf-8"))
        if hits:
            found[str(path.relative_to(ROOT))] = hits
    assert found == {}
