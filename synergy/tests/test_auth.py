"""Signing in and out, changing password, and choosing the language."""

import re

import pytest
from django.urls import reverse

from projects.tests.factories import UserFactory

PASSWORD = "korrekt-hest-batteri-hæfteklamme"


def test_login_page_is_danish_and_public(client, db):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="da">' in html
    assert "Log ind" in html
    assert 'type="password"' in html


def test_login_sends_the_user_to_their_home(client, db):
    UserFactory(username="rikke")
    response = client.post(
        reverse("login"), {"username": "rikke", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_wrong_password_gets_a_danish_error(client, db):
    UserFactory(username="rikke")
    response = client.post(
        reverse("login"), {"username": "rikke", "password": "forkert"}
    )
    assert response.status_code == 200
    assert "korrekt brugernavn og adgangskode" in response.content.decode()


def test_login_keeps_the_page_the_user_asked_for(client, world):
    url = world.site_a.get_absolute_url()
    response = client.get(url)
    assert response["Location"] == f"{reverse('login')}?next={url}"
    response = client.post(
        f"{reverse('login')}?next={url}",
        {"username": "tovholder-a", "password": PASSWORD, "next": url},
    )
    assert response["Location"] == url


def test_logout_is_a_post_and_ends_the_session(client_for, world):
    client = client_for("steering")
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_change_needs_the_old_password(client, db):
    user = UserFactory(username="rikke")
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "forkert",
            "new_password1": "en ny lang kode til bibliotek",
            "new_password2": "en ny lang kode til bibliotek",
        },
    )
    assert response.status_code == 200
    assert "gamle adgangskode" in response.content.decode()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "en ny lang kode til bibliotek",
            "new_password2": "en ny lang kode til bibliotek",
        },
    )
    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password("en ny lang kode til bibliotek")


def test_short_passwords_are_refused(client, db):
    client.force_login(UserFactory())
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "kort1234",
            "new_password2": "kort1234",
        },
    )
    assert response.status_code == 200
    assert "mindst 12 tegn" in response.content.decode()


def test_english_is_available_and_html_lang_follows(client, world):
    client.force_login(world.users["steering"])
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("sites:site_list")}
    )
    assert response.status_code == 302
    html = client.get(reverse("sites:site_list")).content.decode()
    assert '<html lang="en">' in html
    assert "<h1" in html and ">Sites</h1>" in html
    assert "Municipality" in html
    client.post(reverse("set_language"), {"language": "da", "next": "/"})
    html = client.get(reverse("sites:site_list")).content.decode()
    assert '<html lang="da">' in html and ">Steder</h1>" in html


def test_language_can_be_chosen_before_signing_in(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in html
    assert "Log in" in html


def test_danish_even_when_the_browser_prefers_english(client, db):
    html = client.get(
        reverse("login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"
    ).content.decode()
    assert '<html lang="da">' in html


def test_five_wrong_passwords_lock_that_username_for_a_while(client, db, settings):
    from axes.models import AccessAttempt

    UserFactory(username="rikke")
    UserFactory(username="jonas")
    login = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(login, {"username": "rikke", "password": "forkert"})
        assert response.status_code == 200  # the form with its error
    response = client.post(login, {"username": "rikke", "password": "forkert"})
    assert response.status_code == 429
    assert "For mange forsøg" in response.content.decode()
    # Even the right password waits now: the count is in the database, shared by
    # every worker and server.
    response = client.post(login, {"username": "rikke", "password": PASSWORD})
    assert response.status_code == 429
    assert AccessAttempt.objects.get(username="rikke").failures_since_start >= 5
    # Another user at the same address is not locked out.
    response = client.post(login, {"username": "jonas", "password": PASSWORD})
    assert response.status_code == 302


def test_a_successful_login_clears_the_failures(client, db):
    from axes.models import AccessAttempt

    UserFactory(username="rikke")
    login = reverse("login")
    client.post(login, {"username": "rikke", "password": "forkert"})
    assert AccessAttempt.objects.filter(username="rikke").exists()
    assert (
        client.post(login, {"username": "rikke", "password": PASSWORD}).status_code
        == 302
    )
    assert not AccessAttempt.objects.filter(username="rikke").exists()


def test_the_address_behind_the_proxy_counts_only_when_trusted(rf, settings):
    from core.security import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    settings.TRUST_X_REAL_IP = False
    assert client_ip(request) == "10.0.0.1"
    settings.TRUST_X_REAL_IP = True
    assert client_ip(request) == "203.0.113.7"


def test_a_session_knows_its_end_and_can_be_extended(client, db, settings):
    import time

    UserFactory(username="rikke")
    before = time.time()
    client.post(reverse("login"), {"username": "rikke", "password": PASSWORD})
    home = client.get(reverse("home")).content.decode()
    expires_at = int(re.search(r'data-expires-at="(\d+)"', home)[1])
    assert before + settings.SESSION_IDLE_SECONDS <= expires_at + 1
    assert 'aria-live="assertive"' in home and "js/session.js" in home
    assert client.get(reverse("session_extend")).status_code == 405
    time.sleep(1.1)
    response = client.post(reverse("session_extend"))
    assert response.status_code == 200
    assert response.json()["expires_at"] > expires_at
    assert response.json()["final"] is False
    assert client.get(reverse("session_status")).json() == response.json()


def test_anonymous_pages_have_no_session_warning(client, db):
    assert "session-warning" not in client.get(reverse("login")).content.decode()


def test_a_forgotten_password_is_reset_by_an_emailed_link(client, db, mailoutbox):
    import re

    UserFactory(username="rikke", email="rikke@kommune.dk")
    assert "Glemt adgangskode?" in client.get(reverse("login")).content.decode()
    response = client.post(reverse("password_reset"), {"email": "rikke@kommune.dk"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["rikke@kommune.dk"]
    assert message.subject == "Ny adgangskode til Synergi"
    link = re.search(r"https?://[^/]+(/password/reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)  # Django swaps the token for a session key
    assert "Vælg en ny adgangskode" in form.content.decode()
    new_password = "ny-lang-adgangskode-til-rikke"
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("password_reset_complete")
    login = client.post(
        reverse("login"), {"username": "rikke", "password": new_password}
    )
    assert login.status_code == 302
    # The link works once.
    assert (
        "Linket virker ikke længere" in client.get(link, follow=True).content.decode()
    )


def test_a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(
    client, db, mailoutbox
):
    response = client.post(reverse("password_reset"), {"email": "ingen@kommune.dk"})
    assert response["Location"] == reverse("password_reset_done")
    assert mailoutbox == []


def test_a_lockout_leaves_no_username_or_address_in_the_logs(client, db, caplog):
    UserFactory(username="rikke-logtest")
    with caplog.at_level("DEBUG", logger="axes"):
        for _ in range(6):
            client.post(
                reverse("login"),
                {"username": "rikke-logtest", "password": "forkert"},
                REMOTE_ADDR="203.0.113.9",
            )
    assert "Locking out" in caplog.text  # the lockout is logged …
    assert "rikke-logtest" not in caplog.text  # … without who
    assert "203.0.113.9" not in caplog.text  # … or from where


def test_production_logs_are_json_lines():
    import json
    import logging

    from pythonjsonlogger.json import JsonFormatter

    from synergy.settings import base

    options = dict(base.LOGGING["formatters"]["json"])
    formatter = JsonFormatter(options["format"], rename_fields=options["rename_fields"])
    record = logging.LogRecord(
        "reporting", logging.WARNING, "", 0, "hej %s", ("x",), None
    )
    line = json.loads(formatter.format(record))
    assert line["level"] == "WARNING" and line["logger"] == "reporting"
    assert line["message"] == "hej x"


def _redis_reachable():
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.fixture(params=["database", "redis"])
def shared_cache(request, settings, db):
    """The cache every worker shares: the default database table, or Redis."""
    from django.core.cache import cache

    if request.param == "redis":
        if not _redis_reachable():
            pytest.skip("needs Redis on 127.0.0.1:6379")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/15",
                "KEY_PREFIX": "synergi-test",
            }
        }
    cache.clear()
    yield request.param
    cache.clear()


def test_reset_emails_are_throttled_per_address_in_the_shared_cache(
    client, shared_cache, mailoutbox, settings
):
    from django.core.cache import caches

    # Not LocMemCache, which is per process: useless with several workers.
    assert type(caches["default"]).__name__ in {"DatabaseCache", "RedisCache"}
    UserFactory(username="rikke", email="rikke@kommune.dk")
    url = reverse("password_reset")
    for _ in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL):
        response = client.post(url, {"email": "Rikke@kommune.dk"})
        assert response.status_code == 302
    assert len(mailoutbox) == 3
    throttled = client.post(url, {"email": "rikke@kommune.dk"})
    assert throttled.status_code == 429
    assert "For mange forsøg" in throttled.content.decode()
    assert len(mailoutbox) == 3  # nothing more sent
    # An unknown address is counted the same way (the page reveals no accounts).
    for _ in range(3):
        assert client.post(url, {"email": "ingen@kommune.dk"}).status_code == 302
    assert client.post(url, {"email": "ingen@kommune.dk"}).status_code == 429
    # Another person's address from another client is not affected.
    UserFactory(username="bo", email="bo@kommune.dk")
    other = client.post(url, {"email": "bo@kommune.dk"}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302 and len(mailoutbox) == 4


def test_reset_requests_from_one_client_are_throttled_across_addresses(
    client, shared_cache, settings, mailoutbox
):
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 5
    url = reverse("password_reset")
    for n in range(5):
        assert client.post(url, {"email": f"person{n}@kommune.dk"}).status_code == 302
    assert client.post(url, {"email": "person9@kommune.dk"}).status_code == 429


def test_the_reset_cache_holds_no_address(client, shared_cache, settings):
    from django.core.cache import cache

    from core.security import RESET_WINDOW_SECONDS, Window, _counter_key

    client.post(reverse("password_reset"), {"email": "rikke@kommune.dk"})
    key = _counter_key("email", "rikke@kommune.dk")
    assert cache.get(Window(key, RESET_WINDOW_SECONDS).key) == 1
    assert "rikke" not in key and "127.0.0.1" not in _counter_key("client", "127.0.0.1")


def test_a_reset_link_older_than_an_hour_is_refused(client, db, mailoutbox):
    import datetime
    import re
    from unittest import mock

    from django.contrib.auth.tokens import default_token_generator

    UserFactory(username="rikke", email="rikke@kommune.dk")
    client.post(reverse("password_reset"), {"email": "rikke@kommune.dk"})
    link = re.search(r"https?://[^/]+(/password/reset/\S+/)", mailoutbox[0].body)[1]
    later = default_token_generator._now() + datetime.timedelta(minutes=61)
    with mock.patch.object(default_token_generator, "_now", return_value=later):
        page = client.get(link, follow=True).content.decode()
    assert "Linket virker ikke længere" in page


def test_sign_ins_failures_and_sign_outs_are_logged_by_account_id_only(
    client, db, caplog
):
    user = UserFactory(username="rikke-sikkerhed")
    user.set_password("en-lang-adgangskode-til-rikke")
    user.save()
    with caplog.at_level("INFO", logger="security"):
        client.post(
            reverse("login"), {"username": "rikke-sikkerhed", "password": "forkert"}
        )
        client.post(
            reverse("login"),
            {
                "username": "rikke-sikkerhed",
                "password": "en-lang-adgangskode-til-rikke",
            },
        )
        client.post(reverse("logout"))
    records = [r for r in caplog.records if r.name == "security"]
    assert [r.getMessage() for r in records] == [
        "login failed",
        "login succeeded",
        "logout",
    ]
    assert records[1].user_id == user.pk and records[2].user_id == user.pk
    assert "rikke" not in caplog.text and "127.0.0.1" not in caplog.text
