"""Panels that apps contribute to pages of the apps below them.

The core cannot import the apps built on it (and initiatives cannot import
testing), so a page names a place ("home", "initiative") and each app registers
what it shows there. A panel is a function (**context) → {"template", ...} or None;
panels show in the order the apps registered them (INSTALLED_APPS order).
"""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

# panel(**context) → {"template": ..., ...} or None
Panel = Callable[..., dict[str, Any] | None]

_panels: defaultdict[str, list[Panel]] = defaultdict(list)


def register(place: str) -> Callable[[Panel], Panel]:
    def decorator(panel: Panel) -> Panel:
        _panels[place].append(panel)
        return panel

    return decorator


def panels_for(place: str, **context: Any) -> list[dict[str, Any]]:
    shown = []
    for panel in _panels[place]:
        result = panel(**context)
        if result:
            shown.append(result)
    return shown
