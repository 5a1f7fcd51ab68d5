"""The catalogue's rules hold in the database too, not only in forms."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from sites.models import HoursKind, OpeningHours, ServiceLevel, ServiceOffering, Site
from sites.tests.factories import (
    CitizenServiceFactory,
    MunicipalityFactory,
    OpeningHoursFactory,
    ServicePointFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db


def test_site_names_are_unique_ignoring_case():
    SiteFactory(name="Glumsø Bibliotek")
    with pytest.raises(IntegrityError), transaction.atomic():
        SiteFactory(name="glumsø bibliotek")


def test_service_point_names_are_unique_per_municipality_only():
    roskilde, naestved = MunicipalityFactory(), MunicipalityFactory()
    ServicePointFactory(name="Rådhuset", municipality=roskilde)
    ServicePointFactory(name="Rådhuset", municipality=naestved)
    with pytest.raises(IntegrityError), transaction.atomic():
        ServicePointFactory(name="rådhuset", municipality=roskilde)


def test_opening_hours_must_close_after_they_open():
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningHoursFactory(opens_at=datetime.time(15), closes_at=datetime.time(10))


def test_opening_hours_belong_to_exactly_one_place():
    site, point = SiteFactory(), ServicePointFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningHoursFactory(site=site, service_point=point)
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningHoursFactory(site=None, service_point=None)


def test_a_service_is_offered_once_per_place():
    site, service = SiteFactory(), CitizenServiceFactory()
    ServiceOffering.objects.create(service=service, site=site, level=ServiceLevel.FULL)
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceOffering.objects.create(
            service=service, site=site, level=ServiceLevel.LIGHT
        )


def test_opening_hours_text_and_duration():
    hours = OpeningHoursFactory(
        weekday=4,
        opens_at=datetime.time(10),
        closes_at=datetime.time(19),
        kind=HoursKind.FULL,
    )
    assert str(hours) == "torsdag 10:00–19:00 (Fuld borgerservice)"
    assert hours.duration == datetime.timedelta(hours=9)


def test_place_setter_sets_one_foreign_key():
    site, point = SiteFactory(), ServicePointFactory()
    hours = OpeningHours()
    hours.place = site
    assert (hours.site, hours.service_point) == (site, None)
    hours.place = point
    assert (hours.site, hours.service_point) == (None, point)
    assert hours.place == point


def test_deleting_a_site_takes_its_hours_and_offerings():
    hours = OpeningHoursFactory()
    ServiceOffering.objects.create(
        service=CitizenServiceFactory(), site=hours.site, level="full"
    )
    hours.site.delete()
    assert not OpeningHours.objects.exists()
    assert not ServiceOffering.objects.exists()
    assert not Site.objects.exists()
