"""Reads for signing in and for the API keys."""

from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet

from accounts.models import ApiToken
from projects.models import Project
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
