"""The navigation each role sees (the entries the apps register, core/navigation.py)
and when the session ends."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from core import navigation as nav_registry
from core import sessions


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    session_end = {"session_warning_seconds": settings.SESSION_WARNING_SECONDS}
    if sessions.SIGNED_IN_AT in request.session:
        session_end["session_expires_at"] = sessions.ends_at(request.session)
        session_end["session_final"] = sessions.is_final(request.session)
    items = nav_registry.items_for(user)
    path = request.path
    # The longest matching prefix is the current page ("/" only matches itself).
    current = max(
        (
            url
            for _label, url in items
            if path == url or (url != "/" and path.startswith(url))
        ),
        key=len,
        default=None,
    )
    return {
        **session_end,
        "nav_items": [
            {"label": label, "url": url, "current": url == current}
            for label, url in items
        ],
    }
