"""Security helpers: the client's address, throttled sign-ins and password-reset
e-mails, and a `security` log of sign-ins, sign-outs and failures (by account id, never
by name).

Throttling counts live in the shared cache (CACHES default: every worker and server sees
them) under keyed digests, so the cache never holds an address, a username or an e-mail
address. Each count belongs to a fixed window (a minute, a quarter of an hour, an hour,
counted from the epoch) and is gone soon after it. The sign-in limits look at the last
window's length, estimated from the current and the previous window (see `_refused_for`).
"""

import logging
import math
import time
from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.core import checks
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

logger = logging.getLogger("security")

RESET_WINDOW_SECONDS = 3600
GLOBAL_WINDOW_SECONDS = 60


def now() -> float:
    """The throttles' clock (a function, so tests can move it)."""
    return time.time()


def client_ip(request: HttpRequest) -> str | None:
    """The client's address for login throttling: the proxy's X-Real-IP where the
    deployment says the proxy sets it (TRUST_X_REAL_IP), else the socket's address."""
    if settings.TRUST_X_REAL_IP and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"].strip()
    return request.META.get("REMOTE_ADDR")


def _digest(purpose: str, value: str) -> str:
    # Keyed digests: the cache never holds an e-mail address, a username or an address.
    return salted_hmac(purpose, value, algorithm="sha256").hexdigest()


def _counter_key(kind: str, value: str) -> str:
    return f"password-reset:{kind}:{_digest('synergy.password-reset', value)}"


class Window:
    """One fixed window of a counter: its cache key and when it ends."""

    def __init__(self, key: str, seconds: int) -> None:
        start = int(now() // seconds) * seconds
        self.key = f"{key}:{start}"
        self.ends_at = start + seconds

    def seconds_left(self) -> int:
        return max(1, math.ceil(self.ends_at - now()))


def _count(key: str, seconds: int = RESET_WINDOW_SECONDS) -> int:
    """Add one to the counter `key` in its current window; the new count."""
    window = Window(key, seconds)
    # Kept through the next window too, where it still counts in part (_refused_for).
    timeout = window.seconds_left() + seconds + 5
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


def _refused_for(key: str, seconds: int, limit: int) -> int | None:
    """None while fewer than `limit` were counted under `key` in the last `seconds`,
    else how many seconds until that holds again (if nothing more is counted).

    The count of the last `seconds` is estimated from two fixed windows: the current
    one's count plus the previous one's, weighted by how much of it still lies within
    the last `seconds`. So the end of a window hands out no fresh allowance: past the
    limit, a client gets attempts back at the limit's own pace (30 per 15 minutes: one
    every 30 seconds), not all at once."""
    start = int(now() // seconds) * seconds
    current_key, previous_key = f"{key}:{start}", f"{key}:{start - seconds}"
    counts = cache.get_many([current_key, previous_key])
    current, previous = counts.get(current_key, 0), counts.get(previous_key, 0)
    elapsed = now() - start
    if current + previous * (1 - elapsed / seconds) < limit:
        return None
    if current < limit:
        # current + previous * (1 - (elapsed + wait) / seconds) < limit
        wait = seconds * (1 - (limit - current) / previous) - elapsed
    elif current:
        # After this window the current count is the previous one:
        # current * (1 - later / seconds) < limit
        wait = (seconds - elapsed) + seconds * (1 - limit / current)
    else:
        wait = seconds - elapsed
    return max(1, math.ceil(wait) + 1)


def password_reset_allowed(request: HttpRequest, email: str) -> bool:
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


def _address_key(request: HttpRequest) -> str:
    address = client_ip(request) or ""
    return f"sign-in-failures:address:{_digest('synergy.sign-in', address)}"


GLOBAL_KEY = "sign-in-failures:all"


class SignInRefusal:
    """Why a sign-in is refused now, and for how long (seconds)."""

    ADDRESS = "address"
    EVERYONE = "everyone"

    def __init__(self, reason: str, retry_after: int) -> None:
        self.reason = reason
        self.retry_after = retry_after

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def sign_in_refusal(request: HttpRequest) -> SignInRefusal | None:
    """A SignInRefusal when this address has failed too often lately
    (LOGIN_ADDRESS_FAILURE_LIMIT in LOGIN_ADDRESS_WINDOW_SECONDS), or the whole app has
    had too many failed sign-ins in the last minute (LOGIN_GLOBAL_FAILURES_PER_MINUTE);
    else None. Reads the counters and hashes nothing: call it before authenticating."""
    wait = _refused_for(
        _address_key(request),
        settings.LOGIN_ADDRESS_WINDOW_SECONDS,
        settings.LOGIN_ADDRESS_FAILURE_LIMIT,
    )
    if wait is not None:
        return SignInRefusal(SignInRefusal.ADDRESS, wait)
    wait = _refused_for(
        GLOBAL_KEY, GLOBAL_WINDOW_SECONDS, settings.LOGIN_GLOBAL_FAILURES_PER_MINUTE
    )
    if wait is not None:
        return SignInRefusal(SignInRefusal.EVERYONE, wait)
    return None


def count_sign_in_failure(request: HttpRequest) -> None:
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
def check_sign_in_limits(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """The app-wide limit must be well above the per-address one, or one address alone
    could stop everybody's sign-ins: an address can pass its limit by the attempts in
    flight when it is reached, and then gets attempts back at its pace. Twice is
    enough (measured: benchmarks/README.md)."""
    if (
        settings.LOGIN_GLOBAL_FAILURES_PER_MINUTE
        < 2 * settings.LOGIN_ADDRESS_FAILURE_LIMIT
    ):
        return [
            checks.Warning(
                "LOGIN_GLOBAL_FAILURES_PER_MINUTE is less than twice "
                "LOGIN_ADDRESS_FAILURE_LIMIT: one address alone could stop every "
                "sign-in for a minute at a time.",
                hint="Raise LOGIN_GLOBAL_FAILURES_PER_MINUTE or lower "
                "LOGIN_ADDRESS_FAILURE_LIMIT.",
                id="synergy.W001",
            )
        ]
    return []


@receiver(user_logged_in)
def _log_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    logger.info("login succeeded", extra={"user_id": user.pk})


@receiver(user_logged_out)
def _log_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    logger.info("logout", extra={"user_id": getattr(user, "pk", None)})


@receiver(user_login_failed)
def _log_login_failure(
    sender: Any,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kwargs: Any,
) -> None:
    # Not the username typed: it may be a mistyped password or someone else's name.
    logger.info("login failed")
