"""Settings shared by every environment.

`dev`, `test` and `prod` import everything from here and override a few values.
Deployment values come from environment variables (see `.env.example`); the
defaults here are safe for a developer's machine.
"""

import datetime
from pathlib import Path
from typing import Any

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from core.media_storage import media_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A `.env` file next to manage.py is read if present; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-secret-key-change-me-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "rules",
    "axes",
    "django_tasks_db",
    # The second factor: codes from an authenticator app (TOTP) and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The read API (/api/v1/, api/): Django REST framework, its OpenAPI description,
    # and Swagger UI's files served by the app (no CDN).
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Our apps, in layers: each may import only the apps listed before it (the
    # contracts in .importlinter check it; README, Architecture). `synergy` itself is
    # the settings and URL package, not an app.
    "core",
    "projects",  # app label "synergy": its tables and migrations keep that name
    "notifications",
    "accounts",
    "privacy",
    "sites",
    "initiatives",
    "testing",
    "dashboards",
    "reporting",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # no-store for signed-in users, Permissions-Policy for all (static files too).
    "core.middleware.PrivateResponsesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the session's second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signs out sessions past their absolute or idle limit (before any view runs).
    "core.sessions.SessionLimitsMiddleware",
    # Until the second factor is given (or set up, where it is required) every page
    # sends the user to the code page (accounts/middleware.py).
    "accounts.middleware.SecondFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # One audit event per change, export and PDF download (ids and field names only).
    "projects.audit.AuditMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "synergy.urls"
WSGI_APPLICATION = "synergy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
                "notifications.context_processors.bell",
                "accounts.context_processors.single_sign_on",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True


def _postgresql_timeouts(database: dict) -> None:
    """A PostgreSQL that stops answering (a hung network, a failover) makes a query fail
    within about a minute instead of hanging a worker for as long as the network does:
    a connect timeout and TCP keepalives (libpq parameters)."""
    if database["ENGINE"].startswith("django.db.backends.postgresql"):
        options = database.setdefault("OPTIONS", {})
        options.setdefault(
            "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=10)
        )
        options.setdefault("keepalives", 1)
        options.setdefault("keepalives_idle", 30)
        options.setdefault("keepalives_interval", 10)
        options.setdefault("keepalives_count", 3)


_postgresql_timeouts(DATABASES["default"])
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker write to the same file: WAL lets readers
    # go on during a write, IMMEDIATE transactions wait for the lock (up to 20 s)
    # instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Single sign-on (OpenID Connect): answers only the sign-on's own callback, and
    # then either signs the person in or refuses (never falls through to a password).
    "accounts.oidc.OIDCBackend",
    # Then: refuses a login while its username + address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend, refusing before any hashing while the client's address or
    # the whole app has too many failed sign-ins (LOGIN_ADDRESS_*, LOGIN_GLOBAL_* below).
    "core.backends.ThrottledModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not "aarhuskommune2026": municipalities, "kommune" and the project's words.
    {"NAME": "core.validators.ContextWordsValidator"},
]
# The audit trail (synergy.AuditEvent: ids and field names only) is kept this long;
# `gdpr_purge` deletes older events.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=3 * 365)
# An uploaded spreadsheet of field notes is held for its preview this long; unconfirmed
# by then, its rows (citizens' words) are deleted (initiatives/fieldimport).
FIELD_IMPORT_HOLD_HOURS = env.int("FIELD_IMPORT_HOLD_HOURS", default=24)

# The erasure log (ids only, no personal data): keep it outside the database and its
# backups, e.g. beside the media; `gdpr_reapply_erasures` uses it after a restore.
GDPR_ERASURE_LOG = env.path(
    "GDPR_ERASURE_LOG", default=BASE_DIR / "gdpr-erasures.jsonl"
)

# An invitation to a project works for this many days, once (projects.Invitation).
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)

# A reset link works for one hour and once (ASVS 6.4.1).
PASSWORD_RESET_TIMEOUT = 3600
# Reset e-mails are throttled in the shared cache: per e-mail address and per client
# address, within an hour (core/security.py).
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
PASSWORD_RESET_LIMIT_PER_CLIENT = env.int("PASSWORD_RESET_LIMIT_PER_CLIENT", default=20)

# One cache shared by every worker and server: a table in the database by default
# (created by `migrate`, projects/migrations/0003), or Redis with CACHE_URL=redis://….
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://synergi_cache")}

# Login throttling (django-axes): failed logins are rows in the database, so every
# worker and server sees the same count. After 5 failures for one username from one
# address that pair waits 15 minutes; a success clears the count.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15)
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # no log of every login: less personal data to keep
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
# Beside it, counted in the shared cache (core/security.py): failed sign-ins per
# address whatever the username (higher than per username: a municipality's office
# shares one address), and failed sign-ins per minute across the app. Past either
# limit a sign-in is refused (429) before any password is hashed, so a flood of new
# usernames cannot take the servers' CPU from those already signed in.
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=30)
LOGIN_ADDRESS_WINDOW_SECONDS = 60 * env.int("LOGIN_ADDRESS_WINDOW_MINUTES", default=15)
LOGIN_GLOBAL_FAILURES_PER_MINUTE = env.int(
    "LOGIN_GLOBAL_FAILURES_PER_MINUTE", default=60
)
# Behind the reverse proxy: trust its X-Real-IP header (and nobody else's).
TRUST_X_REAL_IP = env.bool("TRUST_X_REAL_IP", default=False)
# A form from a stale page (signed in or out in another tab) is told so in words.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
# The second factor (accounts/two_factor.py): required for these roles ("consultant":
# a consultant in any project; "admin": staff or superuser); optional for everyone
# else. Production requires it for both (prod.py); here, in dev and in tests, nobody.
TWO_FACTOR_REQUIRED_FOR = env.list("TWO_FACTOR_REQUIRED_FOR", default=[])
# The name the authenticator app shows beside the account.
OTP_TOTP_ISSUER = "Synergi"
# After n wrong codes in a row the next attempt waits 2^(n-1) seconds (django-otp).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# The admin shows no secret keys or recovery codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in with a password (the login page's form, password reset, Django admin's
# login). Off: people sign in only by single sign-on.
PASSWORD_LOGIN_ENABLED = env.bool("PASSWORD_LOGIN_ENABLED", default=True)

# Single sign-on with OpenID Connect (accounts/oidc.py, mozilla-django-oidc), on when
# the issuer and the client id are set. The endpoints are read from the issuer's
# discovery document (/.well-known/openid-configuration) unless set here. README,
# "Single sign-on", says what Entra ID, AD FS and a MitID Erhverv broker need.
OIDC_ISSUER = env("OIDC_ISSUER", default="").rstrip("/")
OIDC_RP_CLIENT_ID = env("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", default="")
OIDC_RP_SCOPES = env("OIDC_SCOPES", default="openid email profile")
OIDC_RP_SIGN_ALGO = env("OIDC_SIGN_ALGO", default="RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_TOKEN_ENDPOINT", default="")
# The claims are the ID token's and the userinfo endpoint's; "none": the ID token's
# alone (AD FS, whose userinfo answers only `sub`).
OIDC_OP_USER_ENDPOINT = env("OIDC_USERINFO_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_JWKS_ENDPOINT", default="")
# Extra parameters for the provider's authorization request, e.g. acr_values=… for a
# MitID Erhverv broker or prompt=select_account for Entra ID.
OIDC_AUTH_REQUEST_EXTRA_PARAMS = env.dict("OIDC_EXTRA_AUTH_PARAMS", default={})
# The button reads "Log ind med <name>".
OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", default="")
# Which claim carries the e-mail address, and which says the provider verified it.
# An account is found (or made from an invitation) only by a verified address. A
# provider that sends no verified claim (AD FS; Entra ID's upn) vouches for its
# directory's addresses: OIDC_ASSUME_EMAIL_VERIFIED=True then takes an address without
# the claim as verified (an explicit false is still refused).
OIDC_EMAIL_CLAIM = env("OIDC_EMAIL_CLAIM", default="email")
OIDC_EMAIL_VERIFIED_CLAIM = env("OIDC_EMAIL_VERIFIED_CLAIM", default="email_verified")
OIDC_ASSUME_EMAIL_VERIFIED = env.bool("OIDC_ASSUME_EMAIL_VERIFIED", default=False)
# The provider's own second factor counts as Synergi's (no TOTP asked after SSO).
OIDC_TRUSTS_PROVIDER_SECOND_FACTOR = env.bool(
    "OIDC_TRUSTS_PROVIDER_SECOND_FACTOR", default=True
)
OIDC_USE_PKCE = True
# The provider sends the browser back by a cross-site GET: the session cookie (with the
# state and nonce) must stay SameSite=Lax, Django's default; Strict would lose them.
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
# Accounts are never made from the provider's answer alone (only from an invitation).
OIDC_CREATE_USER = False

# Sessions (core/sessions.py): a new sign-in is needed 12 hours after the last one
# (absolute), or after 2 hours without a request (idle). The browser forgets the cookie
# when it closes, unless the user ticked "Husk mig på denne enhed" at sign-in; then it
# keeps it until the absolute limit. The database row lasts no longer either.
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=2 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Pages warn this long before the session ends, with a button that extends it (up to
# the absolute limit).
SESSION_WARNING_SECONDS = env.int("SESSION_WARNING_SECONDS", default=5 * 60)

# Danish first, English available.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
# Off: a thousands separator would also reach ids in URLs and form values ("7.258").
# Show large figures with |intcomma (django.contrib.humanize), which is localized.
USE_THOUSAND_SEPARATOR = False
# Dates are written one way per language (synergy/formats/<language>/formats.py):
# "16. august 2017" in Danish, "16 August 2017" in English; templates use the names.
FORMAT_MODULE_PATH = ["synergy.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Photos and catalogue PDFs: files under MEDIA_ROOT, or an S3-compatible bucket when
# MEDIA_S3_BUCKET is set (core/media_storage.py).
STORAGES = {
    "default": media_storage(env.ENVIRON),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Background work (the PDF catalogue): Django's tasks framework, stored in the database
# and run by `manage.py run_worker` (`make run` starts one beside the web server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The worker (`manage.py run_worker`, core/worker.py) writes a heartbeat this often; a
# worker silent for WORKER_HEARTBEAT_TIMEOUT is dead and its running task is failed.
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=10)
WORKER_HEARTBEAT_TIMEOUT = env.int("WORKER_HEARTBEAT_TIMEOUT", default=60)
# While the database is unreachable the worker tries again after 1, 2, 4 … this many seconds.
WORKER_RECONNECT_MAX_SECONDS = env.int("WORKER_RECONNECT_MAX_SECONDS", default=30)
# /healthz/worker answers 503 when the oldest queued task has waited longer than this.
TASK_QUEUE_MAX_WAIT = env.int("TASK_QUEUE_MAX_WAIT", default=300)
# A catalogue of more chapters than CATALOGUE_PART_CHAPTERS is laid out in parts of
# that many chapters by CATALOGUE_LAYOUT_PROCESSES processes (0: one document in the
# worker itself), and assembled (reporting/pdf_parts.py).
CATALOGUE_PART_CHAPTERS = env.int("CATALOGUE_PART_CHAPTERS", default=20)
CATALOGUE_LAYOUT_PROCESSES = env.int("CATALOGUE_LAYOUT_PROCESSES", default=2)
# The worker refuses a catalogue whose estimated peak memory is above this (MB)
# instead of being killed by the system (reporting/pdf.py: estimated_peak_mb).
CATALOGUE_MEMORY_LIMIT_MB = env.int("CATALOGUE_MEMORY_LIMIT_MB", default=1500)
# A catalogue PDF whose render has reported no progress for this long is failed.
RENDER_STALL_SECONDS = env.int("RENDER_STALL_SECONDS", default=15 * 60)
# The catalogue page says the worker is not running when a PDF has waited this long.
RENDER_QUEUE_WARNING_SECONDS = env.int("RENDER_QUEUE_WARNING_SECONDS", default=30)

# The read API (api/, README "API (læseadgang)"): read-only JSON under /api/v1/,
# pages with a stable order (a cursor over the id), one error shape in Danish or
# English (Accept-Language), and a CSV variant of the main tables for Power BI.
REST_FRAMEWORK = {
    # A key (`Authorization: Bearer …`, accounts.api_auth), or the session of a
    # person signed in in the browser (the docs' "Try it out").
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api_auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["accounts.api_auth.ApiTokenThrottle"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.MayRead"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": [],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.IdCursorPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Synergi API",
    "DESCRIPTION": (
        "Læseadgang til forløb, steder, ydelser, tiltag, afprøvninger, testskemaer "
        "med svar, tal pr. uge, succeskriterier, beslutninger og citater. "
        "Read-only access; see the README section 'API (læseadgang)'."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_SETTINGS": {
        # No deep links (a link inside each operation's button: nested-interactive)
        # and no colouring of examples (too light; a scrolling box): axe-clean.
        "deepLinking": False,
        "syntaxHighlight": False,
        "defaultModelsExpandDepth": 0,
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content-Security-Policy (Django 6 built-in): only our own assets, inline
# scripts only with the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Permissions-Policy (core.middleware.PrivateResponsesMiddleware): browser features no
# page uses, switched off for every page and whatever it might embed. The photo upload
# is a plain file input (no `capture`): the phone's picker offers its camera without
# the page asking for the camera feature, which governs getUserMedia.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
}

# E-mail (Django 6.1 mailers): printed to the console unless production configures SMTP.
MAILERS: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="synergi@localhost")
# The app's address as people reach it, for the links in mails sent by the worker
# (which has no request to take it from).
SITE_URL = env("SITE_URL", default="http://localhost:8000")
# Notification mails wait this long (seconds) after the first event, so that the
# events of the next minutes go into the same mail (notifications.tasks).
NOTIFICATION_MAIL_DELAY = env.int("NOTIFICATION_MAIL_DELAY", default=5 * 60)

# The read API (/api/v1/): requests per key (accounts.api_auth.ApiTokenThrottle),
# counted in the shared cache. Power BI reads a table page by page.
API_THROTTLE_RATE = env("API_THROTTLE_RATE", default="300/min")

# Uploaded photos are spooled to disk above this size; the 10 MB limit itself is
# checked by the upload service (and by the proxy's client_max_body_size in production).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Demo users get this password only where a settings module sets it (dev).
DEMO_PASSWORD = None

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        # One JSON object per line for the log collector (LOG_FORMAT=json; prod default).
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
            },
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", default="plain"),
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint's steps reach the catalogue's progress bar, not the log.
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Lockouts are logged as warnings with the username and address masked
        # (django-axes' AXES_SENSITIVE_PARAMETERS); the rows are in the database.
        "axes": {"level": "WARNING"},
        # Sign-ins, sign-outs, failures and throttled resets, by account id only.
        "security": {"level": "INFO"},
    },
}
