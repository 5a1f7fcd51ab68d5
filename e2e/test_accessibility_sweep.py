"""Every page of the URL table, as each role that may open it, through axe-core, and
at 320 px without sideways scrolling.

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

ROLES = ["anonymous", "consultant", "coordinator_a", "steering"]
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 800}
# Coordinators fill schemas on tablets and phones: their pages get axe at 320 px too.
CHECKED_NARROW = {"anonymous", "coordinator_a"}


def pages_for(role, world):
    for name, (kwargs_for, expected, *_post) in sorted(MATRIX.items()):
        if expected[role] == 200:
            yield name, reverse(name, kwargs=kwargs_for(world))


def signed_in(new_page, user):
    """A test client and a browser page sharing one session of this user."""
    client = Client()
    page = new_page()
    if user is None:
        return client, page
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": page.base_url,
            }
        ]
    )
    return client, page


def is_whole_page(response):
    return response["Content-Type"].startswith("text/html") and (
        b"<main" in response.content
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_opens_has_no_wcag_violations(
    transactional_db, world, new_page, role
):
    if connection.vendor != "sqlite":
        pytest.skip("the markup does not depend on the database; checked on SQLite")
    client, page = signed_in(new_page, world.users.get(role))
    checked, problems = [], []
    for name, path in pages_for(role, world):
        response = client.get(path)
        assert response.status_code == 200, (role, name, path, response.status_code)
        if not is_whole_page(response):
            continue  # a file, a chart, JSON, or a fragment checked inside its page
        page.set_viewport_size(WIDE)
        assert page.goto(page.base_url + path).status == 200
        checked.append(name)
        problems += [f"{name}: {line}" for line in axe_violations(page)]
        # Reflow (WCAG 1.4.10): at 320 px nothing but a table's own box scrolls.
        page.set_viewport_size(NARROW)
        # Two animation frames: tables.js has reacted to the resize.
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > NARROW["width"]:
            problems.append(f"{name}: {width} px wide at 320 px")
        if role in CHECKED_NARROW:
            problems += [f"{name} (320 px): {v}" for v in axe_violations(page)]
    assert problems == []
    assert len(checked) >= (3 if role == "anonymous" else 40), checked


def test_every_create_form_sent_empty_shows_errors_without_wcag_violations(
    transactional_db, world, new_page
):
    """The consultant's create forms, sent empty: the errors must be accessible too."""
    if connection.vendor != "sqlite":
        pytest.skip("the markup does not depend on the database; checked on SQLite")
    client, page = signed_in(new_page, world.users["consultant"])
    checked, problems = [], []
    for name, path in pages_for("consultant", world):
        if not name.endswith("_create"):
            continue
        page.goto(page.base_url + path)
        form = page.locator("main form[method=post]").last
        form.locator("[type=submit]").last.click()
        page.wait_for_load_state()
        if page.locator(".invalid-feedback, .alert-danger").count() == 0:
            continue  # an empty form that is valid (saved): nothing to show
        checked.append(name)
        problems += [f"{name}: {line}" for line in axe_violations(page)]
    assert problems == []
    assert len(checked) >= 10, checked
