"""Until the tokens (accounts.api_auth) are on main: a scheme that authenticates
nobody but tells an unauthenticated caller to send a Bearer token (401, not 403)."""

from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request


class BearerChallenge(BaseAuthentication):
    def authenticate(self, request: Request) -> None:
        return None

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'
