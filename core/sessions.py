"""How long a signed-in session lasts, and telling pages when it ends.

Two limits, kept in the session itself (Unix times) and enforced by SessionLimitsMiddleware
on every request:

- absolute: SESSION_ABSOLUTE_SECONDS after signing in a new sign-in is needed, however
  often the session was extended;
- idle: SESSION_IDLE_SECONDS without a request signs the user out.

The page's warning ("Forbliv logget ind", static/js/session.js) counts to the nearer of
the two; its button extends the idle time (never past the absolute limit) and gives the
session a new key. The cookie ends with the browser unless the user asked at sign-in to
be remembered on the device; then it lasts until the absolute limit.
"""

import datetime
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends.base import SessionBase
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN = "last_seen"
# A request refreshes the stored "last seen" at most this often (one session write a
# minute, not one a request); the idle limit is that much less exact.
LAST_SEEN_RESOLUTION = 60


def now() -> float:
    """The sessions' clock (a function, so tests can move it)."""
    return time.time()


def _start(session: SessionBase, moment: float) -> None:
    session[SIGNED_IN_AT] = int(moment)
    session[LAST_SEEN] = int(moment)


def absolute_end(session: SessionBase) -> int:
    return session[SIGNED_IN_AT] + settings.SESSION_ABSOLUTE_SECONDS


def ends_at(session: SessionBase) -> int:
    """When this session ends unless there is another request: a Unix time."""
    return min(
        session[LAST_SEEN] + settings.SESSION_IDLE_SECONDS, absolute_end(session)
    )


def is_final(session: SessionBase) -> bool:
    """True when only a new sign-in can make the session last beyond ends_at()."""
    return ends_at(session) >= absolute_end(session)


def state(session: SessionBase) -> dict[str, Any]:
    """What the page's warning needs: the end and whether extending can move it."""
    return {"expires_at": ends_at(session), "final": is_final(session)}


def remember_on_device(session: SessionBase, *, remember: bool) -> None:
    """The cookie ends with the browser, or (remember) lasts until the absolute limit."""
    if remember:
        session.set_expiry(
            datetime.datetime.fromtimestamp(absolute_end(session), tz=datetime.UTC)
        )
    else:
        session.set_expiry(0)


def extend(session: SessionBase) -> dict[str, Any]:
    """The warning's "Forbliv logget ind": a new session key, the idle time from now
    (up to the absolute limit). Returns the new state."""
    session.cycle_key()
    session[LAST_SEEN] = int(now())
    return state(session)


@receiver(user_logged_in)
def _on_login(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    if request is not None and hasattr(request, "session"):
        _start(request.session, now())


class SessionLimitsMiddleware:
    """Signs out a session past its absolute or idle limit (the next page then asks for
    a new sign-in, as LoginRequiredMiddleware does for anyone), and records each
    request as activity. Sits after AuthenticationMiddleware and before
    LoginRequiredMiddleware. The page's own question "when does my session end?"
    (session_status) is not activity."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        session = request.session
        if SESSION_KEY in session:
            moment = now()
            if SIGNED_IN_AT not in session:  # a session from before these limits
                _start(session, moment)
            elif moment >= ends_at(session):
                idle = moment < absolute_end(session)
                logout(request)
                messages.info(
                    request,
                    _("Du blev logget ud efter for lang tid uden aktivitet.")
                    if idle
                    else _(
                        "Du blev logget ud, fordi det er længe siden, du loggede ind."
                    ),
                )
            elif moment - session[
                LAST_SEEN
            ] >= LAST_SEEN_RESOLUTION and request.path != reverse("session_status"):
                session[LAST_SEEN] = int(moment)
        return self.get_response(request)
