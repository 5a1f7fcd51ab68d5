"""The progress matrix (initiatives × sites, each run's schemas by week) and the
counts of schemas by state."""

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative
from projects.models import Project
from testing import states
from testing.models import PeriodKind, Submission, SubmissionStatus, TestRun
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


@dataclass
class RunProgress:
    run: TestRun
    weeks: list[tuple[str, str]] = field(default_factory=list)  # [(label, state)]
    counts: dict[str, int] = field(default_factory=dict)  # state → count

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
    """{initiative id: [RunProgress per site]} for a page of initiatives (2 queries)."""
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
    for run_id, kind, week, status, due_on in (
        Submission.objects.filter(run_id__in=runs)
        .order_by("week", "-kind")
        .values_list("run_id", "kind", "week", "status", "due_on")
    ):
        state = states.schema_state(status, due_on, today).key
        label = _("slut") if kind == PeriodKind.FINAL else str(week.isocalendar().week)
        progress = runs[run_id]
        progress.weeks.append((label, state))
        progress.counts[state] = progress.counts.get(state, 0) + 1
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
