"""Filters for the consultant's review list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative
from sites.models import Site

from .models import Submission, SubmissionStatus


class SubmissionFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=SubmissionStatus.choices, empty_label=_("Alle")
    )
    site = django_filters.ModelChoiceFilter(
        label=_("Sted"),
        field_name="run__site",
        queryset=Site.objects.none(),
        empty_label=_("Alle steder"),
    )
    initiative = django_filters.ModelChoiceFilter(
        label=_("Tiltag"),
        field_name="run__initiative",
        queryset=Initiative.objects.none(),
        empty_label=_("Alle tiltag"),
    )

    class Meta:
        model = Submission
        fields = ["status", "site", "initiative"]

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["site"].queryset = project.sites.order_by("name")
        self.filters["initiative"].queryset = project.initiatives.order_by("name")
