"""Panels that apps contribute to pages of the apps below them.

The core cannot import the apps built on it (and initiatives cannot import
testing), so a page names a place ("home", "initiative") and each app registers
what it shows there. A panel is a function (**context) → {"template", ...} or None;
panels show in the order the apps registered them (INSTALLED_APPS order).
"""

from collections import defaultdict

_panels = defaultdict(list)


def register(place):
    def decorator(panel):
        _panels[place].append(panel)
        return panel

    return decorator


def panels_for(place, **context):
    shown = []
    for panel in _panels[place]:
        result = panel(**context)
        if result:
            shown.append(result)
    return shown
