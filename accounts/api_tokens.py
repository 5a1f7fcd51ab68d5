"""Making and checking API keys (accounts.models.ApiToken), and who a key reads as.

A key reads "as" a principal that the row rules of projects.scoping understand, so the
API sees exactly what the pages show, through the same `visible_to` (never a second
copy of the rules):
- a personal key: its owner;
- a project key: `ProjectKeyReader`, whose only membership is the key's role in the
  key's project (never a superuser, whatever the owner is).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any, cast

import rules
from django.apps import apps
from django.utils import timezone

from accounts.models import ApiToken, ApiTokenKind
from projects.scoping import CONSULTANT, roles_in

KEY_PREFIX = "syn_"
# The part of a key that finds it (stored and shown); the rest is the secret.
PREFIX_LENGTH = len(KEY_PREFIX) + 8
# A key is written at most this often as "last used" (one write a minute, not one a
# request); every use is still in the audit trail.
LAST_USED_RESOLUTION_SECONDS = 60


def new_key() -> tuple[str, str]:
    """A new key and its prefix: `syn_` + 8 characters that find it + 43 secret ones
    (256 random bits)."""
    prefix = KEY_PREFIX + secrets.token_hex(4)
    return f"{prefix}_{secrets.token_urlsafe(32)}", prefix


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_for_key(key: str) -> ApiToken | None:
    """The key's token, if the key is one (live or not; the caller asks); one query."""
    if not key.startswith(KEY_PREFIX) or len(key) > 200 or "\x00" in key:
        return None
    token = (
        ApiToken.objects.select_related("owner", "project")
        .filter(prefix=key[:PREFIX_LENGTH])
        .first()
    )
    if token is None or not hmac.compare_digest(token.key_digest, digest(key)):
        return None
    return token


def token_works(token: ApiToken) -> bool:
    """Whether the key may read now: live, its owner active, and a project key's owner
    still a consultant of the project (or a superuser)."""
    owner = token.owner
    if not token.is_live() or not owner.is_active:
        return False
    if token.kind == ApiTokenKind.PROJECT:
        project = token.project
        return project is not None and (
            owner.is_superuser or CONSULTANT in roles_in(owner, project)
        )
    return True


class ProjectKeyReader:
    """Who a project key reads as: one role in one project, and nothing else.

    It has what projects.scoping and the `rules` predicates ask of a user: it is
    signed in and active, not a superuser, and its memberships are the one the key
    gives (site none: a project key reads as the steering group or a consultant)."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    is_staff = False
    pk = None
    id = None

    def __init__(self, token: ApiToken) -> None:
        Membership = apps.get_model("synergy", "Membership")
        self.token = token
        self.username = f"api:{token.prefix}"
        # What projects.scoping.memberships_of reads (no query).
        self._synergy_memberships = (
            Membership(
                project_id=cast(int, token.project_id), role=token.role, site_id=None
            ),
        )

    def __str__(self) -> str:
        return self.username

    def get_username(self) -> str:
        return self.username

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return bool(rules.has_perm(perm, self, obj))

    def has_perms(self, perms: Any, obj: Any = None) -> bool:
        return all(self.has_perm(perm, obj) for perm in perms)


def reader_for(token: ApiToken) -> Any:
    """Who the key reads as (a User, or a ProjectKeyReader)."""
    if token.kind == ApiTokenKind.PROJECT:
        return ProjectKeyReader(token)
    return token.owner


def used_recently(token: ApiToken, now=None) -> bool:
    now = now or timezone.now()
    return (
        token.last_used_at is not None
        and (now - token.last_used_at).total_seconds() < LAST_USED_RESOLUTION_SECONDS
    )
