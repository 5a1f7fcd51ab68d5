"""When a signed-in session ends, so that pages can warn before it does.

Django's session lasts SESSION_COOKIE_AGE from its last save. The moment is kept in the
session itself ("expires_at", a Unix time) at login and whenever the user extends it;
base.html hands it to static/js/session.js, which warns SESSION_WARNING_SECONDS before.
"""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

KEY = "expires_at"


def renew(session):
    """Start a new full session age now (saving the session renews its cookie too)."""
    session[KEY] = int(time.time()) + settings.SESSION_COOKIE_AGE
    return session[KEY]


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        renew(request.session)
