"""One shape for every refusal of the API, in Danish or (with Accept-Language: en)
English:

    {"detail": "Ugyldige parametre.", "code": "invalid",
     "errors": {"week": ["Skriv ugen som ÅÅÅÅ-Www, fx 2017-W39."]}}

`errors` is there for invalid parameters (400) only, by parameter name. Unexpected
errors are not caught here: they stay server errors (500) and are logged."""

import math
from typing import Any

from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"": exc.detail}
        response.data = {
            "detail": _("Ugyldige parametre."),
            "code": "invalid",
            "errors": {
                name: [str(message) for message in _as_list(messages)]
                for name, messages in errors.items()
            },
        }
        return response
    detail = getattr(exc, "detail", None)
    code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        message = _(
            "Mangler gyldig API-nøgle: send den i headeren 'Authorization: Bearer' og så nøglen."
        )
        if isinstance(exc, exceptions.AuthenticationFailed) and detail:
            message = str(detail)
    elif isinstance(exc, exceptions.MethodNotAllowed):
        message = _("API'et kan kun læse: brug GET.")
    elif isinstance(exc, Http404) or (
        isinstance(exc, exceptions.NotFound)
        and str(detail) == str(exceptions.NotFound.default_detail)
    ):
        # One answer for an unknown id and one out of reach (Django's own text
        # names the model, in English).
        message = _("Findes ikke, eller du har ikke adgang til det.")
        code = "not_found"
    elif isinstance(exc, exceptions.Throttled):
        seconds = math.ceil(exc.wait) if exc.wait is not None else 60
        message = ngettext(
            "For mange forespørgsler med denne nøgle. Prøv igen om %(seconds)s sekund.",
            "For mange forespørgsler med denne nøgle. Prøv igen om %(seconds)s sekunder.",
            seconds,
        ) % {"seconds": seconds}
    else:
        message = str(detail) if detail is not None else str(exc)
    response.data = {"detail": message, "code": str(code)}
    return response


def _as_list(messages: Any) -> list[Any]:
    return list(messages) if isinstance(messages, list | tuple) else [messages]


def not_found(request: Any) -> JsonResponse:
    """A path under /api/ that names nothing (`/api/v1/initiatives/abc/`, an unknown
    table): the API's JSON 404, not the HTML page (synergy.urls.handler404)."""
    translation.activate(translation.get_language_from_request(request))
    return JsonResponse(
        {
            "detail": _("Findes ikke, eller du har ikke adgang til det."),
            "code": "not_found",
        },
        status=404,
        headers={"Content-Language": translation.get_language()},
    )
