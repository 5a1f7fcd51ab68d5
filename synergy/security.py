"""Security helpers: the client's address, throttled password-reset e-mails, and a
`security` log of sign-ins, sign-outs and failures (by account id, never by name)."""

import logging

from django.conf import settings
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.core.cache import cache
from django.dispatch import receiver
from django.utils.crypto import salted_hmac

logger = logging.getLogger("security")

RESET_WINDOW_SECONDS = 3600


def client_ip(request):
    """The client's address for login throttling: the proxy's X-Real-IP where the
    deployment says the proxy sets it (TRUST_X_REAL_IP), else the socket's address."""
    if settings.TRUST_X_REAL_IP and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"].strip()
    return request.META.get("REMOTE_ADDR")


def _counter_key(kind, value):
    # Keyed digests: the cache never holds an e-mail address or an IP address.
    digest = salted_hmac("synergy.password-reset", value, algorithm="sha256")
    return f"password-reset:{kind}:{digest.hexdigest()}"


def _count(key):
    cache.add(key, 0, timeout=RESET_WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=RESET_WINDOW_SECONDS)
        return 1


def password_reset_allowed(request, email):
    """Count one reset request; False when this e-mail address or this client has asked
    too often within the hour. Known and unknown addresses count alike, so the answer
    tells nobody whether an account exists."""
    counts = {
        "email": _count(_counter_key("email", email.strip().lower())),
        "client": _count(_counter_key("client", client_ip(request) or "")),
    }
    allowed = (
        counts["email"] <= settings.PASSWORD_RESET_LIMIT_PER_EMAIL
        and counts["client"] <= settings.PASSWORD_RESET_LIMIT_PER_CLIENT
    )
    if not allowed:
        logger.warning("password reset throttled")
    return allowed


@receiver(user_logged_in)
def _log_login(sender, request, user, **kwargs):
    logger.info("login succeeded", extra={"user_id": user.pk})


@receiver(user_logged_out)
def _log_logout(sender, request, user, **kwargs):
    logger.info("logout", extra={"user_id": getattr(user, "pk", None)})


@receiver(user_login_failed)
def _log_login_failure(sender, credentials, request=None, **kwargs):
    # Not the username typed: it may be a mistyped password or someone else's name.
    logger.info("login failed")
