"""Password rules (no composition rules, long passphrases welcome, no context words)
and what happens to sessions at login, logout, deactivation and password change."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from projects.tests.factories import UserFactory

PASSWORD = "en-lang-og-hemmelig-sætning"


@pytest.mark.parametrize(
    "password",
    [
        "Password1",  # short
        "aarhuskommune2026",  # a municipality, "kommune" and a year
        "Roskilde Kommune 2024!",
        "BorgerserviceNæstved17",
        "123456789012345",  # all digits
        "q1w2e3r4t5y6",  # a common password
    ],
)
def test_weak_passwords_are_refused(password, db):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize(
    "password",
    [
        "æøå blå hest kører",
        "korrekt hest batteri hæfteklamme " * 2,  # 66 characters
        "x" * 3 + "Roskilde-rosenhaven-1",  # a name among other words is fine
        "alllowercasewordsarefine",  # no composition rules
    ],
)
def test_good_passwords_pass_without_composition_rules(password, db):
    validate_password(password)


def test_the_context_word_error_is_danish(db):
    with pytest.raises(ValidationError) as error:
        validate_password("aarhuskommune2026")
    assert "kommunes navn" in " ".join(error.value.messages)


def signed_in(username, password=PASSWORD):
    client = Client()
    response = client.post(
        reverse("login"), {"username": username, "password": password}
    )
    assert response.status_code == 302
    return client


def test_signing_in_gives_a_new_session_id(client, db):
    UserFactory(username="rikke").set_password(PASSWORD)
    user = UserFactory(username="rikke2")
    user.set_password(PASSWORD)
    user.save()
    client.get(reverse("login"))
    client.session["before"] = True
    client.session.save()
    before = client.session.session_key
    client.post(reverse("login"), {"username": "rikke2", "password": PASSWORD})
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after and after != before


def test_the_old_cookie_is_worthless_after_logout(db):
    user = UserFactory(username="rikke")
    user.set_password(PASSWORD)
    user.save()
    client = signed_in("rikke")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("logout"))
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = cookie
    response = replay.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_deactivated_user_is_signed_out_at_the_next_request(db):
    user = UserFactory(username="rikke")
    user.set_password(PASSWORD)
    user.save()
    client = signed_in("rikke")
    assert client.get(reverse("home")).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(reverse("home")).status_code == 302


def test_changing_the_password_ends_the_other_sessions(db):
    user = UserFactory(username="rikke")
    user.set_password(PASSWORD)
    user.save()
    laptop, tablet = signed_in("rikke"), signed_in("rikke")
    new = "et-helt-nyt-og-langt-kodeord"
    response = laptop.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert laptop.get(reverse("home")).status_code == 200  # this one stays in
    assert tablet.get(reverse("home")).status_code == 302  # the other is out
