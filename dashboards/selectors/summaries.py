"""Every question's answers summarised the way its kind says (KindDefinition.summary),
per site and for all sites together, per week and over the whole test.

- numbers (SUMMARY_NUMBERS): sum, mean, min–max and n; beside them the figure per
  open hour and per staff member (see Rate);
- a 1–5 scale (SUMMARY_SCALE): mean and the distribution over 1..5 with n, never a sum;
- yes/no (SUMMARY_YES_NO): the share that said "Ja", with n;
- choices (SUMMARY_CHOICES): the count and share of each choice, with n; the shares of
  a multiple choice are of the schemas that answered it (they may add up past 100 %);
- dates and text (SUMMARY_ANSWERED): how many answered. The texts themselves are read
  only when asked for, and a question that holds personal data only at the sites
  whose personal answers the user may read (testing.view_personal_answers).

Everything is computed from buckets.answer_buckets, the one aggregation every figure
comes from; the Figures the charts draw are filed from the same buckets. A fixed
number of queries for any number of initiatives, sites and schemas (5, 6 with texts).

Per open hour: a site's borgerservice hours per week (sites.selectors.site_capacity:
the union per weekday of its FULL and LIGHT opening hours). A week's sum is divided
by them; over the whole test (or several sites) the weekly sums are added up and
divided by the hours of the same weeks: Σ sums / Σ hours of the weeks that have
answers. Per staff member the same with Site.staff_count: a figure per staff member
per week. The final evaluation is not a week and is left out of both.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sites.selectors import SiteCapacity, site_capacity
from testing.models import Answer, PeriodKind
from testing.question_kinds import (
    SUMMARY_ANSWERED,
    SUMMARY_CHOICES,
    SUMMARY_NUMBERS,
    SUMMARY_SCALE,
    SUMMARY_YES_NO,
    QuestionKind,
    kind_of,
    kinds_where,
)

from .. import numbers
from .buckets import (
    FINAL,
    AnswerData,
    Bucket,
    BucketWeek,
    QuestionInfo,
)
from .figures import Figure, figures_from_buckets
from .progress import COUNTED
from .scope import site_filter

__all__ = [
    "ChoiceShare",
    "InitiativeSummary",
    "QuestionSummary",
    "Rate",
    "SiteFacts",
    "SiteSummary",
    "Summary",
    "TextAnswer",
    "WeekSummary",
    "initiative_summaries",
    "summarise",
    "week_label",
]

SCALE_VALUES = range(1, 6)
TEXT_KINDS = kinds_where(may_hold_personal_data=True)


def week_label(week: BucketWeek) -> str:
    """ "uge 37", or "slutevaluering" for the final schema."""
    if week == FINAL:
        return _("slutevaluering")
    return _("uge %(week)s") % {"week": week}


@dataclass(frozen=True)
class Rate:
    """A summed figure divided by open hours or staff: `value`, or None with `missing`
    saying why ("" when there are simply no figures to divide)."""

    value: Decimal | None
    missing: str | Promise = ""

    def __str__(self) -> str:
        return numbers.rate(self.value)


@dataclass(frozen=True)
class ChoiceShare:
    """One choice (or one value of a scale): how many chose it, and their share of
    the answering schemas (None with no answers)."""

    label: str
    count: int
    share: float | None


@dataclass(frozen=True)
class Summary:
    """Some answers to one question summarised as its kind says (`how`: SUMMARY_*).

    `answers` is n: the answers that hold a value (choices: the answering schemas).
    Only the fields of its kind are set: numbers `total`, `mean`, `low`, `high`,
    `per_hour`, `per_staff`; a scale `mean` and `distribution` (never a total); yes/no
    `yes` and `yes_share`; choices `choices`."""

    how: str
    answers: int = 0
    total: Decimal | None = None
    mean: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    distribution: tuple[ChoiceShare, ...] = ()
    yes: int | None = None
    yes_share: float | None = None
    choices: tuple[ChoiceShare, ...] = ()
    per_hour: Rate | None = None
    per_staff: Rate | None = None

    @property
    def is_empty(self) -> bool:
        return not self.answers

    @property
    def is_numbers(self) -> bool:
        return self.how == SUMMARY_NUMBERS

    @property
    def is_scale(self) -> bool:
        return self.how == SUMMARY_SCALE

    @property
    def is_yes_no(self) -> bool:
        return self.how == SUMMARY_YES_NO

    @property
    def is_choices(self) -> bool:
        return self.how == SUMMARY_CHOICES

    @property
    def is_answered(self) -> bool:
        return self.how == SUMMARY_ANSWERED

    @property
    def range(self) -> str:
        """ "3–5" (numbers), "–" without answers."""
        if self.low is None or self.high is None:
            return numbers.NONE
        if self.low == self.high:
            return numbers.figure(self.low)
        return f"{numbers.figure(self.low)}–{numbers.figure(self.high)}"

    def describe(self) -> str:
        """The summary in one short Danish line, for compact tables and the catalogue:
        "i alt 8, gennemsnit 4 (3–5), n = 2"; a scale "gennemsnit 3 (n = 2),
        fordeling 1–5: 0 / 1 / 0 / 1 / 0"; "50 % ja (1 af 2)"; "Positivt 1 (50 %),
        Negativt 1 (50 %), n = 2"; "2 svar". "Ingen svar" without answers."""
        if self.is_empty:
            return _("ingen svar")
        n = numbers.figure(self.answers)
        if self.is_numbers:
            return _("i alt %(total)s, gennemsnit %(mean)s (%(range)s), n = %(n)s") % {
                "total": numbers.figure(self.total),
                "mean": numbers.figure(self.mean),
                "range": self.range,
                "n": n,
            }
        if self.is_scale:
            return _("gennemsnit %(mean)s (n = %(n)s), fordeling 1–5: %(spread)s") % {
                "mean": numbers.figure(self.mean),
                "n": n,
                "spread": " / ".join(str(c.count) for c in self.distribution),
            }
        if self.is_yes_no:
            return _("%(share)s ja (%(yes)s af %(n)s)") % {
                "share": numbers.percent(self.yes_share),
                "yes": self.yes,
                "n": n,
            }
        if self.is_choices:
            return _("%(choices)s, n = %(n)s") % {
                "choices": ", ".join(
                    f"{c.label} {c.count} ({numbers.percent(c.share)})"
                    for c in self.choices
                ),
                "n": n,
            }
        return ngettext("%(n)s svar", "%(n)s svar", self.answers) % {"n": n}

    def describe_rates(self) -> str:
        """ "3,4 pr. åbningstime, 0,5 pr. medarbejder pr. uge", or why not: "– (ingen
        åbningstider registreret)"; "" for kinds that are not summed."""
        if self.per_hour is None or self.per_staff is None:
            return ""
        parts = []
        for rate, unit in (
            (self.per_hour, _("pr. åbningstime")),
            (self.per_staff, _("pr. medarbejder pr. uge")),
        ):
            if rate.value is not None:
                parts.append(f"{rate} {unit}")
            elif rate.missing:
                parts.append(f"{numbers.NONE} {unit} ({rate.missing})")
        return ", ".join(parts)


# One piece of a summary: a site's bucket of one week (or of the final schema).
Part = tuple[int, BucketWeek, Bucket]


# Why a rate is missing (translated when shown, not once per summary).
MISSING = {
    ("hours", True): gettext_lazy("ikke alle steder har åbningstider registreret"),
    ("hours", False): gettext_lazy("ingen åbningstider registreret"),
    ("staff", True): gettext_lazy(
        "ikke alle steder har antal medarbejdere registreret"
    ),
    ("staff", False): gettext_lazy("antal medarbejdere ikke registreret"),
}


def _rate(
    parts: Sequence[Part],
    capacity: Mapping[int, SiteCapacity],
    attribute: str,
    *,
    several: bool,
) -> Rate:
    """Σ weekly sums / Σ (hours or staff) of the same site-weeks (see the module)."""
    weekly = [(site, b) for site, week, b in parts if week != FINAL and b.answers]
    if not weekly:
        return Rate(None)
    divisors = [getattr(capacity.get(site), attribute, None) for site, _b in weekly]
    if any(not divisor for divisor in divisors):
        return Rate(None, MISSING[attribute, several])
    total = sum((b.total for _site, b in weekly), Decimal(0))
    return Rate(total / sum((Decimal(d) for d in divisors if d), Decimal(0)))


def _shares(counts: Iterable[tuple[str, int]], answers: int) -> tuple[ChoiceShare, ...]:
    return tuple(
        ChoiceShare(str(label), count, count / answers if answers else None)
        for label, count in counts
    )


def choice_labels(info: QuestionInfo, parts: Iterable[Part]) -> list[str]:
    """A choice question's choices in its order (none chosen: still counted, 0), then
    any value an older version offered that was chosen."""
    chosen = {str(v) for _s, _w, b in parts for v in b.values}
    return list(info.choices) + sorted(chosen - set(info.choices))


def summarise(
    info: QuestionInfo,
    parts: Sequence[Part],
    capacity: Mapping[int, SiteCapacity] | None = None,
    *,
    several: bool = False,
    choices: Sequence[str] | None = None,
) -> Summary:
    """The Summary of some buckets of one question (no query). `several`: the parts
    come from several sites (a rate's reason for being missing says so); `choices`:
    the choices to count, in order (default: choice_labels of the parts)."""
    how = kind_of(info.kind).summary
    answers = sum(b.answers for _s, _w, b in parts)
    if how == SUMMARY_NUMBERS:
        lows = [b.low for _s, _w, b in parts if b.low is not None]
        highs = [b.high for _s, _w, b in parts if b.high is not None]
        total = sum((b.total for _s, _w, b in parts), Decimal(0))
        capacity = capacity or {}
        # A figure that cannot be summed (a computed share) has a mean and a range,
        # but no total and no rate: the sum of weekly shares means nothing.
        summed = kind_of(info.kind).can_sum
        return Summary(
            how,
            answers,
            total=total if answers and summed else None,
            mean=total / answers if answers else None,
            low=min(lows) if lows else None,
            high=max(highs) if highs else None,
            per_hour=_rate(parts, capacity, "hours", several=several)
            if summed
            else None,
            per_staff=_rate(parts, capacity, "staff", several=several)
            if summed
            else None,
        )
    values: Counter[object] = Counter()
    for _s, _w, b in parts:
        values.update(b.values)
    if how == SUMMARY_SCALE:
        counted = sum(values[n] for n in SCALE_VALUES)
        points = sum(n * values[n] for n in SCALE_VALUES)
        return Summary(
            how,
            answers,
            mean=Decimal(points) / counted if counted else None,
            distribution=_shares(((str(n), values[n]) for n in SCALE_VALUES), counted),
        )
    if how == SUMMARY_YES_NO:
        yes = sum(b.yes for _s, _w, b in parts)
        return Summary(
            how, answers, yes=yes, yes_share=yes / answers if answers else None
        )
    if how == SUMMARY_CHOICES:
        labels = choice_labels(info, parts) if choices is None else choices
        return Summary(
            how, answers, choices=_shares(((c, values[c]) for c in labels), answers)
        )
    return Summary(how, answers)


@dataclass(frozen=True)
class WeekSummary:
    week: BucketWeek  # a week number or FINAL
    label: str  # "uge 37", "slutevaluering"
    summary: Summary


@dataclass
class SiteSummary:
    """One question at one site (`site_id` None: all the sites together): a summary
    per week of the test (weeks without answers too) and one of the whole test."""

    site_id: int | None
    name: str
    weeks: list[WeekSummary]
    whole: Summary
    capacity: SiteCapacity | None = None

    @property
    def is_overall(self) -> bool:
        return self.site_id is None


@dataclass(frozen=True)
class TextAnswer:
    site: str
    week: str
    text: str


@dataclass
class QuestionSummary:
    """One question of an initiative: per site, and (with several sites) overall.

    `texts`: the text answers the user may read, when they were asked for (None:
    not read, or not a text question); `texts_withheld`: some of them hold personal
    data the user may not read (they are not in `texts`)."""

    info: QuestionInfo
    sites: list[SiteSummary]
    overall: SiteSummary | None = None
    texts: list[TextAnswer] | None = None
    texts_withheld: bool = False
    # The heads of a choice or scale table: each choice, or the values 1..5.
    choice_labels: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.info.key

    @property
    def text(self) -> str:
        return self.info.text

    @property
    def how(self) -> str:
        return kind_of(self.info.kind).summary

    @property
    def can_sum(self) -> bool:
        return kind_of(self.info.kind).can_sum

    @property
    def kind_label(self) -> str:
        return str(QuestionKind(self.info.kind).label)

    @property
    def rows(self) -> list[SiteSummary]:
        """The sites, then all of them together (with more than one)."""
        return self.sites + ([self.overall] if self.overall else [])

    @property
    def column_count(self) -> int:
        """How many columns its table has (question_summary.html)."""
        extra = {
            SUMMARY_NUMBERS: 6,
            SUMMARY_SCALE: 2 + len(SCALE_VALUES),
            SUMMARY_YES_NO: 3,
            SUMMARY_CHOICES: 1 + len(self.choice_labels),
        }
        return 1 + extra.get(self.how, 1)


@dataclass(frozen=True)
class SiteFacts:
    """A site of an initiative's test: its name, and its borgerservice hours per week
    and staff (None where not stored)."""

    site_id: int
    name: str
    capacity: SiteCapacity | None


@dataclass
class InitiativeSummary:
    """One initiative at the sites asked for: every question summarised, in the
    schema's order, and the Figures its charts are drawn from."""

    initiative_id: int
    sites: list[SiteFacts]
    questions: list[QuestionSummary]
    figures: list[Figure] = field(default_factory=list)

    def question(self, key: str) -> QuestionSummary | None:
        return next((q for q in self.questions if q.key == key), None)

    @property
    def figure_questions(self) -> list[QuestionSummary]:
        """The questions with figures (not dates or text) that have answers at some
        site: the dashboard's and the catalogue's rows."""
        return [
            q
            for q in self.questions
            if q.how != SUMMARY_ANSWERED and any(s.whole.answers for s in q.sites)
        ]


def _week_sort(week: BucketWeek) -> tuple[bool, int]:
    return (week == FINAL, week if isinstance(week, int) else 0)


def initiative_summaries(
    *,
    initiative_ids: Collection[int],
    site_ids: Collection[int] | None,
    with_texts: bool = False,
    personal_site_ids: Collection[int] | None = (),
    data: AnswerData | None = None,
    by_week: bool = True,
) -> dict[int, InitiativeSummary]:
    """{initiative id: InitiativeSummary} at the sites `site_ids` (None: all).

    `with_texts`: read the text answers too (one more query). Those of questions
    that hold personal data only at `personal_site_ids` (None: every site; empty:
    none), the sites whose personal answers the user may read. `data`: what the
    page has read already (buckets.AnswerData), else it is read here. `by_week`
    False: only the whole test is summarised (a page that shows no weeks)."""
    if data is None:
        data = AnswerData.load(initiative_ids=initiative_ids, site_ids=site_ids)
    infos, buckets, runs = data.infos, data.buckets, data.runs
    capacity = site_capacity(site_ids={site for _i, site in runs})
    names = {site: entry.site_name for (_i, site), entry in runs.items()}
    texts = (
        _texts(
            initiative_ids=initiative_ids,
            site_ids=site_ids,
            personal_site_ids=personal_site_ids,
            names=names,
        )
        if with_texts
        else {}
    )
    figure_map = figures_from_buckets(
        buckets, infos=infos, site_names=names, capacity=capacity
    )
    result = {}
    for initiative_id in initiative_ids:
        entries = [e for (i, _s), e in runs.items() if i == initiative_id]
        site_weeks: dict[int, list[BucketWeek]] = {
            e.site_id: [*e.weeks, *([FINAL] if e.has_final else [])] for e in entries
        }
        questions = []
        for info in infos.get(initiative_id, {}).values():
            questions.append(
                _question(
                    initiative_id,
                    info,
                    entries=entries,
                    site_weeks=site_weeks,
                    buckets=buckets,
                    capacity=capacity,
                    by_week=by_week,
                )
            )
            if with_texts and kind_of(info.kind).may_hold_personal_data:
                question = questions[-1]
                question.texts = texts.get((initiative_id, info.key), [])
                question.texts_withheld = info.holds_personal_data and (
                    personal_site_ids is not None
                    and any(e.site_id not in personal_site_ids for e in entries)
                )
        result[initiative_id] = InitiativeSummary(
            initiative_id=initiative_id,
            sites=[
                SiteFacts(e.site_id, e.site_name, capacity.get(e.site_id))
                for e in entries
            ],
            questions=questions,
            figures=figure_map.get(initiative_id, []),
        )
    return result


def _question(
    initiative_id: int,
    info: QuestionInfo,
    *,
    entries: Sequence,
    site_weeks: Mapping[int, list[BucketWeek]],
    buckets: Mapping,
    capacity: Mapping[int, SiteCapacity],
    by_week: bool = True,
) -> QuestionSummary:
    sites = []
    all_parts: defaultdict[BucketWeek, list[Part]] = defaultdict(list)
    labels = choice_labels(
        info,
        [
            (e.site_id, week, bucket)
            for e in entries
            for week, bucket in buckets.get(
                (initiative_id, e.site_id, info.key), {}
            ).items()
        ],
    )
    if kind_of(info.kind).summary == SUMMARY_SCALE:
        labels = [str(n) for n in SCALE_VALUES]

    def summary(parts: Sequence[Part], *, several: bool = False) -> Summary:
        return summarise(info, parts, capacity, several=several, choices=labels)

    for entry in entries:
        found = buckets.get((initiative_id, entry.site_id, info.key), {})
        weeks = list(site_weeks[entry.site_id])
        weeks += sorted((w for w in found if w not in weeks), key=_week_sort)
        parts = [(entry.site_id, week, found[week]) for week in weeks if week in found]
        for part in parts:
            all_parts[part[1]].append(part)
        sites.append(
            SiteSummary(
                entry.site_id,
                entry.site_name,
                [
                    WeekSummary(
                        week,
                        week_label(week),
                        summary(
                            [(entry.site_id, week, found[week])]
                            if week in found
                            else []
                        ),
                    )
                    for week in weeks
                ]
                if by_week
                else [],
                summary(parts),
                capacity.get(entry.site_id),
            )
        )
    overall = None
    if len(sites) > 1:
        weeks = sorted(
            {w for site in sites for w in (ws.week for ws in site.weeks)},
            key=_week_sort,
        )
        overall = SiteSummary(
            None,
            _("Alle steder"),
            [
                WeekSummary(
                    week,
                    week_label(week),
                    summary(all_parts[week], several=True),
                )
                for week in weeks
            ]
            if by_week
            else [],
            summary([p for week in weeks for p in all_parts[week]], several=True),
        )
    return QuestionSummary(info, sites, overall, choice_labels=labels)


def _texts(
    *,
    initiative_ids: Collection[int],
    site_ids: Collection[int] | None,
    personal_site_ids: Collection[int] | None,
    names: Mapping[int, str],
) -> dict[tuple[int, str], list[TextAnswer]]:
    """{(initiative id, key): [TextAnswer]} of the counted schemas (one query); the
    answers to a question holding personal data only at `personal_site_ids`."""
    personal = Q(question__holds_personal_data=True)
    if personal_site_ids is not None:
        personal &= Q(submission__run__site_id__in=personal_site_ids)
    rows = (
        Answer.objects.filter(
            Q(submission__run__initiative_id__in=initiative_ids)
            & site_filter(site_ids, "submission__run__")
            & Q(submission__status__in=COUNTED, question__kind__in=TEXT_KINDS)
            & Q(hidden=False)
            & ~Q(value_text="")
            & (Q(question__holds_personal_data=False) | personal)
        )
        .values_list(
            "submission__run__initiative_id",
            "submission__run__site_id",
            "question__key",
            "submission__kind",
            "submission__week",
            "value_text",
        )
        .order_by(
            "submission__run__site__name", "-submission__kind", "submission__week", "pk"
        )
    )
    found: defaultdict[tuple[int, str], list[TextAnswer]] = defaultdict(list)
    for initiative_id, site_id, key, period, week, text in rows:
        label = week_label(
            FINAL if period == PeriodKind.FINAL else week.isocalendar().week
        )
        found[initiative_id, key].append(
            TextAnswer(names.get(site_id, ""), label, text)
        )
    return found
