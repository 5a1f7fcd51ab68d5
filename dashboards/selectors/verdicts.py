"""Success criteria judged against the counted schemas: met, not met, or too little data.

Each criterion of an initiative's published guide (testing/criteria.py) is judged per
site and week, per site over the test, and for the initiative as a whole, from the
buckets of submitted and approved answers (buckets.py). A week is judged against the
criterion as it read in the guide version published by the end of that week, so a
target changed mid-test does not re-judge the weeks before it; the whole test is judged
against the newest version. "Too little data" always says why: which schema is missing,
or how few answers there were.

Five queries for any number of initiatives, sites and schemas.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from initiatives.models import Initiative
from testing import criteria as rules
from testing.criteria import (
    Applies,
    Comparison,
    Criterion,
    Measure,
    Period,
    QuestionRef,
)
from testing.models import TestGuideVersion
from testing.selectors import criterion_questions

from .buckets import (
    FINAL,
    AnswerData,
    Bucket,
    BucketWeek,
    RunWeeks,
    answer_buckets,
    run_weeks,
)


class Status(models.TextChoices):
    MET = "met", gettext_lazy("Opfyldt")
    NOT_MET = "not_met", gettext_lazy("Ikke opfyldt")
    PARTLY = "partly", gettext_lazy("Delvist opfyldt")
    NO_DATA = "no_data", gettext_lazy("For lidt data")
    PENDING = "pending", gettext_lazy("Ikke afgjort endnu")
    COMBINED = "combined", gettext_lazy("Indgår i det samlede tal")


# How each status is shown: an icon and a colour beside its word (WCAG 1.4.1).
STATUS_LOOK = {
    Status.MET: ("✓", "verdict verdict-met"),
    Status.NOT_MET: ("✗", "verdict verdict-not-met"),
    Status.PARTLY: ("◐", "verdict verdict-partly"),
    Status.NO_DATA: ("?", "verdict verdict-no-data"),
    Status.PENDING: ("…", "verdict verdict-pending"),
    Status.COMBINED: ("Σ", "verdict verdict-combined"),
}


@dataclass
class Judgement:
    """One verdict: the status, the value it rests on, and why, in Danish."""

    status: str
    value: Decimal | None = None
    answers: int = 0
    reason: str = ""
    percent: bool = False

    @property
    def label(self) -> str:
        return str(Status(self.status).label)

    @property
    def icon(self) -> str:
        return STATUS_LOOK[Status(self.status)][0]

    @property
    def css(self) -> str:
        return STATUS_LOOK[Status(self.status)][1]

    @property
    def value_text(self) -> str:
        return rules.number_text(self.value, percent=self.percent)

    @property
    def is_met(self) -> bool:
        return self.status == Status.MET

    @property
    def is_not_met(self) -> bool:
        return self.status == Status.NOT_MET


@dataclass
class SiteVerdict:
    site_id: int
    site_name: str
    overall: Judgement
    weeks: list[tuple[BucketWeek, Judgement]] = field(default_factory=list)
    baseline: Decimal | None = None

    @property
    def weeks_met(self) -> int:
        return sum(1 for _w, j in self.weeks if j.status == Status.MET)

    @property
    def weeks_judged(self) -> int:
        return sum(
            1 for _w, j in self.weeks if j.status in (Status.MET, Status.NOT_MET)
        )


@dataclass
class CriterionVerdict:
    criterion: Criterion
    sentence: str
    sites: list[SiteVerdict]
    overall: Judgement
    changes: list[str] = field(default_factory=list)  # "uge 39: mål ændret …"

    def for_site(self, site_id: int) -> SiteVerdict | None:
        return next((s for s in self.sites if s.site_id == site_id), None)


@dataclass
class InitiativeVerdicts:
    """An initiative's criteria judged; `sites` in the order the table shows them."""

    initiative: Initiative
    criteria: list[CriterionVerdict]
    sites: list[tuple[int, str]]
    published: bool  # has a published guide with criteria
    # The steering group's latest verdict on the initiative (an initiatives.Decision),
    # where a page reads it (initiative_rows).
    decision: Any = None

    @property
    def counts(self) -> dict[str, int]:
        found: dict[str, int] = defaultdict(int)
        for verdict in self.criteria:
            found[verdict.overall.status] += 1
        return dict(found)

    @property
    def summary(self) -> str:
        """One line: "2 af 3 kriterier opfyldt; 1 med for lidt data"."""
        if not self.criteria:
            return _("Ingen succeskriterier som regler.")
        counts = self.counts
        parts = [
            ngettext(
                "%(met)s af %(total)s kriterie opfyldt",
                "%(met)s af %(total)s kriterier opfyldt",
                len(self.criteria),
            )
            % {"met": counts.get(Status.MET, 0), "total": len(self.criteria)}
        ]
        if counts.get(Status.PARTLY):
            parts.append(
                ngettext("%(n)s delvist", "%(n)s delvist", counts[Status.PARTLY])
                % {"n": counts[Status.PARTLY]}
            )
        if counts.get(Status.NO_DATA):
            parts.append(
                ngettext(
                    "%(n)s med for lidt data",
                    "%(n)s med for lidt data",
                    counts[Status.NO_DATA],
                )
                % {"n": counts[Status.NO_DATA]}
            )
        return "; ".join(parts) + "."

    def site_summaries(self) -> list[tuple[str, Judgement]]:
        """[(site name, Judgement)]: each site's criteria at a glance ("2 af 3
        opfyldt"); a criterion for all sites together counts at every site."""
        found = []
        for site_id, name in self.sites:
            statuses = []
            for verdict in self.criteria:
                if verdict.criterion.applies == Applies.ALL_SITES:
                    statuses.append(verdict.overall.status)
                else:
                    site = verdict.for_site(site_id)
                    statuses.append(site.overall.status if site else Status.NO_DATA)
            found.append((name, _glance(statuses)))
        return found

    @property
    def glance(self) -> Judgement:
        """The initiative's criteria at a glance, over all its sites."""
        return _glance([verdict.overall.status for verdict in self.criteria])

    def cell(self, criterion: CriterionVerdict, site_id: int) -> Judgement | None:
        found = criterion.for_site(site_id)
        return found.overall if found else None

    def rows(self) -> list[tuple[CriterionVerdict, list[Judgement | None]]]:
        """[(criterion, [judgement per site in `sites`])] for the verdict table."""
        return [
            (verdict, [self.cell(verdict, site_id) for site_id, _name in self.sites])
            for verdict in self.criteria
        ]


def _glance(statuses: Sequence[str]) -> Judgement:
    """Many criteria's statuses as one: met if all judged were met, and so on."""
    met = sum(1 for s in statuses if s == Status.MET)
    partly = sum(1 for s in statuses if s == Status.PARTLY)
    not_met = sum(1 for s in statuses if s == Status.NOT_MET)
    if not (met or partly or not_met):
        status = Status.NO_DATA
    elif met == len(statuses):
        status = Status.MET  # met only when every criterion is
    elif not_met and not (met or partly):
        status = Status.NOT_MET
    else:
        # Some met, the others not met or not yet judgeable.
        status = Status.PARTLY
    reason = ngettext(
        "%(met)s af %(total)s kriterie opfyldt",
        "%(met)s af %(total)s kriterier opfyldt",
        len(statuses),
    ) % {"met": met, "total": len(statuses)}
    no_data = sum(1 for s in statuses if s == Status.NO_DATA)
    if no_data and status != Status.NO_DATA:
        reason += "; " + ngettext(
            "%(n)s med for lidt data", "%(n)s med for lidt data", no_data
        ) % {"n": no_data}
    return Judgement(status, reason=reason)


def _week_end(monday: datetime.date) -> datetime.date:
    return monday + datetime.timedelta(days=6)


@dataclass
class _Versions:
    """An initiative's published criteria over time: [(published on, [Criterion])]."""

    history: list[tuple[datetime.date, list[Criterion]]]

    @property
    def all_criteria(self) -> list[Criterion]:
        return [c for _day, criteria in self.history for c in criteria]

    @property
    def newest(self) -> list[Criterion]:
        return self.history[-1][1] if self.history else []

    def in_force(self, day: datetime.date) -> dict[str, Criterion]:
        """{key: Criterion} as published on or before `day` (else the first version)."""
        chosen = self.history[0][1] if self.history else []
        for published, criteria in self.history:
            if published <= day:
                chosen = criteria
        return {c.key: c for c in chosen}


def _versions(initiative_ids: Collection[int]) -> dict[int, _Versions]:
    found: dict[int, list[tuple[datetime.date, list[Criterion]]]] = defaultdict(list)
    for initiative_id, published_at, stored in (
        TestGuideVersion.objects.filter(guide__initiative_id__in=initiative_ids)
        .order_by("number")
        .values_list("guide__initiative_id", "published_at", "criteria")
    ):
        found[initiative_id].append(
            (timezone.localtime(published_at).date(), rules.parse(stored))
        )
    return {key: _Versions(history) for key, history in found.items()}


def _combine(buckets: Iterable[Bucket]) -> Bucket:
    combined = Bucket()
    for bucket in buckets:
        combined.answers += bucket.answers
        combined.total += bucket.total
        combined.yes += bucket.yes
        combined.values.update(bucket.values)
    return combined


def _measure(criterion: Criterion, bucket: Bucket, schemas: int) -> Decimal | None:
    """The criterion's measure of a bucket (None: nothing to measure)."""
    if criterion.measure == Measure.SCHEMAS:
        return Decimal(schemas)
    if not bucket.answers:
        return None
    if criterion.measure == Measure.SUM:
        return Decimal(bucket.total)
    if criterion.measure == Measure.MEAN:
        return Decimal(bucket.total) / bucket.answers
    if criterion.measure == Measure.SHARE_YES:
        return Decimal(100 * bucket.yes) / bucket.answers
    if criterion.measure == Measure.SHARE_CHOICE:
        return Decimal(100 * bucket.values.get(criterion.choice, 0)) / bucket.answers
    return None


def _later(words: Callable[[], str]) -> str:
    """A text put into words (translated, filled in) only when it is shown."""
    return lazy(words, str)()


def _week_name(week: BucketWeek) -> str:
    return (
        str(_("slutevalueringen"))
        if week == FINAL
        else _("uge %(week)s") % {"week": week}
    )


class _Judge:
    """Judges one initiative's criteria from its buckets and its runs' weeks."""

    def __init__(
        self,
        *,
        buckets: Mapping[tuple[int, int, str], Mapping[BucketWeek, Bucket]],
        runs: Mapping[tuple[int, int], RunWeeks],
        questions: Mapping[str, QuestionRef],
        versions: _Versions,
        initiative_id: int,
        site_ids: Collection[int] | None,
        today: datetime.date,
    ):
        self.buckets = buckets
        self.questions = questions
        self.versions = versions
        self.initiative_id = initiative_id
        self.limited = site_ids is not None
        self.today = today
        self.runs = sorted(
            (run for (i, _s), run in runs.items() if i == initiative_id),
            key=lambda run: run.site_name,
        )

    # Which weeks count

    def due(self, run: RunWeeks, week: BucketWeek) -> bool:
        due_on = run.due.get(week)
        return isinstance(due_on, datetime.date) and due_on < self.today

    def bucket(self, run: RunWeeks, criterion: Criterion, week: BucketWeek) -> Bucket:
        found = self.buckets.get(
            (self.initiative_id, run.site_id, criterion.question_key)
        )
        return (found or {}).get(week) or Bucket()

    def weeks_of(self, criterion: Criterion, run: RunWeeks) -> list[BucketWeek]:
        if criterion.period == Period.FINAL:
            return [FINAL] if run.has_final else []
        if criterion.period == Period.TEST:
            # The whole test: every week and the final evaluation, as the figures.
            return [*run.weeks, *([FINAL] if run.has_final else [])]
        return list(run.weeks)

    # One week (or the final schema) at one site

    def judge_week(
        self, criterion: Criterion, run: RunWeeks, week: BucketWeek
    ) -> Judgement:
        percent = criterion.is_percent
        if week not in run.counted:
            # The weeks' reasons are put into words only if a page shows them.
            if not self.due(run, week):
                return Judgement(
                    Status.PENDING,
                    reason=_later(
                        lambda: (
                            _("Skemaet for %(week)s har ikke frist endnu.")
                            % {"week": _week_name(week)}
                        )
                    ),
                    percent=percent,
                )
            return Judgement(
                Status.NO_DATA,
                reason=_later(
                    lambda: (
                        _("Skemaet for %(week)s er ikke indsendt.")
                        % {"week": _week_name(week)}
                    )
                ),
                percent=percent,
            )
        bucket = self.bucket(run, criterion, week)
        value = _measure(criterion, bucket, 1)
        if value is None or (
            criterion.measure != Measure.SCHEMAS
            and bucket.answers < criterion.min_answers
        ):
            return Judgement(
                Status.NO_DATA,
                answers=bucket.answers,
                reason=_later(
                    lambda: self._few(bucket.answers, criterion, _week_name(week))
                ),
                percent=percent,
            )
        return self._compare(criterion, value, bucket.answers, run.site_id)

    def _few(self, answers: int, criterion: Criterion, where: str) -> str:
        if not answers:
            return _("Spørgsmålet er ikke besvaret i %(where)s.") % {"where": where}
        return _("For få svar i %(where)s: %(n)s (mindst %(min)s).") % {
            "where": where,
            "n": answers,
            "min": criterion.min_answers,
        }

    def _compare(
        self, criterion: Criterion, value: Decimal, answers: int, site_id: int | None
    ) -> Judgement:
        met = criterion.meets(value, site_id=site_id)
        percent = criterion.is_percent
        if met is None:
            return Judgement(
                Status.NO_DATA,
                value,
                answers,
                _("Der er intet udgangspunkt at sammenligne med."),
                percent,
            )
        return Judgement(
            Status.MET if met else Status.NOT_MET, value, answers, "", percent
        )

    # A site over the whole test

    def enough(
        self, run: RunWeeks, criterion: Criterion, with_data: int
    ) -> tuple[bool, str]:
        """Enough weeks with data to judge a site: at least half of the weeks due."""
        due = [w for w in self.weeks_of(criterion, run) if self.due(run, w)]
        if criterion.period == Period.FINAL:
            if with_data:
                return True, ""
            if FINAL in run.counted:
                return False, self._few(0, criterion, _week_name(FINAL))
            if not due:
                return False, _("Slutevalueringen har ikke frist endnu.")
            return False, _("Slutevalueringen er ikke indsendt.")
        needed = max(1, math.ceil(len(due) / 2))
        if with_data >= needed:
            return True, ""
        return False, _(
            "Tal for %(with)s af %(due)s uger med frist; der skal mindst %(needed)s til."
        ) % {"with": with_data, "due": len(due), "needed": needed}

    def _reached_anyway(
        self,
        criterion: Criterion,
        weeks: Sequence[BucketWeek],
        runs: Sequence[RunWeeks],
    ) -> Judgement | None:
        """A sum (or a number of schemas) that must be at least a target and already
        is: met, however many schemas are still missing (more can only add)."""
        if (
            criterion.period == Period.WEEK
            or criterion.comparison != Comparison.AT_LEAST
            or criterion.measure not in (Measure.SUM, Measure.SCHEMAS)
        ):
            return None
        counted = [(run, w) for run in runs for w in weeks if w in run.counted]
        bucket = _combine(self.bucket(run, criterion, w) for run, w in counted)
        value = _measure(criterion, bucket, len(counted))
        if value is None or not criterion.meets(value):
            return None
        return Judgement(
            Status.MET,
            value,
            bucket.answers,
            _("Målet er nået, selv om der mangler skemaer."),
            criterion.is_percent,
        )

    def judge_site(self, criterion: Criterion, run: RunWeeks) -> SiteVerdict:
        weeks = [
            (
                week,
                self.judge_week(
                    self.criterion_in_force(criterion, run, week), run, week
                ),
            )
            for week in self.weeks_of(criterion, run)
        ]
        if criterion.period != Period.WEEK:
            # A week's figure is part of the whole: not judged against its target.
            for _week, judgement in weeks:
                if judgement.status in (Status.MET, Status.NOT_MET):
                    judgement.status = Status.COMBINED
                    judgement.reason = ""
        with_value = [j for _w, j in weeks if j.value is not None]
        baseline = (
            criterion.baseline_for(run.site_id) if criterion.uses_baseline else None
        )
        enough, reason = self.enough(run, criterion, len(with_value))
        percent = criterion.is_percent
        if not enough:
            overall = self._reached_anyway(
                criterion,
                [w for w in self.weeks_of(criterion, run) if w in run.counted],
                [run],
            ) or Judgement(Status.NO_DATA, reason=reason, percent=percent)
        elif criterion.period == Period.WEEK:
            # The typical week: the mean of the weeks' values.
            total = sum(
                (j.value for j in with_value if j.value is not None), Decimal(0)
            )
            mean: Decimal = total / len(with_value)
            overall = self._compare(
                criterion, mean, sum(j.answers for j in with_value), run.site_id
            )
            judged = sum(
                1 for j in with_value if j.status in (Status.MET, Status.NOT_MET)
            )
            met = sum(1 for j in with_value if j.status == Status.MET)
            if overall.status in (Status.MET, Status.NOT_MET):
                overall.reason = _(
                    "Gennemsnit pr. uge; opfyldt i %(met)s af %(judged)s uger."
                ) % {"met": met, "judged": judged}
        else:
            counted = [w for w in self.weeks_of(criterion, run) if w in run.counted]
            bucket = _combine(self.bucket(run, criterion, w) for w in counted)
            value = _measure(criterion, bucket, len(counted))
            if value is None or (
                criterion.measure != Measure.SCHEMAS
                and bucket.answers < criterion.min_answers
            ):
                overall = Judgement(
                    Status.NO_DATA,
                    answers=bucket.answers,
                    reason=self._few(bucket.answers, criterion, _("afprøvningen")),
                    percent=percent,
                )
            else:
                overall = self._compare(criterion, value, bucket.answers, run.site_id)
                if overall.status in (Status.MET, Status.NOT_MET):
                    overall.reason = ngettext(
                        "Ud fra %(n)s skema.", "Ud fra %(n)s skemaer.", len(counted)
                    ) % {"n": len(counted)}
        if baseline is not None and overall.status in (Status.MET, Status.NOT_MET):
            threshold = criterion.threshold(run.site_id)
            overall.reason = " ".join(
                [
                    _("Udgangspunkt %(baseline)s, mål mindst %(target)s.")
                    % {
                        "baseline": rules.number_text(baseline, percent=percent),
                        "target": rules.number_text(
                            threshold[0] if threshold else None, percent=percent
                        ),
                    },
                    overall.reason,
                ]
            ).strip()
        return SiteVerdict(run.site_id, run.site_name, overall, weeks, baseline)

    def criterion_in_force(
        self, criterion: Criterion, run: RunWeeks, week: BucketWeek
    ) -> Criterion:
        """The criterion as the guide read when the week ended (the newest for the final)."""
        if week == FINAL:
            return criterion
        monday = run.mondays.get(week)
        if monday is None:
            return criterion
        return self.versions.in_force(_week_end(monday)).get(criterion.key, criterion)

    # All sites together

    def judge_all(self, criterion: Criterion, sites: list[SiteVerdict]) -> Judgement:
        percent = criterion.is_percent
        if self.limited:
            return Judgement(
                Status.NO_DATA,
                reason=_(
                    "Kriteriet gælder alle steder tilsammen; du ser kun dit eget sted."
                ),
                percent=percent,
            )
        missing = [
            run.site_name
            for run in self.runs
            if not self.enough(
                run,
                criterion,
                sum(1 for w in self.weeks_of(criterion, run) if w in run.counted),
            )[0]
        ]
        if missing and criterion.period != Period.WEEK:
            reached = self._reached_anyway(
                criterion,
                sorted(
                    {w for run in self.runs for w in self.weeks_of(criterion, run)},
                    key=lambda w: (w == FINAL, w if isinstance(w, int) else 0),
                ),
                self.runs,
            )
            if reached is not None:
                return reached
        if missing or not self.runs:
            return Judgement(
                Status.NO_DATA,
                reason=ngettext(
                    "%(sites)s har for få indsendte skemaer.",
                    "%(sites)s har for få indsendte skemaer.",
                    len(missing),
                )
                % {"sites": get_text_list(missing, _("og"))}
                if missing
                else _("Tiltaget afprøves ikke noget sted endnu."),
                percent=percent,
            )
        if criterion.period == Period.WEEK:
            weeks = sorted(
                {w for run in self.runs for w in run.weeks},
            )
            values = []
            for week in weeks:
                runs = [run for run in self.runs if week in run.counted]
                if not runs:
                    continue
                bucket = _combine(self.bucket(run, criterion, week) for run in runs)
                value = _measure(criterion, bucket, len(runs))
                if value is not None:
                    values.append(value)
            if not values:
                return Judgement(
                    Status.NO_DATA,
                    reason=_("Spørgsmålet er ikke besvaret."),
                    percent=percent,
                )
            return self._compare(
                criterion, sum(values, Decimal(0)) / len(values), 0, None
            )
        buckets: list[Bucket] = []
        schemas = 0
        for run in self.runs:
            counted = [w for w in self.weeks_of(criterion, run) if w in run.counted]
            schemas += len(counted)
            buckets.extend(self.bucket(run, criterion, w) for w in counted)
        bucket = _combine(buckets)
        value = _measure(criterion, bucket, schemas)
        if value is None:
            return Judgement(
                Status.NO_DATA,
                reason=_("Spørgsmålet er ikke besvaret."),
                percent=percent,
            )
        return self._compare(criterion, value, bucket.answers, None)

    def judge(self, criterion: Criterion) -> CriterionVerdict:
        sites = [self.judge_site(criterion, run) for run in self.runs]
        if criterion.applies == Applies.ALL_SITES:
            overall = self.judge_all(criterion, sites)
            for site in sites:
                if (
                    site.overall.value is not None
                    or site.overall.status != Status.NO_DATA
                ):
                    site.overall = Judgement(
                        Status.COMBINED,
                        site.overall.value,
                        site.overall.answers,
                        _("Tallet for stedet indgår i det samlede."),
                        criterion.is_percent,
                    )
        else:
            overall = _overall_of(sites, criterion)
        return CriterionVerdict(
            criterion=criterion,
            sentence=rules.describe(criterion, self.questions),
            sites=sites,
            overall=overall,
            changes=self.changes_of(criterion),
        )

    def changes_of(self, criterion: Criterion) -> list[str]:
        """When the criterion's rule changed during the test, in words."""
        found, before = [], None
        for published, criteria in self.versions.history:
            current = next((c for c in criteria if c.key == criterion.key), None)
            if (
                current is not None
                and before is not None
                and not before.same_rule(current)
            ):
                found.append(
                    _("Ændret %(day)s: %(old)s → %(new)s")
                    % {
                        "day": date_format(published, "DATE_FORMAT"),
                        "old": rules.describe(before, self.questions),
                        "new": rules.describe(current, self.questions),
                    }
                )
            before = current or before
        return found


def _overall_of(sites: Sequence[SiteVerdict], criterion: Criterion) -> Judgement:
    """The initiative's verdict on a per-site criterion, from the sites' verdicts."""
    statuses = [s.overall.status for s in sites]
    met = statuses.count(Status.MET)
    not_met = statuses.count(Status.NOT_MET)
    no_data = statuses.count(Status.NO_DATA)
    percent = criterion.is_percent
    if not sites:
        return Judgement(
            Status.NO_DATA,
            reason=_("Tiltaget afprøves ikke noget sted endnu."),
            percent=percent,
        )
    reason = _("Opfyldt på %(met)s af %(sites)s steder.") % {
        "met": met,
        "sites": len(sites),
    }
    if no_data:
        reason += " " + ngettext(
            "%(n)s sted har for lidt data.", "%(n)s steder har for lidt data.", no_data
        ) % {"n": no_data}
    if met and not not_met:
        status = Status.MET
    elif not_met and not met:
        status = Status.NOT_MET
    elif met and not_met:
        status = Status.PARTLY
    else:
        status = Status.NO_DATA
    if len(sites) == 1:
        only = sites[0].overall
        return Judgement(status, only.value, only.answers, only.reason, percent)
    return Judgement(status, None, 0, reason, percent)


def initiative_verdicts(
    *,
    initiatives: Sequence[Initiative],
    site_ids: Collection[int] | None,
    today: datetime.date | None = None,
    data: AnswerData | None = None,
) -> dict[int, InitiativeVerdicts]:
    """{initiative id: InitiativeVerdicts} for a page of initiatives (five queries;
    one when none of them has published criteria, or when `data`, what the page
    has read for its summaries, is given)."""
    today = today or timezone.localdate()
    ids = [i.pk for i in initiatives]
    versions = _versions(ids)
    judged = [key for key, history in versions.items() if history.newest]
    # Only initiatives with published criteria cost more queries (none: one query).
    if data is not None:
        # What the page has read already (its summaries): no more queries.
        buckets, runs = data.buckets, data.runs
        questions = {
            initiative_id: {
                key: QuestionRef(info.key, info.text, info.kind, info.choices)
                for key, info in infos.items()
            }
            for initiative_id, infos in data.infos.items()
        }
    else:
        # Only the questions the criteria name are aggregated.
        keys = {
            c.question_key
            for key in judged
            for c in versions[key].all_criteria
            if c.question_key
        }
        buckets = (
            answer_buckets(initiative_ids=judged, site_ids=site_ids, keys=keys)
            if judged and keys
            else {}
        )
        runs = run_weeks(initiative_ids=judged, site_ids=site_ids) if judged else {}
        questions = criterion_questions(initiative_ids=judged) if judged else {}
    found = {}
    for initiative in initiatives:
        history = versions.get(initiative.pk, _Versions([]))
        judge = _Judge(
            buckets=buckets,
            runs=runs,
            questions=questions.get(initiative.pk, {}),
            versions=history,
            initiative_id=initiative.pk,
            site_ids=site_ids,
            today=today,
        )
        found[initiative.pk] = InitiativeVerdicts(
            initiative=initiative,
            criteria=[judge.judge(criterion) for criterion in history.newest],
            sites=[(run.site_id, run.site_name) for run in judge.runs],
            published=bool(history.newest),
        )
    return found
