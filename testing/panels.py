"""What the testing app shows on the home page and on an initiative's page, and what
it counts for the timeline (schemas still missing by a milestone)."""

from django.db.models import Count, Q
from django.utils import timezone

from core import panels, timeline
from projects.models import Role

from . import selectors
from .models import (
    OPEN_STATUSES,
    SchemaTemplate,
    Submission,
    SubmissionStatus,
    TestGuide,
    TestRun,
)


@timeline.register("schemas")
def schemas_missing(*, project, deadlines):
    """For a timeline item that follows the test schemas: how many schemas are not
    sent (not started, drafts, or sent back for correction) with a deadline on or
    before each of `deadlines` (one query)."""
    open_by_due = list(
        Submission.objects.filter(run__project=project, status__in=OPEN_STATUSES)
        .values_list("due_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        deadline: sum(n for due_on, n in open_by_due if due_on <= deadline)
        for deadline in deadlines
    }


@panels.register("home")
def schemas_for_role(*, user, project, memberships):
    """Coordinators: how many schemas they owe; the consultant: how many wait for review."""
    roles = {m.role for m in memberships}
    context = {"template": "testing/panels/home.html", "roles": roles}
    if Role.COORDINATOR in roles:
        groups = selectors.my_submissions(user=user, today=timezone.localdate())
        context["mine"] = {key: len(value) for key, value in groups.items()}
    if Role.CONSULTANT in roles:
        context["to_review"] = Submission.objects.filter(
            run__project=project, status=SubmissionStatus.SUBMITTED
        ).count()
    return context


@panels.register("initiative")
def initiative_testing(*, user, initiative):
    """The initiative's test guide, schemas and runs with their progress."""
    runs = (
        TestRun.objects.filter(initiative=initiative)
        .select_related("site")
        .annotate(
            submission_count=Count("submissions"),
            done_count=Count(
                "submissions",
                filter=Q(
                    submissions__status__in=[
                        SubmissionStatus.SUBMITTED,
                        SubmissionStatus.APPROVED,
                    ]
                ),
            ),
        )
        .order_by("site__name")
    )
    guide = (
        TestGuide.objects.filter(initiative=initiative)
        .annotate(version_count=Count("versions"))
        .first()
    )
    return {
        "template": "testing/panels/initiative.html",
        "initiative": initiative,
        "guide": guide,
        "templates": SchemaTemplate.objects.filter(initiative=initiative).order_by(
            "name"
        ),
        "runs": runs,
    }
