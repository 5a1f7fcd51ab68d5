"""The progress matrix (initiatives × sites, each run's schemas by week) and the
counts of schemas by state."""

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative
from projects.models import Project
from testing import states
from testing.models import (
    PeriodKind,
    Submission,
    SubmissionAction,
    SubmissionStatus,
    TestRun,
)
from testing.states import ALL_STATES

from .scope import site_filter

# Figures count schemas that are submitted or approved; drafts and returned schemas
# are shown in the progress, not in the sums.
COUNTED = [SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED]


# A week's state in the matrix, said as testing.states says it everywhere: the status's
# icon and word ("Kladde"), "forsinket" added when it is overdue, and a colour
# (WCAG 1.4.1). {state key: (icon, words, css classes)}
WEEK_STATES = {state.key: (state.icon, state.word, state.css) for state in ALL_STATES}


def week_states() -> dict[str, tuple[str, str, str]]:
    """WEEK_STATES with the words translated once for the request's language."""
    return {
        key: (icon, str(word), css) for key, (icon, word, css) in WEEK_STATES.items()
    }


def week_legend() -> list[tuple[str, str, str]]:
    """[(icon, css classes, word)] for the legend above the matrix."""
    return [(icon, css, str(word)) for icon, css, word in states.legend()]


# On time: a schema was sent by its deadline when its first "submitted" event came
# before the end of its due day (local time). A schema counts once it is due: its
# deadline has passed (due before today; not sent by then: late, sent later or never)
# or it is due today and already sent. A schema not yet due does not count, even if
# it was sent early; returning and resending does not change when it was first sent.


def deadline_end(due_on: datetime.date) -> datetime.datetime:
    """The moment a schema due on `due_on` is late: midnight after it, local time."""
    return timezone.make_aware(
        datetime.datetime.combine(
            due_on + datetime.timedelta(days=1), datetime.time.min
        )
    )


def sent_on_time(
    due_on: datetime.date, first_sent: datetime.datetime | None, today: datetime.date
) -> bool | None:
    """True: sent by its deadline; False: its deadline passed without it; None: not
    counted yet (not due, or due today and not sent yet)."""
    in_time = first_sent is not None and first_sent < deadline_end(due_on)
    if due_on < today or (due_on == today and in_time):
        return in_time
    return None


def first_sent() -> Min:
    """A schema's first "submitted" event (annotate a Submission query with it)."""
    return Min("events__at", filter=Q(events__action=SubmissionAction.SUBMITTED))


@dataclass
class OnTime:
    """How many of a site's schemas that are due were sent by their deadline."""

    on_time: int = 0
    due: int = 0

    def add(self, state: bool | None) -> None:
        if state is not None:
            self.due += 1
            self.on_time += state

    @property
    def percent(self) -> int | None:
        return round(100 * self.on_time / self.due) if self.due else None

    def __str__(self) -> str:
        """ "Til tiden: 4 af 5 (80 %)", or that none is due yet."""
        if not self.due:
            return _("Til tiden: ingen frist endnu")
        return _("Til tiden: %(on_time)s af %(due)s (%(percent)s %%)") % {
            "on_time": self.on_time,
            "due": self.due,
            "percent": self.percent,
        }


def on_time_rates(
    *,
    initiative_ids: Collection[int],
    site_ids: Collection[int] | None,
    today: datetime.date | None = None,
) -> dict[tuple[int, int], OnTime]:
    """{(initiative id, site id): OnTime} of the initiatives' runs (one query)."""
    today = today or timezone.localdate()
    found: defaultdict[tuple[int, int], OnTime] = defaultdict(OnTime)
    for initiative_id, site_id, due_on, sent in (
        Submission.objects.filter(
            Q(run__initiative_id__in=initiative_ids) & site_filter(site_ids, "run__")
        )
        .annotate(first_sent=first_sent())
        .values_list("run__initiative_id", "run__site_id", "due_on", "first_sent")
        .order_by()
    ):
        found[initiative_id, site_id].add(sent_on_time(due_on, sent, today))
    return dict(found)


@dataclass
class RunProgress:
    run: TestRun
    weeks: list[tuple[str, str]] = field(default_factory=list)  # [(label, state)]
    counts: dict[str, int] = field(default_factory=dict)  # state → count
    on_time: OnTime = field(default_factory=OnTime)

    @property
    def done(self) -> int:
        return sum(self.counts.get(status, 0) for status in COUNTED)

    @property
    def total(self) -> int:
        return len(self.weeks)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def matrix(
    *,
    initiatives: Iterable[Initiative],
    site_ids: Collection[int] | None,
    today: datetime.date | None = None,
) -> dict[int, list[RunProgress]]:
    """{initiative id: [RunProgress per site]} for a page of initiatives (2 queries),
    each with its schemas' states by week and how many were sent on time."""
    today = today or timezone.localdate()
    ids = [i.pk for i in initiatives]
    runs = {
        run.pk: RunProgress(run=run)
        for run in TestRun.objects.filter(
            Q(initiative_id__in=ids) & site_filter(site_ids)
        )
        .select_related("site")
        .order_by("site__name")
    }
    for run_id, kind, week, status, due_on, sent in (
        Submission.objects.filter(run_id__in=runs)
        .annotate(first_sent=first_sent())
        .order_by("week", "-kind")
        .values_list("run_id", "kind", "week", "status", "due_on", "first_sent")
    ):
        state = states.schema_state(status, due_on, today).key
        label = _("slut") if kind == PeriodKind.FINAL else str(week.isocalendar().week)
        progress = runs[run_id]
        progress.weeks.append((label, state))
        progress.counts[state] = progress.counts.get(state, 0) + 1
        progress.on_time.add(sent_on_time(due_on, sent, today))
    by_initiative: defaultdict[int, list[RunProgress]] = defaultdict(list)
    for progress in runs.values():
        by_initiative[progress.run.initiative_id].append(progress)
    return by_initiative


def progress_totals(
    *,
    project: Project,
    site_ids: Collection[int] | None,
    today: datetime.date | None = None,
) -> dict[str, Any]:
    """Counts of schemas by status, and how many of them are overdue (one query).

    "lines": what the page says, [(icon, css classes, text)], zeros left out."""
    today = today or timezone.localdate()
    base = Submission.objects.filter(
        Q(run__project=project) & site_filter(site_ids, "run__")
    )
    counts = base.aggregate(
        **{
            status: Count("pk", filter=Q(status=status))
            for status in SubmissionStatus.values
        },
        overdue=Count("pk", filter=states.overdue_q(today)),
        total=Count("pk"),
    )
    counts["lines"] = states.state_counts(counts)
    return counts
