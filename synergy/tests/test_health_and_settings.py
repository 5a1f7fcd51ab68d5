"""The health check, the error pages and the production settings."""

import importlib
from unittest import mock

import pytest
from django.test import override_settings
from django.urls import reverse


def test_healthz_answers_without_login(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_is_503_when_the_database_is_down(client, db):
    from django.db import OperationalError

    with mock.patch(
        "core.views.connection.cursor", side_effect=OperationalError("down")
    ):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert "down" not in response.content.decode()


def test_404_page_is_danish_and_leaks_nothing(client_for, world):
    response = client_for("steering").get("/sites/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Siden findes ikke" in html
    assert "Traceback" not in html and "sites.models" not in html


def test_403_page_is_danish(client_for, world):
    response = client_for("steering").get(reverse("sites:site_create"))
    assert response.status_code == 403
    assert "Ingen adgang" in response.content.decode()


@override_settings(DEBUG=False)
def test_500_page_leaks_nothing(client_for, world):
    client = client_for("steering")
    client.raise_request_exception = False
    with mock.patch(
        "sites.views.selectors.site_list", side_effect=RuntimeError("SECRET_KEY boom")
    ):
        response = client.get(reverse("sites:site_list"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Der skete en fejl" in html
    assert "SECRET_KEY" not in html and "Traceback" not in html


@pytest.fixture
def prod_settings(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.setenv("ALLOWED_HOSTS", "synergi.example.dk")
    monkeypatch.setenv("DATABASE_URL", "postgres://synergi@db.example.dk:5432/synergi")
    return importlib.reload(importlib.import_module("synergy.settings.prod"))


def test_production_settings_are_secure(prod_settings):
    s = prod_settings
    assert s.DEBUG is False
    assert s.SECURE_HSTS_SECONDS >= 31536000 and s.SECURE_HSTS_INCLUDE_SUBDOMAINS
    assert s.SESSION_COOKIE_SECURE and s.CSRF_COOKIE_SECURE
    assert s.SESSION_COOKIE_NAME == "__Host-sessionid"
    assert s.CSRF_COOKIE_NAME == "__Host-csrftoken"
    assert s.SESSION_ENGINE != "django.contrib.sessions.backends.signed_cookies"
    assert s.ALLOWED_HOSTS == ["synergi.example.dk"]
    assert s.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert all(origin.startswith("https://") for origin in s.CSRF_TRUSTED_ORIGINS)
    assert s.SECURE_SSL_REDIRECT
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in s.MIDDLEWARE


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("ALLOWED_HOSTS", "synergi.example.dk")
    monkeypatch.setenv("DATABASE_URL", "postgres://synergi@db/synergi")
    with pytest.raises(ImproperlyConfigured):
        importlib.reload(importlib.import_module("synergy.settings.prod"))


def test_content_security_policy_is_sent(client, db):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
