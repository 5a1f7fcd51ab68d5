"""Request middleware of our own."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class DanishFirstLocaleMiddleware(LocaleMiddleware):
    """Danish unless the user has chosen another language.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a
    coordinator with an English browser would get English. Synergi is Danish
    first: only the choice made with the language switch (the cookie
    `set_language` sets) changes the language.
    """

    def process_request(self, request: HttpRequest) -> None:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


View = Callable[..., HttpResponseBase]


def cache_privately(seconds: int) -> Callable[[View], View]:
    """View decorator: the signed-in user's browser may keep this response for
    `seconds` (`Cache-Control: private, max-age=…`; never a shared cache).

    Every other response to a signed-in user is `no-store`
    (PrivateResponsesMiddleware); a view opts in with this, and only where the
    response may be shown again unchanged to the same user (the dashboard's charts,
    whose URL changes with their numbers). Refusals (403/404) raised by the view are
    turned into responses outside it, so they stay `no-store`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(
            request: HttpRequest, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                del response["Expires"]
                response["Cache-Control"] = f"private, max-age={int(seconds)}"
            return response

        return wrapped

    return decorator


class PrivateResponsesMiddleware:
    """`Cache-Control: no-store` on every response to a signed-in user, and a
    `Permissions-Policy` on every response.

    Pages show personal data (speakers' names on the evidence page, the member
    list, the schemas): no browser or proxy may keep them, so a shared computer
    does not show them again from its cache after sign-out (ASVS 14.3.2). A view
    that sets its own Cache-Control is left alone (`never_cache`, the photos,
    `cache_privately`). Static files are answered by WhiteNoise with their own
    caching, before the user is known; they get the Permissions-Policy only.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.permissions_policy = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if not response.has_header("Cache-Control"):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                add_never_cache_headers(response)
        return response


def permissions_policy(features: dict[str, list[str]]) -> str:
    """The header's value: {"camera": []} → 'camera=()'; {"fullscreen": ["self"]} →
    'fullscreen=(self)'."""
    return ", ".join(
        f"{feature}=({' '.join(allowed)})" for feature, allowed in features.items()
    )
