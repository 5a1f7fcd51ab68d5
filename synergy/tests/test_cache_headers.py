"""No response to a signed-in user is kept by a browser or proxy (`no-store`), except
the few a view opts in for (the dashboard's chart images: a day, this browser only);
every response says which browser features are off (Permissions-Policy).

Walks every URL of the URL × role table (url_matrix.py) as every role."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from conftest import ROLES
from core.middleware import permissions_policy
from synergy.tests.url_matrix import MATRIX

# URL name → the Cache-Control its successful (200) answer carries instead of no-store.
OPTED_IN = {"reporting:initiative_chart": "private, max-age=86400"}
POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()"
)


def _walk(client_for, world, role):
    client = client_for(role)
    for name, row in sorted(MATRIX.items()):
        url = reverse(name, kwargs=row[0](world))
        yield name, url, client.get(url)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_every_signed_in_response_is_no_store_unless_opted_in(client_for, world, role):
    wrong = []
    for name, url, response in _walk(client_for, world, role):
        cache_control = response.get("Cache-Control", "")
        if name in OPTED_IN and response.status_code == 200:
            if cache_control != OPTED_IN[name]:
                wrong.append(f"{url} ({response.status_code}): {cache_control!r}")
            continue
        directives = {d.strip() for d in cache_control.split(",")}
        if not {"no-store", "private"} <= directives:
            wrong.append(f"{url} ({response.status_code}): {cache_control!r}")
    assert wrong == [], f"{role}: responses a browser may keep:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_every_response_has_the_permissions_policy(client_for, world, role):
    missing = [
        url
        for _name, url, response in _walk(client_for, world, role)
        if response.get("Permissions-Policy") != POLICY
    ]
    assert missing == []


def test_the_policy_is_the_setting(settings):
    assert permissions_policy(settings.PERMISSIONS_POLICY) == POLICY
    assert permissions_policy({"fullscreen": ["self"]}) == "fullscreen=(self)"


def test_the_chart_is_kept_a_day_by_its_users_browser_only(client_for, world):
    """The chart's one-day cache is private (no proxy keeps it) and varies with the
    session cookie (another person signing in on the same browser gets their own);
    users who may not see it get no-store refusals, anonymous users the login page."""
    url = reverse("reporting:initiative_chart", args=[world.initiative.pk])
    response = client_for("coordinator_a").get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=86400"
    assert "Expires" not in response
    assert "Cookie" in response["Vary"]
    refused = client_for("coordinator_b").get(url)
    assert refused.status_code == 404
    assert "no-store" in refused["Cache-Control"]
    anonymous = client_for("anonymous").get(url)
    assert anonymous.status_code == 302
    assert "max-age=86400" not in anonymous.get("Cache-Control", "")


def test_posted_answers_to_signed_in_users_are_no_store(client_for, world):
    """A form shown again with its errors, and the redirect after a save."""
    client = client_for("consultant")
    invalid = client.post(reverse("sites:municipality_create"), {"name": ""})
    assert invalid.status_code == 200
    assert "no-store" in invalid["Cache-Control"]
    saved = client.post(
        reverse("sites:municipality_create"), {"name": "Ny Kommune", "code": 999}
    )
    assert saved.status_code == 302
    assert "no-store" in saved["Cache-Control"]


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_static_files_keep_their_own_caching(world):
    """WhiteNoise answers static files before the user is known: their caching is
    WhiteNoise's, signed in or not; the Permissions-Policy is on them too."""
    client = Client()
    client.force_login(world.users["consultant"])
    response = client.get("/static/css/synergy.css")
    assert response.status_code == 200
    assert "no-store" not in response["Cache-Control"]
    assert "max-age" in response["Cache-Control"]
    assert response["Permissions-Policy"] == POLICY
