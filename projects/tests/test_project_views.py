"""The project (forløb) and its members, kept by its consultant."""

import pytest
from django.urls import reverse

from projects.models import Membership, Project, Role
from projects.tests.factories import ProjectFactory, UserFactory


def project_data(world, **overrides):
    return {
        "name": "Forløb 2018",
        "guiding_question": "Hvordan kan vi …?",
        "purpose": "",
        "starts_on": "2018-08-20",
        "ends_on": "2018-11-30",
        "sites": [world.site_a.pk],
        **overrides,
    }


def test_the_creator_of_a_project_becomes_its_consultant(client_for, world):
    response = client_for("consultant").post(
        reverse("synergy:project_create"), project_data(world)
    )
    project = Project.objects.get(name="Forløb 2018")
    assert response["Location"] == project.get_absolute_url()
    assert list(project.sites.all()) == [world.site_a]
    assert project.memberships.get().user == world.users["consultant"]
    assert project.memberships.get().role == Role.CONSULTANT


def test_a_project_must_end_after_it_starts(client_for, world):
    response = client_for("consultant").post(
        reverse("synergy:project_create"), project_data(world, ends_on="2018-01-01")
    )
    assert response.status_code == 200
    assert "Slutdatoen skal ligge efter startdatoen." in response.content.decode()
    assert not Project.objects.filter(name="Forløb 2018").exists()


def test_project_page_shows_period_in_iso_weeks_sites_and_members(client_for, world):
    html = client_for("steering").get(world.project.get_absolute_url()).content.decode()
    assert "uge 34–48 2017" in html
    assert "Sted A" in html and "Sted B" in html
    assert "Tovholder" in html and "Styregruppe" in html
    assert reverse("synergy:membership_create", args=[world.project.pk]) not in html
    consultant_html = (
        client_for("consultant").get(world.project.get_absolute_url()).content.decode()
    )
    assert (
        reverse("synergy:membership_create", args=[world.project.pk]) in consultant_html
    )


def test_non_members_cannot_see_a_project(client_for, world):
    assert (
        client_for("outsider").get(world.project.get_absolute_url()).status_code == 404
    )
    other = ProjectFactory()
    assert client_for("consultant").get(other.get_absolute_url()).status_code == 404


def test_project_list_shows_only_the_users_projects(client_for, world):
    ProjectFactory(name="Et andet forløb")
    html = (
        client_for("coordinator_a")
        .get(reverse("synergy:project_list"))
        .content.decode()
    )
    assert "Forløbet" in html and "Et andet forløb" not in html


def test_consultant_adds_a_coordinator_for_a_participating_site(client_for, world):
    new_user = UserFactory(username="ny-tovholder")
    url = reverse("synergy:membership_create", args=[world.project.pk])
    response = client_for("consultant").post(
        url,
        {"email": new_user.email, "role": Role.COORDINATOR, "site": world.site_b.pk},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=new_user)
    assert (membership.project, membership.site) == (world.project, world.site_b)


@pytest.mark.parametrize(
    "data,field,message",
    [
        (
            {"role": Role.COORDINATOR},
            "site",
            "Vælg det sted, tovholderen er tovholder for.",
        ),
        (
            {"role": Role.STEERING, "site": "A"},
            "site",
            "Kun tovholdere har et sted. Lad feltet stå tomt.",
        ),
    ],
)
def test_membership_site_rules(client_for, world, data, field, message):
    new_user = UserFactory()
    if data.get("site") == "A":
        data = {**data, "site": world.site_a.pk}
    response = client_for("consultant").post(
        reverse("synergy:membership_create", args=[world.project.pk]),
        {"email": new_user.email, **data},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Membership.objects.filter(user=new_user).exists()


def test_the_same_role_twice_is_refused(client_for, world):
    response = client_for("consultant").post(
        reverse("synergy:membership_create", args=[world.project.pk]),
        {"user": world.users["steering"].pk, "role": Role.STEERING},
    )
    assert response.status_code == 200
    assert "Brugeren har allerede denne rolle i forløbet." in response.content.decode()


def test_a_site_outside_the_project_cannot_be_chosen(client_for, world):
    from sites.tests.factories import SiteFactory

    outside = SiteFactory()
    response = client_for("consultant").post(
        reverse("synergy:membership_create", args=[world.project.pk]),
        {"email": UserFactory().email, "role": Role.COORDINATOR, "site": outside.pk},
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(site=outside).exists()


def test_the_last_consultant_cannot_be_removed_or_demoted(client_for, world):
    consultant = world.memberships["consultant"]
    client = client_for("consultant")
    response = client.post(
        reverse("synergy:membership_delete", args=[consultant.pk]), follow=True
    )
    assert Membership.objects.filter(pk=consultant.pk).exists()
    assert "mindst én konsulent" in response.content.decode()
    response = client.post(
        reverse("synergy:membership_update", args=[consultant.pk]),
        {"user": consultant.user.pk, "role": Role.STEERING},
    )
    assert response.status_code == 200
    consultant.refresh_from_db()
    assert consultant.role == Role.CONSULTANT


def test_consultant_removes_a_member(client_for, world):
    steering = world.memberships["steering"]
    response = client_for("consultant").post(
        reverse("synergy:membership_delete", args=[steering.pk])
    )
    assert response["Location"] == world.project.get_absolute_url()
    assert not Membership.objects.filter(pk=steering.pk).exists()


def test_home_page_takes_each_role_to_its_work(client_for, world):
    html = client_for("coordinator_a").get(reverse("home")).content.decode()
    assert "Din rolle: Tovholder – Sted A" in html
    assert world.site_a.get_absolute_url() in html
    html = client_for("consultant").get(reverse("home")).content.decode()
    assert "Din rolle: Konsulent" in html
    assert reverse("synergy:project_create") in html
    html = client_for("outsider").get(reverse("home")).content.decode()
    assert "Du er ikke med i noget forløb endnu." in html


def test_navigation_differs_per_role(client_for, world):
    consultant = client_for("consultant").get(reverse("home")).content.decode()
    assert reverse("sites:municipality_list") in consultant
    coordinator = client_for("coordinator_a").get(reverse("home")).content.decode()
    assert "Mit sted" in coordinator
    assert reverse("sites:municipality_list") not in coordinator


# The member picker: people the consultant already works with, or an exact e-mail.


@pytest.fixture
def strangers(world):
    """Another project's people (the world's consultant is not in it) and an account
    in no project."""
    other = ProjectFactory(name="Et andet forløb")
    stranger = UserFactory(
        username="fremmed", first_name="Frida", last_name="Fremmedsen"
    )
    Membership.objects.create(user=stranger, project=other, role=Role.STEERING)
    loner = UserFactory(username="ensom", first_name="Elvira", last_name="Enlig")
    return stranger, loner


def test_the_member_picker_lists_only_people_the_consultant_works_with(
    client_for, world, strangers
):
    colleague_elsewhere = UserFactory(
        username="kollega", first_name="Kaj", last_name="Kollega"
    )
    shared = ProjectFactory(name="Fælles forløb")
    Membership.objects.create(
        user=world.users["consultant"], project=shared, role=Role.CONSULTANT
    )
    Membership.objects.create(
        user=colleague_elsewhere, project=shared, role=Role.STEERING
    )
    html = (
        client_for("consultant")
        .get(reverse("synergy:membership_create", args=[world.project.pk]))
        .content.decode()
    )
    assert "Kaj Kollega" in html
    assert world.users["steering"].get_full_name() in html
    for person in strangers:
        assert person.get_full_name() not in html
        assert person.username not in html


def test_a_posted_person_outside_the_picker_is_refused_with_a_form_error(
    client_for, world, strangers
):
    client = client_for("consultant")
    url = reverse("synergy:membership_create", args=[world.project.pk])
    for person in strangers:
        response = client.post(url, {"user": person.pk, "role": Role.STEERING})
        assert response.status_code == 200
        assert "Marker en gyldig valgmulighed." in response.content.decode()
        assert not Membership.objects.filter(
            user=person, project=world.project
        ).exists()
    for hostile in ("abc", "-1", "99999999999999999999", "1 OR 1=1"):
        response = client.post(url, {"user": hostile, "role": Role.STEERING})
        assert response.status_code == 200, hostile


def test_a_person_is_added_by_their_exact_e_mail(client_for, world, strangers):
    stranger, _loner = strangers
    client = client_for("consultant")
    url = reverse("synergy:membership_create", args=[world.project.pk])
    response = client.post(
        url, {"email": "  FREMMED@example.INVALID ", "role": Role.STEERING}
    )
    assert response.status_code == 302
    assert Membership.objects.get(user=stranger, project=world.project).role == (
        Role.STEERING
    )


@pytest.mark.parametrize(
    "email", ["fremmed@example", "fremmed", "@example.invalid", "x" * 300, "%"]
)
def test_an_inexact_e_mail_finds_nobody_and_says_nothing_about_others(
    client_for, world, strangers, email
):
    response = client_for("consultant").post(
        reverse("synergy:membership_create", args=[world.project.pk]),
        {"email": email, "role": Role.STEERING},
    )
    assert response.status_code == 200
    html = response.content.decode()
    # The stranger's surname (a factory's random first name could be "Frida" too).
    assert "Fremmedsen" not in html and "fremmed@" not in html.replace(email, "")
    assert (
        not Membership.objects.filter(user=strangers[0])
        .exclude(project__name="Et andet forløb")
        .exists()
    )


def test_an_unknown_and_an_inactive_e_mail_get_the_same_answer(
    client_for, world, strangers
):
    """Both get an invitation: the page tells nothing about accounts it cannot add."""
    _stranger, loner = strangers
    loner.is_active = False
    loner.save()
    client = client_for("consultant")
    url = reverse("synergy:membership_create", args=[world.project.pk])
    unknown = client.post(
        url, {"email": "ingen@example.invalid", "role": "steering"}, follow=True
    )
    inactive = client.post(url, {"email": loner.email, "role": "steering"}, follow=True)
    assert (
        "Invitationen er sendt til ingen@example.invalid." in unknown.content.decode()
    )
    assert f"Invitationen er sendt til {loner.email}." in inactive.content.decode()
    assert "Elvira" not in inactive.content.decode()
    assert not Membership.objects.filter(user=loner).exists()


def test_a_person_and_an_e_mail_at_once_is_refused(client_for, world, strangers):
    response = client_for("consultant").post(
        reverse("synergy:membership_create", args=[world.project.pk]),
        {
            "user": world.users["steering"].pk,
            "email": strangers[0].email,
            "role": Role.CONSULTANT,
        },
    )
    assert response.status_code == 200
    assert "Vælg en person eller skriv en e-mailadresse, ikke begge." in (
        response.content.decode()
    )
