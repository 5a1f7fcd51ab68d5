import datetime
from decimal import Decimal

import pytest

from sites import selectors
from sites.models import HoursKind, Site
from sites.tests.factories import (
    OpeningHoursFactory,
    ServicePointFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db


def test_week_table_arranges_hours_by_weekday_and_kind_with_weekly_totals():
    site = SiteFactory()
    for day in (1, 2, 3, 4):
        OpeningHoursFactory(
            site=site,
            weekday=day,
            opens_at=datetime.time(10),
            closes_at=datetime.time(15),
        )
    OpeningHoursFactory(
        site=site, weekday=5, opens_at=datetime.time(10), closes_at=datetime.time(14)
    )
    light = OpeningHoursFactory(
        site=site,
        weekday=3,
        opens_at=datetime.time(13, 30),
        closes_at=datetime.time(18),
        kind=HoursKind.LIGHT,
    )
    week = selectors.week_table(place=site)
    assert [kind for kind, _label in week["kinds"]] == ["full", "light"]
    assert week["totals"] == [24.0, 4.5]  # Rådhuset's 24 hours, and a half hour
    wednesday_label, wednesday = week["rows"][2]
    assert wednesday_label == "onsdag"
    assert wednesday[1] == [light]
    assert len(week["rows"]) == 7
    assert week["rows"][6][1] == [[], []]  # Sunday: closed


def test_week_table_of_a_place_without_hours_is_empty():
    week = selectors.week_table(place=SiteFactory())
    assert week["is_empty"] and week["kinds"] == [] and week["totals"] == []


def _hours(place, weekday, opens, closes, kind=HoursKind.FULL):
    assert isinstance(place, Site)
    return OpeningHoursFactory(
        site=place,
        weekday=weekday,
        opens_at=datetime.time(*opens),
        closes_at=datetime.time(*closes),
        kind=kind,
    )


def test_weekly_service_hours_count_overlapping_full_and_light_hours_once(
    django_assert_num_queries,
):
    """Full and light borgerservice are the staffed hours; where intervals overlap
    (light around full, light spanning two full ones) an hour counts once. Library
    and outreach hours, and a service point's hours, do not count."""
    site = SiteFactory(staff_count=4)
    _hours(site, 1, (10, 0), (15, 0))  # Monday 10–17 in all: 7 h
    _hours(site, 1, (14, 0), (17, 0), HoursKind.LIGHT)
    _hours(site, 2, (9, 0), (10, 0))  # Tuesday 9–12 and 13–14:30: 4,5 h
    _hours(site, 2, (11, 0), (12, 0))
    _hours(site, 2, (9, 30), (11, 30), HoursKind.LIGHT)
    _hours(site, 2, (13, 0), (14, 30), HoursKind.LIGHT)
    _hours(site, 3, (8, 0), (20, 0), HoursKind.LIBRARY)
    _hours(site, 4, (9, 0), (11, 0), HoursKind.OUTREACH)
    _hours(site, 6, (10, 0), (12, 0), HoursKind.LIGHT)  # Saturday: 2 h
    OpeningHoursFactory(
        site=None,
        service_point=ServicePointFactory(),
        weekday=1,
        opens_at=datetime.time(8),
        closes_at=datetime.time(20),
    )
    library_only = SiteFactory(staff_count=None)
    _hours(library_only, 1, (10, 0), (18, 0), HoursKind.LIBRARY)
    nothing = SiteFactory(staff_count=0)
    ids = [site.pk, library_only.pk, nothing.pk]
    with django_assert_num_queries(1):
        hours = selectors.weekly_service_hours(site_ids=ids)
    assert hours == {site.pk: Decimal("13.50")}  # the others have no such hours
    with django_assert_num_queries(1):
        capacity = selectors.site_capacity(site_ids=ids)
    assert capacity[site.pk] == selectors.SiteCapacity(Decimal("13.50"), 4)
    assert capacity[library_only.pk] == selectors.SiteCapacity(None, None)
    assert capacity[nothing.pk].staff is None  # 0 staff: nothing to divide by
    assert selectors.weekly_service_hours(site_ids=[]) == {}
