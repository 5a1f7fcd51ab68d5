"""The consultant keeps the catalogue in the app; other roles read it."""

import datetime

import pytest
from django.urls import reverse

from projects.tests.factories import MembershipFactory
from sites.models import (
    CitizenService,
    Municipality,
    OpeningHours,
    ServiceOffering,
    ServicePoint,
    Site,
)
from sites.tests.factories import (
    CitizenServiceFactory,
    MunicipalityFactory,
    OpeningHoursFactory,
    ServiceOfferingFactory,
    ServicePointFactory,
    SiteFactory,
)


def site_form_data(world, **overrides):
    return {
        "name": "Viby Bibliotek og Borgerservice",
        "municipality": world.municipality.pk,
        "integration_degree": 3,
        "borgerservice_since": 2016,
        "staff_count": 5,
        "staffing": "To HK'ere på vagt.",
        "address": "Viby Torv 1",
        "description": "",
        **overrides,
    }


def test_consultant_creates_a_site(client_for, world):
    response = client_for("consultant").post(
        reverse("sites:site_create"), site_form_data(world)
    )
    site = Site.objects.get(name="Viby Bibliotek og Borgerservice")
    assert response.status_code == 302
    assert response["Location"] == site.get_absolute_url()
    assert (site.integration_degree, site.borgerservice_since, site.staff_count) == (
        3,
        2016,
        5,
    )


def test_invalid_site_gets_danish_errors_and_nothing_is_saved(client_for, world):
    before = Site.objects.count()
    response = client_for("consultant").post(
        reverse("sites:site_create"),
        site_form_data(world, name="Sted A", borgerservice_since=2999),
    )
    assert response.status_code == 200
    assert Site.objects.count() == before
    html = response.content.decode()
    assert "Der findes allerede et sted med dette navn." in html
    assert "Året 2999 ligger i fremtiden." in html
    assert "Formularen blev ikke gemt" in html
    # What the user typed is still there.
    assert 'value="Viby Torv 1"' in html


def test_consultant_edits_a_site(client_for, world):
    url = reverse("sites:site_update", args=[world.site_a.pk])
    response = client_for("consultant").post(
        url, site_form_data(world, name="Sted A", staff_count=16)
    )
    assert response.status_code == 302
    world.site_a.refresh_from_db()
    assert world.site_a.staff_count == 16


def test_site_page_shows_facts_week_table_and_services(client_for, world):
    OpeningHoursFactory(
        site=world.site_a,
        weekday=4,
        opens_at=datetime.time(10),
        closes_at=datetime.time(19),
    )
    response = client_for("coordinator_b").get(world.site_a.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Roskilde Kommune" in html
    assert "Bibliotek (med Borgerservice)" in html  # the degree of integration
    assert "Torsdag" in html and "10:00–19:00" in html
    assert (
        "Timer pr. uge" in html and "<td>14</td>" in html
    )  # 5 h Monday + 9 h Thursday
    assert "Pas" in html
    assert "Rådhuset" in html  # the municipality's other service point


def test_edit_buttons_are_shown_only_to_the_consultant(client_for, world):
    url = world.site_a.get_absolute_url()
    edit = reverse("sites:site_update", args=[world.site_a.pk])
    hours = reverse("sites:openinghours_update", args=[world.opening_hours.pk])
    assert edit in client_for("consultant").get(url).content.decode()
    for role in ("coordinator_a", "coordinator_b", "steering"):
        html = client_for(role).get(url).content.decode()
        assert edit not in html, role
        assert hours not in html, role
        assert reverse("sites:site_services", args=[world.site_a.pk]) not in html, role


def test_delete_confirmation_says_what_it_affects(client_for, world):
    world.project.memberships.filter(site=world.site_b).delete()
    OpeningHoursFactory(site=world.site_b)
    ServiceOfferingFactory(site=world.site_b)
    url = reverse("sites:site_delete", args=[world.site_b.pk])
    html = client_for("consultant").get(url).content.decode()
    assert "1 åbningstid slettes" in html
    assert "1 tilbudt ydelse slettes" in html
    assert "Stedet fjernes fra forløbene: Forløbet." in html
    assert Site.objects.filter(pk=world.site_b.pk).exists()  # GET deletes nothing
    response = client_for("consultant").post(url)
    assert response.status_code == 302
    assert not Site.objects.filter(pk=world.site_b.pk).exists()
    assert not OpeningHours.objects.filter(site_id=world.site_b.pk).exists()


def test_a_site_with_coordinators_cannot_be_deleted(client_for, world):
    url = reverse("sites:site_delete", args=[world.site_a.pk])
    html = client_for("consultant").get(url).content.decode()
    assert "kan ikke slettes" in html
    assert "Ja, slet" not in html
    response = client_for("consultant").post(url, follow=True)
    assert Site.objects.filter(pk=world.site_a.pk).exists()
    assert "kan ikke slettes" in response.content.decode()


def test_a_municipality_with_sites_cannot_be_deleted(client_for, world):
    url = reverse("sites:municipality_delete", args=[world.municipality.pk])
    html = client_for("consultant").get(url).content.decode()
    assert "Sted: Sted A" in html
    client_for("consultant").post(url)
    assert Municipality.objects.filter(pk=world.municipality.pk).exists()


def test_an_unused_municipality_is_deleted(client_for, world):
    empty = MunicipalityFactory(name="Ringsted Kommune")
    response = client_for("consultant").post(
        reverse("sites:municipality_delete", args=[empty.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("sites:municipality_list")
    assert not Municipality.objects.filter(pk=empty.pk).exists()


def test_consultant_adds_opening_hours_to_a_service_point(client_for, world):
    url = reverse(
        "sites:servicepoint_openinghours_create", args=[world.service_point.pk]
    )
    response = client_for("consultant").post(
        url,
        {
            "weekday": 5,
            "kind": "full",
            "opens_at": "10:00",
            "closes_at": "14:00",
            "note": "Tidsbestilling",
        },
    )
    assert response.status_code == 302
    hours = OpeningHours.objects.get(service_point=world.service_point, weekday=5)
    assert (hours.opens_at, hours.closes_at, hours.site) == (
        datetime.time(10),
        datetime.time(14),
        None,
    )


def test_overlapping_hours_are_refused_with_a_200(client_for, world):
    url = reverse("sites:site_openinghours_create", args=[world.site_a.pk])
    before = OpeningHours.objects.count()
    response = client_for("consultant").post(
        url, {"weekday": 1, "kind": "full", "opens_at": "12:00", "closes_at": "18:00"}
    )
    assert response.status_code == 200
    assert "Tidsrummet overlapper" in response.content.decode()
    assert OpeningHours.objects.count() == before


def test_a_posted_place_cannot_be_smuggled_in(client_for, world):
    """The place comes from the URL; a site field in the POST is ignored."""
    url = reverse("sites:site_openinghours_create", args=[world.site_a.pk])
    client_for("consultant").post(
        url,
        {
            "weekday": 3,
            "kind": "full",
            "opens_at": "10:00",
            "closes_at": "12:00",
            "site": world.site_b.pk,
        },
    )
    assert OpeningHours.objects.get(weekday=3).site == world.site_a


def test_consultant_edits_and_deletes_opening_hours(client_for, world):
    client = client_for("consultant")
    url = reverse("sites:openinghours_update", args=[world.opening_hours.pk])
    response = client.post(
        url, {"weekday": 1, "kind": "full", "opens_at": "09:00", "closes_at": "15:00"}
    )
    assert response.status_code == 302
    assert response["Location"] == world.site_a.get_absolute_url()
    world.opening_hours.refresh_from_db()
    assert world.opening_hours.opens_at == datetime.time(9)
    response = client.post(
        reverse("sites:openinghours_delete", args=[world.opening_hours.pk])
    )
    assert response["Location"] == world.site_a.get_absolute_url()
    assert not OpeningHours.objects.filter(pk=world.opening_hours.pk).exists()


def test_consultant_sets_the_services_a_site_offers(client_for, world):
    moving = CitizenServiceFactory(name="Flytning")
    nemid = CitizenServiceFactory(name="Oprettelse af NemID")
    url = reverse("sites:site_services", args=[world.site_a.pk])
    response = client_for("consultant").post(
        url,
        {
            f"level_{world.service.pk}": "",  # Pas: no longer offered
            f"level_{moving.pk}": "full",
            f"level_{nemid.pk}": "light",
            f"note_{nemid.pk}": "I Kvikskranken",
        },
    )
    assert response.status_code == 302
    offered = {
        (o.service.name, o.level, o.note)
        for o in ServiceOffering.objects.filter(site=world.site_a).select_related(
            "service"
        )
    }
    assert offered == {
        ("Flytning", "full", ""),
        ("Oprettelse af NemID", "light", "I Kvikskranken"),
    }


def test_services_form_keeps_input_on_error(client_for, world):
    url = reverse("sites:site_services", args=[world.site_a.pk])
    response = client_for("consultant").post(
        url,
        {
            f"level_{world.service.pk}": "",
            f"note_{world.service.pk}": "Skrevet men ikke gemt",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "En bemærkning kræver, at ydelsen tilbydes." in html
    assert 'value="Skrevet men ikke gemt"' in html
    assert ServiceOffering.objects.filter(site=world.site_a).count() == 1


def test_catalogue_shows_where_each_service_is_offered(client_for, world):
    ServiceOfferingFactory(
        service=world.service,
        site=None,
        service_point=world.service_point,
        level="light",
    )
    html = (
        client_for("steering")
        .get(reverse("sites:citizenservice_list"))
        .content.decode()
    )
    full = html.index("Fuld borgerservice:")
    light = html.index("Borgerservice light:")
    assert (
        full
        < html.index(f'href="{world.site_a.get_absolute_url()}">Sted A</a>')
        < light
    )
    assert light < html.index(
        f'href="{world.service_point.get_absolute_url()}">Rådhuset</a>'
    )


def test_catalogue_lists_categories_in_their_declared_order(client_for, world):
    CitizenServiceFactory(name="Vielse", category="family")
    CitizenServiceFactory(name="Kørekort", category="identity")
    html = (
        client_for("steering")
        .get(reverse("sites:citizenservice_list"))
        .content.decode()
    )
    headings = [
        f'<h2 class="h4 mt-4">{name}</h2>'
        for name in ("Pas, kørekort og ID", "Familie og ægteskab", "Øvrige")
    ]
    assert html.index(headings[0]) < html.index(headings[1]) < html.index(headings[2])


def test_catalogue_filters_by_site_and_category(client_for, world):
    CitizenServiceFactory(name="Vielse", category="family")
    client = client_for("steering")
    html = client.get(
        reverse("sites:citizenservice_list"), {"site": world.site_a.pk}
    ).content.decode()
    assert "Pas" in html and "Vielse" not in html
    html = client.get(
        reverse("sites:citizenservice_list"), {"category": "family"}
    ).content.decode()
    assert "Vielse" in html and ">Pas<" not in html
    html = client.get(
        reverse("sites:citizenservice_list"), {"q": "zzz"}
    ).content.decode()
    assert "Ingen ydelser matcher filtret." in html


def test_site_list_is_paginated(client_for, world):
    for _ in range(30):
        SiteFactory(municipality=world.municipality)
    client = client_for("steering")
    first = client.get(reverse("sites:site_list")).content.decode()
    assert "Side 1 af 2" in first
    second = client.get(reverse("sites:site_list"), {"page": 2}).content.decode()
    assert "Side 2 af 2" in second


def test_empty_site_list_says_so_and_offers_to_create(client, db):
    consultant = MembershipFactory(role="consultant").user
    client.force_login(consultant)
    html = client.get(reverse("sites:site_list")).content.decode()
    assert "Der er endnu ingen steder." in html
    assert reverse("sites:site_create") in html
    SiteFactory()
    html = client.get(reverse("sites:site_list"), {"q": "findes ikke"}).content.decode()
    assert "Ingen steder matcher filtret." in html


def test_year_is_shown_without_a_thousands_separator(client_for, world):
    html = client_for("steering").get(reverse("sites:site_list")).content.decode()
    assert "<td>2015</td>" in html
    assert "2.015" not in html


@pytest.mark.parametrize(
    "url_name,grow",
    [
        (
            "sites:site_list",
            lambda w: [
                ServiceOfferingFactory(
                    site=SiteFactory(municipality=MunicipalityFactory())
                )
                for _ in range(12)
            ],
        ),
        (
            "sites:citizenservice_list",
            lambda w: [ServiceOfferingFactory(site=SiteFactory()) for _ in range(12)],
        ),
        (
            "sites:servicepoint_list",
            lambda w: [
                ServiceOfferingFactory(site=None, service_point=ServicePointFactory())
                for _ in range(12)
            ],
        ),
        (
            "sites:municipality_list",
            lambda w: [
                SiteFactory(municipality=MunicipalityFactory()) for _ in range(12)
            ],
        ),
    ],
)
def test_list_pages_cost_the_same_queries_at_two_sizes(
    client_for, world, count_queries, url_name, grow
):
    client = client_for("consultant")
    url = reverse(url_name)
    client.get(url)  # warm: the content types the bell asks about are cached once
    small, response = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    grow(world)
    large, response = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    assert large == small
    assert small <= 9  # 8, and the bell's unread count on every page


def test_site_page_costs_the_same_queries_with_more_hours_and_services(
    client_for, world, count_queries
):
    client = client_for("steering")
    url = world.site_a.get_absolute_url()
    small, _response = count_queries(lambda: client.get(url))
    for day in range(2, 8):
        OpeningHoursFactory(site=world.site_a, weekday=day)
        ServiceOfferingFactory(site=world.site_a)
        ServicePointFactory(municipality=world.municipality)
    large, _response = count_queries(lambda: client.get(url))
    assert large == small
    assert small <= 12


def test_service_points_can_be_created_and_deleted(client_for, world):
    client = client_for("consultant")
    response = client.post(
        reverse("sites:servicepoint_create"),
        {"name": "Jyllinge Bibliotek", "municipality": world.municipality.pk},
    )
    point = ServicePoint.objects.get(name="Jyllinge Bibliotek")
    assert response["Location"] == point.get_absolute_url()
    client.post(reverse("sites:servicepoint_delete", args=[point.pk]))
    assert not ServicePoint.objects.filter(pk=point.pk).exists()


def test_services_can_be_created_and_edited(client_for, world):
    client = client_for("consultant")
    client.post(
        reverse("sites:citizenservice_create"),
        {"name": "Vielse", "category": "family", "self_service_online": "on"},
    )
    service = CitizenService.objects.get(name="Vielse")
    assert service.self_service_online and not service.requires_attendance
    client.post(
        reverse("sites:citizenservice_update", args=[service.pk]),
        {"name": "Vielse", "category": "family", "requires_attendance": "on"},
    )
    service.refresh_from_db()
    assert service.requires_attendance and not service.self_service_online
