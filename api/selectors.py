"""What the API reads: the rows a principal may see, through the same visibility and
selectors as the pages (never a second copy of the rules).

- every list starts from `Model.objects.visible_to(user)`;
- a schema's answers leave out what its pages leave out: answers hidden by a
  condition or in a removed entry, and answers to questions holding personal data
  where the reader may not read them (`testing.view_personal_answers`: never the
  steering group);
- quotes are the publishable ones (`dashboards.selectors.publishable_quotes`:
  consented and reviewed) among those the reader sees;
- figures and verdicts are the dashboard's (`dashboards.selectors`), per project at
  the sites the reader sees there (`projects.scoping.visible_site_ids`).

Each list reads a fixed number of queries per page however many rows there are
(tested at two sizes)."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Prefetch, Q, QuerySet

from dashboards.selectors import (
    initiative_summaries,
    initiative_verdicts,
    publishable,
)
from dashboards.selectors.buckets import FINAL, AnswerData
from initiatives.models import Decision, Initiative, Quote
from projects.models import Project
from projects.scoping import AnyUser, visible_site_ids
from sites.models import CitizenService, ServiceOffering, Site
from testing.models import Answer, Question, Submission, TestRun
from testing.question_kinds import ANSWER_COLUMNS, kind_of

from .filters import iso_week

# Lists


def project_list(*, user: AnyUser) -> QuerySet[Project]:
    return Project.objects.visible_to(user).prefetch_related(
        Prefetch("sites", queryset=Site.objects.order_by("pk").only("pk"))
    )


def site_list(*, user: AnyUser) -> QuerySet[Site]:
    """The shared catalogue's sites (every member reads them), each with the
    projects among the reader's that it takes part in."""
    return (
        Site.objects.visible_to(user)
        .select_related("municipality")
        .prefetch_related(
            Prefetch(
                "projects",
                queryset=Project.objects.visible_to(user).order_by("pk").only("pk"),
                to_attr="visible_projects",
            )
        )
    )


def service_list(*, user: AnyUser) -> QuerySet[CitizenService]:
    """The shared service catalogue, each service with where it is offered."""
    offerings = ServiceOffering.objects.select_related(
        "site", "service_point"
    ).order_by("pk")
    return CitizenService.objects.visible_to(user).prefetch_related(
        Prefetch("offerings", queryset=offerings, to_attr="offered_at")
    )


def initiative_list(*, user: AnyUser) -> QuerySet[Initiative]:
    return (
        Initiative.objects.visible_to(user)
        .select_related("solution_space__theme")
        .prefetch_related("services", "test_sites")
    )


def test_run_list(*, user: AnyUser) -> QuerySet[TestRun]:
    return TestRun.objects.visible_to(user)


def decision_list(*, user: AnyUser) -> QuerySet[Decision]:
    return Decision.objects.visible_to(user).select_related("project")


def quote_list(*, user: AnyUser) -> QuerySet[Quote]:
    """The quotes the reader sees that may be shown to anyone: consented to and
    reviewed (`dashboards.selectors.publishable`, the dashboard's and the
    catalogue's rule)."""
    return (
        publishable(Quote.objects.visible_to(user))
        .select_related("service", "site")
        .prefetch_related(
            Prefetch(
                "initiatives", queryset=Initiative.objects.order_by("pk").only("pk")
            )
        )
    )


def submission_list(*, user: AnyUser) -> QuerySet[Submission]:
    """The schemas the reader sees; their answers are read a page at a time
    (`with_answers`)."""
    return Submission.objects.visible_to(user).select_related("run")


# The columns an answer's value may be in (testing.question_kinds: each kind reads
# its own), read as plain rows: a page of 500 schemas has ~6,500 answers, and model
# instances for them (with their questions) took most of the page's time.
ANSWER_FIELDS = ("submission_id", "question_id", "entry__uid", *ANSWER_COLUMNS)


def with_answers(submissions: Sequence[Submission]) -> Sequence[Submission]:
    """Attach to each schema its answers as its pages show them: counted (not
    hidden by a condition), not in a removed entry, in the schema's order, each
    with its question. Two queries for any number of schemas."""
    by_submission: dict[int, list[tuple[Question, dict[str, Any]]]] = {
        s.pk: [] for s in submissions
    }
    rows = list(
        Answer.objects.filter(submission_id__in=list(by_submission), hidden=False)
        .filter(Q(entry__isnull=True) | Q(entry__removed_at__isnull=True))
        .order_by("submission_id", "question_id", "entry__created_at", "pk")
        .values(*ANSWER_FIELDS)
    )
    questions = {
        q.pk: q
        for q in Question.objects.filter(pk__in={row["question_id"] for row in rows})
        .only(
            "key",
            "text",
            "kind",
            "holds_personal_data",
            "position",
            "section__position",
        )
        .select_related("section")
    }
    for row in rows:
        by_submission[row["submission_id"]].append((questions[row["question_id"]], row))
    for submission in submissions:
        found = by_submission[submission.pk]
        found.sort(key=lambda pair: (pair[0].section.position, pair[0].position))
        submission.shown_answers = found  # type: ignore[attr-defined]
    return submissions


@dataclass(frozen=True)
class TypedAnswer:
    question: str  # the question's key (stable across schema versions)
    text: str
    kind: str
    entry: str | None  # the entry of a repeated section (its uid), else None
    value: Any


def typed_answers(*, submission: Submission, user: AnyUser) -> list[TypedAnswer]:
    """The schema's answers as typed values (testing.question_kinds: each kind says
    its own), without those the reader may not read (no query: the answers are
    attached by `with_answers`, the memberships read once)."""
    personal = user.has_perm("testing.view_personal_answers", submission)
    found = []
    for question, row in getattr(submission, "shown_answers", ()):
        if question.holds_personal_data and not personal:
            continue
        kind = kind_of(question.kind)
        stored = kind.stored(row)
        if kind.is_empty(stored):
            continue
        entry = row["entry__uid"]
        found.append(
            TypedAnswer(
                question=question.key,
                text=question.text,
                kind=question.kind,
                entry=entry.hex if entry is not None else None,
                value=kind.api_value(stored),
            )
        )
    return found


# Figures and verdicts: the dashboard's, per project at the sites the reader sees


def _site_ids(
    *, user: AnyUser, project: Project, site: int | None
) -> Collection[int] | None:
    """The sites of the project the reader sees (None: all), narrowed to `site`."""
    site_ids = visible_site_ids(user=user, project=project)
    if site is None:
        return site_ids
    return {site} if site_ids is None or site in site_ids else set()


def _by_project(
    initiatives: Iterable[Initiative],
) -> dict[int, tuple[Project, list[Initiative]]]:
    grouped: dict[int, tuple[Project, list[Initiative]]] = {}
    for initiative in initiatives:
        grouped.setdefault(initiative.project_id, (initiative.project, []))[1].append(
            initiative
        )
    return grouped


@dataclass
class FigureRow:
    """One numeric question at one site in one week (or the final schema): the
    dashboard's figure (a count's sum, a scale's mean) and what it rests on."""

    initiative: int
    project: int
    site: int
    site_name: str
    question: str
    text: str
    kind: str
    period: str  # "week" or "final"
    week: str | None  # ISO week, "2017-W39"
    value: float | None
    total: Decimal | int
    answers: int
    per_open_hour: float | None


def figure_rows(
    *,
    user: AnyUser,
    initiatives: Sequence[Initiative],
    site: int | None = None,
    week: datetime.date | None = None,
) -> list[FigureRow]:
    """The figures of a page of initiatives, as the dashboard counts them
    (dashboards.selectors.initiative_summaries: submitted and approved schemas),
    at the sites the reader sees. Queries: a fixed number per project on the page."""
    rows: list[FigureRow] = []
    for project, group in _by_project(initiatives).values():
        site_ids = _site_ids(user=user, project=project, site=site)
        if site_ids is not None and not site_ids:
            continue
        ids = [i.pk for i in group]
        data = AnswerData.load(initiative_ids=ids, site_ids=site_ids)
        summaries = initiative_summaries(
            initiative_ids=ids, site_ids=site_ids, data=data, by_week=False
        )
        for initiative in group:
            for figure in summaries[initiative.pk].figures:
                if figure.site_id is None:  # figures are filed per site
                    continue
                run = data.runs.get((initiative.pk, figure.site_id))
                mondays = run.mondays if run else {}
                for label, (total, answers) in figure.by_week.items():
                    final = not isinstance(label, int)
                    monday = mondays.get(label if isinstance(label, int) else FINAL)
                    if week is not None and monday != week:
                        continue
                    rows.append(
                        FigureRow(
                            initiative=initiative.pk,
                            project=project.pk,
                            site=figure.site_id,
                            site_name=str(figure.site),
                            question=figure.key,
                            text=figure.text,
                            kind=figure.kind,
                            period="final" if final else "week",
                            week=iso_week(monday),
                            value=figure.week_value(label),
                            total=total,
                            answers=answers,
                            per_open_hour=(
                                figure.week_value(label, per_hour=True)
                                if kind_of(figure.kind).can_sum
                                else None
                            ),
                        )
                    )
    return rows


@dataclass
class Judged:
    status: str
    status_label: str
    value: Decimal | None
    answers: int
    reason: str


@dataclass
class VerdictRow:
    """One success criterion of an initiative at one site (site None: all the
    initiative's sites together), judged as the results page judges it."""

    initiative: int
    project: int
    criterion: str
    sentence: str
    site: int | None
    site_name: str
    overall: Judged
    weeks: list[tuple[str | None, str, Judged]] = field(default_factory=list)


def _judged(judgement: Any) -> Judged:
    return Judged(
        status=str(judgement.status),
        status_label=judgement.label,
        value=judgement.value,
        answers=judgement.answers,
        reason=str(judgement.reason),
    )


def verdict_rows(
    *, user: AnyUser, initiatives: Sequence[Initiative], site: int | None = None
) -> list[VerdictRow]:
    """The success criteria of a page of initiatives judged per site and overall
    (dashboards.selectors.initiative_verdicts, the results page's), at the sites
    the reader sees; the overall row (site None) only for readers who see all the
    project's sites, as on the results page. A fixed number of queries per project
    on the page."""
    rows: list[VerdictRow] = []
    for project, group in _by_project(initiatives).values():
        site_ids = _site_ids(user=user, project=project, site=site)
        if site_ids is not None and not site_ids:
            continue
        ids = [i.pk for i in group]
        data = AnswerData.load(initiative_ids=ids, site_ids=site_ids)
        verdicts = initiative_verdicts(initiatives=group, site_ids=site_ids, data=data)
        for initiative in group:
            for verdict in verdicts[initiative.pk].criteria:
                for site_verdict in verdict.sites:
                    run = data.runs.get((initiative.pk, site_verdict.site_id))
                    mondays = run.mondays if run else {}
                    rows.append(
                        VerdictRow(
                            initiative=initiative.pk,
                            project=project.pk,
                            criterion=verdict.criterion.key,
                            sentence=str(verdict.sentence),
                            site=site_verdict.site_id,
                            site_name=site_verdict.site_name,
                            overall=_judged(site_verdict.overall),
                            weeks=[
                                (
                                    iso_week(mondays.get(week)),
                                    "final" if week == FINAL else "week",
                                    _judged(judgement),
                                )
                                for week, judgement in site_verdict.weeks
                            ],
                        )
                    )
                # The all-sites row only for a reader who sees every site: judged
                # on a coordinator's own site alone it would say something else.
                if site is None and site_ids is None:
                    rows.append(
                        VerdictRow(
                            initiative=initiative.pk,
                            project=project.pk,
                            criterion=verdict.criterion.key,
                            sentence=str(verdict.sentence),
                            site=None,
                            site_name="",
                            overall=_judged(verdict.overall),
                        )
                    )
    return rows


def batches_by_id[M: models.Model](
    queryset: QuerySet[M], size: int
) -> Iterator[list[M]]:
    """All the rows of a queryset in batches of `size`, by id (for the CSV files:
    one query a batch, whatever the table's size)."""
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def initiative_batches(
    queryset: QuerySet[Initiative], size: int = 50
) -> Iterator[list[Initiative]]:
    """All the initiatives of a queryset in batches of `size`, by id (for the CSV)."""
    return batches_by_id(queryset, size)


def submission_batches(
    queryset: QuerySet[Submission], size: int = 500
) -> Iterator[list[Submission]]:
    """All the schemas of a queryset with their answers, in batches by id."""
    for batch in batches_by_id(queryset, size):
        yield list(with_answers(batch))
