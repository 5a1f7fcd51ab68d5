"""The steering group's pages: its meetings, the verdict on a tested initiative, the
decision log of both kinds, what waits for it on the home page, and quotes linked to
initiatives."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from initiatives import services
from initiatives.models import (
    Decision,
    InitiativeStatus,
    Meeting,
    Quote,
    Verdict,
)
from initiatives.tests.factories import InitiativeFactory, MeetingFactory
from projects.models import Role
from projects.tests.factories import MembershipFactory, ProjectFactory, UserFactory
from testing.tests.factories import TestRunFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def put_in_test(world, initiative=None):
    initiative = initiative or world.initiative
    return services.initiative_set_status(
        initiative=initiative,
        to_status=InitiativeStatus.IN_TEST,
        user=world.users["consultant"],
        reason="",
        expected_status=initiative.status,
    )


def verdict_post(initiative, **data):
    return {
        "outcome": Verdict.ADJUST,
        "rationale": "Skiltningen skal være tydeligere.",
        "decided_on": TODAY.isoformat(),
        "meeting": "",
        "expected_status": initiative.status,
        "expected_verdict": 0,
        **data,
    }


# The verdict on an initiative


@pytest.mark.parametrize("role", ["steering", "consultant"])
def test_the_steering_group_and_the_consultant_record_a_verdict(
    client_for, world, role
):
    initiative = put_in_test(world)
    url = reverse("initiatives:initiative_verdict", args=[initiative.pk])
    client = client_for(role)
    page = client.get(url).content.decode()
    assert "Justér og fortsæt" in page and 'name="expected_verdict"' in page
    response = client.post(url, verdict_post(initiative))
    assert response.status_code == 302
    assert response["Location"] == initiative.get_absolute_url()
    decision = Decision.objects.get(initiative=initiative)
    assert (decision.outcome, decision.decided_by, decision.project) == (
        "adjust",
        world.users[role],
        world.project,
    )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.ADJUSTED
    detail = client.get(initiative.get_absolute_url()).content.decode()
    assert "Skiltningen skal være tydeligere." in detail


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator_a", 403), ("coordinator_b", 403), ("outsider", 404)],
)
def test_others_cannot_record_a_verdict(client_for, world, role, status):
    initiative = put_in_test(world)
    url = reverse("initiatives:initiative_verdict", args=[initiative.pk])
    client = client_for(role)
    assert client.get(url).status_code == status
    assert client.post(url, verdict_post(initiative)).status_code == status
    assert not Decision.objects.filter(initiative=initiative).exists()
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.IN_TEST


def test_a_verdict_without_rationale_or_on_a_planned_initiative_is_refused(
    client_for, world
):
    client = client_for("steering")
    url = reverse("initiatives:initiative_verdict", args=[world.initiative.pk])
    page = client.get(url).content.decode()
    assert "Tiltaget er kun planlagt" in page
    response = client.post(url, verdict_post(world.initiative))
    assert response.status_code == 200
    assert "Tiltaget er kun planlagt" in response.content.decode()
    initiative = put_in_test(world)
    response = client.post(url, verdict_post(initiative, rationale=""))
    assert response.status_code == 200
    assert "Skriv styregruppens begrundelse for beslutningen." in (
        response.content.decode()
    )
    assert not Decision.objects.filter(initiative=initiative).exists()


def test_a_verdict_from_a_stale_page_is_refused_with_409(client_for, world):
    initiative = put_in_test(world)
    url = reverse("initiatives:initiative_verdict", args=[initiative.pk])
    stale = verdict_post(initiative, outcome=Verdict.STOP, rationale="Stop det.")
    consultant = Client()
    consultant.force_login(world.users["consultant"])
    assert consultant.post(url, verdict_post(initiative)).status_code == 302
    response = client_for("steering").post(url, stale)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Intet er overskrevet" in body and "Justér og fortsæt" in body
    assert list(
        Decision.objects.filter(initiative=initiative).values_list("outcome", flat=True)
    ) == ["adjust"]


def test_a_double_click_records_the_verdict_once(client_for, world):
    initiative = put_in_test(world)
    url = reverse("initiatives:initiative_verdict", args=[initiative.pk])
    client = client_for("steering")
    data = verdict_post(initiative)
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Decision.objects.filter(initiative=initiative).count() == 1


def test_a_verdict_from_a_meeting_is_recorded_in_it_and_returns_there(
    client_for, world
):
    initiative = put_in_test(world)
    meeting = MeetingFactory(project=world.project, held_on=TODAY)
    url = (
        reverse("initiatives:initiative_verdict", args=[initiative.pk])
        + f"?meeting={meeting.pk}"
    )
    client = client_for("steering")
    page = client.get(url).content.decode()
    assert f'<option value="{meeting.pk}" selected>' in page
    response = client.post(url, verdict_post(initiative, meeting=meeting.pk))
    assert response["Location"] == meeting.get_absolute_url()
    assert Decision.objects.get(initiative=initiative).meeting == meeting
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Skiltningen skal være tydeligere." in page


def test_a_meeting_of_another_project_cannot_be_chosen(client_for, world):
    initiative = put_in_test(world)
    elsewhere = MeetingFactory()
    url = reverse("initiatives:initiative_verdict", args=[initiative.pk])
    response = client_for("steering").post(
        url, verdict_post(initiative, meeting=elsewhere.pk)
    )
    assert response.status_code == 200
    assert "Mødet hører ikke til forløbet." in response.content.decode()
    assert not Decision.objects.filter(initiative=initiative).exists()


# Meetings


def test_the_consultant_holds_a_meeting_with_the_projects_members(client_for, world):
    client = client_for("consultant")
    form = client.get(reverse("initiatives:meeting_create", args=[world.project.pk]))
    html = form.content.decode()
    assert world.users["steering"].username in html
    assert world.users["outsider"].username not in html  # not a member
    response = client.post(
        reverse("initiatives:meeting_create", args=[world.project.pk]),
        {
            "title": "Styregruppemøde i december",
            "held_on": "2017-12-12",
            "attendees": [world.users["steering"].pk, world.users["consultant"].pk],
            "notes": "Afprøvningerne gennemgået.",
        },
    )
    meeting = Meeting.objects.get(title="Styregruppemøde i december")
    assert response["Location"] == meeting.get_absolute_url()
    assert (meeting.project, meeting.created_by) == (
        world.project,
        world.users["consultant"],
    )
    assert set(meeting.attendees.all()) == {
        world.users["steering"],
        world.users["consultant"],
    }


def test_someone_outside_the_project_cannot_be_an_attendee(client_for, world):
    response = client_for("steering").post(
        reverse("initiatives:meeting_create", args=[world.project.pk]),
        {
            "title": "Møde",
            "held_on": "2017-12-12",
            "attendees": [world.users["outsider"].pk],
        },
    )
    assert response.status_code == 200
    assert "Kun forløbets deltagere" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_meeting_service_refuses_a_non_member():
    from core.services import ActionRefused

    project = ProjectFactory()
    with pytest.raises(ActionRefused, match="Kun forløbets deltagere"):
        services.meeting_create(
            project=project,
            title="Møde",
            held_on=TODAY,
            attendees=[UserFactory()],
            user=UserFactory(),
        )


def test_the_steering_group_edits_a_meeting(client_for, world):
    meeting = MeetingFactory(project=world.project)
    response = client_for("steering").post(
        reverse("initiatives:meeting_update", args=[meeting.pk]),
        {
            "title": "Ekstra styregruppemøde",
            "held_on": "2017-12-13",
            "attendees": [world.users["steering"].pk],
            "notes": "",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.held_on) == (
        "Ekstra styregruppemøde",
        datetime.date(2017, 12, 13),
    )
    assert list(meeting.attendees.all()) == [world.users["steering"]]


@pytest.mark.parametrize(
    ("role", "project_page", "meeting_page"),
    [
        ("consultant", 200, 200),
        ("steering", 200, 200),
        ("coordinator_a", 403, 404),
        ("coordinator_b", 403, 404),
        ("outsider", 404, 404),
    ],
)
def test_who_sees_the_meetings(client_for, world, role, project_page, meeting_page):
    """Coordinators may not use the meeting pages of their project, and a meeting
    does not exist for them."""
    meeting = MeetingFactory(project=world.project, title="Hemmeligt møde")
    client = client_for(role)
    assert client.get(meeting.get_absolute_url()).status_code == meeting_page
    update = reverse("initiatives:meeting_update", args=[meeting.pk])
    assert client.get(update).status_code == meeting_page
    posted = client.post(
        update, {"title": "Ændret", "held_on": "2017-12-12", "notes": ""}
    )
    meeting.refresh_from_db()
    if meeting_page == 200:
        assert (posted.status_code, meeting.title) == (302, "Ændret")
    else:
        assert (posted.status_code, meeting.title) == (404, "Hemmeligt møde")
    for name in ("initiatives:meeting_list", "initiatives:meeting_create"):
        url = reverse(name, args=[world.project.pk])
        assert client.get(url).status_code == project_page
    user = world.users[role]
    assert (meeting in Meeting.objects.visible_to(user)) == (meeting_page == 200)


def test_a_coordinator_has_no_meetings_tab_and_the_steering_group_has(
    client_for, world
):
    url = reverse("initiatives:decision_list", args=[world.project.pk])
    meetings_url = reverse("initiatives:meeting_list", args=[world.project.pk])
    assert meetings_url in client_for("steering").get(url).content.decode()
    assert meetings_url not in client_for("coordinator_a").get(url).content.decode()


def test_a_meeting_shows_its_attendees_decisions_and_what_can_be_decided(
    client_for, world
):
    initiative = put_in_test(world)
    meeting = MeetingFactory(project=world.project, held_on=TODAY)
    meeting.attendees.set([world.users["steering"]])
    client = client_for("steering")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert world.users["steering"].get_full_name() in page  # the attendee
    assert "Der er ikke registreret beslutninger på mødet endnu." in page
    decide_idea = (
        reverse("initiatives:idea_decide", args=[world.idea_presented.pk])
        + f"?meeting={meeting.pk}"
    )
    give_verdict = (
        reverse("initiatives:initiative_verdict", args=[initiative.pk])
        + f"?meeting={meeting.pk}"
    )
    assert decide_idea in page and give_verdict in page
    response = client.post(
        decide_idea,
        {
            "outcome": "selected",
            "rationale": "Afprøves i foråret.",
            "decided_on": TODAY.isoformat(),
            "meeting": meeting.pk,
        },
    )
    assert response["Location"] == meeting.get_absolute_url()
    decision = Decision.objects.get(idea=world.idea_presented)
    assert (decision.meeting, decision.project) == (meeting, world.project)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Afprøves i foråret." in page
    assert decide_idea not in page  # decided: no longer on the agenda


# The decision log


def test_the_decision_log_lists_decisions_on_ideas_and_verdicts_newest_first(
    client_for, world
):
    initiative = put_in_test(world)
    meeting = MeetingFactory(project=world.project, title="Decembermødet")
    services.initiative_verdict_record(
        initiative_id=initiative.pk,
        outcome=Verdict.STOP,
        rationale="Ingen brugte tilbuddet.",
        decided_on=datetime.date(2017, 12, 12),
        meeting_id=meeting.pk,
        user=world.users["steering"],
    )
    url = reverse("initiatives:decision_list", args=[world.project.pk])
    for role in ("consultant", "steering", "coordinator_a"):
        page = client_for(role).get(url).content.decode()
        assert "Ingen brugte tilbuddet." in page
        assert "Billigt og let at afprøve." in page  # the ideas' decisions
        assert page.index("Ingen brugte tilbuddet.") < page.index(
            "Billigt og let at afprøve."
        )
        assert initiative.get_absolute_url() in page
        assert ("Decembermødet" in page) == (role != "coordinator_a")
    # Only those who see meetings get a link to it.
    assert (
        meeting.get_absolute_url() in client_for("steering").get(url).content.decode()
    )
    assert meeting.get_absolute_url() not in (
        client_for("coordinator_a").get(url).content.decode()
    )
    assert client_for("outsider").get(url).status_code == 404


def test_the_decision_log_costs_the_same_for_more_decisions(
    client_for, world, django_assert_max_num_queries
):
    client = client_for("steering")
    url = reverse("initiatives:decision_list", args=[world.project.pk])
    client.get(url)
    for _ in range(5):
        initiative = put_in_test(world, InitiativeFactory(idea__project=world.project))
        services.initiative_verdict_record(
            initiative_id=initiative.pk,
            outcome=Verdict.CONTINUE,
            rationale="Godt.",
            decided_on=TODAY,
            meeting_id=MeetingFactory(project=world.project).pk,
            user=world.users["steering"],
        )
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


# The steering group's home page


def test_the_home_page_tells_the_steering_group_what_waits_for_it(client_for, world):
    ended = put_in_test(world)  # its run at site A ended in week 42 of 2017
    running = put_in_test(world, InitiativeFactory(idea__project=world.project))
    TestRunFactory(
        initiative=running,
        site=world.site_b,
        ends_week=TODAY + datetime.timedelta(days=14),
    )
    for role in ("steering", "consultant"):
        page = client_for(role).get(reverse("home")).content.decode()
        assert "Venter på jer" in page
        assert (
            reverse("initiatives:idea_decide", args=[world.idea_presented.pk]) in page
        )
        assert reverse("initiatives:initiative_verdict", args=[ended.pk]) in page
        assert reverse("initiatives:initiative_verdict", args=[running.pk]) not in page
    assert (
        "Venter på jer"
        not in client_for("coordinator_a").get(reverse("home")).content.decode()
    )
    # Decided, both leave the list, and the panel says nothing waits.
    services.idea_decide(
        idea=world.idea_presented,
        outcome="parked",
        rationale="Senere.",
        decided_on=TODAY,
        user=world.users["steering"],
    )
    services.initiative_verdict_record(
        initiative_id=ended.pk,
        outcome=Verdict.CONTINUE,
        rationale="Godt.",
        decided_on=TODAY,
        meeting_id=None,
        user=world.users["steering"],
    )
    page = client_for("steering").get(reverse("home")).content.decode()
    assert "Intet venter på styregruppen lige nu." in page
    assert reverse("initiatives:initiative_verdict", args=[ended.pk]) not in page


def test_a_test_ends_when_every_run_has_ended(world):
    from initiatives.selectors import steering_waiting

    initiative = put_in_test(world)
    monday = TODAY - datetime.timedelta(days=TODAY.weekday())
    waiting = steering_waiting(project=world.project, today=TODAY)
    assert initiative in waiting["initiatives"]
    run = TestRunFactory(initiative=initiative, site=world.site_b, ends_week=monday)
    waiting = steering_waiting(project=world.project, today=TODAY)
    assert initiative not in waiting["initiatives"]  # its last week is this week
    run.ends_week = monday - datetime.timedelta(days=7)
    run.save()
    waiting = steering_waiting(project=world.project, today=TODAY)
    assert initiative in waiting["initiatives"]
    assert waiting["ideas"] == [world.idea_presented]


def test_nothing_waits_in_a_new_project(client):
    user = UserFactory()
    project = ProjectFactory()
    MembershipFactory(user=user, project=project, role=Role.STEERING)
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    assert "Venter på jer" in page
    assert "Intet venter på styregruppen lige nu." in page


# Quotes linked to initiatives


def quote_post(**data):
    return {
        "text": "Jeg vidste ikke, at biblioteket kunne hjælpe med NemID.",
        "speaker_label": "Jens, 70 år",
        **data,
    }


def test_a_quote_is_linked_to_the_projects_initiatives(client_for, world):
    client = client_for("consultant")
    form = client.get(reverse("initiatives:quote_create", args=[world.project.pk]))
    other = InitiativeFactory(name="Et andet forløbs tiltag")
    html = form.content.decode()
    assert world.initiative.name in html and other.name not in html
    response = client.post(
        reverse("initiatives:quote_create", args=[world.project.pk]),
        quote_post(initiatives=[world.initiative.pk]),
    )
    assert response.status_code == 302
    quote = Quote.objects.get(speaker_label="Jens, 70 år")
    assert list(quote.initiatives.all()) == [world.initiative]
    assert list(world.initiative.quotes.all()) == [quote]
    evidence = client.get(reverse("initiatives:evidence", args=[world.project.pk]))
    assert world.initiative.get_absolute_url() in evidence.content.decode()


def test_a_foreign_initiative_cannot_be_linked_to_a_quote(client_for, world):
    foreign = InitiativeFactory()
    client = client_for("consultant")
    response = client.post(
        reverse("initiatives:quote_create", args=[world.project.pk]),
        quote_post(initiatives=[foreign.pk]),
    )
    assert response.status_code == 200
    assert "Citatet kan kun knyttes til tiltag i dette forløb." in (
        response.content.decode()
    )
    assert not Quote.objects.filter(speaker_label="Jens, 70 år").exists()
    response = client.post(
        reverse("initiatives:quote_update", args=[world.quote.pk]),
        quote_post(initiatives=[world.initiative.pk, foreign.pk]),
    )
    assert response.status_code == 200
    assert not world.quote.initiatives.exists()
    assert not foreign.quotes.exists()


def test_the_quote_service_refuses_a_foreign_initiative(world):
    from core.services import ActionRefused

    with pytest.raises(ActionRefused, match="eget forløb"):
        services.quote_update(
            quote=world.quote,
            text=world.quote.text,
            speaker_label=world.quote.speaker_label,
            initiatives=[InitiativeFactory()],
            user=world.users["consultant"],
        )
    assert not world.quote.initiatives.exists()


def test_a_quote_saved_without_initiatives_keeps_them(world):
    world.quote.initiatives.add(world.initiative)
    services.quote_update(
        quote=world.quote,
        text="Ny tekst",
        speaker_label=world.quote.speaker_label,
        user=world.users["consultant"],
    )
    assert list(world.quote.initiatives.all()) == [world.initiative]


def _edit_page_data(client, meeting):
    """What the edit page posts back as it was loaded (values and base tokens)."""
    import re as regex

    page = client.get(reverse("initiatives:meeting_update", args=[meeting.pk]))
    text = page.content.decode()
    data = {
        name: value
        for name, value in regex.findall(
            r'<input type="hidden" name="(base-[\w-]+)" value="([^"]*)"', text
        )
    }
    data.update(
        {
            "title": meeting.title,
            "held_on": meeting.held_on.isoformat(),
            "attendees": [u.pk for u in meeting.attendees.all()],
            "notes": meeting.notes,
        }
    )
    return data


def test_two_tabs_editing_a_meeting_lose_nothing(client_for, world):
    meeting = MeetingFactory(project=world.project, title="Styregruppemøde")
    client = client_for("steering")
    url = reverse("initiatives:meeting_update", args=[meeting.pk])
    tab_a = _edit_page_data(client, meeting)
    tab_b = _edit_page_data(client, meeting)
    assert any(name.startswith("base-") for name in tab_a)
    tab_a.update(title="Møde om verdikter", attendees=[world.users["steering"].pk])
    assert client.post(url, tab_a).status_code == 302
    tab_b.update(notes="Husk kaffe.")
    assert client.post(url, tab_b).status_code == 302
    meeting.refresh_from_db()
    # Tab B changed only the notes: tab A's title and attendee stay.
    assert (meeting.title, meeting.notes) == ("Møde om verdikter", "Husk kaffe.")
    assert list(meeting.attendees.all()) == [world.users["steering"]]
    # Both change the title: the second is told, and nothing is overwritten.
    tab_c = _edit_page_data(client, meeting)
    tab_d = _edit_page_data(client, meeting)
    tab_c.update(title="C")
    assert client.post(url, tab_c).status_code == 302
    tab_d.update(title="D")
    response = client.post(url, tab_d)
    assert response.status_code == 409
    meeting.refresh_from_db()
    assert meeting.title == "C"


def test_implausible_dates_and_endless_rationales_are_refused(client_for, world):
    from core.services import ActionRefused

    with pytest.raises(ActionRefused, match="mellem år 2000"):
        services.meeting_create(
            project=world.project,
            title="Møde",
            held_on=datetime.date(1, 1, 1),
            user=world.users["consultant"],
        )
    put_in_test(world)
    with pytest.raises(ActionRefused, match="efter i dag"):
        services.initiative_verdict_record(
            initiative_id=world.initiative.pk,
            outcome=Verdict.CONTINUE,
            rationale="Godt.",
            decided_on=TODAY + datetime.timedelta(days=1),
            meeting_id=None,
            user=world.users["steering"],
        )
    response = client_for("steering").post(
        reverse("initiatives:initiative_verdict", args=[world.initiative.pk]),
        verdict_post(world.initiative, rationale="x" * 5001),
    )
    assert response.status_code == 200
    assert "Denne værdi må højst have 5000 tegn (den har 5001)." in (
        response.content.decode()
    )
    assert not Decision.objects.filter(initiative=world.initiative).exists()
