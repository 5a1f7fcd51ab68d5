"""Single sign-on against a real OpenID Connect provider (django-oidc-provider in its
own process, accounts/tests/provider): Django's test client plays Synergi's side, a
requests session the browser's at the provider. The full dance in Chromium is in
e2e/test_sso_journeys.py."""

from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse

from accounts import oidc
from accounts.oidc_views import SECOND_FACTOR_KEY
from accounts.tests.conftest import TEST_CLIENT_CALLBACK
from accounts.tests.provider import USERS
from accounts.tests.provider.claims import OTHER_CLIENT
from projects import services as projects_services
from projects.models import Invitation, Membership, Role
from projects.tests.factories import MembershipFactory, ProjectFactory, UserFactory
from sites.tests.factories import SiteFactory

pytestmark = pytest.mark.django_db


def authorize_url(client, *, next_url=None):
    """Start at Synergi: the provider's authorization URL it sends the browser to."""
    start_url = reverse("accounts:oidc_start")
    if next_url:
        start_url += "?" + urlencode({"next": next_url})
    start = client.get(start_url)
    assert start.status_code == 302
    return start["Location"]


def sign_in(client, provider, username, *, next_url=None):
    """The whole code flow; the callback's response (not followed)."""
    url = authorize_url(client, next_url=next_url)
    return client.get(provider.sign_in(url, username, TEST_CLIENT_CALLBACK))


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def refused_with(response, text):
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    shown = messages_of(response)
    assert any(text in message for message in shown), shown


@pytest.fixture
def invitation():
    """An invitation for the provider's person "ny": coordinator of Sted A."""
    project = ProjectFactory(name="Roskilde-forløbet")
    site = SiteFactory(name="Sted A")
    project.sites.set([site])
    consultant = UserFactory()
    MembershipFactory(user=consultant, project=project, role=Role.CONSULTANT)
    return projects_services.invitation_create(
        project=project,
        email=USERS["ny"].upper(),  # matched whatever the case
        role=Role.COORDINATOR,
        site=site,
        invited_by=consultant,
    )


def test_an_invited_person_gets_an_account_and_the_role(client, sso, invitation):
    """The invited address, verified by the provider, makes the account (no usable
    password), accepts the invitation with its role and site, and signs in: the home
    page shows the project. The provider's second factor counts."""
    response = sign_in(client, sso, "ny", next_url="/projects/")
    assert response.status_code == 302
    assert response["Location"] == "/projects/"

    user = User.objects.get(email__iexact=USERS["ny"])
    assert not user.has_usable_password()
    membership = Membership.objects.get(user=user)
    assert (membership.project, membership.role, membership.site) == (
        invitation.project,
        Role.COORDINATOR,
        invitation.site,
    )
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session[SECOND_FACTOR_KEY] == "provider"
    assert "Roskilde-forløbet" in client.get(reverse("home")).text


def test_a_known_account_signs_in_and_accepts_its_open_invitations(
    client, sso, invitation, settings
):
    """An active account with the address signs in; an open invitation to it is
    accepted on the way. Without trusting the provider's second factor the session
    does not say it was done."""
    settings.OIDC_TRUSTS_PROVIDER_SECOND_FACTOR = False
    user = UserFactory(email=USERS["ny"])
    response = sign_in(client, sso, "ny")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert SECOND_FACTOR_KEY not in client.session
    assert Membership.objects.filter(user=user, project=invitation.project).exists()
    assert User.objects.filter(email__iexact=USERS["ny"]).count() == 1


def test_no_account_without_an_invitation(client, sso):
    response = sign_in(client, sso, "uden-invitation")
    refused_with(
        response, "Du har ingen konto i Synergi. Bed konsulenten om en invitation."
    )
    assert not User.objects.filter(email__iexact=USERS["uden-invitation"]).exists()
    assert "_auth_user_id" not in client.session
    # The login page shows it (in Danish).
    page = client.get(response["Location"])
    assert "Du har ingen konto i Synergi" in page.text


def test_an_address_several_accounts_share_is_refused(client, sso, invitation):
    UserFactory(email=USERS["ny"])
    UserFactory(email=USERS["ny"].upper())
    response = sign_in(client, sso, "ny")
    refused_with(response, "Du kan ikke logges ind. Kontakt konsulenten.")
    assert "_auth_user_id" not in client.session


def test_an_unverified_address_is_refused_even_when_invited(client, sso):
    project = ProjectFactory()
    consultant = UserFactory()
    projects_services.invitation_create(
        project=project,
        email=USERS["uverificeret"],
        role=Role.STEERING,
        site=None,
        invited_by=consultant,
    )
    response = sign_in(client, sso, "uverificeret")
    refused_with(response, "din e-mailadresse er ikke bekræftet")
    assert not User.objects.filter(email=USERS["uverificeret"]).exists()
    assert Invitation.objects.get(email=USERS["uverificeret"]).accepted_at is None


@pytest.mark.parametrize(
    ("username", "text"),
    [
        # The provider signs an ID token that expired a minute ago.
        ("udloebet", "svaret var udløbet"),
        # … an ID token for another client (aud).
        ("anden-app", "svaret kunne ikke godkendes"),
        # … an ID token with a nonce this session never sent.
        ("forkert-nonce", "svaret kunne ikke godkendes"),
    ],
)
def test_a_faulty_id_token_is_refused(client, sso, username, text):
    UserFactory(email=USERS[username])  # an account exists: only the token is wrong
    response = sign_in(client, sso, username)
    refused_with(response, "Log ind med Testkommunen mislykkedes: " + text)
    assert "_auth_user_id" not in client.session


def test_a_replayed_callback_is_refused(client, sso, invitation):
    """The code and state work once: the same callback again (in the same browser,
    or in another one that stole the URL) signs nobody in."""
    back = sso.sign_in(authorize_url(client), "ny", TEST_CLIENT_CALLBACK)
    assert client.get(back).status_code == 302
    client.logout()

    refused_with(client.get(back), "forsøget var udløbet eller allerede brugt")
    assert "_auth_user_id" not in client.session

    other_browser = type(client)()
    refused_with(other_browser.get(back), "forsøget var udløbet eller allerede brugt")
    assert "_auth_user_id" not in other_browser.session


def test_a_tampered_state_is_refused(client, sso, invitation):
    back = sso.sign_in(authorize_url(client), "ny", TEST_CLIENT_CALLBACK)
    parts = urlsplit(back)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    query["state"] = query["state"][:-1] + ("x" if query["state"][-1] != "x" else "y")
    tampered = urlunsplit(parts._replace(query=urlencode(query)))
    refused_with(client.get(tampered), "forsøget var udløbet eller allerede brugt")
    assert "_auth_user_id" not in client.session
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_the_provider_saying_no_is_shown(client, sso):
    """The person cancels at the provider: it sends back an error with the state."""
    state = parse_qs(urlsplit(authorize_url(client)).query)["state"][0]
    response = client.get(
        reverse("accounts:oidc_callback"), {"error": "access_denied", "state": state}
    )
    refused_with(response, "det blev afbrudt")


def test_an_id_token_the_provider_issued_to_another_client_is_refused(sso):
    """A genuine ID token for another app at the same provider (signed by it, valid,
    the right nonce) does not open Synergi."""
    nonce = "nonce-for-the-other-app"
    redirect_uri = TEST_CLIENT_CALLBACK
    other_app = (
        sso.issuer
        + "/authorize?"
        + urlencode(
            {
                "response_type": "code",
                "scope": "openid email",
                "client_id": OTHER_CLIENT,
                "redirect_uri": redirect_uri,
                "state": "s",
                "nonce": nonce,
            }
        )
    )
    back = sso.sign_in(other_app, "kendt", redirect_uri)
    code = parse_qs(urlsplit(back).query)["code"][0]
    tokens = requests.post(
        sso.issuer + "/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": OTHER_CLIENT,
            "client_secret": "anden",
        },
        timeout=10,
    ).json()
    backend = oidc.OIDCBackend()
    backend._configure()
    with pytest.raises(oidc.SignInRefused) as refusal:
        backend.verify_token(tokens["id_token"], nonce=nonce)
    assert refusal.value.reason == "ID token for another client (aud)"


def test_an_unreachable_provider_is_said_so(client, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9/openid"  # nothing listens there
    settings.OIDC_RP_CLIENT_ID = "synergi"
    settings.OIDC_PROVIDER_NAME = "Testkommunen"
    refused_with(
        client.get(reverse("accounts:oidc_start")),
        "Log ind med Testkommunen mislykkedes: tjenesten svarer ikke.",
    )


def test_the_login_page_offers_the_provider(client, sso):
    page = client.get(reverse("login") + "?next=/projects/")
    assert "Log ind med Testkommunen" in page.text
    assert reverse("accounts:oidc_start") + "?next=/projects/" in page.text
    assert 'name="password"' in page.text


def test_without_password_login_only_single_sign_on_remains(client, sso, settings):
    settings.PASSWORD_LOGIN_ENABLED = False
    UserFactory(username="anna", password="en-lang-adgangskode-1")
    page = client.get(reverse("login"))
    assert "Log ind med Testkommunen" in page.text
    assert 'name="password"' not in page.text
    assert "Glemt adgangskode" not in page.text
    response = client.post(
        reverse("login"), {"username": "anna", "password": "en-lang-adgangskode-1"}
    )
    assert response.status_code == 405
    # No password opens an account anywhere (Django admin's login included).
    request = RequestFactory().post("/admin/login/")
    assert (
        authenticate(request, username="anna", password="en-lang-adgangskode-1") is None
    )
    assert client.get(reverse("password_reset")).status_code == 404


def test_without_single_sign_on_the_login_page_is_as_before(client):
    page = client.get(reverse("login"))
    assert "Log ind med" not in page.text
    assert client.get(reverse("accounts:oidc_start")).status_code == 404
    assert client.get(reverse("accounts:oidc_callback")).status_code == 404


@pytest.mark.parametrize(
    ("claims", "assume", "accepted"),
    [
        ({"email": "a@kommune.dk", "email_verified": True}, False, True),
        ({"email": "a@kommune.dk", "email_verified": "true"}, False, True),
        ({"email": "a@kommune.dk", "email_verified": False}, False, False),
        ({"email": "a@kommune.dk"}, False, False),
        # A provider trusted for its directory's addresses (AD FS): no claim is fine,
        # an explicit false is not.
        ({"email": "a@kommune.dk"}, True, True),
        ({"email": "a@kommune.dk", "email_verified": False}, True, False),
    ],
)
def test_only_a_verified_address_counts(settings, claims, assume, accepted):
    settings.OIDC_ASSUME_EMAIL_VERIFIED = assume
    if accepted:
        assert oidc.verified_email(claims) == "a@kommune.dk"
    else:
        with pytest.raises(oidc.SignInRefused):
            oidc.verified_email(claims)


def test_the_address_can_come_from_another_claim(settings):
    """Entra ID without an e-mail attribute, AD FS: the address is in upn."""
    settings.OIDC_EMAIL_CLAIM = "upn"
    settings.OIDC_ASSUME_EMAIL_VERIFIED = True
    claims = {"upn": "Anna@Kommune.dk ", "email": "privat@example.com"}
    assert oidc.verified_email(claims) == "Anna@Kommune.dk"
    with pytest.raises(oidc.SignInRefused) as refusal:
        oidc.verified_email({"email": "privat@example.com"})
    assert refusal.value.reason == "no e-mail claim"


def test_the_id_token_alone_can_carry_the_claims(client, sso, settings, invitation):
    """OIDC_USERINFO_ENDPOINT=none (AD FS): no userinfo request, the ID token's
    claims decide."""
    settings.OIDC_OP_USER_ENDPOINT = "none"
    assert oidc.endpoints().userinfo == ""
    response = sign_in(client, sso, "ny")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert Membership.objects.filter(project=invitation.project).count() == 2


def test_password_sign_in_off_without_single_sign_on_is_an_error(settings):
    from accounts.checks import some_way_to_sign_in

    settings.PASSWORD_LOGIN_ENABLED = False
    assert [error.id for error in some_way_to_sign_in()] == ["accounts.E001"]
    settings.OIDC_ISSUER, settings.OIDC_RP_CLIENT_ID = "https://idp.example", "s"
    assert some_way_to_sign_in() == []


def test_the_session_cookie_comes_back_from_the_provider(settings):
    """The way back from the provider is a cross-site navigation: a Strict session
    cookie would stay behind, and with it the state."""
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
