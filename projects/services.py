"""Writes of projects and their members. Services take plain values, never a form:
the views pass `form.cleaned_data`, and the demo loaders and benchmarks call the same
functions."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.owned_state import ALL
from core.services import ActionRefused, StateConflict
from projects.models import AuditEvent, Invitation, Membership, Project, Role
from projects.selectors import (
    invitation_key,
    open_invitations_for_email,
    username_for,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from sites.models import Site

# State only the app writes; Django admin shows it read-only (core.owned_state).
# ALL: a log (the audit trail written by projects.audit).
OWNED_STATE: dict[type[models.Model], tuple[str, ...] | str] = {
    AuditEvent: ALL,
    # The link's nonce and its life: only the invitation services change them.
    Invitation: (
        "nonce",
        "expires_at",
        "sent_at",
        "accepted_at",
        "accepted_by",
        "revoked_at",
    ),
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
    """Give `user` a role in `project` (a coordinator's role is for one site). An
    open invitation to their address for the same role ends: it is given."""
    membership = Membership.objects.create(
        project=project, user=user, role=role, site=site
    )
    if user.email:
        _open_invitations(
            project=project, email=user.email, role=role, site=site
        ).update(revoked_at=timezone.now())
    return membership


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


# Invitations ---------------------------------------------------------------------


class InvitationClosed(ActionRefused):
    """The invitation was accepted, revoked or has expired (the message says which)."""


def invitation_closed_reason(*, invitation: Invitation) -> str:
    """Why the link no longer works, in words for the person holding it ("" if open)."""
    if invitation.accepted_at is not None:
        return _(
            "Invitationen er allerede brugt. Log ind med den konto, der blev oprettet."
        )
    if invitation.revoked_at is not None:
        return _(
            "Invitationen er trukket tilbage. Kontakt konsulenten, hvis du stadig skal "
            "have adgang."
        )
    if invitation.expires_at <= timezone.now():
        return _("Invitationen er udløbet. Bed konsulenten sende en ny.")
    return ""


def _closed_for_the_consultant(invitation: Invitation) -> InvitationClosed:
    """Why an invitation can no longer be sent again or withdrawn, told to the
    consultant (the reason for the invited person says "log ind")."""
    if invitation.accepted_at is not None:
        return InvitationClosed(
            _("%(email)s har allerede taget imod invitationen og er med i forløbet.")
            % {"email": invitation.email}
        )
    return InvitationClosed(
        _("Invitationen til %(email)s er trukket tilbage.")
        % {"email": invitation.email}
    )


def _fresh_nonce() -> str:
    return secrets.token_hex(16)


def _expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings.INVITATION_VALID_DAYS)


def _open_invitations(
    *, project: Project, email: str, role: str, site: Site | None
) -> models.QuerySet[Invitation]:
    return Invitation.objects.filter(
        project=project,
        email__iexact=email,
        role=role,
        site=site,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    )


@transaction.atomic
def invitation_create(
    *,
    project: Project,
    email: str,
    role: str,
    site: Site | None,
    invited_by: User,
) -> Invitation:
    """Invite `email` to `project` with `role` (and a site for a coordinator). An
    earlier invitation of the same kind that has expired is replaced; one still open
    is refused (send it again instead). The mail goes by the worker
    (`invitation_send`)."""
    email = email.strip()
    earlier = _open_invitations(project=project, email=email, role=role, site=site)
    if any(not invitation.is_expired for invitation in earlier):
        raise ActionRefused(
            _(
                "%(email)s har allerede en åben invitation med den rolle. Send den "
                "igen fra deltagerlisten."
            )
            % {"email": email}
        )
    earlier.update(revoked_at=timezone.now())
    try:
        with transaction.atomic():
            return Invitation.objects.create(
                project=project,
                email=email,
                role=role,
                site=site,
                invited_by=invited_by,
                nonce=_fresh_nonce(),
                expires_at=_expiry(),
            )
    except IntegrityError as error:  # a double click made the same one first
        raise StateConflict(
            _("%(email)s har allerede en åben invitation med den rolle.")
            % {"email": email}
        ) from error


def invitation_renew(*, invitation: Invitation) -> Invitation:
    """Send an open or expired invitation again: a new link (the old one stops
    working) valid for INVITATION_VALID_DAYS from now. Refused once it is accepted or
    revoked."""
    updated = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(nonce=_fresh_nonce(), expires_at=_expiry(), sent_at=None)
    invitation.refresh_from_db()
    if not updated:
        raise _closed_for_the_consultant(invitation)
    return invitation


def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """End an invitation's link at once. Refused once accepted; revoking twice (a
    second tab) says it is revoked already."""
    updated = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    invitation.refresh_from_db()
    if not updated:
        if invitation.revoked_at is not None:
            raise StateConflict(_("Invitationen var allerede trukket tilbage."))
        raise _closed_for_the_consultant(invitation)
    return invitation


def invitation_send(*, invitation_id: int, domain: str, use_https: bool) -> bool:
    """Mail the invitation's link (run by the worker: projects.tasks). Nothing is sent
    for an invitation that is no longer open or was sent already with this link."""
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import translation

    invitation = (
        Invitation.objects.select_related("project", "site", "invited_by")
        .filter(pk=invitation_id, sent_at__isnull=True)
        .first()
    )
    if invitation is None or not invitation.is_open:
        return False
    # Claimed first, so a task run twice sends once.
    claimed = Invitation.objects.filter(
        pk=invitation.pk, sent_at__isnull=True, nonce=invitation.nonce
    ).update(sent_at=timezone.now())
    if not claimed:
        return False
    scheme = "https" if use_https else "http"
    path = reverse(
        "synergy:invitation_accept", args=[invitation_key(invitation=invitation)]
    )
    context = {
        "invitation": invitation,
        "link": f"{scheme}://{domain}{path}",
        "inviter": (
            invitation.invited_by.get_full_name()
            or invitation.invited_by.get_username()
        )
        if invitation.invited_by
        else "",
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("projects/invitation_subject.txt", context).strip()
        body = render_to_string("projects/invitation_email.txt", context)
    try:
        send_mail(subject, body, None, [invitation.email])
    except Exception:
        # Not sent (the mail server refused or was away): unclaimed, so the task's
        # retry or "Send igen" sends it; the member list says it is not sent yet.
        Invitation.objects.filter(pk=invitation.pk, nonce=invitation.nonce).update(
            sent_at=None
        )
        raise
    return True


def _membership_for(*, invitation: Invitation, user: User) -> Membership:
    membership, _created = Membership.objects.get_or_create(
        project=invitation.project,
        user=user,
        role=invitation.role,
        site=invitation.site,
    )
    return membership


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Give `user` the invitation's role (once): the row is locked, so two tabs or a
    double click accept it once and the second is told it is used. The caller has
    checked that `user` is the invited person (the same verified e-mail address, or
    the account just made from the link)."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    reason = invitation_closed_reason(invitation=locked)
    if reason:
        raise InvitationClosed(reason)
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    invitation.accepted_at, invitation.accepted_by = locked.accepted_at, user
    return _membership_for(invitation=locked, user=user)


@transaction.atomic
def user_create_for_invitation(
    *,
    invitation: Invitation,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Make the invited person's account (the username is the address; no usable
    password when they sign in with single sign-on) and accept the invitation with it.
    Refused, with nothing made, when the invitation is no longer open."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    reason = invitation_closed_reason(invitation=locked)
    if reason:
        raise InvitationClosed(reason)
    user = get_user_model().objects.create_user(
        username=username_for(email=locked.email),
        email=locked.email.strip(),
        password=password,
        first_name=first_name.strip()[:150],
        last_name=last_name.strip()[:150],
    )
    invitation_accept(invitation=locked, user=user)
    invitation.refresh_from_db()
    return user


def invitations_accept_for(*, user: User) -> list[Membership]:
    """Accept every open invitation to `user`'s e-mail address (after a sign-in that
    proved the address: single sign-on's verified e-mail). Ones closed meanwhile are
    skipped."""
    memberships = []
    for invitation in open_invitations_for_email(email=user.email):
        try:
            memberships.append(invitation_accept(invitation=invitation, user=user))
        except InvitationClosed:
            continue
    return memberships
