"""System checks for signing in."""

from typing import Any

from django.conf import settings
from django.core import checks

from accounts import oidc


@checks.register(checks.Tags.security)
def some_way_to_sign_in(app_configs: Any = None, **kwargs: Any) -> list[checks.Error]:
    """With password sign-in off, single sign-on must be configured."""
    if not settings.PASSWORD_LOGIN_ENABLED and not oidc.enabled():
        return [
            checks.Error(
                "PASSWORD_LOGIN_ENABLED is False and single sign-on is not "
                "configured: nobody could sign in.",
                hint="Set OIDC_ISSUER and OIDC_CLIENT_ID, or PASSWORD_LOGIN_ENABLED=True.",
                id="accounts.E001",
            )
        ]
    return []
