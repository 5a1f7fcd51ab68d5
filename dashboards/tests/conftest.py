"""Known data with every kind of question, shared by the summary and criteria tests."""

import datetime
from decimal import Decimal

import pytest

from initiatives.tests.factories import InitiativeFactory
from projects.tests.factories import UserFactory
from sites.tests.factories import SiteFactory
from testing import services
from testing.models import QuestionKind
from testing.tests.factories import QuestionFactory, SectionFactory, TestRunFactory


def submit(submission, values, user, *, approve=False):
    submission = services.submission_save_draft(
        submission=submission,
        values=values,
        user=user,
        expected_version=submission.version,
    )
    submission = services.submission_submit(
        submission=submission,
        values=values,
        user=user,
        expected_version=submission.version,
    )
    if approve:
        submission = services.submission_approve(
            submission=submission, user=user, expected_version=submission.version
        )
    return submission


@pytest.fixture
def every_kind(db):
    """An initiative at two sites over three weeks (37–39) asking every kind.

    Ringsted: week 37 approved, 38 submitted, 39 a draft (not counted).
    Roskilde: week 37 submitted, 38 and 39 not started.
    """
    initiative = InitiativeFactory(name="Henvisning til IT-hjælp")
    user = UserFactory()
    ringsted, roskilde = SiteFactory(name="Ringsted"), SiteFactory(name="Roskilde")
    runs, template = [], None
    for site in (ringsted, roskilde):
        run = TestRunFactory(
            initiative=initiative,
            project=initiative.project,
            site=site,
            starts_week=datetime.date(2017, 9, 11),
            ends_week=datetime.date(2017, 9, 25),
            cadence="weekly",
            **({"template": template} if template else {}),
        )
        template = run.template
        services.run_sync_submissions(run=run)
        runs.append(run)
    section = SectionFactory(version__template=template)
    for key, kind, extra in [
        ("antal", QuestionKind.INTEGER, {}),
        ("timer", QuestionKind.DECIMAL, {}),
        ("oplevelse", QuestionKind.SCALE, {}),
        ("justering", QuestionKind.YES_NO, {}),
        ("reaktion", QuestionKind.SINGLE_CHOICE, {"choices": ["Positivt", "Negativt"]}),
        ("kanaler", QuestionKind.MULTIPLE_CHOICE, {"choices": ["Skranke", "Telefon"]}),
        ("dato", QuestionKind.DATE, {}),
        ("noter", QuestionKind.LONG_TEXT, {}),
        ("citater", QuestionKind.LONG_TEXT, {"holds_personal_data": True}),
        ("foto", QuestionKind.PHOTO, {}),
    ]:
        QuestionFactory(section=section, key=key, kind=kind, text=key.title(), **extra)
    r37, r38, r39 = runs[0].submissions.order_by("week")
    k37 = runs[1].submissions.order_by("week").first()
    submit(
        r37,
        {
            "antal": 3,
            "timer": Decimal("2.5"),
            "oplevelse": 4,
            "justering": "yes",
            "reaktion": "Positivt",
            "kanaler": ["Skranke", "Telefon"],
            "dato": datetime.date(2017, 9, 13),
            "noter": "Travl uge",
            "citater": "“Godt kort.” (Lone, 61)",
        },
        user,
        approve=True,
    )
    submit(
        r38,
        {
            "antal": 5,
            "timer": Decimal("1.5"),
            "oplevelse": 2,
            "justering": "no",
            "reaktion": "Negativt",
            "kanaler": ["Skranke"],
        },
        user,
    )
    services.submission_save_draft(
        submission=r39,
        values={"antal": 100, "oplevelse": 5},
        user=user,
        expected_version=0,
    )
    submit(
        k37,
        {"antal": 7, "oplevelse": 5, "justering": "yes", "reaktion": "Positivt"},
        user,
    )
    return initiative, ringsted, roskilde
