"""Writes of projects and their members. Services take plain values, never a form:
the views pass `form.cleaned_data`, and the demo loaders and benchmarks call the same
functions."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import models, transaction

from core.owned_state import ALL
from projects.models import AuditEvent, Membership, Project, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from sites.models import Site

# State only the app writes; Django admin shows it read-only (core.owned_state).
# ALL: a log (the audit trail written by projects.audit).
OWNED_STATE: dict[type[models.Model], tuple[str, ...] | str] = {
    AuditEvent: ALL,
}


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
