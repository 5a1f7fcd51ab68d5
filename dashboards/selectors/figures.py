"""The key figures: each numeric question's total and mean per initiative, site and
week, and the weekly series the charts draw (raw, or per open hour).

A Figure is filed from the same buckets every other summary is computed from
(buckets.answer_buckets: one aggregation in SQL), so a chart, its table and the
summaries beside it can never disagree."""

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from sites.selectors import SiteCapacity
from testing.question_kinds import kind_of, kinds_where

from .buckets import (
    FINAL,
    NUMBER,
    Bucket,
    BucketKey,
    BucketWeek,
    QuestionInfo,
    answer_buckets,
    question_infos,
    run_weeks,
)

__all__ = [
    "NUMBER",
    "NUMERIC",
    "Figure",
    "figure_weeks",
    "figures",
    "figures_from_buckets",
    "first_count_question",
    "question_labels",
    "weekly_answers",
    "weekly_series",
]

# The kinds the dashboard charts and sums (or averages): testing/question_kinds.py.
NUMERIC = kinds_where(can_chart=True)

# A week: its number, or "slut" for the final evaluation.
Week = int | str | Promise


def question_labels(
    *, initiative_ids: Collection[int]
) -> dict[tuple[int, str], tuple[str, str]]:
    """{(initiative id, key): (text, kind)} of the numeric questions, as the newest
    version of each template asks them (buckets.question_infos, one query)."""
    return {
        (initiative_id, key): (info.text, info.kind)
        for initiative_id, infos in question_infos(
            initiative_ids=initiative_ids
        ).items()
        for key, info in infos.items()
        if info.kind in NUMERIC
    }


@dataclass
class Figure:
    """One numeric question at one site: the total and mean, per week and overall.

    `capacity`: the site's borgerservice hours per week and staff, for the figures
    per open hour (sites.selectors.site_capacity); None when not read."""

    key: str
    text: str
    kind: str
    site: object
    by_week: dict[Week, tuple[Decimal | int, int]] = field(
        default_factory=dict
    )  # week label → (total, answers)
    site_id: int | None = None
    capacity: SiteCapacity | None = None

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

    @property
    def hours(self) -> Decimal | None:
        return self.capacity.hours if self.capacity else None

    def week_value(self, week: Week, *, per_hour: bool = False) -> float | None:
        """A week's figure: the sum of a count, the mean of a scale (None: no answers).

        `per_hour`: a count's sum divided by the site's borgerservice hours that week
        (None when the site has no opening hours stored); a scale is unchanged."""
        if week not in self.by_week:
            return None
        total, answers = self.by_week[week]
        if not self.can_sum:
            return float(total) / answers if answers else None
        if per_hour:
            return float(total) / float(self.hours) if self.hours else None
        return float(total)

    @cached_property
    def week_values(self) -> dict[Week, float | None]:
        """{week: week_value(week)} for the tables."""
        return {week: self.week_value(week) for week in self.by_week}


def _label(week: BucketWeek) -> Week:
    return _("slut") if week == FINAL else week


def figures_from_buckets(
    buckets: Mapping[BucketKey, Mapping[BucketWeek, Bucket]],
    *,
    infos: Mapping[int, Mapping[str, QuestionInfo]],
    site_names: Mapping[int, str],
    capacity: Mapping[int, SiteCapacity] | None = None,
) -> dict[int, list[Figure]]:
    """{initiative id: [Figure]} of the numeric questions, in the schema's order and
    by site name, filed from answer_buckets (no query)."""
    by_initiative: defaultdict[int, list[Figure]] = defaultdict(list)
    for (initiative_id, site_id, key), weeks in buckets.items():
        info = infos.get(initiative_id, {}).get(key)
        if info is None or info.kind not in NUMERIC:
            continue
        by_initiative[initiative_id].append(
            Figure(
                key=key,
                text=info.text,
                kind=info.kind,
                site=site_names.get(site_id, ""),
                by_week={
                    _label(week): (bucket.total, bucket.answers)
                    for week, bucket in sorted(
                        weeks.items(), key=lambda item: _week_order(item[0])
                    )
                    if bucket.answers
                },
                site_id=site_id,
                capacity=(capacity or {}).get(site_id),
            )
        )
    for initiative_id, figure_list in by_initiative.items():
        order = infos[initiative_id]
        figure_list.sort(key=lambda f: (order[f.key].position, str(f.site)))
    return dict(by_initiative)


def _week_order(week: object) -> tuple[bool, Any]:
    return (isinstance(week, str), str(week) if isinstance(week, str) else week)


def figures(
    *, initiative_ids: Collection[int], site_ids: Collection[int] | None
) -> dict[int, list[Figure]]:
    """{initiative id: [Figure]}: the buckets of the numeric questions, filed per
    initiative, site and question (four queries for any number of initiatives)."""
    names = {
        site_id: entry.site_name
        for (_initiative, site_id), entry in run_weeks(
            initiative_ids=initiative_ids, site_ids=site_ids
        ).items()
    }
    return figures_from_buckets(
        answer_buckets(initiative_ids=initiative_ids, site_ids=site_ids),
        infos=question_infos(initiative_ids=initiative_ids),
        site_names=names,
    )


def _weeks(figure_list: Iterable[Figure], key: str) -> tuple[list[Figure], list[int]]:
    chosen = [f for f in figure_list if f.key == key]
    weeks = sorted({w for f in chosen for w in f.by_week if isinstance(w, int)})
    return chosen, weeks


def weekly_series(
    figure_list: Iterable[Figure], key: str, *, per_hour: bool = False
) -> tuple[list[str], list[tuple[Any, list[float | None]]]]:
    """For one question: the weeks (sorted) and a series per site, for a chart.

    A count's value for a week is its sum (`per_hour`: divided by the site's
    borgerservice hours per week); a 1–5 scale is never summed: its value for a week
    is the mean of that week's answers."""
    chosen, weeks = _weeks(figure_list, key)
    series = [
        (f.site, [f.week_value(w, per_hour=per_hour) for w in weeks]) for f in chosen
    ]
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
