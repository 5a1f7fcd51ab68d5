"""Reads for signing in."""

from django.contrib.auth.models import User


def email_is_shared(*, email: str) -> bool:
    """Whether more than one active account has this e-mail address (case ignored):
    then single sign-on cannot tell whose it is."""
    return User.objects.filter(is_active=True, email__iexact=email.strip()).count() > 1
