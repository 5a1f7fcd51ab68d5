"""A small OpenID Connect provider (django-oidc-provider) for the single sign-on
tests: its own Django project, run in its own process on a loopback port, with its own
SQLite file. Nothing of Synergi is installed here.

The process reads its port, database file and the client's redirect URIs from the
environment (serve.py sets them)."""

import os

BASE_DIR = os.path.dirname(os.path.abspath(__file__))
PORT = os.environ["TEST_PROVIDER_PORT"]

SECRET_KEY = "test-provider-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SITE_URL = f"http://127.0.0.1:{PORT}"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "accounts.tests.provider.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(BASE_DIR, "templates")],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": ["django.template.context_processors.request"]
        },
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["TEST_PROVIDER_DB"],
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Synergi's session cookie is also called "sessionid" on 127.0.0.1: a name of its own.
SESSION_COOKIE_NAME = "provider_session"
CSRF_COOKIE_NAME = "provider_csrftoken"
LOGIN_URL = "/login/"
USE_TZ = True

OIDC_IDTOKEN_INCLUDE_CLAIMS = True
OIDC_USERINFO = "accounts.tests.provider.claims.userinfo"
OIDC_IDTOKEN_PROCESSING_HOOK = "accounts.tests.provider.claims.misbehave"
