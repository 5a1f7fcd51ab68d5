"""Reads for the home page and the project pages."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.functional import Promise

from projects.models import Invitation, Membership, Project, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def project_list(*, user: User) -> QuerySet[Project]:
    """The projects the user may see (projects.scoping), with their numbers of sites
    and members."""
    return (
        Project.objects.visible_to(user)
        .annotate(
            site_count=Count("sites", distinct=True),
            member_count=Count("memberships", distinct=True),
        )
        .order_by("-starts_on", "name")
    )


def project_detail(*, user: User) -> QuerySet[Project]:
    """The queryset the project page reads its project from, with sites and members."""
    members = Membership.objects.select_related("user", "site").order_by(
        "role", "site__name", "user__first_name", "user__username"
    )
    return Project.objects.visible_to(user).prefetch_related(
        "sites__municipality",
        Prefetch("memberships", queryset=members, to_attr="member_list"),
    )


def members_by_role(
    *, project: Project
) -> list[tuple[str | Promise, list[Membership]]]:
    """[(role label, [memberships])] in the order consultant, coordinator, steering group."""
    order = {role: i for i, role in enumerate(Role.values)}
    members = sorted(project.member_list, key=lambda m: order[m.role])  # type: ignore[attr-defined]
    return [
        (Role(role).label, list(group))
        for role, group in groupby(members, key=lambda m: m.role)
    ]


def home_projects(*, user: User) -> list[tuple[Project, list[Membership]]]:
    """For each of the user's projects: the project and the user's memberships in it."""
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("project", "site")
        .order_by("-project__starts_on", "project__name", "role")
    )
    return [
        (project, list(group))
        for project, group in groupby(memberships, key=lambda m: m.project)
    ]


def member_candidates(*, chooser: User, project: Project) -> QuerySet[User]:
    """The people the member picker lists: active accounts that share a project with
    `chooser` (the people they already work with) and the project's own members.
    Never every account of the installation."""
    their_projects = Membership.objects.filter(user=chooser).values("project")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(memberships__project__in=their_projects) | Q(memberships__project=project)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def active_user_by_email(*, email: str) -> User | None:
    """The one active account with exactly this e-mail address (case ignored), or
    None, also when several accounts share it: the caller learns nothing more."""
    matches = list(
        get_user_model().objects.filter(is_active=True, email__iexact=email.strip())[:2]
    )
    return matches[0] if len(matches) == 1 else None


_INVITATION_SALT = "synergy.invitation"


def invitation_key(*, invitation: Invitation) -> str:
    """The key of the invitation's link: its id and an HMAC of the id and the current
    nonce under SECRET_KEY. Nothing stored opens it; a new nonce ends the old link."""
    digest = salted_hmac(
        _INVITATION_SALT, f"{invitation.pk}:{invitation.nonce}", algorithm="sha256"
    ).hexdigest()
    return f"{invitation.pk}-{digest}"


def open_invitations_for_email(*, email: str) -> list[Invitation]:
    """The invitations to `email` (case ignored) that may still be accepted, oldest
    first."""
    if not email.strip():
        return []
    return list(
        Invitation.objects.filter(
            email__iexact=email.strip(),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("project", "site")
        .order_by("created_at", "pk")
    )


def invitation_by_key(*, key: str) -> Invitation | None:
    """The invitation whose link carries `key` (any state), or None for a key that is
    unknown, malformed or belongs to an older link of the invitation."""
    pk, _dash, digest = key.partition("-")
    if not pk.isdigit() or len(pk) > 12 or not digest:
        return None
    invitation = (
        Invitation.objects.select_related("project", "site", "invited_by")
        .filter(pk=int(pk))
        .first()
    )
    if invitation is None or not constant_time_compare(
        invitation_key(invitation=invitation), key
    ):
        return None
    return invitation


def pending_invitations(*, project: Project) -> list[Invitation]:
    """The project's invitations not yet accepted or revoked (expired ones too, so
    the consultant can send them again), for the member list."""
    return list(
        project.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("site")
        .order_by("email", "role")
    )


def project_members(
    *, project: Project, role: str, site_id: int | None = None
) -> list[User]:
    """The active people who hold `role` in the project (coordinators: of `site_id`
    only, when given), each once: whom an event of the project is told to."""
    memberships = Membership.objects.filter(
        project=project, role=role, user__is_active=True
    )
    if site_id is not None:
        memberships = memberships.filter(site_id=site_id)
    users = (
        get_user_model()
        .objects.filter(pk__in=memberships.values("user_id"))
        .order_by("pk")
    )
    return list(users)


def username_for(*, email: str) -> str:
    """The username an account made from an invitation to `email` gets: the address
    itself (lower case), or with "-2", "-3" … when an account has that name already
    (the invitation's page says which, before the account is made)."""
    base = email.strip().lower()[:140]
    users = get_user_model().objects
    candidate, n = base, 1
    while users.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate
