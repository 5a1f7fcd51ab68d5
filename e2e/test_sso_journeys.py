"""Single sign-on in Chromium with a real OpenID Connect provider (django-oidc-provider
in its own process on a loopback port, accounts/tests/provider): the button on the
login page, signing in at the provider, back to Synergi with the invitation's role;
and a person without an invitation told why in Danish."""

import pytest
from playwright.sync_api import expect

from accounts.tests.provider import PASSWORD, USERS, running_provider
from e2e.conftest import axe_violations
from projects import services as projects_services
from projects.models import Membership, Role
from projects.tests.factories import MembershipFactory, ProjectFactory, UserFactory
from sites.tests.factories import SiteFactory


@pytest.fixture(scope="session")
def browser_provider(tmp_path_factory, live_server):
    with running_provider(
        tmp_path_factory.mktemp("oidc-provider-e2e"),
        [live_server.url + "/konto/oidc/callback/"],
    ) as provider:
        yield provider


@pytest.fixture
def sso(browser_provider, settings):
    for name, value in browser_provider.settings().items():
        setattr(settings, name, value)
    return browser_provider


def sign_in_at_provider(page, username):
    page.goto(page.base_url + "/login/")
    page.get_by_role("link", name="Log ind med Testkommunen").click()
    expect(page.get_by_role("heading", name="Testkommunens log ind")).to_be_visible()
    page.get_by_label("Brugernavn hos kommunen").fill(username)
    page.get_by_label("Adgangskode hos kommunen").fill(PASSWORD)
    page.get_by_role("button", name="Log ind hos kommunen").click()


def test_an_invited_coordinator_signs_in_with_the_municipality(page, sso):
    project = ProjectFactory(name="Roskilde-forløbet")
    site = SiteFactory(name="Roskilde Bibliotek")
    project.sites.set([site])
    consultant = UserFactory()
    MembershipFactory(user=consultant, project=project, role=Role.CONSULTANT)
    projects_services.invitation_create(
        project=project,
        email=USERS["ny"],
        role=Role.COORDINATOR,
        site=site,
        invited_by=consultant,
    )

    page.goto(page.base_url + "/login/")
    assert axe_violations(page) == []
    sign_in_at_provider(page, "ny")

    page.wait_for_url(page.base_url + "/")
    expect(page.get_by_text("Roskilde-forløbet").first).to_be_visible()
    membership = Membership.objects.get(user__email=USERS["ny"])
    assert (membership.role, membership.site) == (Role.COORDINATOR, site)
    assert page.console_errors == []


@pytest.mark.parametrize(
    ("username", "message"),
    [
        (
            "uden-invitation",
            "Du har ingen konto i Synergi. Bed konsulenten om en invitation.",
        ),
        (
            "uverificeret",
            "Log ind med Testkommunen mislykkedes: din e-mailadresse er ikke bekræftet.",
        ),
        # The provider signs an expired ID token, and one for another client.
        ("udloebet", "Log ind med Testkommunen mislykkedes: svaret var udløbet."),
        ("anden-app", "Log ind med Testkommunen mislykkedes: svaret kunne ikke"),
    ],
)
def test_a_refused_sign_in_says_why(page, sso, username, message):
    if username != "uden-invitation":
        UserFactory(email=USERS[username])  # an account: only the provider is wrong
    sign_in_at_provider(page, username)

    page.wait_for_url(page.base_url + "/login/")
    expect(page.get_by_role("status")).to_contain_text(message)
    assert axe_violations(page) == []


def test_invited_by_mail_the_coordinator_takes_the_link_with_single_sign_on(
    new_page, sso, mailoutbox
):
    """The done-when in one journey: the consultant invites in the app, the mail's
    link offers the municipality's sign-in, and the person lands in the project with
    the role."""
    import re

    project = ProjectFactory(name="Næstved-forløbet")
    site = SiteFactory(name="Næstved Bibliotek")
    project.sites.set([site])
    consultant = UserFactory(
        username="konsulent-sso", password="konsulentens-kodeord-1"
    )
    MembershipFactory(user=consultant, project=project, role=Role.CONSULTANT)

    page = new_page()
    page.goto(page.base_url + "/login/")
    page.get_by_label("Brugernavn").fill("konsulent-sso")
    page.get_by_label("Adgangskode").fill("konsulentens-kodeord-1")
    page.get_by_role("button", name="Log ind", exact=True).click()
    page.goto(page.base_url + f"/projects/{project.pk}/members/add/")
    page.get_by_label("… eller personens e-mailadresse").fill(USERS["ny"])
    page.get_by_label("Rolle").select_option(label="Tovholder")
    page.get_by_label("Sted").select_option(label="Næstved Bibliotek")
    page.get_by_role("button", name="Gem").click()
    expect(
        page.get_by_text(f"Invitationen er sendt til {USERS['ny']}.")
    ).to_be_visible()
    link = re.search(r"https?://\S+/projects/invitation/\S+/", mailoutbox[-1].body)

    coordinator = new_page(width=320)
    coordinator.goto(link.group(0))
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(
        "Tag imod invitationen"
    )
    assert axe_violations(coordinator) == []
    coordinator.get_by_role("link", name="Log ind med Testkommunen").click()
    coordinator.get_by_label("Brugernavn hos kommunen").fill("ny")
    coordinator.get_by_label("Adgangskode hos kommunen").fill(PASSWORD)
    coordinator.get_by_role("button", name="Log ind hos kommunen").click()
    coordinator.wait_for_url(page.base_url + f"/projects/{project.pk}/")
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Næstved-forløbet")
    expect(
        coordinator.get_by_text(
            "Velkommen til Synergi. Du er nu med i “Næstved-forløbet”."
        )
    ).to_be_visible()
    membership = Membership.objects.get(user__email=USERS["ny"])
    assert (membership.role, membership.site) == (Role.COORDINATOR, site)
    # The link is used now.
    coordinator.goto(link.group(0))
    expect(coordinator.get_by_text("Invitationen er allerede brugt.")).to_be_visible()
