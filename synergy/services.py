"""Writes shared by every app (saving a validated form, deleting safely) and the project's."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError

from .merge import Merge, three_way
from .merge_forms import stored_value
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


@dataclass
class MergedSave:
    """The object as stored after a merged save, and what the save did per field."""

    instance: models.Model
    merge: Merge


@transaction.atomic
def merge_save(
    *,
    instance: models.Model,
    values: Mapping[str, Any],
    bases: Mapping[str, str],
    choices: Mapping[str, tuple[str, str]],
    same_version: bool = False,
) -> MergedSave:
    """Save a page's `values` (model field name → value) onto `instance` by three-way
    merge per field with what was saved since the page was loaded (synergy.merge):
    fields only the page changed are written, fields only others changed stay, fields
    both changed are left as stored and come back as conflicts for a person to choose.
    `bases`: the token of each value the page showed; `choices`: the conflict choices
    it posted; `same_version` says the page was loaded at the stored version (used for
    fields without a base token).
    """
    model = type(instance)
    fresh = model.objects.select_for_update().get(pk=instance.pk)
    names = list(values)
    merge = three_way(
        mine=values,
        theirs={name: stored_value(fresh, name) for name in names},
        base=bases,
        choices=choices,
        same_version=same_version,
    )
    many = [n for n in merge.apply if fresh._meta.get_field(n).many_to_many]
    plain = [n for n in merge.apply if n not in many]
    for name in plain:
        setattr(fresh, name, merge.apply[name])
    if merge.apply:
        fresh.full_clean(exclude=[n for n in names if n not in plain])
        fresh.save()
    for name in many:
        getattr(fresh, name).set(merge.apply[name])
    return MergedSave(instance=fresh, merge=merge)


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


def send_password_reset_links(
    *, email: str, domain: str, use_https: bool, language: str
) -> None:
    """Send a password reset link to each active account with a usable password and
    this e-mail address (none for an unknown address), written in `language`. Runs in
    the task worker (synergy.tasks.send_password_reset)."""
    from django.contrib.auth.forms import PasswordResetForm
    from django.utils import translation

    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    with translation.override(language):
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name="registration/password_reset_subject.txt",
            email_template_name="registration/password_reset_email.txt",
        )
