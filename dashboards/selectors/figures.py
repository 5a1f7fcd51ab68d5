"""The key figures: each numeric question's total and mean per initiative, site and
week, summed in SQL, and the weekly series the charts draw."""

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Count, DecimalField, Q, Sum
from django.db.models.functions import Cast, Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from testing.models import Answer, PeriodKind, Question, QuestionKind
from testing.question_kinds import kind_of, kinds_where

from .progress import COUNTED
from .scope import site_filter

# The kinds the dashboard charts and sums (or averages): testing/question_kinds.py.
NUMERIC = kinds_where(can_chart=True)
NUMBER = DecimalField(max_digits=14, decimal_places=2)


# A week: its number, or "slut" for the final evaluation.
Week = int | str | Promise


def _value() -> Coalesce:
    return Coalesce(Cast("value_integer", NUMBER), "value_decimal", output_field=NUMBER)


def question_labels(
    *, initiative_ids: Collection[int]
) -> dict[tuple[int, str], tuple[str, str]]:
    """{(initiative id, key): (text, kind)} from the newest version of each template."""
    labels = {}
    for initiative_id, key, text, kind, _number in (
        Question.objects.filter(
            section__version__template__initiative_id__in=initiative_ids,
            kind__in=NUMERIC,
        )
        .order_by("section__version__number", "position")
        .values_list(
            "section__version__template__initiative_id",
            "key",
            "text",
            "kind",
            "section__version__number",
        )
    ):
        labels[initiative_id, key] = (text, kind)
    return labels


@dataclass
class Figure:
    """One numeric question at one site: the total and mean, per week and overall."""

    key: str
    text: str
    kind: str
    site: object
    by_week: dict[Week, tuple[Decimal | int, int]] = field(
        default_factory=dict
    )  # week label → (total, answers)

    @cached_property
    def total(self) -> Decimal | int:
        return sum(total for total, _n in self.by_week.values())

    @cached_property
    def answers(self) -> int:
        return sum(n for _total, n in self.by_week.values())

    @cached_property
    def mean(self) -> Decimal | float | None:
        return self.total / self.answers if self.answers else None

    @property
    def can_sum(self) -> bool:
        """A count is summed; a 1–5 scale is not: its figures are means."""
        return kind_of(self.kind).can_sum

    def week_value(self, week: Week) -> float | None:
        """A week's figure: the sum of a count, the mean of a scale (None: no answers)."""
        if week not in self.by_week:
            return None
        total, answers = self.by_week[week]
        if not self.can_sum:
            return float(total) / answers if answers else None
        return float(total)

    @cached_property
    def week_values(self) -> dict[Week, float | None]:
        """{week: week_value(week)} for the tables."""
        return {week: self.week_value(week) for week in self.by_week}


def figures(
    *, initiative_ids: Collection[int], site_ids: Collection[int] | None
) -> dict[int, list[Figure]]:
    """{initiative id: [Figure]} summed in SQL per initiative, site, question and week."""
    rows = (
        Answer.objects.filter(
            Q(submission__run__initiative_id__in=initiative_ids)
            & site_filter(site_ids, "submission__run__")
            & Q(submission__status__in=COUNTED, question__kind__in=NUMERIC)
        )
        .values(
            "submission__run__initiative_id",
            "submission__run__site_id",
            "submission__run__site__name",
            "question__key",
            "submission__kind",
            "submission__week",
        )
        .annotate(total=Sum(_value()), answers=Count(_value()))
        .order_by("submission__run__site__name", "question__key", "submission__week")
    )
    labels = question_labels(initiative_ids=initiative_ids)
    found: dict[tuple[int, int, str], Figure] = {}
    for row in rows:
        initiative_id = row["submission__run__initiative_id"]
        key = row["question__key"]
        text, kind = labels.get((initiative_id, key), (key, QuestionKind.INTEGER))
        figure = found.setdefault(
            (initiative_id, row["submission__run__site_id"], key),
            Figure(
                key=key, text=text, kind=kind, site=row["submission__run__site__name"]
            ),
        )
        week: Week = (
            _("slut")
            if row["submission__kind"] == PeriodKind.FINAL
            else row["submission__week"].isocalendar().week
        )
        figure.by_week[week] = (row["total"] or 0, row["answers"])
    order = {key: i for i, key in enumerate(k for (_i, k) in labels)}
    by_initiative: defaultdict[int, list[Figure]] = defaultdict(list)
    for (initiative_id, _site, _key), figure in sorted(
        found.items(), key=lambda item: (order.get(item[0][2], 0), item[1].site)
    ):
        by_initiative[initiative_id].append(figure)
    return by_initiative


def _weeks(figure_list: Iterable[Figure], key: str) -> tuple[list[Figure], list[int]]:
    chosen = [f for f in figure_list if f.key == key]
    weeks = sorted({w for f in chosen for w in f.by_week if isinstance(w, int)})
    return chosen, weeks


def weekly_series(
    figure_list: Iterable[Figure], key: str
) -> tuple[list[str], list[tuple[Any, list[float | None]]]]:
    """For one question: the weeks (sorted) and a series per site, for a chart.

    A count's value for a week is its sum; a 1–5 scale is never summed: its value
    for a week is the mean of that week's answers."""
    chosen, weeks = _weeks(figure_list, key)
    series = [(f.site, [f.week_value(w) for w in weeks]) for f in chosen]
    return [_("uge %(week)s") % {"week": w} for w in weeks], series


def weekly_answers(figure_list: Iterable[Figure], key: str) -> list[list[int]]:
    """For one question: the number of answers behind each value of weekly_series."""
    chosen, weeks = _weeks(figure_list, key)
    return [[f.by_week.get(w, (0, 0))[1] for w in weeks] for f in chosen]


def figure_weeks(figure_list: Iterable[Figure]) -> list[Week]:
    """The weeks of a list of figures in order: week numbers, then the final ("slut")."""
    return sorted(
        {w for f in figure_list for w in f.by_week},
        key=lambda w: (isinstance(w, str), w),
    )


def first_count_question(figure_list: Sequence[Figure]) -> str | None:
    for figure in figure_list:
        if kind_of(figure.kind).is_count:
            return figure.key
    return figure_list[0].key if figure_list else None
