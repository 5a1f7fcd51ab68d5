"""Computed answers: a question whose value is computed from other answers of the schema.

A formula is an operation and the keys of the questions it takes its inputs from, kept
with the question (`Question.formula`, a plain dict). The operations are the few a
weekly schema needs, written as data rather than an expression to type, so there is
nothing to parse and nothing to evaluate but four sums:

- sum: the inputs added up ("henvendelser i alt");
- difference: the first input minus the second;
- ratio: the first input divided by the second;
- percentage: the first input as a share of the second, in per cent ("andel der kom
  igen samme dag").

A missing input (unanswered, or hidden by a condition) and a division by zero give no
value, shown as "–", never an error. The server computes the value on every save
(testing.services.submissions); the browser shows the same while typing
(static/js/schema-logic.js), as a convenience.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# A computed value is stored like a decimal answer: 12 digits, 2 of them decimals.
LARGEST_VALUE = Decimal("9999999999.99")
CENT = Decimal("0.01")


class Operation(models.TextChoices):
    SUM = "sum", gettext_lazy("Summen af svarene")
    DIFFERENCE = "difference", gettext_lazy("Forskellen: første minus andet")
    RATIO = "ratio", gettext_lazy("Forholdet: første delt med andet")
    PERCENTAGE = "percentage", gettext_lazy("Andel i procent: første af andet")


# How many inputs each operation takes: (fewest, most).
INPUTS: dict[str, tuple[int, int]] = {
    Operation.SUM: (2, 10),
    Operation.DIFFERENCE: (2, 2),
    Operation.RATIO: (2, 2),
    Operation.PERCENTAGE: (2, 2),
}


@dataclass(frozen=True)
class Formula:
    operation: str
    inputs: tuple[str, ...]

    @classmethod
    def from_stored(cls, data: Any) -> Formula | None:
        """The formula kept with a question; None for none (or something unreadable)."""
        if not isinstance(data, Mapping):
            return None
        operation = data.get("operation")
        inputs = data.get("inputs")
        if operation not in Operation.values or not isinstance(inputs, list):
            return None
        return cls(operation=operation, inputs=tuple(str(key) for key in inputs))

    def to_stored(self) -> dict[str, Any]:
        return {"operation": self.operation, "inputs": list(self.inputs)}


def _number(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def compute(formula: Formula | None, values: Mapping[str, Any]) -> Decimal | None:
    """The formula's value from `values` (question key → form value); None ("–") when
    an input is missing, a division is by zero, or the value is too large to keep."""
    if formula is None:
        return None
    numbers = [_number(values.get(key)) for key in formula.inputs]
    low, high = INPUTS[formula.operation]
    if not low <= len(numbers) <= high or any(n is None for n in numbers):
        return None
    given: list[Decimal] = [n for n in numbers if n is not None]
    if formula.operation == Operation.SUM:
        result = sum(given, Decimal(0))
    elif formula.operation == Operation.DIFFERENCE:
        result = given[0] - given[1]
    elif given[1] == 0:
        return None
    elif formula.operation == Operation.RATIO:
        result = given[0] / given[1]
    else:
        result = given[0] / given[1] * 100
    result = result.quantize(CENT, rounding=ROUND_HALF_UP)
    if abs(result) > LARGEST_VALUE:
        return None
    return result


@dataclass(frozen=True)
class InputRef:
    """What a formula needs to know of a question it may take as an input."""

    key: str
    text: str
    kind: str


def input_kinds() -> list[str]:
    """The kinds a formula can take as input: numbers and scales (not other computed
    answers, so a formula never waits for itself)."""
    from .question_kinds import QuestionKind, kinds_where

    return [k for k in kinds_where(is_numeric=True) if k != QuestionKind.COMPUTED]


def problems(formula: Formula | None, questions: Mapping[str, InputRef]) -> list[str]:
    """What is wrong with a formula, given the questions of its schema version that it
    may take as inputs ({key: InputRef}); [] when it can be computed."""
    if formula is None:
        return [_("Vælg, hvad der skal beregnes.")]
    found: list[str] = []
    low, high = INPUTS[formula.operation]
    if not low <= len(formula.inputs) <= high:
        if low == high:
            found.append(_("Vælg præcis %(n)d spørgsmål.") % {"n": low})
        else:
            found.append(
                _("Vælg mellem %(low)d og %(high)d spørgsmål.")
                % {"low": low, "high": high}
            )
    kinds = input_kinds()
    for key in formula.inputs:
        ref = questions.get(key)
        if ref is None:
            found.append(
                _(
                    "Beregningen bruger et spørgsmål, der er fjernet fra skemaet (%(key)s)."
                )
                % {"key": key}
            )
        elif ref.kind not in kinds:
            found.append(
                _("“%(question)s” er ikke et tal og kan ikke indgå i en beregning.")
                % {"question": ref.text}
            )
    return found


def describe(formula: Formula | None, questions: Mapping[str, InputRef]) -> str:
    """The formula in words: "Andel i procent: «Kom igen» af «Henvendelser»"."""
    if formula is None:
        return _("Ingen beregning valgt")
    names = [
        f"“{questions[key].text}”" if key in questions else _("(fjernet spørgsmål)")
        for key in formula.inputs
    ]
    if formula.operation == Operation.SUM:
        return _("Summen af %(inputs)s") % {"inputs": " + ".join(names)}
    if len(names) != 2:
        return str(Operation(formula.operation).label)
    template = {
        Operation.DIFFERENCE: _("%(first)s minus %(second)s"),
        Operation.RATIO: _("%(first)s delt med %(second)s"),
        Operation.PERCENTAGE: _("%(first)s i procent af %(second)s"),
    }[Operation(formula.operation)]
    return template % {"first": names[0], "second": names[1]}


def used_keys(formulas: Sequence[Formula | None]) -> set[str]:
    return {key for formula in formulas if formula for key in formula.inputs}
