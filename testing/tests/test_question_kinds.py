"""Each question kind has one complete definition (testing/question_kinds.py), and an
answer of each kind travels unchanged: posted form value → cleaned value → stored
column → the form again, the page and the export.

A new QuestionKind fails these tests until it has a definition and a row in
ROUND_TRIPS."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from dashboards import selectors as dashboards_selectors
from projects.tests.factories import UserFactory
from testing import services
from testing.models import Question, QuestionKind
from testing.question_kinds import (
    ANSWER_COLUMNS,
    DEFINITIONS,
    EMPTY_COLUMNS,
    KindDefinition,
    kind_of,
    kinds_where,
)
from testing.tests.factories import QuestionFactory, SectionFactory, TestRunFactory

FLAGS = (
    "is_numeric",
    "can_chart",
    "can_sum",
    "is_count",
    "has_bounds",
    "whole_bounds",
    "has_choices",
    "may_hold_personal_data",
    "is_computed",
    "takes_photos",
)


def _old_page(template, value):
    """What the read-only template wrote for a value before kinds had definitions."""
    return Template("{% load synergy_tags %}" + template).render(
        Context({"value": value})
    )


# kind: (posted form data, cleaned form value, stored column value,
#        page text, export value)
ROUND_TRIPS = {
    QuestionKind.INTEGER: ("12", 12, 12, "12", 12),
    QuestionKind.DECIMAL: (
        "2,5",
        Decimal("2.5"),
        Decimal("2.5"),
        "2,5",
        Decimal("2.5"),
    ),
    QuestionKind.SCALE: ("4", 4, 4, "4", 4),
    QuestionKind.YES_NO: ("no", "no", False, "Nej", "Nej"),
    QuestionKind.SINGLE_CHOICE: ("B", "B", ["B"], "B", "B"),
    QuestionKind.MULTIPLE_CHOICE: (["A", "C"], ["A", "C"], ["A", "C"], "A, C", "A, C"),
    QuestionKind.DATE: (
        "2017-09-14",
        datetime.date(2017, 9, 14),
        datetime.date(2017, 9, 14),
        "14. september 2017",
        datetime.date(2017, 9, 14),
    ),
    QuestionKind.SHORT_TEXT: (
        "Kort svar",
        "Kort svar",
        "Kort svar",
        "Kort svar",
        "Kort svar",
    ),
    QuestionKind.LONG_TEXT: ("Linje 1\nLinje 2",) + ("Linje 1\nLinje 2",) * 4,
}


def _question(kind, **fields):
    return Question(
        kind=kind,
        key=f"q-{kind}",
        text=f"Spørgsmål ({kind})",
        choices=["A", "B", "C"],
        **fields,
    )


@pytest.mark.parametrize("kind", list(QuestionKind))
def test_every_kind_has_a_complete_definition(kind):
    definition = DEFINITIONS.get(kind)
    assert isinstance(definition, KindDefinition), f"{kind} has no definition"
    assert definition.kind == kind
    for flag in FLAGS:
        assert isinstance(getattr(definition, flag), bool), (kind, flag)
    field = definition.form_field(_question(kind), required=True)
    if definition.takes_photos:
        assert definition.column is None and field is None
        return
    assert definition.column in ANSWER_COLUMNS
    assert isinstance(field, forms.Field)
    if definition.is_computed:
        # Never typed: shown, and computed by the server (testing/formulas.py).
        assert field.disabled and not field.required
        assert field.clean("999") is None
        return
    assert field.required and field.label == f"Spørgsmål ({kind})"
    assert kind in ROUND_TRIPS, f"{kind} needs a round trip in ROUND_TRIPS"
    assert definition.columns(None) == EMPTY_COLUMNS
    assert definition.columns(definition.empty_form_value()) == EMPTY_COLUMNS
    assert definition.is_empty(EMPTY_COLUMNS[definition.column])


def test_the_flags_agree_with_each_other_and_with_the_database():
    for kind, definition in DEFINITIONS.items():
        if definition.can_sum or definition.can_chart:
            # The dashboard sums value_integer and value_decimal in SQL.
            assert definition.is_numeric, kind
        if definition.is_numeric:
            assert definition.column in ("value_integer", "value_decimal"), kind
        if definition.whole_bounds:
            assert definition.has_bounds, kind
        if definition.is_count:
            assert definition.can_sum, kind
    # testing_question_personal_data_is_text says the same as the definitions.
    constraint = next(
        c
        for c in Question._meta.constraints
        if c.name.endswith("personal_data_is_text")
    )
    allowed = {
        value
        for child in constraint.condition.children
        if isinstance(child, tuple) and child[0] == "kind__in"
        for value in child[1]
    }
    assert allowed == set(kinds_where(may_hold_personal_data=True))
    assert kinds_where(can_chart=True) == [
        QuestionKind.INTEGER,
        QuestionKind.DECIMAL,
        QuestionKind.SCALE,
        QuestionKind.COMPUTED,
    ]


@pytest.mark.parametrize("kind", list(ROUND_TRIPS))
def test_a_value_goes_from_the_form_to_storage_and_back(kind):
    posted, cleaned, stored, page, export = ROUND_TRIPS[kind]
    definition = kind_of(kind)
    with translation.override("da"):
        field = definition.form_field(_question(kind), required=False)
        assert field.clean(posted) == cleaned
        columns = definition.columns(cleaned)
        assert columns == {**EMPTY_COLUMNS, definition.column: stored}
        assert definition.stored(columns) == stored
        assert not definition.is_empty(stored)
        assert definition.from_stored(stored) == cleaned
        assert definition.page_text(stored) == page
        assert definition.export_value(stored) == export


def test_the_page_text_is_what_the_template_wrote_before():
    with translation.override("da"):
        assert kind_of(QuestionKind.DECIMAL).page_text(Decimal("1250.50")) == _old_page(
            "{{ value|plain_number }}", Decimal("1250.50")
        )
        day = datetime.date(2017, 9, 14)
        assert kind_of(QuestionKind.DATE).page_text(day) == _old_page(
            '{{ value|date:"DATE_FORMAT" }}', day
        )


def test_integer_bounds_stay_within_what_the_database_stores():
    field = kind_of(QuestionKind.INTEGER).form_field(
        _question(QuestionKind.INTEGER, min_value=Decimal("2")), required=False
    )
    with pytest.raises(forms.ValidationError):
        field.clean("1")
    with pytest.raises(forms.ValidationError):
        field.clean(str(10**13))


@pytest.mark.django_db
def test_every_kind_round_trips_through_the_service_the_answer_and_the_export():
    """Saved through the service, each answer reads back as the form value, the page
    text and the export value of its kind."""
    run = TestRunFactory(
        starts_week=datetime.date(2017, 9, 11), ends_week=datetime.date(2017, 9, 11)
    )
    services.run_sync_submissions(run=run)
    submission = run.submissions.order_by("week").first()
    section = SectionFactory(version__template=run.template)
    for kind in ROUND_TRIPS:
        QuestionFactory(
            section=section, key=f"q-{kind}", kind=kind, choices=["A", "B", "C"]
        )
    QuestionFactory(section=section, key="foto", kind=QuestionKind.PHOTO)
    with translation.override("da"):
        submission = services.submission_save_draft(
            submission=submission,
            values={f"q-{kind}": row[1] for kind, row in ROUND_TRIPS.items()},
            user=UserFactory(),
            expected_version=0,
        )
        answers = {
            a.question.kind: a for a in submission.answers.select_related("question")
        }
        assert set(answers) == set(ROUND_TRIPS)  # no answer row for photos
        exported = dashboards_selectors.export_answers(submission_ids=[submission.pk])[
            submission.pk
        ]
        for kind, (_posted, cleaned, stored, page, export) in ROUND_TRIPS.items():
            answer = answers[kind]
            assert getattr(answer, kind_of(kind).column) == stored, kind
            assert answer.form_value == cleaned, kind
            assert not answer.is_empty, kind
            assert answer.page_text == page, kind
            assert exported[f"q-{kind}"] == export, kind
