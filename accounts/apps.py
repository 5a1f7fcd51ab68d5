from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """How people sign in: single sign-on with OpenID Connect and the second factor
    (an authenticator app's codes and recovery codes). Who may sign in at all comes
    from projects (memberships and invitations)."""

    name = "accounts"
    verbose_name = _("Log ind")

    def ready(self) -> None:
        from accounts import (
            checks,  # noqa: F401 (registers the system checks)
            two_factor,  # noqa: F401  (decides at sign-in what the session needs)
        )
