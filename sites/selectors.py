"""Reads for the catalogue pages; each page costs a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import (
    Case,
    Count,
    FilteredRelation,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from projects.scoping import PROJECT, scope_of

from .models import (
    ChangeProposal,
    CitizenService,
    HoursKind,
    Municipality,
    OpeningHours,
    ProposalStatus,
    ServiceCategory,
    ServiceLevel,
    ServiceOffering,
    ServicePoint,
    Site,
    Weekday,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from projects.models import Project

    Place = Site | ServicePoint


def municipality_list() -> QuerySet[Municipality]:
    return Municipality.objects.annotate(
        site_count=Count("sites", distinct=True),
        service_point_count=Count("service_points", distinct=True),
    ).order_by("name")


def site_list() -> QuerySet[Site]:
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


def service_point_list() -> QuerySet[ServicePoint]:
    return (
        ServicePoint.objects.select_related("municipality")
        .annotate(service_count=Count("serviceoffering_set"))
        .order_by("municipality__name", "name")
    )


def citizen_service_list() -> QuerySet[CitizenService]:
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


def _category_order() -> Case:
    """Categories in the order they are declared, not alphabetically by key."""
    return Case(
        *[
            When(category=value, then=Value(i))
            for i, value in enumerate(ServiceCategory.values)
        ],
        default=Value(len(ServiceCategory.values)),
        output_field=IntegerField(),
    )


def citizen_services_in_category_order() -> QuerySet[CitizenService]:
    return CitizenService.objects.annotate(category_order=_category_order()).order_by(
        "category_order", "name"
    )


def citizen_service_detail_offerings(
    *, service: CitizenService
) -> QuerySet[ServiceOffering]:
    return (
        ServiceOffering.objects.filter(service=service)
        .select_related("site__municipality", "service_point__municipality")
        .order_by("level", "site__name", "service_point__name")
    )


def place_offerings(*, place: Place) -> QuerySet[ServiceOffering]:
    """The services offered at a site or service point, by level then name."""
    return (
        ServiceOffering.objects.for_place(place)
        .select_related("service")
        .order_by("level", "service__name")
    )


def place_offerings_by_service(*, place: Place) -> dict[int, ServiceOffering]:
    return {o.service_id: o for o in ServiceOffering.objects.for_place(place)}


def sites_of(
    *, municipality: Municipality, exclude: Site | None = None
) -> QuerySet[Site]:
    sites = Site.objects.filter(municipality=municipality).order_by("name")
    if exclude is not None:
        sites = sites.exclude(pk=exclude.pk)
    return sites


def service_points_of(*, municipality: Municipality) -> QuerySet[ServicePoint]:
    return (
        ServicePoint.objects.filter(municipality=municipality)
        .annotate(service_count=Count("serviceoffering_set"))
        .order_by("name")
    )


def opening_hours_overlapping(
    *,
    place: Place,
    weekday: int,
    kind: str,
    opens_at: datetime.time,
    closes_at: datetime.time,
    exclude_pk: int | None = None,
) -> OpeningHours | None:
    """The first interval of the same kind on the same day that overlaps, or None."""
    clash = OpeningHours.objects.for_place(place).filter(
        weekday=weekday, kind=kind, opens_at__lt=closes_at, closes_at__gt=opens_at
    )
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    return clash.order_by("opens_at").first()


def _hours(duration: datetime.timedelta) -> float:
    return duration / datetime.timedelta(hours=1)


def week_table(*, place: Place) -> dict[str, Any]:
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


# Staffed borgerservice hours, for figures per open hour and per staff member

# The kinds of opening hours in which the site's borgerservice is staffed. Library
# hours (staffed by the library) and outreach (away from the site) do not count.
SERVICE_HOURS_KINDS = (HoursKind.FULL, HoursKind.LIGHT)


@dataclass(frozen=True)
class SiteCapacity:
    """What a site's figures can be divided by: its borgerservice hours per week
    (None: no such opening hours stored) and its staff (None: not stored)."""

    hours: Decimal | None
    staff: int | None


def _minutes(moment: datetime.time) -> int:
    return moment.hour * 60 + moment.minute


def _union_minutes(intervals: list[tuple[int, int]]) -> int:
    """The minutes covered by some of the intervals: an overlap is counted once."""
    covered, end = 0, None
    for opens, closes in sorted(intervals):
        if end is None or opens > end:
            covered += closes - opens
            end = closes
        elif closes > end:
            covered += closes - end
            end = closes
    return covered


def site_capacity(*, site_ids: Collection[int]) -> dict[int, SiteCapacity]:
    """{site id: SiteCapacity} for the sites (one query).

    The borgerservice hours of a week: per weekday, the union of the site's own
    intervals of the kinds FULL and LIGHT (SERVICE_HOURS_KINDS), so hours that two
    intervals share (full borgerservice inside a light one, say) count once; the
    days added up. A service point's hours are its own, not its municipality's
    sites'."""
    rows = (
        Site.objects.filter(pk__in=site_ids)
        .annotate(
            service=FilteredRelation(
                "openinghours_set",
                condition=Q(openinghours_set__kind__in=SERVICE_HOURS_KINDS),
            )
        )
        .values_list(
            "pk",
            "staff_count",
            "service__weekday",
            "service__opens_at",
            "service__closes_at",
        )
        .order_by()
    )
    staff: dict[int, int | None] = {}
    days: defaultdict[int, defaultdict[int, list[tuple[int, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for site_id, staff_count, weekday, opens_at, closes_at in rows:
        staff[site_id] = staff_count or None
        if weekday is not None:
            days[site_id][weekday].append((_minutes(opens_at), _minutes(closes_at)))
    result = {}
    for site_id, staff_count in staff.items():
        minutes = sum(_union_minutes(spans) for spans in days[site_id].values())
        hours = (Decimal(minutes) / 60).quantize(Decimal("0.01")) if minutes else None
        result[site_id] = SiteCapacity(hours=hours, staff=staff_count)
    return result


def weekly_service_hours(*, site_ids: Collection[int]) -> dict[int, Decimal]:
    """{site id: borgerservice hours per week} for the sites that have such opening
    hours stored (a site without any is left out); see site_capacity (one query)."""
    return {
        site_id: capacity.hours
        for site_id, capacity in site_capacity(site_ids=site_ids).items()
        if capacity.hours is not None
    }


# Which projects use a catalogue record (projects.permissions asks, to decide who may
# change it). A project uses a site when the site takes part in it or any row of the
# project names the site (a coordinator, an idea, a quote, a test run …); a service
# when a place the project uses offers it or a row of the project names it; a
# municipality when the project uses one of its sites; a service point when the
# project uses a site in its municipality (the site's page shows it). Opening hours
# and offered services belong to their place.


def _path_to_project(model: type[models.Model]) -> str | None:
    """The lookup from `model` to its project ("pk" for the project itself), or None
    when the model belongs to no project (the catalogue's own models): the path the
    model declares (projects.scoping)."""
    if model._meta.label == "synergy.Project":
        return "pk"
    scope = scope_of(model)
    if scope is None or scope.kind != PROJECT:
        return None
    return scope.project


def _named_by_projects(model: type[models.Model], projects: QuerySet[Project]) -> Q:
    """A filter: records of `model` that a row of one of `projects` refers to."""
    condition = Q(pk__in=[])
    for relation in model._meta.related_objects:
        related = relation.related_model
        path = _path_to_project(related)
        if path is None:
            continue
        condition |= Q(
            pk__in=related._default_manager.filter(**{f"{path}__in": projects}).values(
                relation.field.name
            )
        )
    return condition


def _sites_used_by(projects: QuerySet[Project]) -> QuerySet[Site]:
    return Site.objects.filter(_named_by_projects(Site, projects))


def _municipalities_used_by(projects: QuerySet[Project]) -> QuerySet[Municipality]:
    return Municipality.objects.filter(
        pk__in=_sites_used_by(projects).values("municipality")
    )


def _service_points_used_by(projects: QuerySet[Project]) -> QuerySet[ServicePoint]:
    return ServicePoint.objects.filter(
        municipality__in=_municipalities_used_by(projects)
    )


def _services_used_by(projects: QuerySet[Project]) -> QuerySet[CitizenService]:
    offered = ServiceOffering.objects.filter(
        Q(site__in=_sites_used_by(projects))
        | Q(service_point__in=_service_points_used_by(projects))
    )
    return CitizenService.objects.filter(
        Q(pk__in=offered.values("service"))
        | _named_by_projects(CitizenService, projects)
    )


USED_BY: dict[str, Callable[[QuerySet[Project]], QuerySet[Any]]] = {
    "sites.site": _sites_used_by,
    "sites.municipality": _municipalities_used_by,
    "sites.servicepoint": _service_points_used_by,
    "sites.citizenservice": _services_used_by,
}


def catalogue_owner(record: models.Model) -> models.Model:
    """The record whose projects decide about `record`: opening hours and offered
    services belong to their place; the others to themselves."""
    if isinstance(record, OpeningHours | ServiceOffering):
        return record.place
    return record


def catalogue_ids_used_by(*, label: str, projects: QuerySet[Project]) -> set[int]:
    """Ids of the catalogue records of one kind (`label`, e.g. "sites.site") that
    `projects` (a queryset of projects) use: one query."""
    return set(USED_BY[label](projects).values_list("pk", flat=True))


# Change proposals


def change_proposals_to_decide(
    *, user: User, may_decide: Callable[[User, ChangeProposal], bool]
) -> list[ChangeProposal]:
    """Pending proposals the user may decide (`may_decide(user, proposal)`), oldest
    first."""
    pending = (
        ChangeProposal.objects.filter(status=ProposalStatus.PENDING)
        .select_related("content_type", "proposed_by")
        .prefetch_related("record")
        .order_by("created_at", "pk")
    )
    return [p for p in pending if may_decide(user, p)]


def change_proposals_by(*, user: User) -> QuerySet[ChangeProposal]:
    """The user's own proposals, newest first."""
    return (
        ChangeProposal.objects.filter(proposed_by=user)
        .select_related("content_type", "decided_by")
        .prefetch_related("record")
        .order_by("-created_at", "-pk")
    )
