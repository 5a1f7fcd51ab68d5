"""Reads for the catalogue pages; each page costs a fixed number of queries."""

import datetime
from collections import defaultdict

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When

from .models import (
    CitizenService,
    HoursKind,
    Municipality,
    OpeningHours,
    ServiceCategory,
    ServiceLevel,
    ServiceOffering,
    ServicePoint,
    Site,
    Weekday,
)


def municipality_list():
    return Municipality.objects.annotate(
        site_count=Count("sites", distinct=True),
        service_point_count=Count("service_points", distinct=True),
    ).order_by("name")


def site_list():
    return (
        Site.objects.select_related("municipality")
        .annotate(
            full_service_count=Count(
                "serviceoffering_set",
                filter=Q(serviceoffering_set__level=ServiceLevel.FULL),
            ),
            light_service_count=Count(
                "serviceoffering_set",
                filter=Q(serviceoffering_set__level=ServiceLevel.LIGHT),
            ),
        )
        .order_by("name")
    )


def service_point_list():
    return (
        ServicePoint.objects.select_related("municipality")
        .annotate(service_count=Count("serviceoffering_set"))
        .order_by("municipality__name", "name")
    )


def citizen_service_list():
    """The catalogue with where each service is offered (sites and service points)."""
    offerings = ServiceOffering.objects.select_related(
        "site", "service_point", "service_point__municipality"
    ).order_by("level", "site__name", "service_point__name")
    return (
        CitizenService.objects.prefetch_related(
            Prefetch("offerings", queryset=offerings, to_attr="offerings_list")
        )
        .annotate(category_order=_category_order())
        .order_by("category_order", "name")
    )


def _category_order():
    """Categories in the order they are declared, not alphabetically by key."""
    return Case(
        *[
            When(category=value, then=Value(i))
            for i, value in enumerate(ServiceCategory.values)
        ],
        default=Value(len(ServiceCategory.values)),
        output_field=IntegerField(),
    )


def citizen_services_in_category_order():
    return CitizenService.objects.annotate(category_order=_category_order()).order_by(
        "category_order", "name"
    )


def citizen_service_detail_offerings(*, service):
    return (
        ServiceOffering.objects.filter(service=service)
        .select_related("site__municipality", "service_point__municipality")
        .order_by("level", "site__name", "service_point__name")
    )


def place_offerings(*, place):
    """The services offered at a site or service point, by level then name."""
    return (
        ServiceOffering.objects.for_place(place)
        .select_related("service")
        .order_by("level", "service__name")
    )


def place_offerings_by_service(*, place):
    return {o.service_id: o for o in ServiceOffering.objects.for_place(place)}


def sites_of(*, municipality, exclude=None):
    sites = Site.objects.filter(municipality=municipality).order_by("name")
    if exclude is not None:
        sites = sites.exclude(pk=exclude.pk)
    return sites


def service_points_of(*, municipality):
    return (
        ServicePoint.objects.filter(municipality=municipality)
        .annotate(service_count=Count("serviceoffering_set"))
        .order_by("name")
    )


def opening_hours_overlapping(
    *, place, weekday, kind, opens_at, closes_at, exclude_pk=None
):
    """The first interval of the same kind on the same day that overlaps, or None."""
    clash = OpeningHours.objects.for_place(place).filter(
        weekday=weekday, kind=kind, opens_at__lt=closes_at, closes_at__gt=opens_at
    )
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    return clash.order_by("opens_at").first()


def _hours(duration):
    return duration / datetime.timedelta(hours=1)


def week_table(*, place):
    """Opening hours as a week: a row per weekday, a column per kind in use.

    Returns a dict with `kinds` [(value, label)], `rows` [(weekday label,
    [[OpeningHours, ...] per kind])], and `totals` [hours per week per kind].
    A place has a few dozen intervals at most, so arranging them is done here.
    """
    hours = list(OpeningHours.objects.for_place(place).order_by("weekday", "opens_at"))
    kinds_in_use = {h.kind for h in hours}
    kinds = [
        (value, label) for value, label in HoursKind.choices if value in kinds_in_use
    ]
    cells = defaultdict(list)
    for interval in hours:
        cells[interval.weekday, interval.kind].append(interval)
    rows = [
        (label, [cells[weekday, kind] for kind, _label in kinds])
        for weekday, label in Weekday.choices
    ]
    totals = [
        sum((_hours(h.duration) for h in hours if h.kind == kind), 0.0)
        for kind, _label in kinds
    ]
    return {"kinds": kinds, "rows": rows, "totals": totals, "is_empty": not hours}
