"""Writes for test runs: a run and the schemas (submissions) of its weeks."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import ActionRefused
from initiatives.models import Initiative
from sites.models import Site

from ..models import (
    Cadence,
    PeriodKind,
    SchemaTemplate,
    Submission,
    SubmissionStatus,
    TestRun,
)


def _periods(run: TestRun) -> list[tuple[PeriodKind, datetime.date]]:
    periods = []
    if run.cadence in (Cadence.WEEKLY, Cadence.WEEKLY_AND_FINAL):
        periods += [(PeriodKind.WEEK, monday) for monday in run.weeks()]
    if run.cadence in (Cadence.FINAL, Cadence.WEEKLY_AND_FINAL):
        periods.append((PeriodKind.FINAL, run.ends_week))
    return periods


def _due_on(kind: str, monday: datetime.date) -> datetime.date:
    """A week's schema is due on the Sunday of that week; the final one a week later."""
    sunday = monday + datetime.timedelta(days=6)
    return sunday + datetime.timedelta(weeks=1) if kind == PeriodKind.FINAL else sunday


@transaction.atomic
def run_save(
    *,
    run: TestRun | None = None,
    initiative: Initiative | None = None,
    site: Site,
    template: SchemaTemplate,
    starts_week: datetime.date,
    ends_week: datetime.date,
    cadence: str = Cadence.WEEKLY_AND_FINAL,
    coordinators: Iterable[User] = (),
) -> TestRun:
    """Create a run of `initiative` (or change `run`, whose initiative stays) and make
    its schemas match its weeks and cadence."""
    if run is None:
        if initiative is None:
            raise TypeError("run_save() needs the run or the initiative of a new run")
        run = TestRun(initiative=initiative, project=initiative.project)
    run.site = site
    run.template = template
    run.starts_week = starts_week
    run.ends_week = ends_week
    run.cadence = cadence
    run.full_clean()
    run.save()
    run.coordinators.set(coordinators)
    run_sync_submissions(run=run)
    return run


@transaction.atomic
def run_sync_submissions(*, run: TestRun) -> None:
    """One schema per week (and a final one) as the run's cadence says.

    Schemas that are no longer in the range are removed only if nobody has started
    them; otherwise the change is refused.
    """
    wanted = set(_periods(run))
    existing = {(s.kind, s.week): s for s in run.submissions.all()}
    for period, submission in existing.items():
        if period not in wanted:
            if submission.status != SubmissionStatus.NOT_STARTED:
                raise ActionRefused(
                    _(
                        "%(period)s er allerede påbegyndt og kan ikke fjernes fra afprøvningen."
                    )
                    % {"period": submission.period_label}
                )
            submission.delete()
    Submission.objects.bulk_create(
        Submission(run=run, kind=kind, week=monday, due_on=_due_on(kind, monday))
        for kind, monday in sorted(wanted - set(existing), key=lambda p: (p[1], p[0]))
    )
