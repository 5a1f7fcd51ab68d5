"""Every URL: who may use it. Default deny, a declared permission on every view,
and the URL × role table in url_matrix.py checked for GET and POST."""

import pytest
import rules
from django.apps import apps
from django.db.models import Max
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import ROLES
from synergy.tests.url_matrix import ANSWERS_401, API_401, MATRIX, PUBLIC


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if inner == "admin":
                continue  # Django admin has its own login and permissions (tested below).
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, pattern.callback


URLS = dict(_walk(get_resolver().url_patterns))


def test_every_url_has_a_row_in_the_matrix():
    """A new URL fails here until url_matrix.py says who may use it."""
    assert set(URLS) - set(MATRIX) == set(), "URLs without a row in url_matrix.MATRIX"
    assert set(MATRIX) - set(URLS) == set(), "rows in url_matrix.MATRIX without a URL"


@pytest.mark.parametrize("name", sorted(URLS))
def test_every_view_declares_its_permission(name):
    """Each view names a registered permission rule, or is one of the few public ones."""
    callback = URLS[name]
    view = getattr(callback, "view_class", callback)
    if name in PUBLIC:
        assert getattr(view, "public", False) or getattr(callback, "public", False), (
            name
        )
        return
    permission = getattr(view, "permission_required", None)
    assert permission, f"{name}: {view.__name__} declares no permission_required"
    assert rules.perm_exists(permission), f"{name}: unknown permission {permission!r}"


@pytest.mark.parametrize("name", sorted(set(URLS) - PUBLIC - ANSWERS_401 - API_401))
def test_anonymous_is_sent_to_login(client, world, name):
    url_kwargs = MATRIX[name][0]
    url = reverse(name, kwargs=url_kwargs(world))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.parametrize("name", sorted(ANSWERS_401))
def test_anonymous_script_calls_get_401_json(client, world, name):
    url = reverse(name, kwargs=MATRIX[name][0](world))
    response = client.post(url, {})
    assert response.status_code == 401
    assert response.json()["error"] == "session_expired"


@pytest.mark.parametrize("name", sorted(API_401))
def test_anonymous_api_calls_get_401_json(client, world, name):
    """The read API never sends a script to the login page: 401, a Bearer challenge
    and the reason in Danish."""
    url = reverse(name, kwargs=MATRIX[name][0](world))
    response = client.get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in response.content.decode()


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_get_status_per_role(client_for, world, name):
    """Every role gets the status the matrix says (one world for all six roles)."""
    url_kwargs, expected = MATRIX[name][:2]
    url = reverse(name, kwargs=url_kwargs(world))
    actual = {role: client_for(role).get(url).status_code for role in ROLES}
    assert actual == expected


def _database_state():
    """Row counts and the latest change of every model of ours: a POST that is refused
    must leave them as they were."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label not in {
            "synergy",
            "sites",
            "initiatives",
            "testing",
            "reporting",
            "auth",
        }:
            continue
        queryset = model._default_manager.all()
        fields = {f.name for f in model._meta.concrete_fields}
        latest = (
            queryset.aggregate(latest=Max("updated_at"))["latest"]
            if "updated_at" in fields
            else None
        )
        state[model._meta.label] = (queryset.count(), latest)
    return state


def _post_expectations(name):
    """A row's POST statuses: its own where it has them, else the same as GET."""
    row = MATRIX[name]
    return row[3] if len(row) > 3 else row[1]


def _refused_roles(name):
    expected = _post_expectations(name)
    return [
        role
        for role in ROLES
        if expected[role] in (302, 401, 403, 404)
        and (role == "anonymous" or expected[role] != 302)
    ]


REFUSED_POSTS = sorted(
    name
    for name, row in MATRIX.items()
    if row[2] and name not in PUBLIC and _refused_roles(name)
)


@pytest.mark.parametrize("name", REFUSED_POSTS)
def test_refused_post_changes_nothing(client_for, world, name):
    """A role that may not use a page cannot POST to it either, and nothing changes."""
    url = reverse(name, kwargs=MATRIX[name][0](world))
    before = _database_state()
    expected, actual = {}, {}
    for role in _refused_roles(name):
        response = client_for(role).post(url, {"name": "Ændret", "role": "consultant"})
        expected[role] = _post_expectations(name)[role]
        actual[role] = response.status_code
        assert _database_state() == before, f"a refused POST by {role} changed data"
    assert actual == expected


def test_admin_needs_a_staff_login(client_for):
    assert client_for("anonymous").get("/admin/").status_code == 302
    response = client_for("coordinator_a").get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
