import datetime

import pytest

from sites import selectors
from sites.models import HoursKind
from sites.tests.factories import OpeningHoursFactory, SiteFactory

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
