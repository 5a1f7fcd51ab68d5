"""Panels on the home page, contributed by the apps.

The core cannot import the apps built on it, so each app registers what it wants
to show a user on the home page for a project (its work for them, what is due).
A panel is a function (user, project, memberships) → {"template", ...context} or
None; panels show in the order the apps registered them.
"""

_panels = []


def register(panel):
    _panels.append(panel)
    return panel


def panels_for(*, user, project, memberships):
    shown = []
    for panel in _panels:
        context = panel(user=user, project=project, memberships=memberships)
        if context:
            shown.append(context)
    return shown
