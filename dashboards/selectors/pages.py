"""What a page shows of an initiative (its progress, figures and chart), and what the
steering group reads beside the numbers."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from initiatives.models import Decision, Initiative, Quote
from projects.models import Project
from testing.models import AdvisoryVisit

from .figures import Figure, Week, figure_weeks, figures
from .progress import RunProgress, matrix
from .scope import site_filter, visible_site_ids


@dataclass
class InitiativeRow:
    """An initiative on the dashboard or a site's page: its progress at each site,
    its key figures, and (on the dashboard) its trend chart."""

    initiative: Initiative
    runs: list  # [RunProgress]
    figures: list  # [Figure]
    chart: object = None  # a dashboards.charts.Chart


def initiative_rows(
    *, initiatives: Sequence[Initiative], site_ids: Collection[int] | None
) -> list[InitiativeRow]:
    """[InitiativeRow] for a page of initiatives (4 queries for any number)."""
    progress = matrix(initiatives=initiatives, site_ids=site_ids)
    numbers = figures(initiative_ids=[i.pk for i in initiatives], site_ids=site_ids)
    return [
        InitiativeRow(
            initiative=initiative,
            runs=progress.get(initiative.pk, []),
            figures=numbers.get(initiative.pk, []),
        )
        for initiative in initiatives
    ]


def initiative_figures(*, initiative: Initiative, user: User) -> list[Figure]:
    """[Figure] of one initiative at the sites the user sees."""
    site_ids = visible_site_ids(user=user, project=initiative.project)
    return figures(initiative_ids=[initiative.pk], site_ids=site_ids).get(
        initiative.pk, []
    )


@dataclass
class InitiativeResults:
    """One initiative at all the sites the user sees: progress and figures by week."""

    runs: list[RunProgress]
    figures: list[Figure]

    @property
    def weeks(self) -> list[Week]:
        return figure_weeks(self.figures)


def initiative_results(*, initiative: Initiative, user: User) -> InitiativeResults:
    site_ids = visible_site_ids(user=user, project=initiative.project)
    figure_list = figures(initiative_ids=[initiative.pk], site_ids=site_ids).get(
        initiative.pk, []
    )
    runs = matrix(initiatives=[initiative], site_ids=site_ids).get(initiative.pk, [])
    return InitiativeResults(runs=runs, figures=figure_list)


# What the steering group reads beside the numbers


def publishable_quotes(*, project: Project | int) -> QuerySet[Quote]:
    """The quotes that are both consented to and reviewed: safe to show anyone, on
    the dashboard and in the catalogue (GDPR, G8)."""
    return Quote.objects.filter(project=project, consent_to_publish=True, reviewed=True)


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
