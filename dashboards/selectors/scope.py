"""Which of a project's sites and initiatives a user's pages show."""

from collections.abc import Collection

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from initiatives.models import Initiative
from projects.models import Project
from projects.scoping import visible_site_ids
from sites.models import Site

__all__ = [
    "dashboard_initiatives",
    "results_initiatives",
    "site_filter",
    "site_initiatives",
    "visible_site_ids",
    "visible_sites",
]


def site_filter(site_ids: Collection[int] | None, prefix: str = "") -> Q:
    """A Q for rows of the sites `site_ids` (None: every site) by `prefix`site_id."""
    return Q() if site_ids is None else Q(**{f"{prefix}site_id__in": site_ids})


def dashboard_initiatives(
    *, project: Project, site_ids: Collection[int] | None
) -> QuerySet[Initiative]:
    """The initiatives the dashboard lists (filtered further by the view's filterset)."""
    queryset = Initiative.objects.filter(project=project).select_related(
        "solution_space__theme"
    )
    if site_ids is not None:
        queryset = queryset.filter(test_runs__site_id__in=site_ids).distinct()
    return queryset.order_by("name", "pk")


def results_initiatives(*, user: User) -> QuerySet[Initiative]:
    """The initiatives whose results pages the user may open: those of their projects."""
    return Initiative.objects.visible_to(user).select_related(
        "project", "solution_space__theme"
    )


def visible_sites(
    *, project: Project, site_ids: Collection[int] | None
) -> QuerySet[Site]:
    """The project's sites the user sees (`site_ids` from visible_site_ids)."""
    sites = project.sites.all()
    return sites if site_ids is None else sites.filter(pk__in=site_ids)


def site_initiatives(*, project: Project, site: Site) -> QuerySet[Initiative]:
    """The initiatives tested at one site, by name."""
    return (
        Initiative.objects.filter(project=project, test_runs__site=site)
        .select_related("solution_space__theme")
        .distinct()
        .order_by("name")
    )
