"""Writes shared by every app (saving a validated form, deleting safely) and the project's."""

from django.db import transaction

from projects.models import Membership, Role


@transaction.atomic
def project_create(*, form, user):
    """Create a project from a validated form; its creator becomes its consultant."""
    project = form.save()
    Membership.objects.create(user=user, project=project, role=Role.CONSULTANT)
    return project


def membership_may_delete(*, membership):
    """A project keeps at least one consultant."""
    if membership.role != Role.CONSULTANT:
        return True
    return membership.project.memberships.filter(role=Role.CONSULTANT).count() > 1
