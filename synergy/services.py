"""Writes shared by every app (merged saves, deleting safely) and the project's.

Services take plain values, never a form or a request: the views pass
`form.cleaned_data`, and the demo loaders, commands and benchmarks call the same
functions. Saving a ModelForm of a model no service owns is the forms' business
(synergy.form_saves).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError

from .merge import Merge, three_way
from .merge_forms import stored_value
from .models import AuditEvent, Membership, Project, Role, WorkerHeartbeat
from .owned_state import ALL

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from sites.models import Site

# State only the app writes; Django admin shows it read-only (synergy.owned_state).
# ALL: a log (the audit trail written by synergy.audit, the workers' heartbeats).
OWNED_STATE: dict[type[models.Model], tuple[str, ...] | str] = {
    AuditEvent: ALL,
    WorkerHeartbeat: ALL,
}


class ActionRefused(Exception):
    """A service refuses a change that breaks a rule; the message says why, in Danish.

    The generic views show it as an error on the form (nothing is saved)."""


class StateConflict(ActionRefused):
    """Somebody else changed the object since the user loaded the page (HTTP 409)."""


@dataclass
class MergedSave:
    """The object as stored after a merged save, and what the save did per field."""

    instance: models.Model
    merge: Merge


@transaction.atomic
def instance_merge_save(
    *,
    instance: models.Model,
    values: Mapping[str, Any],
    bases: Mapping[str, str],
    choices: Mapping[str, tuple[str, str]] | None = None,
    same_version: bool = False,
) -> MergedSave:
    """Save `values` ({field name: value}) into `instance` by three-way merge per field
    with what was saved since the page showing `bases` ({field name: token of the
    value shown}) was loaded (synergy.merge): fields only the page changed are
    written, fields only others changed stay, fields both changed are left as stored
    and come back as conflicts for a person to choose (`choices` are those already
    made). `same_version` says the page was loaded at the stored version (used for
    fields without a base token).
    """
    model = type(instance)
    fresh = model._default_manager.select_for_update().get(pk=instance.pk)
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


def object_delete(*, instance: models.Model) -> bool:
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
def project_create(
    *,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    guiding_question: str = "",
    purpose: str = "",
    personal_data_retention_days: int | None = None,
    sites: Iterable[Site] = (),
    consultant: User,
) -> Project:
    """Create a project; `consultant` (its creator) becomes its consultant."""
    project = Project(
        name=name,
        guiding_question=guiding_question,
        purpose=purpose,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    if personal_data_retention_days is not None:
        project.personal_data_retention_days = personal_data_retention_days
    project.save()
    project.sites.set(sites)
    Membership.objects.create(user=consultant, project=project, role=Role.CONSULTANT)
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    guiding_question: str = "",
    purpose: str = "",
    personal_data_retention_days: int | None = None,
    sites: Iterable[Site] = (),
) -> Project:
    """Change a project's description, period, retention and participating sites."""
    project.name = name
    project.guiding_question = guiding_question
    project.purpose = purpose
    project.starts_on = starts_on
    project.ends_on = ends_on
    if personal_data_retention_days is not None:
        project.personal_data_retention_days = personal_data_retention_days
    project.save()
    project.sites.set(sites)
    return project


def membership_create(
    *, project: Project, user: User, role: str, site: Site | None = None
) -> Membership:
    """Give `user` a role in `project` (a coordinator's role is for one site)."""
    return Membership.objects.create(project=project, user=user, role=role, site=site)


def membership_update(
    *, membership: Membership, user: User, role: str, site: Site | None = None
) -> Membership:
    """Change who holds a membership, its role or its site."""
    membership.user = user
    membership.role = role
    membership.site = site
    membership.save()
    return membership


def membership_may_delete(*, membership: Membership) -> bool:
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


# reporting.services imports the merged save of a form from here; it lives with the
# forms (synergy.form_saves). Remove this line once reporting imports it from there.
from .form_saves import model_form_merge_save  # noqa: E402, F401
