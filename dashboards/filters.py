"""The dashboard's filters: each filter state is its own URL (shareable, back button works)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, InitiativeStatus, SolutionSpace, Theme
from sites.models import Site


class DashboardFilterSet(django_filters.FilterSet):
    site = django_filters.ModelChoiceFilter(
        label=_("Sted"),
        queryset=Site.objects.none(),
        method="tested_at",
        empty_label=_("Alle steder"),
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Tema"),
        field_name="solution_space__theme",
        queryset=Theme.objects.none(),
        empty_label=_("Alle temaer"),
    )
    solution_space = django_filters.ModelChoiceFilter(
        label=_("Løsningsrum"),
        queryset=SolutionSpace.objects.none(),
        empty_label=_("Alle løsningsrum"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=InitiativeStatus.choices, empty_label=_("Alle")
    )

    class Meta:
        model = Initiative
        fields = ["site", "theme", "solution_space", "status"]

    def __init__(self, *args, project, site_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        sites = project.sites.order_by("name")
        if site_ids is not None:
            sites = sites.filter(pk__in=site_ids)
        self.filters["site"].queryset = sites
        self.filters["theme"].queryset = project.themes.all()
        self.filters["solution_space"].queryset = project.solution_spaces.all()

    def tested_at(self, queryset, name, value):
        return queryset.filter(test_runs__site=value).distinct()
