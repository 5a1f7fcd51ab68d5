"""The second factor: codes from an authenticator app (TOTP) and recovery codes.

django-otp keeps the devices: a confirmed `TOTPDevice` (the app) and a `StaticDevice`
whose tokens are the recovery codes (each is deleted when used). It throttles wrong
codes per device (after n wrong codes in a row the next waits 2^(n-1) seconds) and
refuses a TOTP code of a time step not later than the last one accepted (`last_t`),
so a code cannot be used twice.

Who must have one: TWO_FACTOR_REQUIRED_FOR names roles, "consultant" (a consultant in
any project) and "admin" (staff or superuser); everyone else may set one up. What a
session still needs is decided when the user signs in (`state_for`, stored in the
session under SESSION_STATE) and enforced by accounts.middleware. A single sign-on
whose provider is trusted with the second factor leaves
`session[PROVIDER_SESSION_KEY] == "provider"` (the OIDC sign-in sets it); such a
session counts as verified.
"""

import dataclasses
import logging
import math
import time
from base64 import b32encode
from binascii import unhexlify
from typing import Any

import rules
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from core.services import ActionRefused
from projects import audit
from projects.models import AuditAction, Membership, Role

security_log = logging.getLogger("security")

# The shared contract with the single sign-on: "provider" when the identity provider
# is trusted to have asked for the second factor.
PROVIDER_SESSION_KEY = "accounts.second_factor"
PROVIDER = "provider"
# What this session still needs: NOT_NEEDED, VERIFY (has an app: asks for a code) or
# ENROL (must have one and has none: the set-up page).
SESSION_STATE = "accounts.two_factor"
NOT_NEEDED = "not_needed"
VERIFY = "verify"
ENROL = "enrol"
# The secret being set up (hex), kept in the session until a code confirms it.
PENDING_KEY = "accounts.two_factor_pending"
# New recovery codes, shown once on the next page and then forgotten.
NEW_CODES = "accounts.recovery_codes"

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "Authenticator app"
CONSULTANT = "consultant"
ADMIN = "admin"


# Who must have a second factor


def required_for(user: Any) -> bool:
    """True when TWO_FACTOR_REQUIRED_FOR names one of the user's roles."""
    if not user.is_authenticated:
        return False
    roles = set(settings.TWO_FACTOR_REQUIRED_FOR)
    if ADMIN in roles and (user.is_staff or user.is_superuser):
        return True
    return (
        CONSULTANT in roles
        and Membership.objects.filter(user=user, role=Role.CONSULTANT).exists()
    )


def app_device(user: Any) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_device(user: Any) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def state_for(user: Any) -> str:
    """What a new session of this user needs before it may use the app."""
    if app_device(user) is not None:
        return VERIFY
    return ENROL if required_for(user) else NOT_NEEDED


@receiver(user_logged_in)
def _on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_STATE] = state_for(user)


def provider_verified(session: SessionBase) -> bool:
    return session.get(PROVIDER_SESSION_KEY) == PROVIDER


@rules.predicate
def _has_app(user: Any) -> bool:
    return app_device(user) is not None


@rules.predicate
def _required(user: Any) -> bool:
    return required_for(user)


rules.add_perm("accounts.manage_two_factor", rules.is_authenticated & _has_app)
# Turning it off: only for someone who has one and is not required to. (Django grants
# a superuser every permission, so the views ask may_disable() too: a superuser is
# an admin, and required to keep it where admins are.)
rules.add_perm(
    "accounts.disable_two_factor", rules.is_authenticated & _has_app & ~_required
)


def may_disable(user: Any) -> bool:
    """May turn their second factor off: has one, and no role requires it."""
    return app_device(user) is not None and not required_for(user)


# Setting it up


def new_secret() -> str:
    """A new TOTP secret (20 random bytes, hex, as django-otp stores it)."""
    return str(random_hex(20))


def secret_for_typing(hex_key: str) -> str:
    """The secret as the apps ask for it when typed: base32, in groups of four."""
    text = b32encode(unhexlify(hex_key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def config_url(*, user: Any, hex_key: str) -> str:
    """The otpauth:// URL the QR code holds (django-otp's own format)."""
    return str(TOTPDevice(user=user, key=hex_key).config_url)


def qr_svg(*, user: Any, hex_key: str, title: str) -> str:
    """The QR code of the secret as inline SVG markup (no style attribute: the CSP
    allows no inline styles), sized by CSS (.qr-code)."""
    import segno

    code = segno.make(config_url(user=user, hex_key=hex_key), error="m")
    svg = code.svg_inline(
        scale=4,
        border=4,
        title=title,
        svgclass="qr-code",
        lineclass=None,
        omitsize=True,
    )
    return str(svg).replace("<svg ", '<svg role="img" ', 1)


def _code(text: str) -> str:
    """A code as typed: spaces and hyphens removed, lower case."""
    return "".join(text.split()).replace("-", "").lower()


def totp_step(*, hex_key: str, token: str) -> int | None:
    """The time step a code made from this secret belongs to (now, or one step either
    side), or None when it does not fit. Reads nothing, writes nothing."""
    code = _code(token)
    if not code.isdigit() or len(code) != 6:
        return None
    totp = TOTP(unhexlify(hex_key), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    if totp.verify(int(code), tolerance=1):
        return int(totp.t())
    return None


def _new_recovery_codes(device: StaticDevice) -> list[str]:
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return [readable(code) for code in codes]


def readable(code: str) -> str:
    """A recovery code as shown: "abcd-efgh" (accepted with or without the hyphen)."""
    return f"{code[:4]}-{code[4:]}"


@transaction.atomic
def two_factor_enrol(
    *, user: Any, hex_key: str, step: int
) -> tuple[TOTPDevice, list[str]]:
    """The app whose code (of time `step`, see totp_step) confirmed the secret being
    set up becomes the user's device, replacing any earlier one, with new recovery
    codes. Returns the device and the codes as shown. The confirming code cannot be
    used again to sign in."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice(
        user=user, name=DEVICE_NAME, key=hex_key, confirmed=True, last_t=step
    )
    device.full_clean()
    device.save()
    codes = _renew_codes(user)
    _audit(user, AuditAction.TWO_FACTOR_ENABLED)
    security_log.info("second factor enrolled", extra={"user_id": user.pk})
    return device, codes


def _audit(user: Any, action: AuditAction) -> None:
    """One event about the user's account (by id; the user may be request.user)."""
    audit.record(user=user, action=action, model=get_user_model(), ids=[user.pk])


def _renew_codes(user: Any) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "Recovery codes", "confirmed": True}
    )
    return _new_recovery_codes(device)


@transaction.atomic
def recovery_codes_renew(*, user: Any) -> list[str]:
    """New recovery codes for the user; the old ones stop working."""
    codes = _renew_codes(user)
    _audit(user, AuditAction.RECOVERY_CODES_RENEWED)
    security_log.info("recovery codes renewed", extra={"user_id": user.pk})
    return codes


@transaction.atomic
def two_factor_disable(*, user: Any) -> None:
    """Remove the user's app and recovery codes (the caller has checked a code).
    Refused for someone whose role requires a second factor."""
    if required_for(user):
        raise ActionRefused(
            _(
                "Du skal bruge to-trinsbekræftelse i din rolle, så den kan ikke slås fra."
            )
        )
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _audit(user, AuditAction.TWO_FACTOR_DISABLED)
    security_log.info("second factor disabled", extra={"user_id": user.pk})


# Checking a code


@dataclasses.dataclass(frozen=True)
class Check:
    """The answer to a code: the device that accepted it, or why not."""

    device: TOTPDevice | StaticDevice | None = None
    wait_seconds: int = 0  # > 0: too many wrong codes, try again after this long

    @property
    def ok(self) -> bool:
        return self.device is not None


def _wait(devices: list[Any]) -> int:
    """Seconds until every device accepts an attempt again (0: now)."""
    now = timezone.now()
    wait = 0.0
    for device in devices:
        allowed, info = device.verify_is_allowed()
        if not allowed and info and info.get("locked_until"):
            wait = max(wait, (info["locked_until"] - now).total_seconds())
    return math.ceil(wait)


def second_factor_check(*, user: Any, token: str) -> Check:
    """Check a code from the app (six digits) or a recovery code (used up when it
    fits). While the user has had too many wrong codes no code is tried."""
    code = _code(token)
    with transaction.atomic():
        devices = list(
            TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
        ) + list(
            StaticDevice.objects.select_for_update().filter(user=user, confirmed=True)
        )
        wait = _wait(devices)
        if wait:
            security_log.warning("second factor throttled", extra={"user_id": user.pk})
            return Check(wait_seconds=wait)
        kind = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
        matching = [device for device in devices if isinstance(device, kind)]
        if matching:
            if matching[0].verify_token(code):  # counts a wrong code itself
                return Check(device=matching[0])
        elif devices:  # nothing to check it against: a wrong code all the same
            devices[0].throttle_increment()
    security_log.warning("second factor refused", extra={"user_id": user.pk})
    return Check()


def throttled_message(seconds: int) -> str:
    return ngettext(
        "For mange forkerte koder. Vent %(seconds)s sekund.",
        "For mange forkerte koder. Vent %(seconds)s sekunder.",
        seconds,
    ) % {"seconds": seconds}
