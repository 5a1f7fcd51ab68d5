"""Notifications: who is told about each event, their choices, the one combined mail,
visibility after a person loses access, and the pages."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.tasks import default_task_backend
from django.test import override_settings
from django.urls import reverse

from initiatives import services as initiative_services
from initiatives.models import IdeaPhase
from notifications import selectors, services, tasks
from notifications.models import (
    MailSchedule,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from reporting import rendering
from reporting.models import CatalogueRender
from testing import services as testing_services

DUMMY_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def _kinds_of(user):
    return list(
        Notification.objects.filter(recipient=user)
        .order_by("pk")
        .values_list("kind", flat=True)
    )


def _everyone_else(world, *roles):
    return [user for role, user in world.users.items() if role not in roles]


def _return(world, comment="Tallet for uge 2 mangler.", answer_comments=None):
    submission = world.submitted
    submission.refresh_from_db()
    return testing_services.submission_return(
        submission=submission,
        user=world.users["consultant"],
        comment=comment,
        answer_comments=answer_comments or {},
        expected_version=submission.version,
    )


# Who is told


def test_a_submitted_schema_is_told_to_the_projects_consultants_only(world):
    """The world's coordinator A submitted a schema: the consultant is told; the
    coordinator (who did it) and everyone else are not."""
    assert _kinds_of(world.users["consultant"]) == [NotificationKind.SCHEMA_SUBMITTED]
    for user in _everyone_else(world, "consultant"):
        assert _kinds_of(user) == [], user
    notification = Notification.objects.get(recipient=world.users["consultant"])
    assert notification.target == world.submitted
    assert notification.url == world.submitted.get_absolute_url()
    assert notification.actor == world.users["coordinator_a"]


def test_a_returned_schema_is_told_to_its_sites_coordinators_with_the_comments(world):
    Notification.objects.all().delete()
    _return(world)
    returned = Notification.objects.get()
    assert returned.recipient == world.users["coordinator_a"]
    assert returned.kind == NotificationKind.SCHEMA_RETURNED
    assert returned.summary == "Tallet for uge 2 mangler."


def test_the_comments_on_answers_are_in_the_summary(world):
    Notification.objects.all().delete()
    submission = world.submitted
    testing_services.submission_return(
        submission=submission,
        user=world.users["consultant"],
        comment="Se mine kommentarer.",
        answer_comments={world.count_question: "Er det pr. dag eller pr. uge?"},
        expected_version=submission.version,
    )
    summary = Notification.objects.get().summary
    assert summary.splitlines() == [
        "Se mine kommentarer.",
        "Antal henvisninger: Er det pr. dag eller pr. uge?",
    ]
    # The citizen's own words in the schema are not copied into the notification.
    assert "Birthe" not in summary


def test_an_approved_schema_is_told_to_its_sites_coordinators(world):
    Notification.objects.all().delete()
    submission = world.submitted
    testing_services.submission_approve(
        submission=submission,
        user=world.users["consultant"],
        expected_version=submission.version,
    )
    assert _kinds_of(world.users["coordinator_a"]) == [NotificationKind.SCHEMA_APPROVED]
    for user in _everyone_else(world, "coordinator_a"):
        assert _kinds_of(user) == [], user


def test_an_idea_presented_is_told_to_the_steering_group(world):
    idea = world.idea_a
    for phase in (IdeaPhase.SCREENED, IdeaPhase.SHORTLISTED, IdeaPhase.PRESENTED):
        idea = initiative_services.idea_move(
            idea=idea,
            to_phase=phase,
            user=world.users["consultant"],
            reason="",
            expected_phase=idea.phase,
        )
    assert _kinds_of(world.users["steering"]) == [NotificationKind.IDEA_FOR_DECISION]
    assert (
        Notification.objects.filter(kind=NotificationKind.IDEA_FOR_DECISION).count()
        == 1
    )


def test_a_ready_catalogue_is_told_to_the_consultants(world):
    Notification.objects.all().delete()
    rendering._tell_ready(CatalogueRender, world.render.pk)
    ready = Notification.objects.get()
    assert (ready.recipient, ready.kind, ready.target) == (
        world.users["consultant"],
        NotificationKind.CATALOGUE_READY,
        world.catalogue,
    )


def test_a_notification_about_an_unknown_kind_of_object_is_refused(world):
    with pytest.raises(ValueError, match="testing.Submission"):
        services.notify(
            kind=NotificationKind.SCHEMA_RETURNED,
            recipients=[world.users["coordinator_a"]],
            project=world.project,
            target=world.idea_a,
        )


def test_someone_who_may_not_see_the_object_is_not_told(world):
    """Coordinator B does not see site A's schema: named as a recipient, they get
    nothing (nor does the outsider)."""
    Notification.objects.all().delete()
    made = services.notify(
        kind=NotificationKind.SCHEMA_APPROVED,
        recipients=[world.users["coordinator_b"], world.users["outsider"]],
        project=world.project,
        target=world.submitted,
    )
    assert made == [] and not Notification.objects.exists()


# Choices


def test_a_kind_turned_off_makes_no_row_and_no_mail(world):
    Notification.objects.all().delete()
    services.notification_preferences_save(
        user=world.users["coordinator_a"],
        choices={NotificationKind.SCHEMA_RETURNED: (False, False)},
    )
    _return(world)
    assert not Notification.objects.exists()
    assert not MailSchedule.objects.filter(user=world.users["coordinator_a"]).exists()


def test_in_app_only_makes_a_row_and_no_mail(world):
    Notification.objects.all().delete()
    MailSchedule.objects.all().delete()
    services.notification_preferences_save(
        user=world.users["coordinator_a"],
        choices={NotificationKind.SCHEMA_RETURNED: (True, False)},
    )
    _return(world)
    notification = Notification.objects.get()
    assert (notification.in_app, notification.by_mail) == (True, False)
    assert not MailSchedule.objects.exists()


def test_the_defaults_mail_the_coordinators_and_consultants_kinds(world):
    choices = selectors.preferences_for(user=world.users["steering"])
    assert all(in_app for in_app, _mail in choices.values())
    mailed = {kind for kind, (_app, by_mail) in choices.items() if by_mail}
    assert mailed == {
        NotificationKind.SCHEMA_RETURNED,
        NotificationKind.SCHEMA_APPROVED,
        NotificationKind.SCHEMA_SUBMITTED,
        NotificationKind.CATALOGUE_READY,
    }


# The mail


def _three_events_for_coordinator_a(world):
    for kind in (
        NotificationKind.SCHEMA_RETURNED,
        NotificationKind.SCHEMA_APPROVED,
        NotificationKind.SCHEMA_RETURNED,
    ):
        services.notify(
            kind=kind,
            recipients=[world.users["coordinator_a"]],
            project=world.project,
            target=world.submitted,
            actor=world.users["consultant"],
            summary="Se spørgsmålet om antal." if kind == "schema_returned" else "",
        )


@override_settings(TASKS=DUMMY_TASKS, SITE_URL="https://synergi.example.dk")
def test_three_events_make_one_task_and_one_mail(
    world, django_capture_on_commit_callbacks
):
    Notification.objects.all().delete()
    MailSchedule.objects.all().delete()
    world.users["coordinator_a"].email = "tovholder@example.dk"
    world.users["coordinator_a"].save()
    with django_capture_on_commit_callbacks(execute=True):
        _three_events_for_coordinator_a(world)
    queued = default_task_backend.results
    assert len(queued) == 1  # one task for the three events
    assert queued[0].task.run_after is not None  # NOTIFICATION_MAIL_DELAY ahead
    assert queued[0].kwargs == {"user_id": world.users["coordinator_a"].pk}

    assert tasks.send_notification_mail.call(**queued[0].kwargs) == 3
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Synergi: 3 nye notifikationer"
    assert message.to == ["tovholder@example.dk"]
    link = "https://synergi.example.dk" + world.submitted.get_absolute_url()
    assert message.body.count(link) == 3
    assert "Se spørgsmålet om antal." in message.body
    assert "Skema sendt tilbage til mig" in message.body
    assert not MailSchedule.objects.exists()

    # The task run twice sends nothing more.
    assert tasks.send_notification_mail.call(**queued[0].kwargs) == 0
    assert len(mail.outbox) == 1
    assert not Notification.objects.filter(mailed_at__isnull=True).exists()


@override_settings(TASKS=DUMMY_TASKS)
def test_an_event_after_the_mail_queues_a_new_one(
    world, django_capture_on_commit_callbacks
):
    Notification.objects.all().delete()
    MailSchedule.objects.all().delete()
    user = world.users["coordinator_a"]
    user.email = "tovholder@example.dk"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        _three_events_for_coordinator_a(world)
    tasks.send_notification_mail.call(user_id=user.pk)
    with django_capture_on_commit_callbacks(execute=True):
        _return(world)  # the schema is still submitted in the world's data
    assert len(default_task_backend.results) == 2
    assert tasks.send_notification_mail.call(user_id=user.pk) == 1
    assert mail.outbox[-1].subject == "Synergi: 1 ny notifikation"


def test_with_tasks_run_at_once_the_mail_goes_after_the_commit(
    world, django_capture_on_commit_callbacks
):
    """The test settings run tasks at once (no run_after): still one mail per event,
    sent after the transaction."""
    Notification.objects.all().delete()
    world.users["coordinator_a"].email = "tovholder@example.dk"
    world.users["coordinator_a"].save()
    with django_capture_on_commit_callbacks(execute=True):
        _return(world)
    assert [m.subject for m in mail.outbox] == ["Synergi: 1 ny notifikation"]


def test_a_failed_mail_is_kept_for_the_next_one(world, monkeypatch):
    Notification.objects.all().delete()
    user = world.users["coordinator_a"]
    user.email = "tovholder@example.dk"
    user.save()
    _three_events_for_coordinator_a(world)

    def broken(**kwargs):
        raise ConnectionError("SMTP er nede")

    monkeypatch.setattr("notifications.mail._send", broken)
    with pytest.raises(ConnectionError):
        tasks.send_notification_mail.call(user_id=user.pk)
    assert Notification.objects.filter(mailed_at__isnull=True).count() == 3
    assert MailSchedule.objects.filter(user=user).exists()  # queued again
    monkeypatch.undo()
    assert tasks.send_notification_mail.call(user_id=user.pk) == 3


# Someone who loses access


def test_a_removed_member_is_told_nothing_and_no_longer_sees_earlier_ones(
    world, client
):
    coordinator = world.users["coordinator_a"]
    coordinator.email = "tovholder@example.dk"
    coordinator.save()
    _return(world)
    assert selectors.unread_count(user=coordinator) == 1
    world.memberships["coordinator_a"].delete()
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)  # fresh memberships
    assert selectors.unread_count(user=coordinator) == 0
    assert not selectors.notification_list(user=coordinator).exists()
    # The mail queued before the removal sends nothing.
    assert tasks.send_notification_mail.call(user_id=coordinator.pk) == 0
    assert mail.outbox == []
    # And a new event does not reach them.
    assert (
        services.notify(
            kind=NotificationKind.SCHEMA_APPROVED,
            recipients=[coordinator],
            project=world.project,
            target=world.submitted,
        )
        == []
    )
    client.force_login(coordinator)
    page = client.get(reverse("notifications:notification_list")).content.decode()
    assert "Du har ingen notifikationer" in page


def test_a_coordinator_moved_to_another_site_no_longer_sees_the_old_sites(world):
    coordinator = world.users["coordinator_a"]
    _return(world)
    membership = world.memberships["coordinator_a"]
    membership.site = world.site_b
    membership.save()
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    assert selectors.unread_count(user=coordinator) == 0


def test_a_deactivated_account_gets_no_mail(world):
    coordinator = world.users["coordinator_a"]
    coordinator.email = "tovholder@example.dk"
    coordinator.save()
    _return(world)
    coordinator.is_active = False
    coordinator.save()
    assert tasks.send_notification_mail.call(user_id=coordinator.pk) == 0
    assert mail.outbox == []


# The pages


def test_the_bell_says_how_many_are_unread(client_for, world):
    page = client_for("consultant").get(reverse("home")).content.decode()
    assert "Notifikationer, 1 ulæst" in page
    page = client_for("coordinator_b").get(reverse("home")).content.decode()
    assert "Notifikationer, ingen ulæste" in page


def test_the_list_marks_the_unread_and_opening_one_reads_it_and_goes_there(
    client_for, world
):
    client = client_for("consultant")
    page = client.get(reverse("notifications:notification_list")).content.decode()
    assert "Ulæst" in page and str(world.submitted) in page
    notification = Notification.objects.get(recipient=world.users["consultant"])
    response = client.post(
        reverse("notifications:notification_open", args=[notification.pk])
    )
    assert response.status_code == 303
    assert response["Location"] == world.submitted.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None
    page = client.get(reverse("notifications:notification_list")).content.decode()
    assert "Ulæst" not in page
    assert "Notifikationer, ingen ulæste" in page


def test_mark_all_read(client_for, world):
    _return(world)
    client = client_for("coordinator_a")
    assert selectors.unread_count(user=world.users["coordinator_a"]) == 1
    response = client.post(reverse("notifications:notification_mark_all_read"))
    assert response.status_code == 303
    assert selectors.unread_count(user=world.users["coordinator_a"]) == 0


def test_mark_all_read_in_a_stale_tab_leaves_what_came_after_unread(client_for, world):
    """The page was shown with one notification; another came before the click:
    "Marker alle som læst" marks the one the page showed, not the new one."""
    import re

    _return(world)
    client = client_for("coordinator_a")
    page = client.get(reverse("notifications:notification_list")).content.decode()
    up_to = re.search(r'name="up_to" value="(\d+)"', page).group(1)
    from testing import services as testing_services

    submission = _resubmitted(world)
    testing_services.submission_approve(
        submission=submission,
        user=world.users["consultant"],
        expected_version=submission.version,
    )
    assert selectors.unread_count(user=world.users["coordinator_a"]) == 2
    response = client.post(
        reverse("notifications:notification_mark_all_read"),
        {"up_to": up_to},
        follow=True,
    )
    assert "1 notifikation er markeret som læst." in response.content.decode()
    assert selectors.unread_count(user=world.users["coordinator_a"]) == 1


def _resubmitted(world):
    from testing import services as testing_services

    submission = world.submitted.__class__.objects.get(pk=world.submitted.pk)
    return testing_services.submission_submit(
        submission=submission,
        values={"antal": 7},
        user=world.users["coordinator_a"],
        expected_version=submission.version,
    )


def test_someone_elses_notification_does_not_open(client_for, world):
    notification = Notification.objects.get(recipient=world.users["consultant"])
    response = client_for("steering").post(
        reverse("notifications:notification_open", args=[notification.pk])
    )
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_choices_page_saves_two_checkboxes_per_kind_of_the_persons_roles(
    client_for, world
):
    """A coordinator chooses for the three kinds a coordinator is told of; the
    consultant's and the steering group's kinds are not offered (nor changed)."""
    client = client_for("coordinator_a")
    url = reverse("notifications:notification_preferences")
    page = client.get(url).content.decode()
    coordinator_kinds = [
        NotificationKind.SCHEMA_RETURNED,
        NotificationKind.SCHEMA_APPROVED,
        NotificationKind.COMMENT_REPLIED,
    ]
    assert page.count('type="checkbox"') == 2 * len(coordinator_kinds)
    assert str(NotificationKind.IDEA_FOR_DECISION.label) not in page
    assert str(NotificationKind.SCHEMA_SUBMITTED.label) not in page
    data = {f"{kind}_in_app": "on" for kind in coordinator_kinds}
    data["schema_returned_by_mail"] = "on"
    data["idea_for_decision_by_mail"] = "on"  # not offered: ignored
    response = client.post(url, data)
    assert response.status_code == 302
    saved = selectors.preferences_for(user=world.users["coordinator_a"])
    assert saved[NotificationKind.SCHEMA_RETURNED] == (True, True)
    assert saved[NotificationKind.SCHEMA_APPROVED] == (True, False)
    assert NotificationPreference.objects.count() == len(coordinator_kinds)
    # Someone in no project has nothing to choose.
    html = client_for("outsider").get(url).content.decode()
    assert "Du er ikke med i noget forløb endnu" in html
    assert 'type="checkbox"' not in html


def _many_notifications(world, count):
    content_type = ContentType.objects.get_for_model(world.submitted)
    Notification.objects.bulk_create(
        Notification(
            recipient=world.users["consultant"],
            project=world.project,
            kind=NotificationKind.SCHEMA_SUBMITTED,
            content_type=content_type,
            object_id=world.submitted.pk,
            title=f"Skema {i}",
            url=world.submitted.get_absolute_url(),
        )
        for i in range(count)
    )


def test_the_list_costs_the_same_queries_for_more_notifications(
    client_for, world, count_queries, django_assert_max_num_queries
):
    client = client_for("consultant")
    url = reverse("notifications:notification_list")
    _many_notifications(world, 3)
    few, _ = count_queries(lambda: client.get(url))
    _many_notifications(world, 60)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert response.status_code == 200
    assert "Side 1 af 3" in response.content.decode()
    assert few <= 12


def test_the_list_names_each_notification_in_the_readers_language(client_for, world):
    """A week's schema is "uge 38" in Danish and "week 38" in English; the kind is
    part of the button's name, so two notifications about one schema differ."""
    from django.conf import settings as django_settings

    _return(world)
    client = client_for("coordinator_a")
    url = reverse("notifications:notification_list")
    import re

    def button(html):
        return re.search(r"notification-title[^>]*>(.*?)</button>", html, re.S).group(1)

    danish = button(client.get(url).content.decode())
    assert "uge " in danish and "Skema sendt tilbage til mig: </span>" in danish
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english = button(client.get(url).content.decode())
    assert "week " in english and "uge " not in english
    assert "A schema returned to me: </span>" in english


def test_opening_a_notification_whose_object_is_gone_says_so(client_for, world):
    _return(world)
    notification = Notification.objects.get(recipient=world.users["coordinator_a"])
    client = client_for("coordinator_a")
    world.memberships["coordinator_a"].delete()  # no longer theirs to see
    response = client.post(
        reverse("notifications:notification_open", args=[notification.pk]),
        follow=True,
    )
    assert response.status_code == 200
    assert "findes ikke længere, eller du har ikke længere adgang" in (
        response.content.decode()
    )
    assert world.submitted.get_absolute_url() not in response.redirect_chain[-1][0]


def test_a_kind_turned_off_for_mail_before_the_mail_goes_is_not_mailed(
    world, mailoutbox
):
    from notifications import mail

    _return(world)
    services.notification_preferences_save(
        user=world.users["coordinator_a"],
        choices={NotificationKind.SCHEMA_RETURNED: (True, False)},
    )
    assert mail.notification_mail_send(user_id=world.users["coordinator_a"].pk) == 0
    assert mailoutbox == []
