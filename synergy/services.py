"""Writes shared by every app (saving a validated form, deleting safely) and the project's."""

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError

from .models import Membership, Role


class ActionRefused(Exception):
    """A service refuses a change that breaks a rule; the message says why, in Danish.

    The generic views show it as an error on the form (nothing is saved)."""


class StateConflict(ActionRefused):
    """Somebody else changed the object since the user loaded the page (HTTP 409)."""


@transaction.atomic
def model_form_save(*, form):
    """Save a validated ModelForm (its many-to-many fields too) in one transaction."""
    return form.save()


def object_delete(*, instance):
    """Delete `instance` and what cascades from it, all or nothing.

    Returns False (and deletes nothing) when other rows protect it.
    """
    try:
        with transaction.atomic():
            instance.delete()
    except (ProtectedError, RestrictedError):
        return False
    return True


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
