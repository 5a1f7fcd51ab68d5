"""Signing in by single sign-on: which account a verified e-mail address opens."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import selectors
from core.services import ActionRefused
from projects import selectors as projects_selectors
from projects import services as projects_services


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
