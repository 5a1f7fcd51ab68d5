"""What the counted answers add up to: one bucket per initiative, site, question and week.

Every summary on the pages, in the exports, in the meeting pack and the catalogue, and
every success criterion, is computed from these buckets, so a figure is counted one way
everywhere. The buckets are aggregated in SQL (two queries for any number of
initiatives, sites and schemas); Python only files the aggregated rows.

Only schemas that are submitted or approved are counted (`COUNTED`): a draft or a
returned schema shows in the progress, not in the figures.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from django.db.models import Count, DecimalField, Max, Min, Q, Sum
from django.db.models.functions import Cast, Coalesce

from testing.models import Answer, PeriodKind, Question, Submission
from testing.question_kinds import SUMMARY_SCALE, kind_of, kinds_where

from .progress import COUNTED
from .scope import site_filter

NUMBER = DecimalField(max_digits=14, decimal_places=2)
# The final evaluation's "week" in a bucket's key (weeks are ISO week numbers).
FINAL: Final = "final"
BucketWeek = int | str

CHOICE_KINDS = kinds_where(has_choices=True)
SUMMARISED_KINDS = kinds_where(takes_photos=False)


def number_value() -> Coalesce:
    """An answer's number, whichever column its kind stores it in."""
    return Coalesce(Cast("value_integer", NUMBER), "value_decimal", output_field=NUMBER)


def _answered() -> Q:
    """An answer that holds a value (choices are counted from their lists)."""
    return (
        Q(value_integer__isnull=False)
        | Q(value_decimal__isnull=False)
        | Q(value_bool__isnull=False)
        | Q(value_date__isnull=False)
        | ~Q(value_text="")
    )


@dataclass
class Bucket:
    """One question's counted answers at one site in one week (or the final schema)."""

    answers: int = 0  # answers that hold a value
    total: Decimal = Decimal(0)  # numbers: their sum
    low: Decimal | None = None  # numbers: the smallest and largest
    high: Decimal | None = None
    yes: int = 0  # yes/no: how many said "Ja"
    values: Counter[object] = field(default_factory=Counter)  # scale 1–5, choices

    @property
    def mean(self) -> Decimal | None:
        return self.total / self.answers if self.answers else None


@dataclass(frozen=True)
class QuestionInfo:
    """A question as its newest version asks it (keys stay across versions)."""

    key: str
    text: str
    kind: str
    choices: tuple[str, ...]
    holds_personal_data: bool
    position: int


def question_infos(
    *, initiative_ids: Collection[int]
) -> dict[int, dict[str, QuestionInfo]]:
    """{initiative id: {key: QuestionInfo}} in the order the newest schema asks them.

    A key is described by the newest version that has it (one query)."""
    found: dict[int, dict[str, tuple[tuple[int, int, int], QuestionInfo]]] = (
        defaultdict(dict)
    )
    rows = (
        Question.objects.filter(
            section__version__template__initiative_id__in=initiative_ids,
            kind__in=SUMMARISED_KINDS,
        )
        .values_list(
            "section__version__template__initiative_id",
            "key",
            "text",
            "kind",
            "choices",
            "holds_personal_data",
            "section__version__number",
            "section__position",
            "position",
        )
        .order_by("section__version__number", "section__position", "position", "pk")
    )
    for initiative_id, key, text, kind, choices, personal, number, spos, pos in rows:
        rank = (number, spos, pos)
        known = found[initiative_id].get(key)
        if known is None or known[0][0] <= number:
            found[initiative_id][key] = (
                rank,
                QuestionInfo(key, text, kind, tuple(choices or ()), personal, 0),
            )
    result: dict[int, dict[str, QuestionInfo]] = {}
    for initiative_id, by_key in found.items():
        ordered = sorted(by_key.values(), key=lambda item: (-item[0][0], item[0][1:]))
        # Questions of the newest version first, in its order; older keys after.
        result[initiative_id] = {
            info.key: QuestionInfo(
                info.key,
                info.text,
                info.kind,
                info.choices,
                info.holds_personal_data,
                index,
            )
            for index, (_rank, info) in enumerate(ordered)
        }
    return result


BucketKey = tuple[int, int, str]  # (initiative id, site id, question key)


def answer_buckets(
    *,
    initiative_ids: Collection[int],
    site_ids: Collection[int] | None,
    keys: Collection[str] | None = None,
) -> dict[BucketKey, dict[BucketWeek, Bucket]]:
    """{(initiative, site, key): {week number or FINAL: Bucket}} of counted answers
    (`keys`: only the questions with these keys)."""
    where = (
        Q(submission__run__initiative_id__in=initiative_ids)
        & site_filter(site_ids, "submission__run__")
        & Q(submission__status__in=COUNTED, question__kind__in=SUMMARISED_KINDS)
        # An answer hidden by a condition is kept, not counted (testing/conditions.py).
        & Q(hidden=False)
    )
    if keys is not None:
        where &= Q(question__key__in=list(keys))
    group = (
        "submission__run__initiative_id",
        "submission__run__site_id",
        "question__key",
        "submission__kind",
        "submission__week",
    )
    buckets: dict[BucketKey, dict[BucketWeek, Bucket]] = defaultdict(dict)

    def bucket(row: tuple) -> Bucket:
        initiative_id, site_id, key, period, week = row[:5]
        label: BucketWeek = (
            FINAL if period == PeriodKind.FINAL else week.isocalendar().week
        )
        return buckets[initiative_id, site_id, key].setdefault(label, Bucket())

    scale = {f"scale_{n}": Count("pk", filter=Q(value_integer=n)) for n in range(1, 6)}
    rows = (
        Answer.objects.filter(where & ~Q(question__kind__in=CHOICE_KINDS))
        .values(*group, "question__kind")
        .annotate(
            answers=Count("pk", filter=_answered()),
            total=Sum(number_value()),
            low=Min(number_value()),
            high=Max(number_value()),
            yes=Count("pk", filter=Q(value_bool=True)),
            **scale,
        )
        .order_by()
    )
    for row in rows:
        found = bucket(tuple(row[name] for name in group))
        found.answers += row["answers"]
        found.total += row["total"] or 0
        found.low = _lowest(found.low, row["low"])
        found.high = _highest(found.high, row["high"])
        found.yes += row["yes"]
        if kind_of(row["question__kind"]).summary == SUMMARY_SCALE:
            for n in range(1, 6):
                if row[f"scale_{n}"]:
                    found.values[n] += row[f"scale_{n}"]
    for *key, chosen in (
        Answer.objects.filter(where & Q(question__kind__in=CHOICE_KINDS))
        .values_list(*group, "value_choices")
        .order_by()
    ):
        if not chosen:
            continue
        found = bucket(tuple(key))
        found.answers += 1
        found.values.update(chosen)
    return buckets


def _lowest(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return b if a is None else a if b is None else min(a, b)


def _highest(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return b if a is None else a if b is None else max(a, b)


@dataclass
class RunWeeks:
    """One test run's schemas by week: which were counted, and which are still missing."""

    run_id: int
    initiative_id: int
    site_id: int
    site_name: str
    weeks: list[int]  # the ISO week numbers of the run, in order
    has_final: bool
    counted: set[BucketWeek] = field(default_factory=set)
    due: dict[BucketWeek, datetime.date] = field(
        default_factory=dict
    )  # week → due date
    mondays: dict[BucketWeek, datetime.date] = field(default_factory=dict)
    statuses: dict[BucketWeek, str] = field(default_factory=dict)


def run_weeks(
    *, initiative_ids: Collection[int], site_ids: Collection[int] | None
) -> dict[tuple[int, int], RunWeeks]:
    """{(initiative id, site id): RunWeeks} for the runs of the initiatives (one query)."""
    found: dict[tuple[int, int], RunWeeks] = {}
    rows = (
        Submission.objects.filter(
            Q(run__initiative_id__in=initiative_ids) & site_filter(site_ids, "run__")
        )
        .values_list(
            "run_id",
            "run__initiative_id",
            "run__site_id",
            "run__site__name",
            "kind",
            "week",
            "status",
            "due_on",
        )
        .order_by("run__site__name", "week", "-kind")
    )
    for run_id, initiative_id, site_id, name, period, week, status, due in rows:
        entry = found.setdefault(
            (initiative_id, site_id),
            RunWeeks(run_id, initiative_id, site_id, name, [], False),
        )
        label: BucketWeek
        if period == PeriodKind.FINAL:
            label, entry.has_final = FINAL, True
        else:
            label = week.isocalendar().week
            entry.weeks.append(label)
        entry.statuses[label] = status
        entry.due[label] = due
        entry.mondays[label] = week
        if status in COUNTED:
            entry.counted.add(label)
    return found


@dataclass
class AnswerData:
    """What a page reads once and summarises several ways (the summaries, the charts'
    figures, the success criteria): the questions, the buckets and the runs' weeks
    of a page of initiatives at the sites a user sees. Three queries."""

    initiative_ids: list[int]
    site_ids: Collection[int] | None
    infos: dict[int, dict[str, QuestionInfo]]
    buckets: dict[BucketKey, dict[BucketWeek, Bucket]]
    runs: dict[tuple[int, int], RunWeeks]

    @classmethod
    def load(
        cls, *, initiative_ids: Collection[int], site_ids: Collection[int] | None
    ) -> AnswerData:
        ids = list(initiative_ids)
        return cls(
            initiative_ids=ids,
            site_ids=site_ids,
            infos=question_infos(initiative_ids=ids),
            buckets=answer_buckets(initiative_ids=ids, site_ids=site_ids),
            runs=run_weeks(initiative_ids=ids, site_ids=site_ids),
        )
