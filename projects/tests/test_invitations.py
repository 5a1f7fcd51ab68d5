"""Invitations: the consultant invites an address with a role; the person takes the
mailed link once, chooses a password (or single sign-on) and is in the project. Every
way a link goes stale is refused in Danish, and nothing is made twice."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from projects.models import AuditEvent, Invitation, Membership, Role
from projects.services import invitation_create, invitation_send
from projects.tests.factories import UserFactory

PASSWORD = "lang-og-sjov-kodesaetning-42"
LINK = re.compile(r"https?://[^/\s]+(/projects/invitation/[^\s]+/)")


@pytest.fixture
def invite(client_for, world, mailoutbox, django_capture_on_commit_callbacks):
    """invite(email, role, site) → (response, the link's path from the mail or None)."""

    def _invite(email="ny.tovholder@kommune.dk", role=Role.COORDINATOR, site=None):
        if role == Role.COORDINATOR and site is None:
            site = world.site_a
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for("consultant").post(
                reverse("synergy:membership_create", args=[world.project.pk]),
                {"email": email, "role": role, "site": site.pk if site else ""},
            )
        sent = mailoutbox[before:]
        path = LINK.search(sent[-1].body).group(1) if sent else None
        return response, path

    return _invite


def _accept(path, **overrides):
    data = {
        "first_name": "Nina",
        "last_name": "Nygaard",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    client = Client()
    return client, client.post(path, data)


def test_an_invited_coordinator_takes_the_link_and_is_in_the_project(
    invite, world, mailoutbox
):
    response, path = invite()
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.site == world.site_a and invitation.sent_at is not None
    mail = mailoutbox[-1]
    assert mail.to == ["ny.tovholder@kommune.dk"]
    assert "Forløbet" in mail.subject
    assert "som tovholder" in mail.body and "Sted A" in mail.body
    # The key is not stored anywhere in the database.
    key = path.rstrip("/").rsplit("/", 1)[1]
    assert key.split("-", 1)[1] not in invitation.nonce

    page = Client().get(path)
    assert page.status_code == 200
    assert "Du er inviteret til forløbet" in page.content.decode()

    client, accepted = _accept(path)
    assert accepted.status_code == 302
    assert accepted["Location"] == world.project.get_absolute_url()
    user = get_user_model().objects.get(email="ny.tovholder@kommune.dk")
    assert user.username == "ny.tovholder@kommune.dk"
    assert user.check_password(PASSWORD) and user.first_name == "Nina"
    membership = Membership.objects.get(user=user)
    assert (membership.project, membership.role, membership.site) == (
        world.project,
        Role.COORDINATOR,
        world.site_a,
    )
    # Signed in at once, and sees the project.
    assert client.get(world.project.get_absolute_url()).status_code == 200
    invitation.refresh_from_db()
    assert invitation.accepted_by == user

    # The link is single-use: opened again it says so, and makes nothing.
    again = Client().get(path)
    assert again.status_code == 410
    assert "Invitationen er allerede brugt" in again.content.decode()
    _client, posted_again = _accept(path, first_name="Mallory")
    assert posted_again.status_code == 410
    assert get_user_model().objects.filter(email__iexact=user.email).count() == 1


def test_the_member_list_shows_pending_invitations_to_the_consultant_only(
    invite, client_for, world
):
    invite(email="venter@kommune.dk", role=Role.STEERING)
    url = world.project.get_absolute_url()
    html = client_for("consultant").get(url).content.decode()
    assert "Inviteret, venter på svar" in html and "venter@kommune.dk" in html
    assert "Send igen" in html and "Træk tilbage" in html
    for role in ("coordinator_a", "steering"):
        assert "venter@kommune.dk" not in client_for(role).get(url).content.decode()


def test_sending_again_makes_a_new_link_and_ends_the_old(
    invite, client_for, world, mailoutbox, django_capture_on_commit_callbacks
):
    _response, old_path = invite()
    invitation = Invitation.objects.get()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    expired = Client().get(old_path)
    assert expired.status_code == 410
    assert "Invitationen er udløbet. Bed konsulenten sende en ny." in (
        expired.content.decode()
    )
    consultant = client_for("consultant")
    assert "udløb" in consultant.get(world.project.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = consultant.post(
            reverse("synergy:invitation_resend", args=[invitation.pk]), follow=True
        )
    assert "Invitationen er sendt igen" in response.content.decode()
    assert len(mailoutbox) == 2
    new_path = LINK.search(mailoutbox[-1].body).group(1)
    assert new_path != old_path
    assert Client().get(old_path).status_code == 404
    assert Client().get(new_path).status_code == 200


def test_a_revoked_link_says_so_and_revoking_twice_is_told(invite, client_for, world):
    _response, path = invite()
    invitation = Invitation.objects.get()
    client = client_for("consultant")
    url = reverse("synergy:invitation_revoke", args=[invitation.pk])
    first = client.post(url, follow=True)
    assert "er trukket tilbage" in first.content.decode()
    page = Client().get(path)
    assert page.status_code == 410
    assert "Invitationen er trukket tilbage" in page.content.decode()
    second = client.post(url, follow=True)
    assert "Invitationen var allerede trukket tilbage." in second.content.decode()
    # Gone from the pending list.
    assert (
        "Inviteret, venter på svar"
        not in client.get(world.project.get_absolute_url()).content.decode()
    )
    # The create is audited (ids only).
    assert AuditEvent.objects.filter(object_type="synergy.invitation").exists()


@pytest.mark.parametrize(
    "key",
    ["abc", "1-", "-", "1-0", "99999999999999-ab", "1-" + "f" * 64, "０-１", "1--1"],
)
def test_an_unknown_or_altered_key_is_404_not_500(invite, key):
    _response, path = invite()
    response = Client().get(reverse("synergy:invitation_accept", args=[key]))
    assert response.status_code == 404
    assert "Invitationslinket findes ikke" in response.content.decode()
    tampered = path[:-3] + ("0" if path[-3] != "0" else "1") + path[-2:]
    assert Client().get(tampered).status_code == 404


def test_a_weak_or_mismatched_password_is_refused_and_nothing_is_made(invite):
    _response, path = invite()
    _client, weak = _accept(path, password1="12345678", password2="12345678")
    assert weak.status_code == 200
    assert "Adgangskoden" in weak.content.decode() or "adgangskode" in (
        weak.content.decode()
    )
    _client, mismatch = _accept(path, password2=PASSWORD + "x")
    assert "De to adgangskoder er ikke ens." in mismatch.content.decode()
    _client, like_address = _accept(
        path, password1="ny.tovholder", password2="ny.tovholder"
    )
    assert like_address.status_code == 200
    assert not get_user_model().objects.filter(email="ny.tovholder@kommune.dk").exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_address_with_an_account_just_gets_the_membership(
    invite, client, world, mailoutbox
):
    person = UserFactory(username="har-konto", email="har.konto@kommune.dk")
    response, path = invite(email="HAR.KONTO@kommune.dk", role=Role.STEERING)
    assert response.status_code == 302 and path is None
    html = client.get(response["Location"]).content.decode()
    assert "HAR.KONTO@kommune.dk har allerede en konto og er nu med i forløbet" in html
    assert Membership.objects.filter(
        user=person, project=world.project, role=Role.STEERING
    ).exists()
    assert not Invitation.objects.exists()


def test_inviting_the_same_address_twice_is_refused_with_a_clear_message(invite):
    invite(email="to.gange@kommune.dk", role=Role.STEERING)
    response, path = invite(email="To.Gange@kommune.dk", role=Role.STEERING)
    assert response.status_code == 200 and path is None
    assert "har allerede en åben invitation med den rolle" in (
        response.content.decode()
    )
    assert Invitation.objects.count() == 1
    # A different role is a different invitation.
    _response, other = invite(email="to.gange@kommune.dk", role=Role.CONSULTANT)
    assert other is not None and Invitation.objects.count() == 2


def test_two_tabs_accept_once(invite):
    _response, path = invite()
    first_tab, second_tab = Client(), Client()
    first_tab.get(path), second_tab.get(path)
    data = {
        "first_name": "Nina",
        "last_name": "Nygaard",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    assert first_tab.post(path, data).status_code == 302
    late = second_tab.post(path, {**data, "first_name": "Anden"})
    assert late.status_code == 410
    assert "Invitationen er allerede brugt" in late.content.decode()
    assert get_user_model().objects.filter(email="ny.tovholder@kommune.dk").count() == 1


def test_an_account_made_meanwhile_gets_the_role_and_signs_in_with_it(invite, world):
    _response, path = invite(email="kom.foer@kommune.dk", role=Role.STEERING)
    person = UserFactory(username="kom-foer", email="kom.foer@kommune.dk")
    page = Client().get(path)
    assert "Der findes allerede en konto med adressen" in page.content.decode()
    response = Client().post(path, {})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert Membership.objects.filter(user=person, project=world.project).exists()
    assert get_user_model().objects.filter(email="kom.foer@kommune.dk").count() == 1


def test_someone_signed_in_with_another_account_is_told_to_sign_out(
    invite, client_for, world
):
    _response, path = invite()
    html = client_for("steering").get(path).content.decode()
    assert "Du er logget ind med en anden konto" in html


def test_the_mail_task_run_twice_sends_once(world, mailoutbox):
    invitation = invitation_create(
        project=world.project,
        email="en.gang@kommune.dk",
        role=Role.STEERING,
        site=None,
        invited_by=world.users["consultant"],
    )
    for _ in range(2):
        invitation_send(
            invitation_id=invitation.pk, domain="synergi.example", use_https=True
        )
    assert len(mailoutbox) == 1
    assert "https://synergi.example/projects/invitation/" in mailoutbox[0].body


def test_no_mail_for_an_invitation_revoked_before_the_worker_ran(world, mailoutbox):
    invitation = invitation_create(
        project=world.project,
        email="for.sent@kommune.dk",
        role=Role.STEERING,
        site=None,
        invited_by=world.users["consultant"],
    )
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    assert not invitation_send(
        invitation_id=invitation.pk, domain="x.example", use_https=True
    )
    assert mailoutbox == []


# Access ends at once -------------------------------------------------------------


def test_removing_a_member_ends_their_access_in_their_open_session(world):
    coordinator = Client()
    coordinator.force_login(world.users["coordinator_a"])
    url = world.project.get_absolute_url()
    assert coordinator.get(url).status_code == 200
    consultant = Client()
    consultant.force_login(world.users["consultant"])
    membership = world.memberships["coordinator_a"]
    consultant.post(reverse("synergy:membership_delete", args=[membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    # The same session, the next request: the project is gone for them.
    assert coordinator.get(url).status_code == 404


def test_deactivating_an_account_ends_its_sessions(world):
    coordinator = Client()
    coordinator.force_login(world.users["coordinator_a"])
    url = world.project.get_absolute_url()
    assert coordinator.get(url).status_code == 200
    user = world.users["coordinator_a"]
    user.is_active = False
    user.save()
    response = coordinator.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_invitation_offers_single_sign_on_when_it_is_configured(invite, settings):
    _response, path = invite()
    assert "Log ind med" not in Client().get(path).content.decode()
    settings.OIDC_ISSUER = "https://login.kommune.example"
    settings.OIDC_RP_CLIENT_ID = "synergi"
    settings.OIDC_PROVIDER_NAME = "Roskilde Kommune"
    html = Client().get(path).content.decode()
    assert "Log ind med Roskilde Kommune" in html
    assert reverse("accounts:oidc_start") + "?next=" in html
    assert "Opret konto og tag imod" in html
    # Password sign-in off: the invitation offers single sign-on only, and a posted
    # password form makes no account.
    settings.PASSWORD_LOGIN_ENABLED = False
    html = Client().get(path).content.decode()
    assert "Log ind med Roskilde Kommune" in html
    assert "Opret konto og tag imod" not in html
    _client, response = _accept(path)
    assert response.status_code == 302
    assert not get_user_model().objects.filter(email="ny.tovholder@kommune.dk").exists()


@pytest.mark.parametrize(
    "backend", ["accounts.oidc.OIDCBackend", "core.backends.ThrottledModelBackend"]
)
def test_deactivating_ends_the_session_whichever_way_they_signed_in(world, backend):
    """A session made by single sign-on ends like a password one (the OIDC library's
    own get_user does not look at is_active)."""
    client = Client()
    client.force_login(world.users["steering"], backend=backend)
    url = world.project.get_absolute_url()
    assert client.get(url).status_code == 200
    world.users["steering"].is_active = False
    world.users["steering"].save()
    assert client.get(url).status_code == 302


def test_withdrawing_or_resending_an_accepted_invitation_tells_the_consultant(
    invite, client_for, world
):
    _response, path = invite()
    invitation = Invitation.objects.get()
    consultant = client_for("consultant")
    consultant.get(world.project.get_absolute_url())  # the member list is open
    _accept(path)  # the invitee accepts meanwhile
    for name in ("synergy:invitation_revoke", "synergy:invitation_resend"):
        html = consultant.post(
            reverse(name, args=[invitation.pk]), follow=True
        ).content.decode()
        assert (
            "ny.tovholder@kommune.dk har allerede taget imod invitationen og er med i "
            "forløbet." in html
        ), name
        assert "Log ind med den konto" not in html
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_the_page_names_the_username_when_the_address_is_taken_as_one(invite):
    """An older account (here inactive) has the address as its username: the new
    account gets another, and the page and the welcome say which."""
    UserFactory(
        username="ny.tovholder@kommune.dk", email="gammel@kommune.dk", is_active=False
    )
    _response, path = invite()
    html = Client().get(path).content.decode()
    assert "Dit brugernavn bliver <strong>ny.tovholder@kommune.dk-2</strong>" in html
    client, response = _accept(path)
    welcome = client.get(response["Location"]).content.decode()
    assert "Du logger ind med brugernavnet ny.tovholder@kommune.dk-2." in welcome
    signed_in = Client().post(
        reverse("login"),
        {"username": "ny.tovholder@kommune.dk-2", "password": PASSWORD},
    )
    assert signed_in.status_code == 302


def test_an_address_longer_than_an_account_holds_is_refused(invite):
    response, path = invite(email="a" * 300 + "@kommune.dk", role=Role.STEERING)
    assert response.status_code == 200 and path is None
    assert "højst have 254 tegn" in response.content.decode()
    assert not Invitation.objects.exists()


def test_giving_the_role_directly_ends_the_open_invitation_for_it(
    invite, client_for, world
):
    invite(email="dobbelt@kommune.dk", role=Role.STEERING)
    UserFactory(username="dobbelt", email="dobbelt@kommune.dk")
    invite(email="dobbelt@kommune.dk", role=Role.STEERING)  # now an account: added
    assert Invitation.objects.get().revoked_at is not None
    html = (
        client_for("consultant").get(world.project.get_absolute_url()).content.decode()
    )
    assert "Inviteret, venter på svar" not in html


@pytest.mark.parametrize(
    "typed",
    ["NY.TOVHOLDER@kommune.dk", " ny.tovholder@KOMMUNE.dk", "ny.tovholder@kommune.dk"],
)
def test_an_invited_person_signs_in_with_their_address_as_they_type_it(invite, typed):
    _response, path = invite()
    _accept(path)
    response = Client().post(
        reverse("login"), {"username": typed, "password": PASSWORD}
    )
    assert response.status_code == 302, typed
    wrong = Client().post(reverse("login"), {"username": typed, "password": "forkert"})
    assert wrong.status_code == 200


def test_a_name_that_turns_the_text_around_is_refused(invite):
    """U+202E made the member list's own words read backwards after the name."""
    _response, path = invite()
    _client, response = _accept(path, first_name="Nina\u202eNy")
    assert response.status_code == 200
    assert "vender skriveretningen" in response.content.decode()
    assert not get_user_model().objects.filter(email="ny.tovholder@kommune.dk").exists()


def test_a_mail_server_that_refuses_leaves_the_invitation_unsent_for_a_retry(
    world, mailoutbox, monkeypatch, client_for
):
    import smtplib

    invitation = invitation_create(
        project=world.project,
        email="smtp.nede@kommune.dk",
        role=Role.STEERING,
        site=None,
        invited_by=world.users["consultant"],
    )

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("nede")

    monkeypatch.setattr("django.core.mail.send_mail", refuse)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        invitation_send(invitation_id=invitation.pk, domain="x.example", use_https=True)
    invitation.refresh_from_db()
    assert invitation.sent_at is None
    html = (
        client_for("consultant").get(world.project.get_absolute_url()).content.decode()
    )
    assert "ikke sendt endnu" in html
    monkeypatch.undo()
    assert invitation_send(
        invitation_id=invitation.pk, domain="x.example", use_https=True
    )
    assert len(mailoutbox) == 1
