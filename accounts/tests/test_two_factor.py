"""The second factor: setting up the app, signing in with a code or a recovery code,
throttling and replays, who must have one, the admin, and single sign-on sessions."""

import importlib
from binascii import unhexlify

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from core.services import ActionRefused
from projects.models import AuditAction, AuditEvent, Role
from projects.tests.factories import MembershipFactory, UserFactory

PASSWORD = "korrekt-hest-batteri-hæfteklamme"
KEY = "3132333435363738393031323334353637383930"  # 20 bytes, hex
REQUIRED = override_settings(TWO_FACTOR_REQUIRED_FOR=["consultant", "admin"])


def code(key=KEY, drift=0):
    """The app's code now (drift 1: the next time step's)."""
    return f"{totp(unhexlify(key), drift=drift):06d}"


def consultant():
    user = UserFactory(username="konsulent")
    MembershipFactory(user=user, role=Role.CONSULTANT)
    return user


def with_app(user, key=KEY):
    """The user has an authenticator app and the recovery codes "abcd2345", …"""
    TOTPDevice.objects.create(user=user, name="app", key=key, confirmed=True)
    device = StaticDevice.objects.create(user=user, name="codes", confirmed=True)
    for token in ("abcd2345", "efgh6723"):
        StaticToken.objects.create(device=device, token=token)
    return user


def sign_in(client, user, next_url=""):
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    response = client.post(
        url, {"username": user.username, "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302, response.content.decode()
    return response


def verify(client, token, next_url=""):
    return client.post(
        reverse("accounts:two_factor_verify"), {"code": token, "next": next_url}
    )


def is_let_in(client):
    return client.get(reverse("home")).status_code == 200


@REQUIRED
def test_a_consultant_without_an_app_sets_one_up_after_signing_in(client, db):
    user = consultant()
    sign_in(client, user, next_url="/projects/")
    response = client.get("/projects/")
    enrol = reverse("accounts:two_factor_enrol")
    assert response["Location"] == enrol + "?next=%2Fprojects%2F"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert '<svg role="img"' in html and "<title>" in html
    key = client.session[two_factor.PENDING_KEY]
    assert two_factor.secret_for_typing(key) in html
    assert 'style="' not in html.split('<svg role="img"')[1].split("</svg>")[0]

    wrong = client.post(enrol + "?next=/projects/", {"code": "000000"})
    assert wrong.status_code == 200 and "Koden passer ikke" in wrong.content.decode()

    response = client.post(
        enrol + "?next=/projects/", {"code": code(key), "next": "/projects/"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:recovery_codes"))
    shown = client.get(response["Location"]).content.decode()
    assert "Gem dem nu" in shown
    tokens = list(StaticToken.objects.filter(device__user=user))
    assert len(tokens) == two_factor.RECOVERY_CODE_COUNT
    assert all(two_factor.readable(t.token) in shown for t in tokens)
    assert 'href="/projects/"' in shown
    again = client.get(reverse("accounts:recovery_codes")).content.decode()
    assert "Gem dem nu" not in again and tokens[0].token not in again
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and device.key == key
    assert is_let_in(client)
    assert AuditEvent.objects.filter(
        user=user, action=AuditAction.TWO_FACTOR_ENABLED
    ).exists()


@REQUIRED
def test_the_code_that_confirmed_the_app_cannot_sign_in_again(client, db):
    user = consultant()
    client.force_login(user)
    client.get(reverse("accounts:two_factor_enrol"))
    key = client.session[two_factor.PENDING_KEY]
    first = code(key)
    client.post(reverse("accounts:two_factor_enrol"), {"code": first})
    client.post(reverse("logout"))
    sign_in(client, user)
    assert "Koden passer ikke" in verify(client, first).content.decode()
    assert not is_let_in(client)


@pytest.mark.parametrize("required", [True, False])
def test_a_user_with_an_app_gives_a_code_and_lands_where_they_were_going(
    client, db, required
):
    user = with_app(UserFactory(username="tovholder"))
    with override_settings(TWO_FACTOR_REQUIRED_FOR=["consultant"] if required else []):
        sign_in(client, user)
        response = client.get("/projects/?side=2")
        assert response.status_code == 302
        assert response["Location"] == (
            reverse("accounts:two_factor_verify") + "?next=%2Fprojects%2F%3Fside%3D2"
        )
        page = client.get(response["Location"])
        assert "Kode fra din app" in page.content.decode()
        response = verify(client, code(), next_url="/projects/?side=2")
        assert response.status_code == 302
        assert response["Location"] == "/projects/?side=2"
        assert is_let_in(client)
        # Verified: the code page sends them on.
        assert client.get(reverse("accounts:two_factor_verify")).status_code == 302


def test_the_code_page_goes_nowhere_outside_the_site(client, db):
    user = with_app(UserFactory())
    client.force_login(user)
    response = verify(client, code(), next_url="https://evil.example.com/")
    assert response["Location"] == reverse("home")


def test_until_verified_only_the_code_page_logout_health_and_language_answer(
    client, db
):
    user = with_app(UserFactory())
    client.force_login(user)
    verify_url = reverse("accounts:two_factor_verify")
    for url in ("/", reverse("accounts:two_factor"), reverse("password_change")):
        assert client.get(url)["Location"].startswith(verify_url), url
    assert client.get(verify_url).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("session_status")).status_code == 200
    assert client.post(reverse("set_language"), {"language": "en"}).status_code == 302
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")


@override_settings(OTP_TOTP_THROTTLE_FACTOR=10, OTP_STATIC_THROTTLE_FACTOR=10)
def test_wrong_codes_are_throttled_with_a_clear_message(client, db):
    user = with_app(UserFactory())
    client.force_login(user)
    wrong = verify(client, "123456" if code() != "123456" else "654321")
    assert "Koden passer ikke" in wrong.content.decode()
    # The right code at once: refused until the wait is over (10 s after one).
    refused = verify(client, code()).content.decode()
    assert "For mange forkerte koder. Vent 10 sekunder." in refused
    # A recovery code is not tried either while the app's codes are throttled.
    assert "For mange forkerte koder." in verify(client, "abcd2345").content.decode()
    assert StaticToken.objects.filter(token="abcd2345").exists()
    assert not is_let_in(client)
    assert TOTPDevice.objects.get(user=user).throttling_failure_count == 1


def test_a_replayed_code_is_refused(client, db):
    user = with_app(UserFactory())
    client.force_login(user)
    used = code()
    assert verify(client, used).status_code == 302
    client.post(reverse("logout"))
    client.force_login(user)
    assert "Koden passer ikke" in verify(client, used).content.decode()
    assert not is_let_in(client)


def test_a_recovery_code_works_once(client, db):
    user = with_app(UserFactory())
    client.force_login(user)
    response = verify(client, "ABCD-2345")
    assert response.status_code == 302
    assert is_let_in(client)
    assert not StaticToken.objects.filter(token="abcd2345").exists()
    client.post(reverse("logout"))
    client.force_login(user)
    assert "Koden passer ikke" in verify(client, "abcd2345").content.decode()
    assert not is_let_in(client)


def test_new_recovery_codes_replace_the_old_ones(client, db):
    user = with_app(UserFactory())
    client.force_login(user)
    verify(client, code())
    response = client.post(reverse("accounts:recovery_codes"), {"code": "abcd2345"})
    assert response.status_code == 302
    page = client.get(reverse("accounts:recovery_codes")).content.decode()
    assert "Gem dem nu" in page
    tokens = set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    assert len(tokens) == two_factor.RECOVERY_CODE_COUNT
    assert "efgh6723" not in tokens
    assert AuditEvent.objects.filter(
        user=user, action=AuditAction.RECOVERY_CODES_RENEWED
    ).exists()


def test_turning_it_off_needs_a_code_and_is_not_for_those_who_must_have_it(client, db):
    user = with_app(consultant())
    client.force_login(user)
    verify(client, code())
    disable = reverse("accounts:two_factor_disable")
    with REQUIRED:
        assert client.get(disable).status_code == 403
        assert client.post(disable, {"code": "efgh6723"}).status_code == 403
    assert client.get(disable).status_code == 200
    wrong = client.post(disable, {"code": "zzzz9999"})
    assert "Koden passer ikke" in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()
    StaticDevice.objects.update(throttling_failure_count=0)  # the wait is over
    response = client.post(disable, {"code": "efgh6723"})
    assert response["Location"] == reverse("accounts:two_factor")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(
        user=user, action=AuditAction.TWO_FACTOR_DISABLED
    ).exists()
    assert is_let_in(client)
    client.post(reverse("logout"))
    sign_in(client, user)
    assert is_let_in(client)


def test_a_superuser_consultant_cannot_turn_it_off_where_admins_need_it(client, db):
    """Django grants a superuser every permission; the required second factor is
    still not theirs to turn off (the demo's consultant is a superuser)."""
    user = with_app(consultant())
    user.is_superuser = user.is_staff = True
    user.save()
    client.force_login(user)
    verify(client, code())
    disable = reverse("accounts:two_factor_disable")
    with REQUIRED:
        assert (
            "Slå to-trinsbekræftelse fra"
            not in client.get(reverse("accounts:two_factor")).content.decode()
        )
        assert client.get(disable).status_code == 403
        assert client.post(disable, {"code": "efgh6723"}).status_code == 403
        with pytest.raises(ActionRefused):
            two_factor.two_factor_disable(user=user)
    assert TOTPDevice.objects.filter(user=user).exists()


def test_others_may_set_it_up_from_the_account_menu(client, db):
    user = UserFactory()
    client.force_login(user)
    home = client.get("/").content.decode()
    assert reverse("accounts:two_factor") in home
    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert reverse("accounts:two_factor_enrol") in page
    client.get(reverse("accounts:two_factor_enrol"))
    key = client.session[two_factor.PENDING_KEY]
    client.post(reverse("accounts:two_factor_enrol"), {"code": code(key)})
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert is_let_in(client)
    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert reverse("accounts:two_factor_disable") in page


@REQUIRED
def test_admin_is_unreachable_without_the_second_factor(client, db):
    staff = with_app(UserFactory(is_staff=True, is_superuser=True))
    client.force_login(staff)
    response = client.get("/admin/")
    assert response["Location"] == (
        reverse("accounts:two_factor_verify") + "?next=%2Fadmin%2F"
    )
    assert client.get("/admin/auth/user/").status_code == 302
    verify(client, code())
    assert client.get("/admin/").status_code == 200


@REQUIRED
def test_staff_without_an_app_must_set_one_up_before_the_admin(client, db):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("accounts:two_factor_enrol"))


def test_staff_need_no_second_factor_where_it_is_not_required(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200


@pytest.fixture
def prod_settings(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.setenv("ALLOWED_HOSTS", "synergi.example.dk")
    monkeypatch.setenv("DATABASE_URL", "postgres://synergi@db.example.dk:5432/synergi")
    monkeypatch.delenv("TWO_FACTOR_REQUIRED_FOR", raising=False)
    return importlib.reload(importlib.import_module("synergy.settings.prod"))


def test_production_requires_it_for_consultants_and_admins_only(prod_settings, world):
    with override_settings(
        TWO_FACTOR_REQUIRED_FOR=prod_settings.TWO_FACTOR_REQUIRED_FOR
    ):
        assert two_factor.required_for(world.users["consultant"])
        assert two_factor.required_for(UserFactory(username="admin", is_staff=True))
        for role in ("coordinator_a", "steering", "outsider"):
            assert not two_factor.required_for(world.users[role]), role


def test_nobody_needs_it_in_the_test_and_dev_settings(client, db):
    from django.conf import settings

    assert settings.TWO_FACTOR_REQUIRED_FOR == []
    client.force_login(consultant())
    assert is_let_in(client)


@REQUIRED
@pytest.mark.parametrize("has_app", [True, False])
def test_a_single_sign_on_trusted_with_the_second_factor_passes(client, db, has_app):
    user = consultant()
    if has_app:
        with_app(user)
    client.force_login(user)
    assert not is_let_in(client)
    session = client.session
    session[two_factor.PROVIDER_SESSION_KEY] = two_factor.PROVIDER
    session.save()
    assert is_let_in(client)
    assert client.get("/admin/").status_code == 302  # not staff: the admin's login


@REQUIRED
def test_a_session_from_before_the_second_factor_is_asked_too(client, db):
    user = with_app(consultant())
    client.force_login(user)
    session = client.session
    del session[two_factor.SESSION_STATE]
    session.save()
    assert client.get("/")["Location"] == reverse("accounts:two_factor_verify")


@REQUIRED
def test_a_user_whose_app_was_removed_is_asked_to_set_up_a_new_one(client, db):
    user = with_app(consultant())
    client.force_login(user)
    TOTPDevice.objects.filter(user=user).delete()  # by an administrator
    response = client.get(reverse("accounts:two_factor_verify"))
    assert response.status_code == 302
    assert client.get("/")["Location"] == reverse("accounts:two_factor_enrol")


def test_a_refused_code_takes_the_focus(client, db):
    user = with_app(consultant())
    client.force_login(user)
    html = client.post(
        reverse("accounts:two_factor_verify"), {"code": "000000"}
    ).content.decode()
    assert "Koden passer ikke" in html
    field = html[html.index('name="code"') - 300 : html.index('name="code"') + 300]
    assert "autofocus" in field and 'aria-invalid="true"' in field
