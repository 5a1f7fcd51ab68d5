"""Signing in by single sign-on (which account a verified e-mail address opens), and
the API keys a person makes and revokes."""

import datetime

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import selectors
from accounts.models import PROJECT_KEY_ROLES, ApiToken, ApiTokenKind
from core.services import ActionRefused, StateConflict
from projects import audit
from projects import selectors as projects_selectors
from projects import services as projects_services
from projects.models import AuditAction, Project, Role
from projects.scoping import roles_in


@transaction.atomic
def single_sign_on_user(
    *, email: str, first_name: str = "", last_name: str = ""
) -> User:
    """The account for a person whose provider vouches for `email` (verified).

    The one active account with that address, which also accepts any open invitations
    to it; else a new account (no usable password) made from the first open invitation,
    accepting the rest. Nobody without an account or an invitation gets in, and neither
    does anyone whose address several accounts share (the message says no more)."""
    if selectors.email_is_shared(email=email):
        raise ActionRefused(_("Du kan ikke logges ind. Kontakt konsulenten."))
    user = projects_selectors.active_user_by_email(email=email)
    if user is None:
        invitations = projects_selectors.open_invitations_for_email(email=email)
        if not invitations:
            raise ActionRefused(
                _("Du har ingen konto i Synergi. Bed konsulenten om en invitation.")
            )
        user = projects_services.user_create_for_invitation(
            invitation=invitations[0],
            password=None,
            first_name=first_name,
            last_name=last_name,
        )
        joined = [invitations[0].project.name]
    else:
        joined = []
    joined += [
        membership.project.name
        for membership in projects_services.invitations_accept_for(user=user)
    ]
    # For the welcome after the redirect (accounts.oidc_views): the projects the
    # invitations just opened.
    user.projects_joined = joined  # type: ignore[attr-defined]
    return user


# API keys (accounts.models.ApiToken; accounts/api_tokens.py checks them)

# State only the services write; Django admin shows it read-only (core.owned_state).
# Admin may still revoke a key (revoked_at) or shorten it (expires_at).
OWNED_STATE: dict[type, tuple[str, ...] | str] = {
    ApiToken: (
        "owner",
        "kind",
        "project",
        "role",
        "prefix",
        "key_digest",
        "last_used_at",
    ),
}

# How long a key may live at most, and by default.
API_TOKEN_LONGEST_DAYS = 366
API_TOKEN_DEFAULT_DAYS = 90


@transaction.atomic
def api_token_create(
    *,
    owner: User,
    name: str,
    project: Project | None = None,
    role: str = "",
    expires_at: datetime.datetime | None = None,
) -> tuple[ApiToken, str]:
    """Make a key; returns it and its plain text, which is shown once and stored
    nowhere. A project key (`project` and `role`) is made by a consultant of the
    project and reads as the steering group or a consultant there."""
    from accounts import api_tokens

    name = " ".join(name.split())
    now = timezone.now()
    if not name:
        raise ActionRefused(_("Giv nøglen et navn."))
    if expires_at is None:
        expires_at = now + datetime.timedelta(days=API_TOKEN_DEFAULT_DAYS)
    if expires_at <= now:
        raise ActionRefused(_("Udløbsdatoen skal ligge efter i dag."))
    if expires_at > now + datetime.timedelta(days=API_TOKEN_LONGEST_DAYS):
        raise ActionRefused(_("En nøgle kan højst gælde et år."))
    if not owner.is_active:
        raise ActionRefused(_("Kontoen er ikke aktiv."))
    if project is not None:
        if role not in PROJECT_KEY_ROLES:
            raise ActionRefused(
                _("Vælg, om nøglen læser som styregruppe eller konsulent.")
            )
        if not (owner.is_superuser or Role.CONSULTANT in roles_in(owner, project)):
            raise ActionRefused(
                _("Kun forløbets konsulenter kan lave nøgler til forløbet.")
            )
        kind = ApiTokenKind.PROJECT
    elif role:
        raise ActionRefused(_("Kun en forløbsnøgle har en rolle."))
    else:
        kind = ApiTokenKind.PERSONAL
    if ApiToken.objects.filter(
        owner=owner, name=name, revoked_at__isnull=True
    ).exists():
        raise StateConflict(
            _("Du har allerede en nøgle, der hedder “%(name)s”.") % {"name": name}
        )
    key, prefix = api_tokens.new_key()
    try:
        with transaction.atomic():
            token = ApiToken.objects.create(
                owner=owner,
                name=name,
                kind=kind,
                project=project,
                role=role,
                prefix=prefix,
                key_digest=api_tokens.digest(key),
                expires_at=expires_at,
            )
    except IntegrityError:
        # The same name sent twice at once (a double click): one key.
        raise StateConflict(
            _("Du har allerede en nøgle, der hedder “%(name)s”.") % {"name": name}
        ) from None
    audit.record(
        user=owner,
        action=AuditAction.TOKEN_CREATED,
        instance=token,
        project_id=project.pk if project else None,
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """End a key at once. Revoking twice (a second tab) says it was revoked already."""
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token.refresh_from_db()
    if not updated:
        raise StateConflict(_("Nøglen var allerede tilbagekaldt."))
    audit.record(
        user=by,
        action=AuditAction.TOKEN_REVOKED,
        instance=token,
        project_id=token.project_id,
    )
    return token


def api_token_used(*, token: ApiToken, method: str, path: str) -> None:
    """A request read with the key: written to the audit trail (in the owner's name,
    the key's id, the method and path), and "last used" at most once a minute."""
    from accounts import api_tokens

    now = timezone.now()
    audit.record(
        user=token.owner,
        action=AuditAction.API_READ,
        instance=token,
        project_id=token.project_id,
        detail=f"{method} {path}",
    )
    if not api_tokens.used_recently(token, now):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
