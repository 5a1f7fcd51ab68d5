"""WCAG 2.1 A/AA checks with axe-core in Chromium, page by page and role by role, on
the demo data: the pages each role uses, forms empty and with errors.

axe-core comes with axe-playwright-python (MPL 2.0, no network). A failure lists each
rule, its help text and the first elements that break it.
"""

import pytest
from django.urls import reverse

from e2e.conftest import axe_violations as violations
from e2e.conftest import login
from initiatives.models import Idea, Initiative
from projects.models import Project
from sites.models import Site
from testing.models import Submission


def check(page, paths):
    problems = []
    for path in paths:
        response = page.goto(page.base_url + path)
        assert response.status == 200, (path, response.status)
        problems += violations(page)
    return problems


def demo_paths():
    project = Project.objects.get()
    site = Site.objects.order_by("name").first()
    initiative = Initiative.objects.order_by("name").first()
    idea = Idea.objects.order_by("pk").first()
    return project, site, initiative, idea


def test_login_page_and_statement_have_no_violations(page, demo):
    page.goto(page.base_url + "/login/")
    assert violations(page) == []
    page.get_by_role("link", name="Tilgængelighedserklæring").click()
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Tilgængelighedserklæring"
    )
    assert violations(page) == []
    page.goto(page.base_url + "/login/")
    page.get_by_role("link", name="Glemt adgangskode?").click()
    assert violations(page) == []
    page.get_by_role("button", name="Send linket").click()  # empty: the error
    assert violations(page) == []
    page.goto(page.base_url + "/login/")
    page.get_by_role("button", name="Log ind").click()  # empty: errors shown
    assert violations(page) == []


def test_steering_group_pages_have_no_violations(page, demo):
    project, site, initiative, idea = demo_paths()
    login(page, "styregruppe-1")
    assert (
        check(
            page,
            [
                "/",
                project.get_absolute_url(),
                reverse("reporting:dashboard", args=[project.pk]),
                reverse("reporting:dashboard", args=[project.pk]) + f"?site={site.pk}",
                reverse("reporting:initiative_results", args=[initiative.pk]),
                reverse("reporting:site_overview", args=[project.pk, site.pk]),
                reverse("initiatives:idea_list", args=[project.pk]),
                idea.get_absolute_url(),
                reverse("initiatives:decision_list", args=[project.pk]),
                reverse("initiatives:evidence", args=[project.pk]),
            ],
        )
        == []
    )


def test_coordinator_pages_and_forms_have_no_violations(page, demo):
    project, *_ = demo_paths()
    login(page, "tovholder-roskilde")
    draft = Submission.objects.filter(
        status="draft", run__site__name__startswith="Roskilde"
    ).first()
    assert (
        check(
            page,
            [
                "/",
                reverse("testing:my_submissions"),
                reverse("testing:submission_fill", args=[draft.pk]),
                reverse("initiatives:idea_create", args=[project.pk]),
            ],
        )
        == []
    )
    # The idea form with its errors shown.
    page.get_by_role("button", name="Gem").click()
    assert page.locator(".invalid-feedback").first.is_visible()
    assert violations(page) == []


@pytest.mark.parametrize("width", [1280, 320])
def test_consultant_catalogue_pages_have_no_violations(new_page, demo, width):
    project, *_ = demo_paths()
    page = new_page(width=width)
    login(page, "konsulent")
    chapter = project.catalogue.chapters.first()
    submitted = Submission.objects.filter(status="submitted").first()
    assert (
        check(
            page,
            [
                reverse("testing:submission_list", args=[project.pk]),
                reverse("testing:submission_review", args=[submitted.pk]),
                "/admin/",
                reverse("reporting:catalogue", args=[project.pk]),
                reverse("reporting:catalogue_update", args=[project.pk]),
                reverse("reporting:chapter_edit", args=[chapter.pk]),
                reverse("reporting:catalogue_preview", args=[project.pk]),
            ],
        )
        == []
    )
