"""What the initiatives app shows on each role's home page."""

from django.utils import timezone

from core import panels
from projects.models import Role

from . import selectors


@panels.register("home")
def project_work(*, user, project, memberships):
    """Links to the project's analysis, evidence, ideas and initiatives."""
    roles = {m.role for m in memberships}
    return {
        "template": "initiatives/home/project_work.html",
        "proposes_ideas": Role.COORDINATOR in roles,
        "sees_decisions": bool(roles & {Role.STEERING, Role.CONSULTANT}),
    }


@panels.register("home")
def steering_waiting(*, user, project, memberships):
    """For the steering group and the consultant: what waits for the steering
    group's decision (presented ideas, initiatives whose test has ended)."""
    if not {m.role for m in memberships} & {Role.STEERING, Role.CONSULTANT}:
        return None
    waiting = selectors.steering_waiting(project=project, today=timezone.localdate())
    return {"template": "initiatives/home/steering_waiting.html", **waiting}


@panels.register("home")
def timeline_due(*, user, project, memberships):
    """The timeline items due this week and overdue for the user's roles."""
    due = selectors.timeline_for_user(
        user=user, project=project, today=timezone.localdate()
    )
    return {"template": "initiatives/home/timeline_due.html", **due}
