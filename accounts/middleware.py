"""Until a signed-in user has given their second factor, or set one up where it is
required, every page sends them to the page that asks for it."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse

from accounts import two_factor

# The pages an unverified user may still open (besides the one that asks).
ALLOWED = {
    "logout",
    "healthz",
    "healthz_worker",
    "set_language",
    "session_status",
    "session_extend",
    "accessibility_statement",
}
PAGE_FOR = {
    two_factor.VERIFY: "accounts:two_factor_verify",
    two_factor.ENROL: "accounts:two_factor_enrol",
}


def pending(request: HttpRequest) -> str | None:
    """The URL name of the page this session must pass first, or None."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    session = request.session
    state = session.get(two_factor.SESSION_STATE)
    if state is None:  # a session from before the second factor: decide now
        state = session[two_factor.SESSION_STATE] = two_factor.state_for(user)
    if state == two_factor.NOT_NEEDED or two_factor.provider_verified(session):
        return None
    if user.is_verified():  # django-otp's middleware: a device in this session
        return None
    return PAGE_FOR.get(state)


class SecondFactorMiddleware:
    """Sits after the session limits (an ended session is already signed out) and
    django-otp's OTPMiddleware. The page they were going to travels as `next`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponseBase | None:
        if request.path_info.startswith(settings.STATIC_URL):
            return None
        page = pending(request)
        match = request.resolver_match
        if page is None or match is None:
            return None
        if match.view_name == page or match.view_name in ALLOWED:
            return None
        url = reverse(page)
        target = request.get_full_path()
        if target != "/" and request.method == "GET":
            url += "?" + urlencode({"next": target})
        return HttpResponseRedirect(url)
