"""Authentication: Django's ModelBackend behind the sign-in throttle."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from core import security


def account_name(typed: str | None) -> str | None:
    """The username to sign in as. An e-mail address (invited people's usernames
    are their addresses) is matched with case ignored: to the one account with that
    username, else the one active account with that address; otherwise as typed."""
    if not typed or "@" not in typed:
        return typed
    users = get_user_model().objects
    for matches in (
        users.filter(username__iexact=typed.strip()),
        users.filter(email__iexact=typed.strip(), is_active=True),
    ):
        found = list(matches.values_list("username", flat=True)[:2])
        if len(found) == 1:
            return found[0]
    return typed


class ThrottledModelBackend(ModelBackend):
    """ModelBackend that refuses while the client's address or the whole app has too
    many failed sign-ins (core.security.sign_in_refusal), before any password is
    hashed, and counts each failure it did hash for.

    It replaces ModelBackend (not sits beside it), so every authenticate() call goes
    through it: the login page, Django admin's login, anything else. With
    PASSWORD_LOGIN_ENABLED off it accepts no password at all.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not settings.PASSWORD_LOGIN_ENABLED:
            return None
        if request is None:
            return super().authenticate(
                request, username=username, password=password, **kwargs
            )
        refusal = security.sign_in_refusal(request)
        if refusal is not None:
            # authenticate() stops at PermissionDenied and reports a failed login.
            raise PermissionDenied
        user = super().authenticate(
            request, username=account_name(username), password=password, **kwargs
        )
        if user is None and password is not None:  # a password was hashed for it
            security.count_sign_in_failure(request)
        return user
