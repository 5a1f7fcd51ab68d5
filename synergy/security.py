"""Security helpers: the client's address, throttled sign-ins and password-reset
e-mails, and a `security` log of sign-ins, sign-outs and failures (by account id, never
by name).

Throttling counts live in the shared cache (CACHES default: every worker and server sees
them) under keyed digests, so the cache never holds an address, a username or an e-mail
address. Each count belongs to a fixed window (a minute, a quarter of an hour, an hour,
counted from the epoch) and is gone with it.
"""

import logging
import math
import time

from django.conf import settings
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.core import checks
from django.core.cache import cache
from django.dispatch import receiver
from django.utils.crypto import salted_hmac

logger = logging.getLogger("security")

RESET_WINDOW_SECONDS = 3600
GLOBAL_WINDOW_SECONDS = 60


def now():
    """The throttles' clock (a function, so tests can move it)."""
    return time.time()


def client_ip(request):
    """The client's address for login throttling: the proxy's X-Real-IP where the
    deployment says the proxy sets it (TRUST_X_REAL_IP), else the socket's address."""
    if settings.TRUST_X_REAL_IP and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"].strip()
    return request.META.get("REMOTE_ADDR")


def _digest(purpose, value):
    # Keyed digests: the cache never holds an e-mail address, a username or an address.
    return salted_hmac(purpose, value, algorithm="sha256").hexdigest()


def _counter_key(kind, value):
    return f"password-reset:{kind}:{_digest('synergy.password-reset', value)}"


class Window:
    """One fixed window of a counter: its cache key and when it ends."""

    def __init__(self, key, seconds):
        start = int(now() // seconds) * seconds
        self.key = f"{key}:{start}"
        self.ends_at = start + seconds

    def seconds_left(self):
        return max(1, math.ceil(self.ends_at - now()))


def _count(key, seconds=RESET_WINDOW_SECONDS):
    """Add one to the counter `key` in its current window; the new count."""
    window = Window(key, seconds)
    # Kept a little past the window's end; a new window has a new key anyway.
    timeout = window.seconds_left() + 5
    cache.add(window.key, 0, timeout=timeout)
    try:
        count = cache.incr(window.key)
    except ValueError:  # expired between add and incr
        cache.set(window.key, 1, timeout=timeout)
        return 1
    # The database cache's incr() stores the value again with the default timeout
    # (5 minutes): give the count back its window.
    cache.touch(window.key, timeout=timeout)
    return count


def _current(key, seconds):
    window = Window(key, seconds)
    return cache.get(window.key, 0), window


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


# Sign-in throttling, beside django-axes (which locks one username at one address).
# A flood of new usernames each costs a password hash (Django hashes even for an
# unknown username, so the answer takes as long): these two counts stop it.


def _address_key(request):
    address = client_ip(request) or ""
    return f"sign-in-failures:address:{_digest('synergy.sign-in', address)}"


GLOBAL_KEY = "sign-in-failures:all"


class SignInRefusal:
    """Why a sign-in is refused now, and for how long (seconds)."""

    ADDRESS = "address"
    EVERYONE = "everyone"

    def __init__(self, reason, retry_after):
        self.reason = reason
        self.retry_after = retry_after

    @property
    def minutes(self):
        return max(1, math.ceil(self.retry_after / 60))


def sign_in_refusal(request):
    """A SignInRefusal when this address has failed too often within its window
    (LOGIN_ADDRESS_FAILURE_LIMIT per LOGIN_ADDRESS_WINDOW_SECONDS), or the whole app
    has had too many failed sign-ins this minute (LOGIN_GLOBAL_FAILURES_PER_MINUTE);
    else None. Reads two counters and hashes nothing: call it before authenticating."""
    failures, window = _current(
        _address_key(request), settings.LOGIN_ADDRESS_WINDOW_SECONDS
    )
    if failures >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
        return SignInRefusal(SignInRefusal.ADDRESS, window.seconds_left())
    failures, window = _current(GLOBAL_KEY, GLOBAL_WINDOW_SECONDS)
    if failures >= settings.LOGIN_GLOBAL_FAILURES_PER_MINUTE:
        return SignInRefusal(SignInRefusal.EVERYONE, window.seconds_left())
    return None


def count_sign_in_failure(request):
    """Count a failed sign-in that was checked (and so cost a password hash): once for
    its address, once for the app. Refused sign-ins are not counted, so one address
    refused cheaply cannot push everybody over the app's limit."""
    address_failures = _count(
        _address_key(request), settings.LOGIN_ADDRESS_WINDOW_SECONDS
    )
    all_failures = _count(GLOBAL_KEY, GLOBAL_WINDOW_SECONDS)
    if address_failures == settings.LOGIN_ADDRESS_FAILURE_LIMIT:
        logger.warning("sign-in throttled for an address")
    if all_failures == settings.LOGIN_GLOBAL_FAILURES_PER_MINUTE:
        logger.warning("sign-in throttled for everyone")


@checks.register(checks.Tags.security)
def check_sign_in_limits(app_configs, **kwargs):
    """The app-wide limit must be above the per-address one, or one address alone
    could stop everybody's sign-ins."""
    if (
        settings.LOGIN_GLOBAL_FAILURES_PER_MINUTE
        <= settings.LOGIN_ADDRESS_FAILURE_LIMIT
    ):
        return [
            checks.Warning(
                "LOGIN_GLOBAL_FAILURES_PER_MINUTE is not above "
                "LOGIN_ADDRESS_FAILURE_LIMIT: one address alone could stop every "
                "sign-in for the rest of a minute.",
                hint="Raise LOGIN_GLOBAL_FAILURES_PER_MINUTE or lower "
                "LOGIN_ADDRESS_FAILURE_LIMIT.",
                id="synergy.W001",
            )
        ]
    return []


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
