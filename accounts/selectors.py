"""Reads for signing in and for the API keys."""

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet

from accounts.models import ApiToken
from projects.audit import object_type
from projects.models import AuditAction, AuditEvent, Project
from projects.scoping import CONSULTANT, memberships_of


def email_is_shared(*, email: str) -> bool:
    """Whether more than one active account has this e-mail address (case ignored):
    then single sign-on cannot tell whose it is."""
    return User.objects.filter(is_active=True, email__iexact=email.strip()).count() > 1


def api_tokens_of(*, user: Any) -> QuerySet[ApiToken]:
    """The person's own API keys, newest first (a key is seen by its owner only; a
    superuser, who sees every row, manages others' keys in admin, not here)."""
    return (
        ApiToken.objects.visible_to(user).filter(owner=user).select_related("project")
    )


def projects_for_project_keys(*, user: Any) -> QuerySet[Project]:
    """The projects the person may make a project key for: those they are a consultant
    of (a superuser: every project)."""
    if user.is_superuser and user.is_active:
        return Project.objects.order_by("name")
    ids = [m.project_id for m in memberships_of(user) if m.role == CONSULTANT]
    return Project.objects.filter(pk__in=ids).order_by("name")


def _uses_since(token: ApiToken, since: datetime.datetime) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        action=AuditAction.API_READ,
        object_type=object_type(ApiToken),
        object_ids=[token.pk],
        at__gte=since,
    )


def api_token_uses_since(*, token: ApiToken, since: datetime.datetime) -> int:
    """How many requests the key made since `since` (the request being answered
    included): counted in the audit trail, which every request with a key writes to
    before it is answered (accounts.api_auth). Requests that arrive at the same time
    each see the others' rows, so parallel requests cannot slip past a limit the way
    they can past a counter read and written back in a cache."""
    return _uses_since(token, since).count()


def api_token_oldest_use_since(
    *, token: ApiToken, since: datetime.datetime
) -> datetime.datetime | None:
    """When the oldest request the key made since `since` was (for Retry-After)."""
    return _uses_since(token, since).order_by("at").values_list("at", flat=True).first()
