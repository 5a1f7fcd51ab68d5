"""What a page shows of an initiative (its progress, figures and chart), and what the
steering group reads beside the numbers."""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from initiatives.models import Decision, Initiative, Quote
from initiatives.selectors import latest_verdicts
from projects.models import Project
from testing.models import AdvisoryVisit

from .buckets import AnswerData
from .figures import Figure, Week, figure_weeks
from .progress import RunProgress, matrix
from .scope import site_filter, visible_site_ids
from .summaries import InitiativeSummary, initiative_summaries
from .verdicts import InitiativeVerdicts, initiative_verdicts


@dataclass
class InitiativeRow:
    """An initiative on the dashboard or a site's page: its progress at each site,
    its key figures, and (on the dashboard) its trend chart."""

    initiative: Initiative
    runs: list  # [RunProgress]
    figures: list  # [Figure]
    chart: object = None  # a dashboards.charts.Chart
    summary: InitiativeSummary | None = None
    verdicts: InitiativeVerdicts | None = None


def initiative_rows(
    *, initiatives: Sequence[Initiative], site_ids: Collection[int] | None
) -> list[InitiativeRow]:
    """[InitiativeRow] for a page of initiatives (a fixed number of queries): the
    answers are read once for the summaries, the charts and the success criteria."""
    progress = matrix(initiatives=initiatives, site_ids=site_ids)
    data = AnswerData.load(
        initiative_ids=[i.pk for i in initiatives], site_ids=site_ids
    )
    summaries = initiative_summaries(
        initiative_ids=data.initiative_ids, site_ids=site_ids, data=data, by_week=False
    )
    verdicts = initiative_verdicts(
        initiatives=initiatives, site_ids=site_ids, data=data
    )
    for initiative_id, decision in latest_verdicts(
        initiative_ids=data.initiative_ids
    ).items():
        verdicts[initiative_id].decision = decision
    return [
        InitiativeRow(
            initiative=initiative,
            runs=progress.get(initiative.pk, []),
            figures=summaries[initiative.pk].figures,
            summary=summaries[initiative.pk],
            verdicts=verdicts[initiative.pk],
        )
        for initiative in initiatives
    ]


def initiative_figures(*, initiative: Initiative, user: User) -> list[Figure]:
    """[Figure] of one initiative at the sites the user sees (with their hours and
    staff, for the figures per open hour)."""
    site_ids = visible_site_ids(user=user, project=initiative.project)
    return initiative_summaries(initiative_ids=[initiative.pk], site_ids=site_ids)[
        initiative.pk
    ].figures


def personal_answer_site_ids(*, user: User, runs: Iterable[RunProgress]) -> set[int]:
    """The sites among the runs' whose answers holding personal data the user may
    read (testing.view_personal_answers: the consultant, the site's coordinators;
    never the steering group). No query: memberships are read once per request."""
    return {
        progress.run.site_id
        for progress in runs
        if user.has_perm("testing.view_personal_answers", progress.run)
    }


@dataclass
class InitiativeResults:
    """One initiative at all the sites the user sees: progress, every question
    summarised, and the figures by week."""

    runs: list[RunProgress]
    figures: list[Figure]
    summary: InitiativeSummary | None = None
    questions: list = field(default_factory=list)  # [QuestionSummary]
    verdicts: InitiativeVerdicts | None = None

    @property
    def weeks(self) -> list[Week]:
        return figure_weeks(self.figures)


def initiative_results(*, initiative: Initiative, user: User) -> InitiativeResults:
    """The results page: the text answers too, those holding personal data only
    where the user may read them."""
    site_ids = visible_site_ids(user=user, project=initiative.project)
    runs = matrix(initiatives=[initiative], site_ids=site_ids).get(initiative.pk, [])
    data = AnswerData.load(initiative_ids=[initiative.pk], site_ids=site_ids)
    summary = initiative_summaries(
        initiative_ids=[initiative.pk],
        site_ids=site_ids,
        with_texts=True,
        personal_site_ids=personal_answer_site_ids(user=user, runs=runs),
        data=data,
    )[initiative.pk]
    return InitiativeResults(
        runs=runs,
        figures=summary.figures,
        summary=summary,
        questions=summary.questions,
        verdicts=initiative_verdicts(
            initiatives=[initiative], site_ids=site_ids, data=data
        )[initiative.pk],
    )


# What the steering group reads beside the numbers


def publishable(quotes: QuerySet[Quote]) -> QuerySet[Quote]:
    """Of these quotes, those both consented to and reviewed: safe to show anyone,
    on the dashboard, in the catalogue and in the read API (GDPR, G8)."""
    return quotes.filter(consent_to_publish=True, reviewed=True)


def publishable_quotes(*, project: Project | int) -> QuerySet[Quote]:
    """The project's publishable quotes (`publishable`)."""
    return publishable(Quote.objects.filter(project=project))


def latest_quotes(*, project: Project, limit: int = 5) -> QuerySet[Quote]:
    """The newest publishable quotes."""
    return (
        publishable_quotes(project=project)
        .select_related("service", "site")
        .order_by("-created_at", "-pk")[:limit]
    )


def latest_visits(
    *, project: Project, site_ids: Collection[int] | None, limit: int = 3
) -> QuerySet[AdvisoryVisit]:
    return (
        AdvisoryVisit.objects.filter(Q(project=project) & site_filter(site_ids))
        .select_related("site")
        .order_by("-visited_on", "-pk")[:limit]
    )


def latest_decisions(*, project: Project, limit: int = 5) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(project=project)
        .select_related("idea", "initiative", "decided_by")
        .order_by("-decided_on", "-created_at")[:limit]
    )


@dataclass
class InitiativeEvidence:
    """What was said and seen about one initiative, shown beside its figures."""

    quotes: list[Quote]
    visits: list[AdvisoryVisit]


def initiative_evidence(
    *, initiative: Initiative, site_ids: Collection[int] | None
) -> InitiativeEvidence:
    """The publishable quotes linked to the initiative (from its sites, or from no
    site) and the advisory visits about it at the sites the user sees (two queries)."""
    quotes = (
        publishable_quotes(project=initiative.project_id)
        .filter(initiatives=initiative)
        .select_related("site")
        .order_by("-created_at", "-pk")
    )
    if site_ids is not None:
        quotes = quotes.filter(Q(site_id__in=site_ids) | Q(site__isnull=True))
    visits = (
        AdvisoryVisit.objects.filter(Q(initiatives=initiative) & site_filter(site_ids))
        .select_related("site")
        .order_by("-visited_on", "-pk")
    )
    return InitiativeEvidence(quotes=list(quotes), visits=list(visits))
