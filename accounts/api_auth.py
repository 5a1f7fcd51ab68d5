"""The read API's authentication and throttling (Django REST framework classes).

`Authorization: Bearer syn_…` with a key made on "API-nøgler". The request then reads
as the key's reader (accounts.api_tokens.reader_for): its owner for a personal key, the
key's role in its project for a project key. Every request with a key is written to
the audit trail. A missing key is 401 with `WWW-Authenticate: Bearer`; so is a wrong,
expired or revoked one, with a message that says so (and no more).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from accounts import api_tokens, selectors, services
from accounts.models import ApiToken

BEARER = b"bearer"


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer <key>`."""

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != BEARER:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Skriv headeren som “Authorization: Bearer” og så nøglen.")
            )
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            key = ""
        token = api_tokens.token_for_key(key) if key else None
        if token is None or not api_tokens.token_works(token):
            raise exceptions.AuthenticationFailed(
                _("API-nøglen er forkert, udløbet eller tilbagekaldt.")
            )
        services.api_token_used(
            token=token, method=request.method or "", path=request.path
        )
        return api_tokens.reader_for(token), token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class ApiTokenThrottle(SimpleRateThrottle):
    """Requests per key at `API_THROTTLE_RATE` (e.g. "300/min"), over the last
    period: counted in the audit trail, where each request with a key is already
    written (accounts.selectors.api_token_uses_since), so parallel requests are
    counted too. A signed-in browser (the docs' "Try it out") is counted per person,
    anyone else per address, in the shared cache."""

    scope = "api"

    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_RATE

    def allow_request(self, request: Request, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return super().allow_request(request, view)
        self.num_requests, self.duration = self.parse_rate(self.get_rate())
        if self.num_requests is None or self.duration is None:
            return True
        now = timezone.now()
        since = now - datetime.timedelta(seconds=self.duration)
        if (
            selectors.api_token_uses_since(token=token, since=since)
            <= self.num_requests
        ):
            return True
        oldest = selectors.api_token_oldest_use_since(token=token, since=since)
        self._key_wait = (
            self.duration - (now - oldest).total_seconds() if oldest else self.duration
        )
        return False

    def wait(self) -> float | None:
        if hasattr(self, "_key_wait"):
            return max(self._key_wait, 1)
        return super().wait()

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if isinstance(request.auth, ApiToken):
            ident = f"key-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"addr-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
