"""What the initiatives app shows on each role's home page."""

from django.utils import timezone

from core import panels

from . import selectors


@panels.register("home")
def project_work(*, user, project, memberships):
    """Links to the project's analysis, evidence, ideas and initiatives."""
    return {
        "template": "initiatives/home/project_work.html",
        "roles": {m.role for m in memberships},
    }


@panels.register("home")
def timeline_due(*, user, project, memberships):
    """The timeline items due this week and overdue for the user's roles."""
    due = selectors.timeline_for_user(
        user=user, project=project, today=timezone.localdate()
    )
    return {"template": "initiatives/home/timeline_due.html", **due}
