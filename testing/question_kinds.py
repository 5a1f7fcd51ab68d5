"""What each kind of question is: one definition per `QuestionKind`.

A definition says everything the app does differently for a kind: the form field that
asks it, the `Answer` column its value is stored in and how a form value goes there and
back, the text shown for it on the read-only page and in the exports, when an answer to
it is empty, and what it may be used for (bounds, choices, personal data, photos, charts,
sums). Forms, services, models, templates, exports and the dashboard ask the definition
(`kind_of(question.kind)`, `kinds_where(...)`); none of them switches on the kind.

Adding a kind is one new `QuestionKind` member, one definition here (registered in
`DEFINITIONS`) and its tests (testing/tests/test_question_kinds.py walks every kind).

Values travel in three shapes:
- the form value: what the kind's cleaned form field gives (an int, a Decimal, "yes" /
  "no", a date, a choice, a list of choices, a text; None / "" / [] when empty);
- the stored value: what is in the kind's `Answer` column (`column`);
- the display value: the one value shown for an answer (pages, exports, the catalogue).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models.schemas import Question


class QuestionKind(models.TextChoices):
    INTEGER = "integer", _("Helt tal (fx et antal)")
    DECIMAL = "decimal", _("Decimaltal")
    SHORT_TEXT = "short_text", _("Kort tekst")
    LONG_TEXT = "long_text", _("Lang tekst")
    SCALE = "scale", _("Skala 1–5")
    YES_NO = "yes_no", _("Ja/nej")
    SINGLE_CHOICE = "single_choice", _("Ét valg")
    MULTIPLE_CHOICE = "multiple_choice", _("Flere valg")
    DATE = "date", _("Dato")
    PHOTO = "photo", _("Foto")
    COMPUTED = "computed", _("Beregnet af andre svar")


# How a kind's answers are summarised over many schemas (KindDefinition.summary).
SUMMARY_NUMBERS = "numbers"
SUMMARY_SCALE = "scale"
SUMMARY_YES_NO = "yes_no"
SUMMARY_CHOICES = "choices"
SUMMARY_ANSWERED = "answered"  # dates and text: how many answered
SUMMARY_NONE = "none"  # photos: not summarised

# The columns of `Answer` that hold a value, and what each holds when empty. A kind
# stores its value in one of them; the others stay empty.
EMPTY_COLUMNS: dict[str, Any] = {
    "value_integer": None,
    "value_decimal": None,
    "value_text": "",
    "value_bool": None,
    "value_date": None,
    "value_choices": [],
}
ANSWER_COLUMNS: tuple[str, ...] = tuple(EMPTY_COLUMNS)

LARGEST_WHOLE = 10**12 - 1

# A picked choice in the read API: its stored value and the label shown for it (the
# same text today: choices are written as they are shown).
CHOICE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"value": {"type": "string"}, "label": {"type": "string"}},
    "required": ["value", "label"],
}


def choice_value(choice: str) -> dict[str, str]:
    return {
        "value": choice,
        "label": choice,
    }  # far beyond any week's count; well inside a bigint


def _plain_number(value: Any) -> Any:
    from core.forms import plain_number

    return plain_number(value)


class DecimalAnswerField(forms.DecimalField):
    """A decimal answer shown as it was typed: 2.5 reads "2,5", not "2,50"."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            value = _plain_number(value)
        return super().prepare_value(value)


class KindDefinition:
    """The behaviour shared by most kinds; each kind overrides what differs."""

    kind: ClassVar[QuestionKind]
    # The Answer column the value is stored in; None: not stored as an answer (photos).
    column: ClassVar[str | None]
    # Stored as a number (the dashboard can chart it; SQL can sum or average it).
    is_numeric: ClassVar[bool] = False
    can_chart: ClassVar[bool] = False
    # A week's figure is the sum of the answers (False: their mean, as for a scale).
    can_sum: ClassVar[bool] = False
    # A count of things: the dashboard's chart opens on the first such question.
    is_count: ClassVar[bool] = False
    # The question's min_value / max_value apply (whole: only whole numbers).
    has_bounds: ClassVar[bool] = False
    whole_bounds: ClassVar[bool] = False
    # The question's list of choices applies (at least two of them).
    has_choices: ClassVar[bool] = False
    # Free text: the only kinds whose answers can carry a citizen's own words
    # (the database says the same: testing_question_personal_data_is_text).
    may_hold_personal_data: ClassVar[bool] = False
    # Answered by uploading photos, not through the schema form.
    takes_photos: ClassVar[bool] = False
    # Computed from other answers (testing/formulas.py), never typed.
    is_computed: ClassVar[bool] = False
    # How the answers of many schemas are summarised (SUMMARY_*): numbers by their
    # sum, mean and range; a 1–5 scale by its mean and distribution, never a sum;
    # yes/no by the share of "Ja"; choices by the count and share of each; dates and
    # text by how many answered.
    summary: ClassVar[str] = SUMMARY_ANSWERED

    # Asking the question

    def form_field(self, question: Question, *, required: bool) -> forms.Field | None:
        """The form field that asks the question (None: not asked in the form)."""
        raise NotImplementedError

    def empty_form_value(self) -> Any:
        """What the form holds for a question left unanswered."""
        return None

    # Storing the answer

    def to_stored(self, value: Any) -> Any:
        """A (non-empty) form value as it is stored in `column`."""
        return value

    def from_stored(self, stored: Any) -> Any:
        """The stored value as the form holds it."""
        return stored

    def columns(self, value: Any) -> dict[str, Any]:
        """{column: value} for every answer column, for a form value."""
        if value in (None, "", []) or self.column is None:
            return dict(EMPTY_COLUMNS)
        return {**EMPTY_COLUMNS, self.column: self.to_stored(value)}

    def stored(self, answer: Any) -> Any:
        """The stored value of an Answer, or of a row {column: value}."""
        if self.column is None:
            return None
        if isinstance(answer, Mapping):
            return answer[self.column]
        return getattr(answer, self.column)

    def is_empty(self, stored: Any) -> bool:
        return stored is None or stored == "" or stored == []

    # Showing the answer

    def display(self, stored: Any) -> Any:
        """The one value shown for the answer: for pages, exports and the catalogue."""
        return stored

    def page_text(self, stored: Any) -> str:
        """The answer as the read-only schema page writes it."""
        return str(self.display(stored))

    def export_value(self, stored: Any) -> Any:
        """The answer's cell in the exports: a typed value (number, date) or text."""
        return self.display(stored)

    # The answer for machines (the read API): a typed value, never display text.
    # `api_schema` is its shape in the OpenAPI description (JSON Schema).
    api_schema: ClassVar[dict[str, Any]] = {"type": "string"}

    def api_value(self, stored: Any) -> Any:
        """The answer as a typed value: numbers as numbers, yes/no as a boolean,
        dates as dates, choices as {"value", "label"}, text as text (None: empty)."""
        return None if self.is_empty(stored) else stored

    # Helpers for the fields

    @staticmethod
    def common(question: Question, *, required: bool) -> dict[str, Any]:
        return {
            "label": question.text,
            "required": required,
            "help_text": question.help_text,
        }

    @staticmethod
    def messages() -> dict[str, Any]:
        return {
            "invalid": _("Skriv et tal."),
            "required": _("Besvar spørgsmålet, før skemaet sendes."),
        }


class _NumberDefinition(KindDefinition):
    summary = SUMMARY_NUMBERS
    is_numeric = True
    can_chart = True
    has_bounds = True
    can_sum = True

    @staticmethod
    def bounds(question: Question) -> dict[str, Any]:
        bounds = {}
        if question.min_value is not None:
            bounds["min_value"] = _plain_number(question.min_value)
        if question.max_value is not None:
            bounds["max_value"] = _plain_number(question.max_value)
        return bounds

    def bound_messages(self, bounds: Mapping[str, Any]) -> dict[str, Any]:
        """The messages, with the limits written the Danish way (2,5; 1.000)."""
        messages = self.messages()
        if "min_value" in bounds:
            messages["min_value"] = _("Tallet skal være mindst %(limit)s.") % {
                "limit": number_format(bounds["min_value"], force_grouping=True)
            }
        if "max_value" in bounds:
            messages["max_value"] = _("Tallet må højst være %(limit)s.") % {
                "limit": number_format(bounds["max_value"], force_grouping=True)
            }
        return messages


class IntegerDefinition(_NumberDefinition):
    kind = QuestionKind.INTEGER
    column = "value_integer"
    api_schema = {"type": "integer"}
    is_count = True
    whole_bounds = True

    def form_field(self, question: Question, *, required: bool) -> forms.Field | None:
        bounds = self.bounds(question)
        # Within what the database stores, whatever the question allows (a number
        # too large for it was a server error, found by fuzzing the form).
        low = max(int(bounds.get("min_value", -LARGEST_WHOLE)), -LARGEST_WHOLE)
        high = min(int(bounds.get("max_value", LARGEST_WHOLE)), LARGEST_WHOLE)
        return forms.IntegerField(
            **self.common(question, required=required),
            min_value=low,
            max_value=high,
            error_messages={
                "min_value": _("Tallet skal være mindst %(limit_value)s."),
                "max_value": _("Tallet må højst være %(limit_value)s."),
                **self.bound_messages(bounds),
                "invalid": _("Skriv et helt tal."),
            },
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )

    def to_stored(self, value: Any) -> Any:
        return int(value)


class DecimalDefinition(_NumberDefinition):
    kind = QuestionKind.DECIMAL
    column = "value_decimal"
    api_schema = {"type": "number"}

    def form_field(self, question: Question, *, required: bool) -> forms.Field | None:
        bounds = self.bounds(question)
        return DecimalAnswerField(
            **self.common(question, required=required),
            **bounds,
            max_digits=12,
            decimal_places=2,
            localize=True,
            error_messages=self.bound_messages(bounds),
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        )

    def page_text(self, stored: Any) -> str:
        # 2,5 (not 2,50), 1.250: as the page's `plain_number` filter writes numbers.
        return number_format(_plain_number(stored), force_grouping=True)


class ScaleDefinition(KindDefinition):
    kind = QuestionKind.SCALE
    column = "value_integer"
    api_schema = {"type": "integer", "minimum": 1, "maximum": 5}
    summary = SUMMARY_SCALE
    is_numeric = True
    can_chart = True  # charted by its mean: a scale is never summed

    def form_field(self, question: Question, *, required: bool) -> forms.Field | None:
        labels = {1: question.scale_low_label, 5: question.scale_high_label}
        choices = [
            (n, f"{n} – {labels[n]}" if labels.get(n) else str(n)) for n in range(1, 6)
        ]
        return forms.TypedChoiceField(
            **self.common(question, required=required),
            choices=choices,
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect(),
            error_messages=self.messages(),
        )

    def to_stored(self, value: Any) -> Any:
        return int(value)


class YesNoDefinition(KindDefinition):
    kind = QuestionKind.YES_NO
    column = "value_bool"
    api_schema = {"type": "boolean"}
    summary = SUMMARY_YES_NO

    def form_field(self, question: Question, *, required: bool) -> forms.Field | None:
        return forms.ChoiceField(
            **self.common(question, required=required),
            choices=[("yes", _("Ja")), ("no", _("Nej"))],
            widget=forms.RadioSelect(),
            error_messages=self.messages(),
        )

    def to_stored(self, value: Any) -> Any:
        return value == "yes"

    def from_stored(self, stored: Any) -> Any:
        if stored is None:
            return None
        return "yes" if stored else "no"

    def display(self, stored: Any) -> Any:
        if stored is None:
            return None
        return str(_("Ja")) if stored else str(_("Nej"))


class SingleChoiceDefinition(KindDefinition):
    kind = QuestionKind.SINGLE_CHOICE
    column = "value_choices"
    api_schema = CHOICE_SCHEMA
    summary = SUMMARY_CHOICES
    has_choices = True

    def form_field(self, question: Question, *, required: bool) -> forms.Field | None:
        return forms.ChoiceField(
            **self.common(question, required=required),
            choices=[(c, c) for c in question.choices],
            widget=forms.RadioSelect(),
            error_messages=self.messages(),
        )

    def to_stored(self, value: Any) -> Any:
        return [value]

    def from_stored(self, stored: Any) -> Any:
        return stored[0] if stored else None

    def api_value(self, stored: Any) -> Any:
        return choice_value(stored[0]) if stored else None

    def display(self, stored: Any) -> Any:
        return ", ".join(stored)


class MultipleChoiceDefinition(KindDefinition):
    kind = QuestionKind.MULTIPLE_CHOICE
    column = "value_choices"
    api_schema = {"type": "array", "items": CHOICE_SCHEMA}
    summary = SUMMARY_CHOICES
    has_choices = True

    def form_field(self, question: Question, *, required: bool) -> forms.Field | None:
        return forms.MultipleChoiceField(
            **self.common(question, required=required),
            choices=[(c, c) for c in question.choices],
            widget=forms.CheckboxSelectMultiple(),
            error_messages=self.messages(),
        )

    def empty_form_value(self) -> Any:
        return []

    def to_stored(self, value: Any) -> Any:
        return list(value)

    def from_stored(self, stored: Any) -> Any:
        return list(stored)

    def api_value(self, stored: Any) -> Any:
        return [choice_value(choice) for choice in stored] if stored else None

    def display(self, stored: Any) -> Any:
        return ", ".join(stored)


class DateDefinition(KindDefinition):
    kind = QuestionKind.DATE
    column = "value_date"
    api_schema = {"type": "string", "format": "date"}

    def form_field(self, question: Question, *, required: bool) -> forms.Field | None:
        from core.forms import DateInput

        return forms.DateField(
            **self.common(question, required=required),
            widget=DateInput(),
            error_messages={**self.messages(), "invalid": _("Skriv en dato.")},
        )

    def page_text(self, stored: datetime.date) -> str:
        return date_format(stored, "DATE_FORMAT")


class ShortTextDefinition(KindDefinition):
    kind = QuestionKind.SHORT_TEXT
    column = "value_text"
    may_hold_personal_data = True

    def form_field(self, question: Question, *, required: bool) -> forms.Field | None:
        return forms.CharField(
            **self.common(question, required=required),
            max_length=300,
            error_messages=self.messages(),
        )


class LongTextDefinition(KindDefinition):
    kind = QuestionKind.LONG_TEXT
    column = "value_text"
    may_hold_personal_data = True

    def form_field(self, question: Question, *, required: bool) -> forms.Field | None:
        return forms.CharField(
            **self.common(question, required=required),
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages=self.messages(),
        )


class PhotoDefinition(KindDefinition):
    """Photos are uploaded one by one beside the form (testing.services.photos)."""

    kind = QuestionKind.PHOTO
    column = None
    summary = SUMMARY_NONE
    takes_photos = True

    def form_field(self, question: Question, *, required: bool) -> forms.Field | None:
        return None

    def is_empty(self, stored: Any) -> bool:
        return True

    def display(self, stored: Any) -> Any:
        return None

    def page_text(self, stored: Any) -> str:
        return ""

    def api_value(self, stored: Any) -> Any:
        return None


class ComputedDefinition(_NumberDefinition):
    """Computed from other answers of the schema (testing/formulas.py): never typed;
    the server computes it on every save, the browser shows it while typing."""

    kind = QuestionKind.COMPUTED
    column = "value_decimal"
    api_schema = {"type": "number"}
    has_bounds = False
    # A week's computed figure (a share, a ratio) is charted by its mean: summing
    # weekly shares makes no sense.
    can_sum = False
    is_computed = True

    def form_field(self, question: Question, *, required: bool) -> forms.Field | None:
        import json

        # The formula as kept (testing/formulas.py reads it; the page script
        # computes with it while typing).
        formula = question.formula if isinstance(question.formula, dict) else {}
        raw = formula.get("inputs")
        inputs: list[Any] = raw if isinstance(raw, list) else []
        attrs = {
            "readonly": True,
            "tabindex": "-1",
            "class": "form-control-plaintext computed-answer",
            "data-formula": json.dumps(
                {
                    "operation": str(formula.get("operation", "")),
                    "inputs": [f"q_{key}" for key in inputs],
                }
            ),
            "aria-live": "polite",
        }
        return ComputedAnswerField(
            label=question.text,
            help_text=question.help_text,
            required=False,
            disabled=True,
            widget=forms.TextInput(attrs=attrs),
        )

    def page_text(self, stored: Any) -> str:
        return number_format(_plain_number(stored), force_grouping=True)


class ComputedAnswerField(forms.CharField):
    """Shows a computed value ("–" when it cannot be computed); never takes input."""

    def prepare_value(self, value: Any) -> Any:
        if value is None or value == "":
            return "–"
        if isinstance(value, Decimal):
            return number_format(_plain_number(value), force_grouping=True)
        return value

    def clean(self, value: Any) -> Any:
        return None


DEFINITIONS: dict[str, KindDefinition] = {
    definition.kind: definition
    for definition in (
        IntegerDefinition(),
        DecimalDefinition(),
        ScaleDefinition(),
        YesNoDefinition(),
        SingleChoiceDefinition(),
        MultipleChoiceDefinition(),
        DateDefinition(),
        ShortTextDefinition(),
        LongTextDefinition(),
        PhotoDefinition(),
        ComputedDefinition(),
    )
}


def kind_of(kind: str) -> KindDefinition:
    """The definition of a question kind (a QuestionKind or its stored value)."""
    return DEFINITIONS[kind]


def kinds_where(**flags: bool) -> list[QuestionKind]:
    """The kinds whose definitions have all the flags given, in QuestionKind's order:
    `kinds_where(can_chart=True)`."""
    return [
        kind
        for kind in QuestionKind
        if all(getattr(DEFINITIONS[kind], name) == want for name, want in flags.items())
    ]
