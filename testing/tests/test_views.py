"""Filling in, autosaving, submitting, reviewing: the pages and what each role may do."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from projects.models import Role
from projects.tests.factories import MembershipFactory
from testing import services
from testing.models import (
    Answer,
    AnswerComment,
    ReminderLog,
    SchemaVersion,
    Submission,
    SubmissionAction,
    SubmissionEvent,
    SubmissionStatus,
    TestRun,
)
from testing.tests.factories import TestRunFactory


def fill_url(submission):
    return reverse("testing:submission_fill", args=[submission.pk])


def autosave_url(submission):
    return reverse("testing:submission_autosave", args=[submission.pk])


def test_the_form_is_built_from_the_schema_with_the_draft_filled_in(client_for, world):
    response = client_for("coordinator_a").get(fill_url(world.draft))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Antal henvisninger" in html and 'value="3"' in html
    assert f'name="version" value="{world.draft.version}"' in html
    assert 'hx-post="' + autosave_url(world.draft) + '"' in html
    assert "Upload foto" in html


def test_autosave_saves_and_answers_with_the_time_and_the_new_version(
    client_for, world
):
    client = client_for("coordinator_a")
    response = client.post(
        autosave_url(world.draft), {"version": world.draft.version, "q_antal": "8"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"Gemt kl\. \d\d:\d\d", html)
    assert f'value="{world.draft.version + 1}"' in html and 'hx-swap-oob="true"' in html
    assert (
        Answer.objects.get(submission=world.draft, question__key="antal").value_integer
        == 8
    )


def test_autosave_with_a_stale_version_is_refused_and_changes_nothing(
    client_for, world
):
    client = client_for("coordinator_a")
    version = world.draft.version
    assert (
        client.post(
            autosave_url(world.draft), {"version": version, "q_antal": "8"}
        ).status_code
        == 200
    )
    response = client.post(
        autosave_url(world.draft), {"version": version, "q_antal": "99"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "ændret både her og et andet sted" in html
    # Both versions side by side, with the choice; the version does not move on.
    assert re.search(r'class="mb-0 conflict-mine">99<', html)
    assert re.search(r'class="mb-0 conflict-theirs">8<', html)
    assert "Behold min" in html and "Behold den gemte" in html
    assert 'name="version"' not in html
    assert (
        Answer.objects.get(submission=world.draft, question__key="antal").value_integer
        == 8
    )


def test_autosave_reports_fields_that_do_not_validate(client_for, world):
    response = client_for("coordinator_a").post(
        autosave_url(world.draft), {"version": world.draft.version, "q_antal": "mange"}
    )
    assert response.status_code == 422
    assert "Antal henvisninger: Skriv et helt tal." in response.content.decode()
    assert (
        Answer.objects.get(submission=world.draft, question__key="antal").value_integer
        == 3
    )


def test_autosave_after_the_session_expired_gets_401_and_saves_after_login(
    client, world
):
    client.force_login(world.users["coordinator_a"])
    session_key = client.session.session_key
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key=session_key).delete()  # the session runs out
    data = {"version": world.draft.version, "q_antal": "12"}
    response = client.post(autosave_url(world.draft), data)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "session_expired"
    assert (
        Answer.objects.get(submission=world.draft, question__key="antal").value_integer
        == 3
    )
    client.force_login(world.users["coordinator_a"])  # logs in again in another tab
    assert client.post(autosave_url(world.draft), data).status_code == 200
    assert (
        Answer.objects.get(submission=world.draft, question__key="antal").value_integer
        == 12
    )


def test_autosave_needs_csrf(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["coordinator_a"])
    response = client.post(
        autosave_url(world.draft), {"version": world.draft.version, "q_antal": "1"}
    )
    assert response.status_code == 403


def test_autosave_never_submits(client_for, world):
    client_for("coordinator_a").post(
        autosave_url(world.draft), {"version": world.draft.version, "q_antal": "2"}
    )
    world.draft.refresh_from_db()
    assert world.draft.status == SubmissionStatus.DRAFT


def test_submitting_with_a_missing_required_answer_keeps_the_draft(client_for, world):
    client = client_for("coordinator_a")
    response = client.post(
        fill_url(world.draft), {"version": world.draft.version, "q_antal": ""}
    )
    assert response.status_code == 200
    assert "Besvar spørgsmålet, før skemaet sendes." in response.content.decode()
    world.draft.refresh_from_db()
    assert world.draft.status == SubmissionStatus.DRAFT


def test_submitting_saves_the_last_text_and_makes_the_schema_read_only(
    client_for, world
):
    client = client_for("coordinator_a")
    response = client.post(
        fill_url(world.draft), {"version": world.draft.version, "q_antal": "6"}
    )
    assert response.status_code == 302
    world.draft.refresh_from_db()
    assert world.draft.status == SubmissionStatus.SUBMITTED
    assert (
        Answer.objects.get(submission=world.draft, question__key="antal").value_integer
        == 6
    )
    # Read-only now: the form page sends the coordinator to the read-only page,
    # and autosave is refused.
    assert (
        client.get(fill_url(world.draft))["Location"] == world.draft.get_absolute_url()
    )
    response = client.post(
        autosave_url(world.draft), {"version": world.draft.version, "q_antal": "7"}
    )
    assert response.status_code == 409
    assert (
        Answer.objects.get(submission=world.draft, question__key="antal").value_integer
        == 6
    )


def test_a_double_clicked_submit_makes_one_submission(client_for, world):
    client = client_for("coordinator_a")
    data = {"version": world.draft.version, "q_antal": "6", "submit_schema": "1"}
    first, second = (
        client.post(fill_url(world.draft), data),
        client.post(fill_url(world.draft), data),
    )
    assert (first.status_code, second.status_code) == (302, 302)
    assert (
        SubmissionEvent.objects.filter(
            submission=world.draft, action=SubmissionAction.SUBMITTED
        ).count()
        == 1
    )


def test_save_draft_button_without_javascript(client_for, world):
    response = client_for("coordinator_a").post(
        fill_url(world.draft),
        {"version": world.draft.version, "q_antal": "4", "save_draft": "1"},
    )
    assert response["Location"] == fill_url(world.draft)
    world.draft.refresh_from_db()
    assert world.draft.status == SubmissionStatus.DRAFT
    assert (
        Answer.objects.get(submission=world.draft, question__key="antal").value_integer
        == 4
    )


def test_coordinator_of_another_site_cannot_see_or_save(client_for, world):
    client = client_for("coordinator_b")
    assert client.get(world.draft.get_absolute_url()).status_code == 404
    response = client.post(
        autosave_url(world.draft), {"version": world.draft.version, "q_antal": "1"}
    )
    assert response.status_code == 404
    assert (
        client.post(
            fill_url(world.draft), {"version": world.draft.version, "q_antal": "1"}
        ).status_code
        == 404
    )
    assert (
        Answer.objects.get(submission=world.draft, question__key="antal").value_integer
        == 3
    )


def test_the_review_loop(client_for, world):
    consultant = client_for("consultant")
    review = reverse("testing:submission_review", args=[world.submitted.pk])
    html = consultant.get(review).content.decode()
    assert "Kommentér svaret" in html and "Antal henvisninger" in html
    response = consultant.post(
        review, {"action": "return", "version": world.submitted.version, "comment": ""}
    )
    assert response.status_code == 200
    assert "Skriv en kommentar til tovholderen" in response.content.decode()
    response = consultant.post(
        review,
        {
            "action": "return",
            "version": world.submitted.version,
            "comment": "Se kommentaren",
            f"comment_{world.count_question.pk}": "Er det talt hele ugen?",
        },
    )
    assert response.status_code == 302
    world.submitted.refresh_from_db()
    assert world.submitted.status == SubmissionStatus.RETURNED

    coordinator = client_for("coordinator_a")
    html = coordinator.get(fill_url(world.submitted)).content.decode()
    assert "Se kommentaren" in html and "Er det talt hele ugen?" in html
    response = coordinator.post(
        fill_url(world.submitted), {"version": world.submitted.version, "q_antal": "9"}
    )
    assert response.status_code == 302
    world.submitted.refresh_from_db()
    assert world.submitted.status == SubmissionStatus.SUBMITTED
    assert not AnswerComment.objects.get().resolved  # the consultant resolves it

    response = client_for("consultant").post(
        review, {"action": "approve", "version": world.submitted.version}
    )
    assert response.status_code == 302
    world.submitted.refresh_from_db()
    assert world.submitted.status == SubmissionStatus.APPROVED
    html = (
        client_for("steering").get(world.submitted.get_absolute_url()).content.decode()
    )
    assert "Godkendt" in html and "Sendt tilbage" in html  # in the history


def test_my_submissions_groups_by_what_the_coordinator_must_do(client_for, world):
    html = (
        client_for("coordinator_a")
        .get(reverse("testing:my_submissions"))
        .content.decode()
    )
    # The world's run lies in 2017: its open schemas are overdue, the submitted one done.
    assert "Forsinket" in html and "Indsendt og godkendt" in html
    assert html.count(fill_url(world.draft)) == 1
    empty = (
        client_for("coordinator_b")
        .get(reverse("testing:my_submissions"))
        .content.decode()
    )
    assert "Du har ingen testskemaer." in empty


def test_review_list_shows_submitted_schemas_by_default(client_for, world):
    html = (
        client_for("consultant")
        .get(reverse("testing:submission_list", args=[world.project.pk]))
        .content.decode()
    )
    assert reverse("testing:submission_review", args=[world.submitted.pk]) in html
    assert world.draft.get_absolute_url() not in html
    html = (
        client_for("consultant")
        .get(
            reverse("testing:submission_list", args=[world.project.pk]),
            {"status": "draft"},
        )
        .content.decode()
    )
    assert world.draft.get_absolute_url() in html


@pytest.mark.parametrize(
    "page", ["my_submissions", "submission_list", "testrun_detail", "overview"]
)
def test_testing_pages_cost_the_same_queries_at_two_sizes(
    client_for, world, count_queries, page
):
    from sites.tests.factories import SiteFactory

    def grow():
        for _ in range(4):
            site = SiteFactory()
            world.project.sites.add(site)
            MembershipFactory(
                user=world.users["coordinator_a"],
                project=world.project,
                role=Role.COORDINATOR,
                site=site,
            )
            run = TestRunFactory(
                initiative=world.initiative,
                project=world.project,
                site=site,
                template=world.schema,
            )
            run.coordinators.set([world.users["coordinator_a"]])
            services.run_sync_submissions(run=run)
            for submission in list(run.submissions.order_by("week"))[:3]:
                submission = services.submission_save_draft(
                    submission=submission,
                    values={"antal": 2},
                    user=world.users["coordinator_a"],
                    expected_version=0,
                )
                services.submission_submit(
                    submission=submission,
                    values={"antal": 2},
                    user=world.users["coordinator_a"],
                    expected_version=submission.version,
                )

    role = "coordinator_a" if page == "my_submissions" else "consultant"
    urls = {
        "my_submissions": reverse("testing:my_submissions"),
        "submission_list": reverse("testing:submission_list", args=[world.project.pk])
        + "?status=",
        "testrun_detail": world.run.get_absolute_url(),
        "overview": reverse("testing:overview", args=[world.project.pk]),
    }
    client = client_for(role)
    small, response = count_queries(lambda: client.get(urls[page]))
    assert response.status_code == 200
    grow()
    client = client_for(role)
    large, response = count_queries(lambda: client.get(urls[page]))
    assert response.status_code == 200
    assert large == small, (
        f"{page}: {small} queries with little data, {large} with more"
    )
    assert small <= 20


def test_reminders_are_sent_once_a_week_per_schema(world, settings):
    world.users["coordinator_a"].email = "rikke@example.invalid"
    world.users["coordinator_a"].save()
    monday = world.run.starts_week + datetime.timedelta(weeks=2)
    call_command(
        "send_reminders", date=monday.isoformat(), stdout=open("/dev/null", "w")
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rikke@example.invalid"]
    assert "Synergi" in message.subject and "forsinket" in message.body
    owed = ReminderLog.objects.count()
    assert owed >= 2  # the draft and the weeks not started that have begun
    call_command(
        "send_reminders",
        date=(monday + datetime.timedelta(days=2)).isoformat(),
        stdout=open("/dev/null", "w"),
    )
    assert len(mail.outbox) == 1  # same week: nothing again
    call_command(
        "send_reminders",
        date=(monday + datetime.timedelta(weeks=1)).isoformat(),
        stdout=open("/dev/null", "w"),
    )
    assert len(mail.outbox) == 2  # a new week: one new reminder


def test_guide_is_edited_as_a_draft_and_published_as_versions(client_for, world):
    consultant = client_for("consultant")
    edit = reverse("testing:testguide_update", args=[world.initiative.pk])
    response = consultant.post(
        edit, {"purpose": "Nyt formål", "schedule": "uge 37 start"}
    )
    assert response.status_code == 200
    assert (
        "Hver linje skal begynde med en uge som 2017-W37" in response.content.decode()
    )
    response = consultant.post(
        edit, {"purpose": "Nyt formål", "schedule": "2017-W37 Start\n2017-W42 Slut"}
    )
    assert response.status_code == 302
    world.guide.refresh_from_db()
    assert world.guide.schedule == [["2017-W37", "Start"], ["2017-W42", "Slut"]]
    coordinator_view = client_for("coordinator_a").get(
        reverse("testing:testguide_detail", args=[world.initiative.pk])
    )
    assert "Nyt formål" not in coordinator_view.content.decode()  # not published yet
    publish = reverse("testing:testguide_publish", args=[world.initiative.pk])
    assert (
        client_for("consultant")
        .post(publish, {"change_note": "Formålet skærpet"})
        .status_code
        == 302
    )
    html = (
        client_for("coordinator_a")
        .get(reverse("testing:testguide_detail", args=[world.initiative.pk]))
        .content.decode()
    )
    assert "Nyt formål" in html and "Formålet skærpet" in html and "Version 2" in html


def test_schema_editor_makes_a_new_version_once_there_are_answers(client_for, world):
    url = reverse("testing:question_update", args=[world.count_question.pk])
    response = client_for("consultant").post(
        url, {"kind": "integer", "text": "Antal henvisninger i alt", "required": "on"}
    )
    assert response.status_code == 302
    assert SchemaVersion.objects.filter(template=world.schema).count() == 2
    world.draft.refresh_from_db()
    assert world.draft.schema_version.number == 1
    html = (
        client_for("consultant").get(world.schema.get_absolute_url()).content.decode()
    )
    assert "Antal henvisninger i alt" in html and "version 2" in html


@pytest.mark.parametrize(
    "data,field,message",
    [
        (
            {"kind": "single_choice", "text": "Reaktion", "choices": "Kun én"},
            "choices",
            "Angiv mindst to valgmuligheder.",
        ),
        (
            {"kind": "long_text", "text": "Noter", "min_value": "1"},
            "min_value",
            "Mindste og største værdi gælder kun tal.",
        ),
        (
            {"kind": "decimal", "text": "Timer", "min_value": "5", "max_value": "2,5"},
            "max_value",
            "Den største værdi skal være mindst den mindste.",
        ),
    ],
)
def test_question_rules(client_for, world, data, field, message):
    url = reverse("testing:question_create", args=[world.section.pk])
    response = client_for("consultant").post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_run_needs_the_sites_own_coordinator(client_for, world):
    url = reverse("testing:testrun_create", args=[world.initiative.pk])
    TestRun.objects.all().delete()
    response = client_for("consultant").post(
        url,
        {
            "site": world.site_a.pk,
            "template": world.schema.pk,
            "starts_week": "2017-W37",
            "ends_week": "2017-W42",
            "cadence": "weekly_final",
            "coordinators": [world.users["coordinator_b"].pk],
        },
    )
    assert response.status_code == 200
    assert "er ikke tovholder på Sted A" in response.content.decode()
    response = client_for("consultant").post(
        url,
        {
            "site": world.site_a.pk,
            "template": world.schema.pk,
            "starts_week": "2017-W37",
            "ends_week": "2017-W42",
            "cadence": "weekly_final",
            "coordinators": [world.users["coordinator_a"].pk],
        },
    )
    assert response.status_code == 302
    run = TestRun.objects.get()
    assert run.submissions.count() == 7  # six weeks and a final evaluation


def test_submissions_of_a_site_the_coordinator_left_disappear(client_for, world):
    """Access follows membership: a coordinator moved to another site loses the schemas."""
    world.memberships["coordinator_a"].site = world.site_b
    world.memberships["coordinator_a"].save()
    assert (
        client_for("coordinator_a").get(world.draft.get_absolute_url()).status_code
        == 404
    )
    assert Submission.objects.filter(pk=world.draft.pk).exists()


def test_phone_interview_stores_an_answer_per_question(client_for, world):
    url = reverse("testing:phoneinterview_create", args=[world.project.pk])
    response = client_for("consultant").post(
        url,
        {
            "site": world.site_a.pk,
            "held_on": "2017-10-24",
            "coordinator": world.users["coordinator_a"].pk,
            f"answer_{world.interview_question.pk}": "Det gik godt.",
        },
    )
    assert response.status_code == 302
    from testing.models import PhoneInterviewAnswer

    assert (
        PhoneInterviewAnswer.objects.get(
            interview__held_on=datetime.date(2017, 10, 24)
        ).text
        == "Det gik godt."
    )


def test_a_number_too_large_to_store_is_a_field_error_not_a_server_error(
    client_for, world
):
    # Found by fuzzing (synergy/tests/test_fuzzing.py): this was a 500 on both databases.
    response = client_for("coordinator_a").post(
        autosave_url(world.draft),
        {"version": world.draft.version, "q_antal": "9223372036854775808"},
    )
    assert response.status_code == 422
    assert "Tallet må højst være" in response.content.decode()


def test_the_coordinators_home_panel_counts_without_zeros(client_for, world):
    """No "0 indsendt": a count of nothing is left out, and a coordinator with
    nothing to fill in is told so."""
    html = client_for("coordinator_b").get(reverse("home")).content.decode()
    assert "Dine testskemaer" in html
    assert "0 indsendt" not in html and "Intet skal udfyldes lige nu." in html
    html = client_for("coordinator_a").get(reverse("home")).content.decode()
    assert "1 indsendt" in html and "Intet skal udfyldes lige nu." not in html
