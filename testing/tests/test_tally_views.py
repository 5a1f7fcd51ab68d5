"""The tally's pages and endpoint per role: status codes, the JSON the page's script
reads, and what is stored."""

import datetime
import json
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from testing import services
from testing.models import Answer, Tap
from testing.tests.factories import TestRunFactory

pytestmark = pytest.mark.django_db


def tap(key="antal", **extra):
    return {"id": str(uuid.uuid4()), "question": key, "delta": 1, **extra}


def post_taps(client, submission, taps, **extra):
    return client.post(
        reverse("testing:submission_taps", args=[submission.pk]),
        data=json.dumps({"device": "skranke-1", "taps": taps, **extra}),
        content_type="application/json",
    )


def count(submission):
    return Answer.objects.get(
        submission=submission, question__key="antal"
    ).value_integer


@pytest.mark.parametrize(
    "role, status",
    [
        ("coordinator_a", 200),
        ("consultant", 200),
        ("steering", 403),
        ("coordinator_b", 404),
        ("outsider", 404),
    ],
)
def test_who_may_open_the_tally(client_for, world, role, status):
    response = client_for(role).get(
        reverse("testing:submission_tally", args=[world.draft.pk])
    )
    assert response.status_code == status


def test_the_page_has_a_button_per_counted_question_and_the_totals(client_for, world):
    response = client_for("coordinator_a").get(
        reverse("testing:submission_tally", args=[world.draft.pk])
    )
    html = response.content.decode()
    assert '<button type="button" class="btn btn-primary tally-button"' in html
    assert (
        '>+1</span><span class="visually-hidden">Tæl én:</span> Antal henvisninger'
        in html
    )
    assert "+1 Foto" not in html and "+1 Citater" not in html  # not counted
    assert 'aria-live="polite"' in html
    state = json.loads(
        html.split('<script id="tally-state" type="application/json">')[1].split(
            "</script>"
        )[0]
    )
    assert state["totals"] == {"antal": {"today": 0, "week": 3}}
    assert state["open"] is True
    assert 'src="/static/js/tally.js"' in html
    # A service worker keeps the page for offline use: it names no one.
    user = world.users["coordinator_a"]
    assert user.username not in html
    assert user.get_full_name() not in html
    assert "Din konto" in html


def test_taps_are_counted_and_the_answer_tells_the_page_what_to_forget(
    client_for, world
):
    client = client_for("coordinator_a")
    one, two = tap(), tap()
    bad = tap("findes-ikke")
    response = post_taps(client, world.draft, [one, two, bad])
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"stored", "applied", "held", "refused", "deferred", "state"}
    assert body["stored"] == body["applied"] == [one["id"], two["id"]]
    assert body["refused"] == [
        {
            "id": bad["id"],
            "message": "Spørgsmålet “findes-ikke” kan ikke tælles i dette skema.",
        }
    ]
    assert body["state"]["totals"] == {"antal": {"today": 2, "week": 5}}
    assert count(world.draft) == 5
    assert set(Tap.objects.values_list("device", flat=True)) == {"skranke-1"}
    again = post_taps(client, world.draft, [one, two]).json()
    assert again["stored"] == [one["id"], two["id"]] and again["applied"] == []
    assert count(world.draft) == 5


def test_the_consultant_may_count_too(client_for, world):
    response = post_taps(client_for("consultant"), world.draft, [tap()])
    assert response.status_code == 200
    assert count(world.draft) == 4


@pytest.mark.parametrize(
    "role, status", [("steering", 403), ("coordinator_b", 404), ("outsider", 404)]
)
def test_others_cannot_send_taps(client_for, world, role, status):
    response = post_taps(client_for(role), world.draft, [tap()])
    assert response.status_code == status
    assert not Tap.objects.exists()
    assert count(world.draft) == 3


def test_an_ended_session_gets_401_json_and_nothing_is_lost_on_the_server(
    client_for, world
):
    response = post_taps(client_for("anonymous"), world.draft, [tap()])
    assert response.status_code == 401
    assert response.json()["error"] == "session_expired"
    assert not Tap.objects.exists()


@pytest.mark.parametrize(
    "body",
    [b"", b"not json", b"[]", b'{"taps": "x"}', b'{"taps": {"id": 1}}', b"\xff\xfe"],
)
def test_an_unreadable_body_is_a_clear_400(client_for, world, body):
    response = client_for("coordinator_a").post(
        reverse("testing:submission_taps", args=[world.draft.pk]),
        data=body,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["message"] == (
        "Trykkene kunne ikke læses. Intet er talt med."
    )
    assert not Tap.objects.exists()


def test_an_empty_batch_only_brings_the_totals(client_for, world):
    body = post_taps(client_for("coordinator_a"), world.draft, []).json()
    assert body["stored"] == [] and body["state"]["totals"]["antal"]["week"] == 3


def test_a_sent_schema_keeps_the_taps_and_says_so_in_danish(client_for, world):
    client = client_for("coordinator_a")
    body = post_taps(client, world.submitted, [tap(), tap(), tap()]).json()
    assert len(body["held"]) == 3 and body["applied"] == []
    week = world.submitted.week.isocalendar().week
    assert body["state"]["held_message"] == (
        f"Skemaet for uge {week} er sendt; 3 tryk er ikke talt med. Bed konsulenten "
        "sende skemaet tilbage, så kan du tælle dem med her."
    )
    assert body["state"]["can_count_held"] is False
    page = client.get(reverse("testing:submission_tally", args=[world.submitted.pk]))
    assert "3 tryk er ikke talt med" in page.content.decode()
    refused = client.post(
        reverse("testing:submission_tally_held", args=[world.submitted.pk])
    )
    assert refused.status_code == 302
    assert count(world.submitted) == 5
    returned = services.submission_return(
        submission=world.submitted,
        user=world.users["consultant"],
        comment="Tal med.",
        answer_comments={},
        expected_version=world.submitted.version,
    )
    body = post_taps(client, returned, []).json()
    assert body["state"]["can_count_held"] is True
    assert body["state"]["count_held_label"] == "Tæl de 3 tryk med"
    response = client.post(
        reverse("testing:submission_tally_held", args=[returned.pk]), follow=True
    )
    assert "3 tryk er talt med i skemaet." in response.content.decode()
    assert count(returned) == 5 + 3


def test_the_steering_group_cannot_count_kept_taps_in(client_for, world):
    response = client_for("steering").post(
        reverse("testing:submission_tally_held", args=[world.draft.pk])
    )
    assert response.status_code == 403


def test_this_weeks_tally_of_a_run_goes_to_the_weeks_schema(client_for, world):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    run = TestRunFactory(
        project=world.project,
        initiative=world.initiative,
        site=world.site_b,
        template=world.run.template,
        starts_week=monday,
        ends_week=monday,
    )
    run.coordinators.set([world.users["coordinator_b"]])
    services.run_sync_submissions(run=run)
    week = run.submissions.get(kind="week")
    url = reverse("testing:testrun_tally", args=[run.pk])
    response = client_for("coordinator_b").get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("testing:submission_tally", args=[week.pk])
    assert client_for("coordinator_a").get(url).status_code == 404
    assert client_for("steering").get(url).status_code == 403
    # A run without a schema this week says so.
    response = client_for("coordinator_a").get(
        reverse("testing:testrun_tally", args=[world.run.pk])
    )
    assert "har ikke noget ugeskema i uge" in response.content.decode()


def test_the_service_worker_is_javascript_scoped_to_the_tally(client_for, world):
    response = client_for("coordinator_a").get(reverse("testing:tally_worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/tally/"
    body = response.content.decode()
    assert '"/static/js/tally.js"' in body
    assert 'var PAGES = "/tally/schemas/";' in body


def test_the_schema_page_and_my_schemas_link_to_the_tally(client_for, world):
    client = client_for("coordinator_a")
    tally = reverse("testing:submission_tally", args=[world.draft.pk])
    fill = client.get(reverse("testing:submission_fill", args=[world.draft.pk]))
    assert f'href="{tally}"' in fill.content.decode()
    # The final schema has nothing to tally: no link.
    final = world.run.submissions.get(kind="final")
    page = client.get(reverse("testing:submission_fill", args=[final.pk]))
    assert "Tæl ved skranken" not in page.content.decode()
    # "Mine skemaer" links this week's schema only (the world's weeks are in 2017).
    mine = client.get(reverse("testing:my_submissions")).content.decode()
    assert "Tæl ved skranken" not in mine
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    world.draft.__class__.objects.filter(pk=world.draft.pk).update(week=monday)
    mine = client.get(reverse("testing:my_submissions")).content.decode()
    assert f'href="{tally}"' in mine
