"""Single sign-on with OpenID Connect: the authentication backend (mozilla-django-oidc)
and its configuration (synergy/settings/base.py, "Single sign-on").

The code flow with PKCE, state and nonce is mozilla-django-oidc's. On top of it this
backend checks what that library leaves out (the ID token's issuer and audience, that
it has an expiry), reads the e-mail address from a configurable claim, insists that the
provider verified it, and hands the address to accounts.services, which finds the
account or makes one from an invitation (never from the provider's word alone).

Whatever goes wrong in a callback ends in SignInRefused with the sentence the person
reads; the callback view (accounts/views.py) shows it on the login page.
"""

import dataclasses
import logging
import time
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts import services
from core.services import ActionRefused

logger = logging.getLogger("security")

DISCOVERY_CACHE_SECONDS = 60 * 60
# Clocks differ a little between the provider and us.
LEEWAY_SECONDS = 60


class SignInRefused(Exception):
    """A single sign-on callback that signs nobody in: `message` is for the person
    (Danish), `reason` for the log (English, no personal data)."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(reason)
        self.message = message
        self.reason = reason


def enabled() -> bool:
    """Single sign-on is on when the issuer and the client id are configured."""
    return bool(settings.OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID)


def provider_name() -> str:
    return settings.OIDC_PROVIDER_NAME or _("din organisations konto")


def refused(text: str, *, reason: str) -> SignInRefused:
    """SignInRefused with "Log ind med <provider> mislykkedes: <text>"."""
    return SignInRefused(
        _("Log ind med %(name)s mislykkedes: %(text)s")
        % {"name": provider_name(), "text": text},
        reason=reason,
    )


def unreachable() -> SignInRefused:
    return refused(_("tjenesten svarer ikke. Prøv igen om lidt."), reason="unreachable")


def not_accepted(reason: str) -> SignInRefused:
    return refused(
        _(
            "svaret kunne ikke godkendes. Prøv igen, og kontakt it-afdelingen, hvis "
            "det sker igen."
        ),
        reason=reason,
    )


@dataclasses.dataclass(frozen=True)
class Endpoints:
    authorization: str
    token: str
    userinfo: str  # "" for none: the claims come from the ID token
    jwks: str


def _discovery_document() -> dict[str, Any]:
    issuer = settings.OIDC_ISSUER
    key = f"accounts.oidc.discovery:{issuer}"
    document = cache.get(key)
    if document is None:
        try:
            response = requests.get(
                issuer + "/.well-known/openid-configuration",
                timeout=settings.OIDC_TIMEOUT,
            )
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise unreachable() from error
        # OpenID Connect Discovery 1.0, 4.3: the document must name the same issuer.
        if not isinstance(document, dict) or document.get("issuer") != issuer:
            raise not_accepted("discovery document names another issuer")
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return document


def endpoints() -> Endpoints:
    """The provider's endpoints: from the settings, else its discovery document."""
    configured = Endpoints(
        authorization=settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
        token=settings.OIDC_OP_TOKEN_ENDPOINT,
        userinfo=settings.OIDC_OP_USER_ENDPOINT,
        jwks=settings.OIDC_OP_JWKS_ENDPOINT,
    )
    found = _found(configured)
    if configured.userinfo == "none":  # the ID token's claims are enough
        return dataclasses.replace(found, userinfo="")
    return found


def _found(configured: Endpoints) -> Endpoints:
    if configured.authorization and configured.token and configured.jwks:
        return configured
    document = _discovery_document()
    return Endpoints(
        authorization=configured.authorization
        or document.get("authorization_endpoint", ""),
        token=configured.token or document.get("token_endpoint", ""),
        userinfo=configured.userinfo or document.get("userinfo_endpoint", ""),
        jwks=configured.jwks or document.get("jwks_uri", ""),
    )


class OIDCBackend(OIDCAuthenticationBackend):
    """Answers only the single sign-on callback (which passes a nonce); any other
    authenticate() call (a password) goes on to the next backend."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Not the library's __init__: it would read the endpoints at once, and they
        # may come from the discovery document (read only when someone signs in).
        self.UserModel = User

    def _configure(self) -> None:
        found = endpoints()
        self.OIDC_OP_TOKEN_ENDPOINT = found.token
        self.OIDC_OP_USER_ENDPOINT = found.userinfo
        self.OIDC_OP_JWKS_ENDPOINT = found.jwks
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    # Permissions are answered by the backends after this one (rules, then Django's
    # model backend): this one only signs people in. Answering them here too would
    # read the user's model permissions first on every check (two more queries).
    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return False

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return False

    def get_user(self, user_id: Any) -> User | None:
        """The session's user, as Django's ModelBackend gives it: none for an account
        deactivated since (the library's own get_user would still answer it, and a
        deactivated person signed in by single sign-on would keep their session)."""
        user = super().get_user(user_id)
        if user is None or not user.is_active:
            return None
        return user

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if request is None or "nonce" not in kwargs or not enabled():
            return None
        self._configure()
        try:
            user = super().authenticate(request, **kwargs)
        except SignInRefused:
            raise
        except jwt.ExpiredSignatureError as error:
            raise refused(
                _("svaret var udløbet. Prøv igen."), reason="ID token expired"
            ) from error
        except (SuspiciousOperation, jwt.InvalidTokenError) as error:
            raise not_accepted(f"ID token refused: {error}") from error
        except requests.HTTPError as error:
            raise not_accepted("the token endpoint refused the code") from error
        except (requests.RequestException, ValueError) as error:
            raise unreachable() from error
        if user is None:
            raise not_accepted("no code or state")
        return user

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The library checks the signature, the algorithm, the expiry (if any) and
        the nonce; an ID token must also come from our issuer, be for us and
        expire."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        if "nonce" in kwargs:  # the ID token, not a signed userinfo answer
            self._check_id_token(payload)
        return payload

    def _check_id_token(self, payload: dict[str, Any]) -> None:
        # OpenID Connect Core 1.0, 3.1.3.7
        if payload.get("iss") != settings.OIDC_ISSUER:
            raise not_accepted("ID token from another issuer")
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else audience
        client_id = settings.OIDC_RP_CLIENT_ID
        if not isinstance(audiences, list) or client_id not in audiences:
            raise not_accepted("ID token for another client (aud)")
        if len(audiences) > 1 and payload.get("azp") != client_id:
            raise not_accepted("ID token for another client (azp)")
        expires = payload.get("exp")
        if not isinstance(expires, int | float):
            raise not_accepted("ID token without an expiry")
        if expires < time.time() - LEEWAY_SECONDS:
            raise refused(
                _("svaret var udløbet. Prøv igen."), reason="ID token expired"
            )

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User:
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            # OpenID Connect Core 1.0, 5.3.2: the same person as the ID token's.
            if userinfo.get("sub") != payload.get("sub"):
                raise not_accepted("userinfo for another subject")
            claims.update(userinfo)
        email = verified_email(claims)
        try:
            user = services.single_sign_on_user(
                email=email,
                first_name=_text(claims.get("given_name")),
                last_name=_text(claims.get("family_name")),
            )
        except ActionRefused as refusal:
            raise SignInRefused(str(refusal), reason="no account") from refusal
        logger.info("single sign-on succeeded", extra={"user_id": user.pk})
        return user


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def verified_email(claims: dict[str, Any]) -> str:
    """The e-mail address in the configured claim, if the provider verified it."""
    email = claims.get(settings.OIDC_EMAIL_CLAIM)
    if not isinstance(email, str) or "@" not in email:
        raise refused(
            _("der kom ingen e-mailadresse med. Kontakt it-afdelingen."),
            reason="no e-mail claim",
        )
    verified = claims.get(settings.OIDC_EMAIL_VERIFIED_CLAIM)
    if verified is None and settings.OIDC_ASSUME_EMAIL_VERIFIED:
        verified = True
    # Some providers send the JSON string "true".
    if verified is not True and verified != "true":
        raise refused(
            _("din e-mailadresse er ikke bekræftet. Kontakt it-afdelingen."),
            reason="e-mail not verified",
        )
    return email.strip()
