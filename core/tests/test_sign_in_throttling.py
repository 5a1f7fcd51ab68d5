"""Sign-in under attack: besides django-axes' username + address lockout, failed
sign-ins are counted per address (whatever the username) and across the whole app per
minute, in the shared cache; past a limit a sign-in is refused before any password is
hashed (core/security.py, core/backends.py)."""

import uuid
from unittest import mock

import pytest
from django.contrib.auth import authenticate
from django.test import Client
from django.urls import reverse

from projects.tests.factories import UserFactory

PASSWORD = "korrekt-hest-batteri-hæfteklamme"  # the factory's password
ATTACKER = "203.0.113.66"
OFFICE = "198.51.100.20"


@pytest.fixture
def hashing():
    """The password hasher's calls (encode = make a hash, verify = check one)."""
    from django.contrib.auth.hashers import get_hasher

    hasher = type(get_hasher())
    calls = []
    encode, verify = hasher.encode, hasher.verify

    def counted_encode(self, *args, **kwargs):
        calls.append("encode")
        return encode(self, *args, **kwargs)

    def counted_verify(self, *args, **kwargs):
        calls.append("verify")
        return verify(self, *args, **kwargs)

    with (
        mock.patch.object(hasher, "encode", counted_encode),
        mock.patch.object(hasher, "verify", counted_verify),
    ):
        yield calls


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The throttle's clock, standing still unless moved: clock.advance(seconds).

    The counts are kept per window (a minute, a quarter, an hour, counted from the
    epoch); the clock starts just after a whole hour so no test crosses one unasked."""
    import time

    from core import security

    class Clock:
        now = time.time() // 3600 * 3600 + 5

        def advance(self, seconds):
            self.now += seconds

    moving = Clock()
    monkeypatch.setattr(security, "now", lambda: moving.now, raising=False)
    return moving


def attempt(client, address, username=None, password=None):
    """A sign-in from `address`: by default a new username and a wrong password."""
    return client.post(
        reverse("login"),
        {
            "username": username or f"x-{uuid.uuid4().hex[:10]}",
            "password": password or "forkert",
        },
        REMOTE_ADDR=address,
    )


def test_a_random_username_flood_from_one_address_is_throttled_per_address(
    client, db, settings, hashing
):
    UserFactory(username="rikke")
    for _ in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        assert attempt(client, ATTACKER).status_code == 200  # the form with its error
    hashing.clear()
    refused = attempt(client, ATTACKER)
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "For mange forsøg" in html
    assert "fra din adresse" in html
    assert int(refused["Retry-After"]) > 0
    # Even the right password of a real user waits, and no hash is made for it.
    assert attempt(client, ATTACKER, "rikke", PASSWORD).status_code == 429
    assert hashing == []
    # Someone at another address signs in as usual.
    office = attempt(Client(), OFFICE, "rikke", PASSWORD)
    assert office.status_code == 302 and office["Location"] == reverse("home")


def test_a_refused_sign_in_reaches_no_hasher_on_any_path(
    client, db, settings, hashing, rf
):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    UserFactory(username="rikke")
    for _ in range(3):
        attempt(client, ATTACKER)
    hashing.clear()
    # Django admin's login and any other authenticate() call are refused too …
    admin = client.post(
        "/admin/login/",
        {"username": "rikke", "password": PASSWORD},
        REMOTE_ADDR=ATTACKER,
    )
    assert admin.status_code in (200, 429)
    request = rf.post("/login/", REMOTE_ADDR=ATTACKER)
    assert authenticate(request, username="rikke", password=PASSWORD) is None
    # … without hashing anything.
    assert hashing == []


def test_the_global_limit_refuses_every_address_cheaply(
    client, db, settings, hashing, client_for
):
    settings.LOGIN_GLOBAL_FAILURES_PER_MINUTE = 5
    UserFactory(username="rikke")
    for n in range(5):  # a flood spread over many addresses
        assert attempt(Client(), f"192.0.2.{n + 1}").status_code == 200
    hashing.clear()
    refused = attempt(Client(), OFFICE, "rikke", PASSWORD)
    assert refused.status_code == 429
    assert "Der er lige nu for mange mislykkede login" in refused.content.decode()
    assert hashing == []


def test_those_signed_in_keep_working_while_sign_in_is_refused(
    db, settings, client_for
):
    settings.LOGIN_GLOBAL_FAILURES_PER_MINUTE = 2
    signed_in = client_for("steering")
    for n in range(3):
        attempt(Client(), f"192.0.2.{n + 1}")
    assert attempt(Client(), OFFICE).status_code == 429
    assert signed_in.get(reverse("home")).status_code == 200


def test_refused_attempts_do_not_count_towards_the_global_limit(db, settings):
    """One address hammering away, refused cheaply, must not lock everybody out."""
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 5
    settings.LOGIN_GLOBAL_FAILURES_PER_MINUTE = 10
    attacker = Client()
    for _ in range(40):
        attempt(attacker, ATTACKER)
    UserFactory(username="rikke")
    assert attempt(Client(), OFFICE, "rikke", PASSWORD).status_code == 302


def test_the_counts_expire(client, db, settings, clock):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    settings.LOGIN_ADDRESS_WINDOW_SECONDS = 15 * 60
    settings.LOGIN_GLOBAL_FAILURES_PER_MINUTE = 6
    UserFactory(username="rikke")
    for _ in range(3):
        attempt(client, ATTACKER)
    assert attempt(client, ATTACKER, "rikke", PASSWORD).status_code == 429
    clock.advance(15 * 60 + 1)
    assert attempt(client, ATTACKER, "rikke", PASSWORD).status_code == 302
    # The global count is per minute.
    for n in range(6):
        attempt(Client(), f"192.0.2.{n + 1}")
    assert attempt(Client(), OFFICE, "rikke", PASSWORD).status_code == 429
    clock.advance(61)
    assert attempt(Client(), OFFICE, "rikke", PASSWORD).status_code == 302


def test_the_end_of_a_window_hands_out_no_fresh_allowance(client, db, settings, clock):
    """Past the limit, attempts come back at the limit's own pace (30 per 15 minutes:
    one every 30 seconds), not 30 at once when the window turns."""
    window = settings.LOGIN_ADDRESS_WINDOW_SECONDS
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    clock.advance(window - 60)  # the last minute of a window
    for _ in range(limit):
        attempt(client, ATTACKER)
    assert attempt(client, ATTACKER).status_code == 429
    clock.advance(61)  # a second into the next window
    assert attempt(client, ATTACKER).status_code == 200  # one …
    refused = attempt(client, ATTACKER)
    assert refused.status_code == 429  # … not thirty
    assert 25 <= int(refused["Retry-After"]) <= 35
    clock.advance(window / limit + 1)
    assert attempt(client, ATTACKER).status_code == 200
    assert attempt(client, ATTACKER).status_code == 429


def test_the_refusal_is_in_english_too(client, db, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 1
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    attempt(client, ATTACKER)
    html = attempt(client, ATTACKER).content.decode()
    assert "Too many attempts" in html
    assert "from your address" in html


def test_the_counters_hold_no_address_or_username(client, db, settings):
    from django.db import connection

    for _ in range(2):
        attempt(client, ATTACKER, "rikke-hemmelig")
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM synergi_cache")
        keys = " ".join(row[0] for row in cursor.fetchall())
    assert "sign-in" in keys  # the counts are there …
    assert ATTACKER not in keys and "rikke" not in keys  # … under keyed digests


def test_the_reset_count_outlives_the_cache_default_timeout(
    client, db, settings, clock, mailoutbox
):
    """The database cache's incr() stores with the default timeout (300 s): the
    hour's count must not vanish after five quiet minutes."""
    import datetime

    from django.core.cache.backends import db as db_cache
    from django.utils import timezone

    url = reverse("password_reset")
    for _ in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL):
        assert client.post(url, {"email": "rikke@kommune.dk"}).status_code == 302
    later = timezone.now() + datetime.timedelta(minutes=6)
    clock.advance(6 * 60)
    with mock.patch.object(db_cache, "tz_now", return_value=later):
        assert client.post(url, {"email": "rikke@kommune.dk"}).status_code == 429


def test_an_app_wide_limit_one_address_could_reach_is_a_warning(settings):
    from core.security import check_sign_in_limits

    assert check_sign_in_limits(None) == []
    settings.LOGIN_GLOBAL_FAILURES_PER_MINUTE = (
        2 * settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1
    )
    assert [w.id for w in check_sign_in_limits(None)] == ["synergy.W001"]
