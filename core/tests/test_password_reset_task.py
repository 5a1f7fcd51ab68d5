"""A password reset request does the same work whether or not the address has an
account (validate, count, queue one task); the task worker looks the address up, makes
the link and sends the e-mail in the language the request was made in."""

import re

import pytest
from django.db import connection
from django.tasks import default_task_backend
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.tests.factories import UserFactory


@pytest.fixture
def queued(settings):
    """Tasks are queued, not run (as with the worker in production)."""
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def _request(client, email, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("password_reset"), {"email": email}, REMOTE_ADDR=address
        )
    return response, [query["sql"] for query in queries.captured_queries]


def test_the_request_does_the_same_work_for_known_and_unknown_addresses(
    client, db, queued, mailoutbox
):
    UserFactory(username="rikke", email="rikke@kommune.dk")
    # From two addresses, so each request starts its own counts.
    known, known_sql = _request(client, "rikke@kommune.dk", "192.0.2.1")
    unknown, unknown_sql = _request(client, "ingen@kommune.dk", "192.0.2.2")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("password_reset_done")
    # The same queries (the throttle's counts), and no look-up of the address.
    assert len(known_sql) == len(unknown_sql)
    assert not any("auth_user" in sql for sql in known_sql + unknown_sql)
    # One task each, nothing sent by the request itself.
    assert len(queued.results) == 2
    assert [r.task.name for r in queued.results] == ["send_password_reset"] * 2
    assert mailoutbox == []


def test_the_task_sends_the_link_to_a_known_address_only(
    client, db, queued, mailoutbox
):
    UserFactory(username="rikke", email="rikke@kommune.dk")
    client.post(reverse("password_reset"), {"email": "Rikke@kommune.dk"})
    client.post(reverse("password_reset"), {"email": "ingen@kommune.dk"})
    for result in queued.results:
        result.task.call(*result.args, **result.kwargs)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["rikke@kommune.dk"]
    assert message.subject == "Ny adgangskode til Synergi"
    link = re.search(r"(https?)://([^/]+)(/password/reset/\S+/)", message.body)
    assert link[2] == "testserver"
    page = client.get(link[3], follow=True).content.decode()
    assert "Vælg en ny adgangskode" in page


def test_the_task_writes_in_the_language_of_the_request(client, db, queued, mailoutbox):
    UserFactory(username="rikke", email="rikke@kommune.dk")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.post(reverse("password_reset"), {"email": "rikke@kommune.dk"})
    result = queued.results[0]
    result.task.call(*result.args, **result.kwargs)
    assert mailoutbox[0].subject == "New password for Synergi"
    assert "Somebody (hopefully you)" in mailoutbox[0].body


def test_a_throttled_request_queues_nothing(client, db, queued, settings):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 1
    client.post(reverse("password_reset"), {"email": "rikke@kommune.dk"})
    response = client.post(reverse("password_reset"), {"email": "rikke@kommune.dk"})
    assert response.status_code == 429
    assert len(queued.results) == 1
