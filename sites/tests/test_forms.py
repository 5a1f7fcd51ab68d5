"""Bad input gets a Danish error beside the field, never a half-saved row."""

import datetime

import pytest
from django.utils import timezone

from sites.forms import (
    CitizenServiceForm,
    OpeningHoursForm,
    ServiceOfferingsForm,
    ServicePointForm,
    SiteForm,
)
from sites.models import HoursKind
from sites.tests.factories import (
    CitizenServiceFactory,
    MunicipalityFactory,
    OpeningHoursFactory,
    ServiceOfferingFactory,
    ServicePointFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db


def site_data(**overrides):
    data = {
        "name": "Nyt Bibliotek",
        "municipality": MunicipalityFactory().pk,
        "integration_degree": 2,
        "borgerservice_since": 2015,
        "staff_count": 4,
        "staffing": "",
        "address": "",
        "description": "",
    }
    return {**data, **overrides}


def test_site_form_accepts_a_complete_site():
    form = SiteForm(data=site_data())
    assert form.is_valid(), form.errors


def test_empty_name_is_required():
    form = SiteForm(data=site_data(name="   "))
    assert not form.is_valid()
    assert form.errors["name"] == ["Dette felt er påkrævet."]


@pytest.mark.parametrize(
    "duplicate",
    ["Glumsø Bibliotek", "glumsø bibliotek", "GLUMSØ BIBLIOTEK", " Glumsø Bibliotek "],
)
def test_duplicate_site_name_is_reported_beside_the_name(duplicate):
    SiteFactory(name="Glumsø Bibliotek")
    form = SiteForm(data=site_data(name=duplicate))
    assert not form.is_valid()
    assert form.errors["name"] == ["Der findes allerede et sted med dette navn."]


def test_editing_a_site_keeps_its_own_name():
    site = SiteFactory(name="Glumsø Bibliotek")
    form = SiteForm(instance=site, data=site_data(name="Glumsø Bibliotek"))
    assert form.is_valid(), form.errors


def test_a_future_year_is_refused():
    next_year = timezone.localdate().year + 1
    form = SiteForm(data=site_data(borgerservice_since=next_year))
    assert not form.is_valid()
    assert form.errors["borgerservice_since"] == [
        f"Året {next_year} ligger i fremtiden."
    ]


def test_this_year_is_accepted():
    form = SiteForm(data=site_data(borgerservice_since=timezone.localdate().year))
    assert form.is_valid(), form.errors


def test_service_point_name_unique_within_its_municipality():
    point = ServicePointFactory(name="Rådhuset")
    same = ServicePointForm(
        data={"name": "RÅDHUSET", "municipality": point.municipality.pk}
    )
    assert same.errors["name"] == [
        "Kommunen har allerede et betjeningssted med dette navn."
    ]
    other = ServicePointForm(
        data={"name": "Rådhuset", "municipality": MunicipalityFactory().pk}
    )
    assert other.is_valid(), other.errors


def test_duplicate_service_name():
    CitizenServiceFactory(name="Pas")
    form = CitizenServiceForm(data={"name": "pas", "category": "identity"})
    assert form.errors["name"] == ["Der findes allerede en ydelse med dette navn."]


def hours_data(**overrides):
    return {
        "weekday": 1,
        "kind": HoursKind.FULL,
        "opens_at": "10:00",
        "closes_at": "15:00",
        "note": "",
        **overrides,
    }


def test_opening_hours_that_end_before_they_start():
    form = OpeningHoursForm(
        place=SiteFactory(), data=hours_data(opens_at="15:00", closes_at="10:00")
    )
    assert not form.is_valid()
    assert form.errors["closes_at"] == ["Lukketiden skal ligge efter åbningstiden."]
    assert "__all__" not in form.errors


def test_overlapping_hours_of_the_same_kind_are_refused():
    existing = OpeningHoursFactory(
        weekday=1, opens_at=datetime.time(10), closes_at=datetime.time(15)
    )
    form = OpeningHoursForm(
        place=existing.site, data=hours_data(opens_at="14:00", closes_at="18:00")
    )
    assert not form.is_valid()
    assert form.errors["opens_at"] == [f"Tidsrummet overlapper {existing}."]


@pytest.mark.parametrize(
    "overrides",
    [
        {"kind": HoursKind.LIBRARY},  # the library is open while borgerservice is
        {"weekday": 2},  # another day
        {"opens_at": "15:00", "closes_at": "19:00"},  # right after, touching
    ],
)
def test_hours_that_do_not_overlap_are_accepted(overrides):
    existing = OpeningHoursFactory(
        weekday=1, opens_at=datetime.time(10), closes_at=datetime.time(15)
    )
    form = OpeningHoursForm(place=existing.site, data=hours_data(**overrides))
    assert form.is_valid(), form.errors


def test_editing_an_interval_does_not_overlap_itself():
    existing = OpeningHoursFactory(
        weekday=1, opens_at=datetime.time(10), closes_at=datetime.time(15)
    )
    form = OpeningHoursForm(
        place=existing.site, instance=existing, data=hours_data(closes_at="16:00")
    )
    assert form.is_valid(), form.errors


def test_hours_at_another_place_do_not_clash():
    OpeningHoursFactory(
        weekday=1, opens_at=datetime.time(10), closes_at=datetime.time(15)
    )
    form = OpeningHoursForm(place=ServicePointFactory(), data=hours_data())
    assert form.is_valid(), form.errors


def test_offerings_form_starts_from_what_the_place_offers():
    offering = ServiceOfferingFactory(level="light", note="Kun udlevering")
    other = CitizenServiceFactory()
    form = ServiceOfferingsForm(
        services=[offering.service, other],
        current={offering.service_id: offering},
    )
    assert form[f"level_{offering.service_id}"].value() == "light"
    assert form[f"note_{offering.service_id}"].value() == "Kun udlevering"
    assert form[f"level_{other.pk}"].value() == ""


def test_offerings_form_refuses_a_note_on_a_service_not_offered():
    service = CitizenServiceFactory()
    form = ServiceOfferingsForm(
        services=[service],
        current={},
        data={f"level_{service.pk}": "", f"note_{service.pk}": "x"},
    )
    assert not form.is_valid()
    assert form.errors[f"note_{service.pk}"] == [
        "En bemærkning kræver, at ydelsen tilbydes."
    ]


def test_offerings_form_refuses_an_unknown_level():
    service = CitizenServiceFactory()
    form = ServiceOfferingsForm(
        services=[service], current={}, data={f"level_{service.pk}": "gold"}
    )
    assert not form.is_valid()
    assert f"level_{service.pk}" in form.errors
