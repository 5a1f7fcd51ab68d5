"""How the API's views are described in the OpenAPI document: in Danish (English with
Accept-Language: en) from each view's `summary`, grouped by table (a CSV file beside
its list), with the CSV files' filters."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

from .filters import DESCRIPTIONS


class ApiSchema(AutoSchema):
    def get_description(self) -> str:
        summary = getattr(self.view, "summary", None)
        return str(summary) if summary else super().get_description()

    def get_tags(self) -> list[str]:
        return [tag.removesuffix(".csv") for tag in super().get_tags()]

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        if getattr(self.view, "is_csv", False):
            for name in getattr(self.view, "filters", ()):
                kind, pattern, description = DESCRIPTIONS[name]
                parameters.append(
                    OpenApiParameter(
                        name,
                        type=int if kind == "integer" else str,
                        description=str(description),
                        pattern=pattern,
                    )
                )
        return parameters


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """The API keys of "API-nøgler" (accounts.api_auth.ApiTokenAuthentication) as an
    HTTP bearer scheme: the docs' "Authorize" takes a key, every operation names it.
    Registered when this module is imported (REST_FRAMEWORK's DEFAULT_SCHEMA_CLASS)."""

    target_class = "accounts.api_auth.ApiTokenAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "En API-nøgle fra “API-nøgler” i Synergi: Authorization: Bearer syn_…"
            ),
        }
