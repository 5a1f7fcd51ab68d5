"""List filters; each filter state is a plain GET URL (shareable, back button works)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import (
    CitizenService,
    IntegrationDegree,
    Municipality,
    ServiceCategory,
    ServicePoint,
    Site,
)


class SiteFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Søg"), method="search")
    municipality = django_filters.ModelChoiceFilter(
        label=_("Kommune"),
        queryset=Municipality.objects.all(),
        empty_label=_("Alle kommuner"),
    )
    integration_degree = django_filters.ChoiceFilter(
        label=_("Grad af integration"),
        choices=IntegrationDegree.choices,
        empty_label=_("Alle"),
    )

    class Meta:
        model = Site
        fields = ["q", "municipality", "integration_degree"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(description__icontains=value)
        )


class ServicePointFilterSet(django_filters.FilterSet):
    municipality = django_filters.ModelChoiceFilter(
        label=_("Kommune"),
        queryset=Municipality.objects.all(),
        empty_label=_("Alle kommuner"),
    )

    class Meta:
        model = ServicePoint
        fields = ["municipality"]


class CitizenServiceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Søg"), method="search")
    category = django_filters.ChoiceFilter(
        label=_("Kategori"),
        choices=ServiceCategory.choices,
        empty_label=_("Alle kategorier"),
    )
    site = django_filters.ModelChoiceFilter(
        label=_("Tilbydes på"),
        queryset=Site.objects.all(),
        method="offered_at_site",
        empty_label=_("Alle steder"),
    )

    class Meta:
        model = CitizenService
        fields = ["q", "category", "site"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(description__icontains=value)
        )

    def offered_at_site(self, queryset, name, value):
        return queryset.filter(offerings__site=value).distinct()
