"""Filters for quotes and ideas; every filter state is a plain GET URL."""

import django_filters
from django.utils.translation import gettext_lazy as _

from sites.models import CitizenService, Site

from .models import (
    DecisionOutcome,
    Idea,
    IdeaPhase,
    Quote,
    SolutionSpace,
    Term,
    Vocabulary,
)


class ProjectFilterSet(django_filters.FilterSet):
    """Limits the choices of model filters to the project in the view."""

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        for filter_ in self.filters.values():
            queryset = getattr(filter_, "queryset", None)
            if queryset is None:
                continue
            if queryset.model is Site:
                filter_.queryset = project.sites.order_by("name")
            elif queryset.model is Term:
                filter_.queryset = queryset.filter(project=project)
            elif queryset.model is SolutionSpace:
                filter_.queryset = queryset.filter(project=project)


class QuoteFilterSet(ProjectFilterSet):
    q = django_filters.CharFilter(
        label=_("Søg i citater"), field_name="text", lookup_expr="icontains"
    )
    service = django_filters.ModelChoiceFilter(
        label=_("Ydelse"),
        queryset=CitizenService.objects.order_by("name"),
        empty_label=_("Alle ydelser"),
    )
    site = django_filters.ModelChoiceFilter(
        label=_("Sted"), queryset=Site.objects.all(), empty_label=_("Alle steder")
    )
    tag = django_filters.ModelChoiceFilter(
        label=_("Emne"),
        field_name="tags",
        queryset=Term.objects.filter(vocabulary=Vocabulary.QUOTE_TAG),
        empty_label=_("Alle emner"),
    )

    class Meta:
        model = Quote
        fields = ["q", "service", "site", "tag"]


class IdeaFilterSet(ProjectFilterSet):
    phase = django_filters.ChoiceFilter(
        label=_("Fase"), choices=IdeaPhase.choices, empty_label=_("Alle faser")
    )
    outcome = django_filters.ChoiceFilter(
        label=_("Beslutning"), choices=DecisionOutcome.choices, empty_label=_("Alle")
    )
    site = django_filters.ModelChoiceFilter(
        label=_("Sted"), queryset=Site.objects.all(), empty_label=_("Alle steder")
    )
    solution_space = django_filters.ModelChoiceFilter(
        label=_("Løsningsrum"),
        queryset=SolutionSpace.objects.all(),
        empty_label=_("Alle løsningsrum"),
    )

    class Meta:
        model = Idea
        fields = ["phase", "outcome", "site", "solution_space"]
