"""The bell in the top bar: the number of unread notifications (one query, made only
when a page shows it, once per request)."""

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from . import selectors


def bell(request: HttpRequest) -> dict[str, Callable[[], int]]:
    user: Any = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @functools.cache
    def unread() -> int:
        # A callable: the template calls it where it is used, and only there.
        return selectors.unread_count(user=user)

    return {"notifications_unread": unread}
