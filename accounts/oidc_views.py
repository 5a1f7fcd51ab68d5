"""The login page's single sign-on button, the way to the provider and back."""

import logging
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from accounts import oidc
from core import views as core_views

logger = logging.getLogger("security")

# The two-factor middleware (accounts) takes this as the second factor done.
SECOND_FACTOR_KEY = "accounts.second_factor"


class LoginView(core_views.LoginView):
    """The login page, with "Log ind med <provider>" when single sign-on is on."""

    # The button's label comes from accounts.context_processors.single_sign_on.


def _refuse(request: HttpRequest, refusal: oidc.SignInRefused) -> HttpResponse:
    logger.warning("single sign-on refused", extra={"reason": refusal.reason})
    messages.error(request, refusal.message)
    return HttpResponseRedirect(reverse("login"))


def _stale_state() -> oidc.SignInRefused:
    return oidc.refused(
        _("forsøget var udløbet eller allerede brugt. Prøv igen."),
        reason="unknown or reused state",
    )


@method_decorator(login_not_required, name="dispatch")
class OIDCStartView(OIDCAuthenticationRequestView):
    """Public: sends the browser to the provider's sign-in (state, nonce and PKCE kept
    in the session)."""

    public = True

    def __init__(self, **kwargs: Any) -> None:
        # Not the library's __init__: the endpoint may come from discovery (below).
        View.__init__(self, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc.enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc.endpoints().authorization
        except oidc.SignInRefused as refusal:
            return _refuse(request, refusal)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        response: HttpResponse = super().get(request)
        return response


@method_decorator(login_not_required, name="dispatch")
class OIDCCallbackView(OIDCAuthenticationCallbackView):
    """Public: where the provider sends the browser back. Signs the person in, or
    shows on the login page why not (never an error page)."""

    public = True

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc.enabled():
            raise Http404
        try:
            response: HttpResponse = super().get(request)
        except oidc.SignInRefused as refusal:
            return _refuse(request, refusal)
        except SuspiciousOperation:  # a state this session never sent, or used
            return _refuse(request, _stale_state())
        return response

    def login_failure(self) -> HttpResponse:
        if self.request.GET.get("error"):
            return _refuse(
                self.request,
                oidc.refused(
                    _("det blev afbrudt. Prøv igen."), reason="provider error"
                ),
            )
        return _refuse(self.request, _stale_state())

    def login_success(self) -> HttpResponse:
        response: HttpResponse = super().login_success()
        if settings.OIDC_TRUSTS_PROVIDER_SECOND_FACTOR:
            self.request.session[SECOND_FACTOR_KEY] = "provider"
        joined = getattr(self.user, "projects_joined", [])
        if joined:  # invitations taken by this sign-in: welcome, as the form does
            messages.success(
                self.request,
                _("Velkommen til Synergi. Du er nu med i %(projects)s.")
                % {
                    "projects": get_text_list([f"“{name}”" for name in joined], _("og"))
                },
            )
        return response
