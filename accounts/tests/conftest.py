"""A real OpenID Connect provider for the single sign-on tests (accounts/tests/provider),
started once per test session in its own process on a loopback port."""

import pytest

from accounts.tests.provider import running_provider

# Where the provider sends the test client back to (Django's test client is
# "testserver").
TEST_CLIENT_CALLBACK = "http://testserver/konto/oidc/callback/"


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    with running_provider(
        tmp_path_factory.mktemp("oidc-provider"), [TEST_CLIENT_CALLBACK]
    ) as provider:
        yield provider


@pytest.fixture
def sso(oidc_provider, settings):
    """Synergi's settings pointed at the test provider."""
    for name, value in oidc_provider.settings().items():
        setattr(settings, name, value)
    return oidc_provider
