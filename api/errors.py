"""One shape for every refusal of the API, in Danish or (with Accept-Language: en)
English:

    {"detail": "Ugyldige parametre.", "code": "invalid",
     "errors": {"week": ["Skriv ugen som ÅÅÅÅ-Www, fx 2017-W39."]}}

`errors` is there for invalid parameters (400) only, by parameter name. Unexpected
errors are not caught here: they stay server errors (500) and are logged."""

from typing import Any

from django.utils.translation import gettext as _
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
    elif isinstance(exc, exceptions.NotFound) and str(detail) == str(
        exceptions.NotFound.default_detail
    ):
        message = _("Findes ikke, eller du har ikke adgang til det.")
    else:
        message = str(detail) if detail is not None else str(exc)
    response.data = {"detail": message, "code": str(code)}
    return response


def _as_list(messages: Any) -> list[Any]:
    return list(messages) if isinstance(messages, list | tuple) else [messages]
