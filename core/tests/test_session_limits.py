"""How long a session lasts (core/sessions.py): a new sign-in after the absolute
limit however often it was extended, a sign-out after the idle limit, a new session key
at each extension, and a cookie that ends with the browser unless the user asked to be
remembered on the device."""

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from core import sessions
from projects.tests.factories import UserFactory

PASSWORD = "korrekt-hest-batteri-hæfteklamme"  # the factory's password


@pytest.fixture
def rikke(db):
    return UserFactory(username="rikke")


def sign_in(remember=False, username="rikke"):
    client = Client()
    data = {"username": username, "password": PASSWORD}
    if remember:
        data["remember"] = "on"
    response = client.post(reverse("login"), data)
    assert response.status_code == 302
    return client


def session_cookie(client):
    return client.cookies[django_settings.SESSION_COOKIE_NAME]


def move_back(client, key, seconds):
    """Make the stored moment `key` of the client's session `seconds` older."""
    session = client.session
    session[key] -= seconds
    session.save()


def test_the_cookie_ends_with_the_browser(rikke):
    client = sign_in()
    cookie = session_cookie(client)
    assert cookie.value
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    # Also after a request that saves the session again, and after an extension.
    move_back(client, sessions.LAST_SEEN, 120)
    client.get(reverse("home"))
    client.post(reverse("session_extend"))
    cookie = session_cookie(client)
    assert cookie["max-age"] == "" and cookie["expires"] == ""


def test_remember_me_keeps_the_cookie_until_the_absolute_limit_only(rikke, settings):
    client = sign_in(remember=True)
    cookie = session_cookie(client)
    assert 0 < int(cookie["max-age"]) <= settings.SESSION_ABSOLUTE_SECONDS
    assert int(cookie["max-age"]) >= settings.SESSION_ABSOLUTE_SECONDS - 5
    # The server-side row lasts no longer.
    row = Session.objects.get(session_key=cookie.value)
    end = sessions.absolute_end(client.session)
    assert abs(row.expire_date.timestamp() - end) <= 2


def test_the_login_page_offers_remember_me_in_danish_and_english(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "Husk mig på denne enhed" in html and "delt computer" in html
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    html = client.get(reverse("login")).content.decode()
    assert "Remember me on this device" in html and "shared computer" in html


def test_extending_gives_a_new_session_key_and_the_old_one_is_worthless(rikke):
    client = sign_in()
    old_key = session_cookie(client).value
    response = client.post(reverse("session_extend"))
    assert response.status_code == 200
    new_key = session_cookie(client).value
    assert new_key and new_key != old_key
    assert client.get(reverse("home")).status_code == 200
    replay = Client()
    replay.cookies[django_settings.SESSION_COOKIE_NAME] = old_key
    assert replay.get(reverse("home")).status_code == 302


def test_after_the_absolute_limit_a_new_sign_in_is_needed_even_if_extended(
    rikke, settings
):
    client = sign_in()
    assert client.post(reverse("session_extend")).status_code == 200
    move_back(client, sessions.SIGNED_IN_AT, settings.SESSION_ABSOLUTE_SECONDS + 1)
    key = session_cookie(client).value
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Session.objects.filter(session_key=key).exists()
    # Extending cannot bring it back either.
    assert client.post(reverse("session_extend")).status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "længe siden, du loggede ind" in page


def test_extending_never_goes_past_the_absolute_limit(rikke, settings):
    client = sign_in()
    move_back(client, sessions.SIGNED_IN_AT, settings.SESSION_ABSOLUTE_SECONDS - 600)
    body = client.post(reverse("session_extend")).json()
    assert body["expires_at"] == sessions.absolute_end(client.session)
    assert body["final"] is True
    home = client.get(reverse("home")).content.decode()
    assert f'data-expires-at="{body["expires_at"]}"' in home
    assert 'data-final="true"' in home


def test_idle_past_the_timeout_signs_out(rikke, settings):
    client = sign_in()
    move_back(client, sessions.LAST_SEEN, settings.SESSION_IDLE_SECONDS - 120)
    assert client.get(reverse("home")).status_code == 200  # within: still in …
    move_back(client, sessions.LAST_SEEN, settings.SESSION_IDLE_SECONDS - 60)
    # … and that request counted as activity (the clock restarted).
    assert client.get(reverse("home")).status_code == 200
    move_back(client, sessions.LAST_SEEN, settings.SESSION_IDLE_SECONDS + 1)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    page = client.get(response["Location"]).content.decode()
    assert "for lang tid uden aktivitet" in page


def test_asking_when_the_session_ends_is_not_activity(rikke, settings):
    client = sign_in()
    move_back(client, sessions.LAST_SEEN, 600)
    before = client.session[sessions.LAST_SEEN]
    state = client.get(reverse("session_status")).json()
    assert client.session[sessions.LAST_SEEN] == before
    assert state == {
        "expires_at": before + settings.SESSION_IDLE_SECONDS,
        "final": False,
    }
    client.get(reverse("home"))
    assert client.session[sessions.LAST_SEEN] > before


def test_an_expired_session_sends_the_autosave_a_401(world, settings):
    """The schema page keeps the user's text: the 401 JSON, not the login page."""
    client = sign_in(username="tovholder-a")
    move_back(client, sessions.LAST_SEEN, settings.SESSION_IDLE_SECONDS + 1)
    response = client.post(
        reverse("testing:submission_autosave", args=[world.draft.pk]), {}
    )
    assert response.status_code == 401
    assert response.json()["error"] == "session_expired"
