"""Success criteria as rules: what a test guide promises, in a form the app can check.

A criterion names what is measured (a schema question's sum, mean or share of an
answer, or the number of schemas sent), a comparison and a target, the period it is
judged over (each week, the whole test, the final evaluation), and whether each site
must meet it or all sites together. "At least 20 % above the baseline" compares with a
value entered per site for the period before the test.

Criteria are kept with the guide (`GuideContent.criteria`, a list of plain dicts), so a
published version keeps the criteria it was published with and a changed target is a
new version. This module says what a criterion is, checks one, and describes it in
words; dashboards/selectors/verdicts.py evaluates them against the counted answers.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .question_kinds import (
    SUMMARY_CHOICES,
    SUMMARY_NUMBERS,
    SUMMARY_SCALE,
    SUMMARY_YES_NO,
    kind_of,
)

LARGEST_TARGET = Decimal("999999999")


class Measure(models.TextChoices):
    SUM = "sum", gettext_lazy("Summen af svarene")
    MEAN = "mean", gettext_lazy("Gennemsnittet af svarene")
    SHARE_YES = "share_yes", gettext_lazy("Andelen, der svarede “Ja” (%)")
    SHARE_CHOICE = (
        "share_choice",
        gettext_lazy("Andelen, der valgte et bestemt svar (%)"),
    )
    SCHEMAS = "schemas", gettext_lazy("Antal indsendte skemaer")


# Which summaries (testing/question_kinds.py) each measure can be taken of.
MEASURE_FITS: dict[str, set[str]] = {
    Measure.SUM: {SUMMARY_NUMBERS},
    Measure.MEAN: {SUMMARY_NUMBERS, SUMMARY_SCALE},
    Measure.SHARE_YES: {SUMMARY_YES_NO},
    Measure.SHARE_CHOICE: {SUMMARY_CHOICES},
    Measure.SCHEMAS: set(),  # counts schemas: no question
}
PERCENT_MEASURES = {Measure.SHARE_YES, Measure.SHARE_CHOICE}


class Comparison(models.TextChoices):
    AT_LEAST = "gte", gettext_lazy("mindst (≥)")
    AT_MOST = "lte", gettext_lazy("højst (≤)")
    BETWEEN = "between", gettext_lazy("mellem (begge med)")
    ABOVE_BASELINE = "above_baseline", gettext_lazy("mindst … % over udgangspunktet")


class Period(models.TextChoices):
    WEEK = "week", gettext_lazy("Pr. uge (gennemsnittet af ugerne)")
    TEST = "test", gettext_lazy("Over hele afprøvningen")
    FINAL = "final", gettext_lazy("I slutevalueringen")


class Applies(models.TextChoices):
    EACH_SITE = "each", gettext_lazy("På hvert sted")
    ALL_SITES = "all", gettext_lazy("Alle steder tilsammen")


@dataclass(frozen=True)
class Criterion:
    """One success criterion. `key` stays the same when its target changes."""

    key: str
    measure: str
    comparison: str
    target: Decimal
    period: str = Period.WEEK
    applies: str = Applies.EACH_SITE
    question_key: str = ""
    choice: str = ""
    target_high: Decimal | None = None
    # {site id (as text): the value before the test}, for ABOVE_BASELINE.
    baselines: Mapping[str, Decimal] = field(default_factory=dict)
    baseline_note: str = ""
    # A week (or the test) needs at least this many answers to be judged.
    min_answers: int = 1
    note: str = ""

    @classmethod
    def from_stored(cls, data: Mapping[str, Any]) -> Criterion:
        """A criterion as the guide stores it (JSON); unknown keys are ignored."""
        return cls(
            key=str(data.get("key") or ""),
            measure=str(data.get("measure") or Measure.SUM),
            comparison=str(data.get("comparison") or Comparison.AT_LEAST),
            target=_decimal(data.get("target")) or Decimal(0),
            period=str(data.get("period") or Period.WEEK),
            applies=str(data.get("applies") or Applies.EACH_SITE),
            question_key=str(data.get("question_key") or ""),
            choice=str(data.get("choice") or ""),
            target_high=_decimal(data.get("target_high")),
            baselines={
                str(site): value
                for site, raw in (data.get("baselines") or {}).items()
                if (value := _decimal(raw)) is not None
            },
            baseline_note=str(data.get("baseline_note") or ""),
            min_answers=max(1, int(data.get("min_answers") or 1)),
            note=str(data.get("note") or ""),
        )

    def to_stored(self) -> dict[str, Any]:
        """The criterion as JSON keeps it (numbers as text, so nothing is rounded)."""
        return {
            "key": self.key,
            "measure": self.measure,
            "comparison": self.comparison,
            "target": str(self.target),
            "target_high": None if self.target_high is None else str(self.target_high),
            "period": self.period,
            "applies": self.applies,
            "question_key": self.question_key,
            "choice": self.choice,
            "baselines": {site: str(value) for site, value in self.baselines.items()},
            "baseline_note": self.baseline_note,
            "min_answers": self.min_answers,
            "note": self.note,
        }

    @property
    def is_percent(self) -> bool:
        return self.measure in PERCENT_MEASURES

    @property
    def uses_baseline(self) -> bool:
        return self.comparison == Comparison.ABOVE_BASELINE

    def baseline_for(self, site_id: int) -> Decimal | None:
        return self.baselines.get(str(site_id))

    def threshold(
        self, site_id: int | None = None
    ) -> tuple[Decimal, Decimal | None] | None:
        """(low, high) a value must lie within (high None: no upper bound; low None
        for AT_MOST is written as (None-free) by `meets`). None: no baseline."""
        if self.uses_baseline:
            base = self.baseline_for(site_id) if site_id is not None else None
            if base is None:
                return None
            return base * (1 + self.target / 100), None
        return self.target, self.target_high

    def meets(self, value: Decimal, *, site_id: int | None = None) -> bool | None:
        """Whether a value meets the criterion (None: there is no baseline to compare with)."""
        if self.comparison == Comparison.AT_MOST:
            return value <= self.target
        if self.comparison == Comparison.BETWEEN:
            high = self.target_high if self.target_high is not None else self.target
            return self.target <= value <= high
        bound = self.threshold(site_id)
        if bound is None:
            return None
        return value >= bound[0]

    def same_rule(self, other: Criterion) -> bool:
        return self.to_stored() == other.to_stored()


def _decimal(raw: Any) -> Decimal | None:
    if raw is None or raw == "":
        return None
    try:
        value = Decimal(str(raw).replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def new_key() -> str:
    return uuid.uuid4().hex[:12]


def parse(stored: Iterable[Mapping[str, Any]] | None) -> list[Criterion]:
    """The criteria a guide (or a published version) stores, in order."""
    return [
        Criterion.from_stored(item)
        for item in stored or []
        if isinstance(item, Mapping)
    ]


def number_text(value: Decimal | float | int | None, *, percent: bool = False) -> str:
    """A number the Danish way: 1.234, 2,5, 40 %; "–" for no value."""
    if value is None:
        return "–"
    value = Decimal(str(value))
    places = 0 if value == value.to_integral_value() else 1
    text = number_format(value, decimal_pos=places, force_grouping=True)
    return f"{text} %" if percent else text


@dataclass(frozen=True)
class QuestionRef:
    """What a criterion needs to know of a schema question."""

    key: str
    text: str
    kind: str
    choices: tuple[str, ...] = ()


def can_measure(kind: str) -> bool:
    """A criterion can be set on the answers of this kind of question."""
    return any(kind_of(kind).summary in fits for fits in MEASURE_FITS.values())


def measure_fits(measure: str, kind: str) -> bool:
    return kind_of(kind).summary in MEASURE_FITS.get(measure, set())


def problems(criterion: Criterion, questions: Mapping[str, QuestionRef]) -> list[str]:
    """What is wrong with a criterion against the schema's questions, in Danish (none: [])."""
    found = []
    if criterion.measure != Measure.SCHEMAS:
        question = questions.get(criterion.question_key)
        if question is None:
            found.append(
                _("Spørgsmålet findes ikke længere i skemaet (nøgle “%(key)s”).")
                % {"key": criterion.question_key}
            )
        elif not measure_fits(criterion.measure, question.kind):
            found.append(
                _("“%(measure)s” kan ikke beregnes for spørgsmålet “%(question)s”.")
                % {
                    "measure": Measure(criterion.measure).label,
                    "question": question.text,
                }
            )
        elif (
            criterion.measure == Measure.SHARE_CHOICE
            and criterion.choice not in question.choices
        ):
            found.append(
                _("“%(choice)s” er ikke et af svarene på “%(question)s”.")
                % {"choice": criterion.choice, "question": question.text}
            )
    found.extend(_impossible(criterion, questions))
    if criterion.comparison == Comparison.BETWEEN and (
        criterion.target_high is None or criterion.target_high < criterion.target
    ):
        found.append(
            _("Angiv et interval, hvor det øverste tal er mindst det nederste.")
        )
    if criterion.uses_baseline and criterion.applies != Applies.EACH_SITE:
        found.append(_("Et udgangspunkt gælder pr. sted: vælg “På hvert sted”."))
    return found


def _impossible(
    criterion: Criterion, questions: Mapping[str, QuestionRef]
) -> list[str]:
    """Targets no answer can reach or miss: a share outside 0–100 %, a 1–5 scale's
    mean outside 1–5, a part of a schema, a negative count."""
    if criterion.uses_baseline:
        if criterion.target < -100:
            return [_("Et udgangspunkt kan ikke overgås med mindre end −100 %.")]
        return []
    bounds = [criterion.target]
    if criterion.comparison == Comparison.BETWEEN and criterion.target_high is not None:
        bounds.append(criterion.target_high)
    question = questions.get(criterion.question_key)
    if criterion.is_percent and any(not 0 <= b <= 100 for b in bounds):
        return [_("En andel skal være mellem 0 og 100 %.")]
    if criterion.measure == Measure.SCHEMAS and any(
        b < 0 or b != b.to_integral_value() for b in bounds
    ):
        return [_("Et antal skemaer er et helt tal på 0 eller mere.")]
    if (
        criterion.measure == Measure.MEAN
        and question is not None
        and kind_of(question.kind).summary == SUMMARY_SCALE
        and any(not 1 <= b <= 5 for b in bounds)
    ):
        return [_("Gennemsnittet af en skala 1–5 ligger mellem 1 og 5.")]
    return []


def describe(criterion: Criterion, questions: Mapping[str, QuestionRef]) -> str:
    """The criterion in one Danish sentence, e.g. "Antal henvisninger: summen i gennemsnit pr. uge
    skal være mindst 8 på hvert sted"."""
    question = questions.get(criterion.question_key)
    subject: str = {
        str(Measure.SUM): _("summen"),
        str(Measure.MEAN): _("gennemsnittet"),
        str(Measure.SHARE_YES): _("andelen “Ja”"),
        str(Measure.SHARE_CHOICE): _("andelen “%(choice)s”")
        % {"choice": criterion.choice},
        str(Measure.SCHEMAS): _("antal indsendte skemaer"),
    }.get(criterion.measure, criterion.measure)
    period: str = {
        str(Period.WEEK): _("i gennemsnit pr. uge"),
        str(Period.TEST): _("over hele afprøvningen"),
        str(Period.FINAL): _("i slutevalueringen"),
    }.get(criterion.period, "")
    where = (
        _("på hvert sted")
        if criterion.applies == Applies.EACH_SITE
        else _("for alle steder tilsammen")
    )
    percent = criterion.is_percent
    if criterion.comparison == Comparison.AT_MOST:
        rule = _("højst %(target)s") % {
            "target": number_text(criterion.target, percent=percent)
        }
    elif criterion.comparison == Comparison.BETWEEN:
        rule = _("mellem %(low)s og %(high)s") % {
            "low": number_text(criterion.target, percent=percent),
            "high": number_text(criterion.target_high, percent=percent),
        }
    elif criterion.uses_baseline:
        rule = _("mindst %(percent)s over udgangspunktet") % {
            "percent": number_text(criterion.target, percent=True)
        }
    else:
        rule = _("mindst %(target)s") % {
            "target": number_text(criterion.target, percent=percent)
        }
    sentence = _("%(subject)s %(period)s skal være %(rule)s %(where)s") % {
        "subject": subject,
        "period": period,
        "rule": rule,
        "where": where,
    }
    if criterion.measure == Measure.SCHEMAS:
        return sentence[:1].upper() + sentence[1:]
    label = question.text if question else criterion.question_key
    return f"{label}: {sentence}"


def changes(
    old: Sequence[Criterion],
    new: Sequence[Criterion],
    questions: Mapping[str, QuestionRef],
) -> list[str]:
    """What changed in the criteria between two versions, in Danish sentences."""
    before = {c.key: c for c in old}
    after = {c.key: c for c in new}
    found = []
    for key, criterion in after.items():
        if key not in before:
            found.append(
                _("Nyt kriterie: %(rule)s") % {"rule": describe(criterion, questions)}
            )
        elif not before[key].same_rule(criterion):
            found.append(
                _("Ændret: %(old)s → %(new)s")
                % {
                    "old": describe(before[key], questions),
                    "new": describe(criterion, questions),
                }
            )
    for key, criterion in before.items():
        if key not in after:
            found.append(
                _("Fjernet: %(rule)s") % {"rule": describe(criterion, questions)}
            )
    return found


def with_key(criterion: Criterion) -> Criterion:
    return criterion if criterion.key else replace(criterion, key=new_key())
