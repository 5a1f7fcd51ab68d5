"""What every page may need to know about signing in."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from accounts import oidc


def single_sign_on(request: HttpRequest) -> dict[str, Any]:
    """`single_sign_on_label` ("Log ind med Roskilde Kommune") when single sign-on is
    configured: the login page and an invitation's page offer it."""
    if not oidc.enabled():
        return {}
    return {
        "single_sign_on_label": _("Log ind med %(name)s")
        % {"name": oidc.provider_name()}
    }
