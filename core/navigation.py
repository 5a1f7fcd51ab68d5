"""The navigation bar: entries the apps register in `<app>/navigation.py`.

An entry is a label, an order and a function (user) → URL, or None where the user
does not see it. The functions may ask the permission rules, which read the user's
memberships once per request.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from core.registry import Registry


@dataclass(frozen=True)
class NavEntry:
    order: int
    label: str | Promise
    url_for: Callable[..., str | None]


_entries: Registry[NavEntry] = Registry("navigation")


def entry(
    *, order: int, label: str | Promise
) -> Callable[[Callable[..., str | None]], Callable[..., str | None]]:
    """Registers the decorated function (user) → URL or None as a navigation entry."""

    def decorator(url_for: Callable[..., str | None]) -> Callable[..., str | None]:
        _entries.register(NavEntry(order=order, label=label, url_for=url_for))
        return url_for

    return decorator


def items_for(user: Any) -> list[tuple[str, str]]:
    """(label, URL) of the entries this user sees, in order."""
    shown = []
    for nav in sorted(_entries, key=lambda nav: nav.order):
        url = nav.url_for(user)
        if url:
            shown.append((str(nav.label), url))
    return shown
