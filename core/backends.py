"""Authentication: Django's ModelBackend behind the sign-in throttle."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from core import security


class ThrottledModelBackend(ModelBackend):
    """ModelBackend that refuses while the client's address or the whole app has too
    many failed sign-ins (core.security.sign_in_refusal), before any password is
    hashed, and counts each failure it did hash for.

    It replaces ModelBackend (not sits beside it), so every authenticate() call goes
    through it: the login page, Django admin's login, anything else.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return super().authenticate(
                request, username=username, password=password, **kwargs
            )
        refusal = security.sign_in_refusal(request)
        if refusal is not None:
            request.sign_in_refusal = refusal
            # authenticate() stops at PermissionDenied and reports a failed login.
            raise PermissionDenied
        user = super().authenticate(
            request, username=username, password=password, **kwargs
        )
        if user is None and password is not None:  # a password was hashed for it
            security.count_sign_in_failure(request)
        return user
