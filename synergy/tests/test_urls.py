"""Every URL: who may use it. Default deny, a declared permission on every view,
and the URL × role table in url_matrix.py checked for GET and POST."""

import pytest
import rules
from django.apps import apps
from django.db.models import Max
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import ROLES
from synergy.tests.url_matrix import MATRIX, PUBLIC


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


@pytest.mark.parametrize("name", sorted(set(URLS) - PUBLIC))
def test_anonymous_is_sent_to_login(client, world, name):
    url_kwargs, _expected, _mutating = MATRIX[name]
    url = reverse(name, kwargs=url_kwargs(world))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


CASES = [(name, role) for name in sorted(MATRIX) for role in ROLES]


@pytest.mark.parametrize("name,role", CASES)
def test_get_status_per_role(client_for, world, name, role):
    url_kwargs, expected, _mutating = MATRIX[name]
    response = client_for(role).get(reverse(name, kwargs=url_kwargs(world)))
    assert response.status_code == expected[role]


def _database_state():
    """Row counts and the latest change of every model of ours: a POST that is refused
    must leave them as they were."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label not in {"synergy", "sites", "initiatives", "auth"}:
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


REFUSED_POSTS = [
    (name, role)
    for name, (_kwargs, expected, mutating) in sorted(MATRIX.items())
    for role in ROLES
    if mutating
    and name not in PUBLIC
    and expected[role] in (302, 403, 404)
    and role != "consultant"
    and not (role != "anonymous" and expected[role] == 302)
]


@pytest.mark.parametrize("name,role", REFUSED_POSTS)
def test_refused_post_changes_nothing(client_for, world, name, role):
    """A role that may not use a page cannot POST to it either, and nothing changes."""
    url_kwargs, expected, _mutating = MATRIX[name]
    before = _database_state()
    response = client_for(role).post(
        reverse(name, kwargs=url_kwargs(world)),
        {"name": "Ændret", "role": "consultant"},
    )
    assert response.status_code == expected[role]
    assert _database_state() == before


def test_admin_needs_a_staff_login(client_for):
    assert client_for("anonymous").get("/admin/").status_code == 302
    response = client_for("coordinator_a").get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
