"""Every page of the URL table, as each role that may open it, through axe-core.

The URL table (`synergy/tests/url_matrix.py`) has a row for every URL name with the
status each role gets; here every row a role opens with 200 and that answers a whole
HTML page is loaded in Chromium as that role and checked for WCAG 2.1 A/AA
violations. A new page therefore gets an accessibility check the moment it gets its
row. Files, charts and JSON (exports, photos, PDFs, SVG) are skipped by their type.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from e2e.conftest import axe_violations
from synergy.tests.url_matrix import MATRIX

ROLES = ["consultant", "coordinator_a", "steering"]


def pages_for(role, world):
    for name, (kwargs_for, expected, _mutating) in sorted(MATRIX.items()):
        if expected[role] == 200:
            yield name, reverse(name, kwargs=kwargs_for(world))


def signed_in_page(new_page, user):
    client = Client()
    client.force_login(user)
    page = new_page()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": page.base_url,
            }
        ]
    )
    return page


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_opens_has_no_wcag_violations(
    transactional_db, world, new_page, role
):
    if connection.vendor != "sqlite":
        pytest.skip("the markup does not depend on the database; checked on SQLite")
    page = signed_in_page(new_page, world.users[role])
    checked, problems = [], []
    for name, path in pages_for(role, world):
        response = page.goto(page.base_url + path)
        assert response.status == 200, (role, name, path, response.status)
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        if page.locator("html[lang] main").count() == 0:
            continue  # a fragment for htmx, checked inside its page
        checked.append(name)
        problems += [f"{name}: {line}" for line in axe_violations(page)]
    assert problems == []
    assert len(checked) >= 20, checked  # the sweep really visited pages
