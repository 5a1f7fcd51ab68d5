"""Production: every deployment value from the environment, HTTPS only.

Required environment: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL).
Passes `manage.py check --deploy --fail-level WARNING`.
"""

from synergy.settings.base import *
from synergy.settings.base import _postgresql_timeouts, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
_postgresql_timeouts(DATABASES["default"])

# Consultants and admins sign in with a second factor (accounts/two_factor.py).
TWO_FACTOR_REQUIRED_FOR = env.list(
    "TWO_FACTOR_REQUIRED_FOR", default=["consultant", "admin"]
)

# HTTPS behind a reverse proxy that always overwrites X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/worker$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

STORAGES = {
    **STORAGES,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# E-mail through the municipality's SMTP relay.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env("SMTP_HOST", default="localhost"),
            "port": env.int("SMTP_PORT", default=587),
            "username": env("SMTP_USER", default=""),
            "password": env("SMTP_PASSWORD", default=""),
            "use_tls": env.bool("SMTP_USE_TLS", default=True),
            "timeout": 20,
        },
    },
}

# Logs: JSON lines unless LOG_FORMAT=plain. They carry no personal data: no usernames or
# addresses (django-axes masks them; gunicorn runs without an access log).
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", default="json")
