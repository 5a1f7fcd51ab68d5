"""Property: whatever roles a person holds in which projects and at which sites,
what the API lists (page by page) is exactly what the permission rules let them
see on the pages, and the figures are the results page's.

The oracle is independent of the API's querysets: each row of every table is
asked about one by one through the object-level rules (`user.has_perm(...)`,
projects/permissions.py), and the figures through the dashboard's selector for
one initiative (`initiative_figures`, what an initiative's results page shows)."""

import os

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboards.selectors import initiative_figures
from initiatives.models import Decision, Initiative, Quote
from initiatives.tests.factories import (
    InitiativeFactory,
    InitiativeSiteFactory,
    QuoteFactory,
)
from projects.models import Membership, Project, Role
from projects.tests.factories import ProjectFactory, UserFactory
from sites.tests.factories import SiteFactory
from testing import services as testing_services
from testing.models import Submission, TestRun
from testing.tests.factories import QuestionFactory, SectionFactory, TestRunFactory

# Each example reads every list page by page: half the forms' fuzzing budget.
EXAMPLES = max(5, int(os.environ.get("HYPOTHESIS_EXAMPLES", "25")) // 2)
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)


@pytest.fixture
def two_projects(world):
    """The world's project, and a second one sharing site B, with a run at site C,
    answered schemas and quotes with every consent and review."""
    site_c = SiteFactory(name="Sted C")
    other = ProjectFactory(name="Andet forløb")
    other.sites.set([world.site_b, site_c])
    initiative = InitiativeFactory(project=other)
    InitiativeSiteFactory(initiative=initiative, site=site_c)
    for site in (site_c, world.site_b):
        run = TestRunFactory(project=other, initiative=initiative, site=site)
        section = SectionFactory(version__template=run.template)
        QuestionFactory(section=section, key="antal")
        QuestionFactory(
            section=section, key="ord", kind="long_text", holds_personal_data=True
        )
        testing_services.run_sync_submissions(run=run)
        submission = run.submissions.order_by("week").first()
        testing_services.submission_submit(
            submission=submission,
            values={"antal": 7, "ord": "Birthe sagde noget."},
            user=world.users["consultant"],
            expected_version=submission.version,
        )
    for consent in (True, False):
        for reviewed in (True, False):
            QuoteFactory(project=other, consent_to_publish=consent, reviewed=reviewed)
            QuoteFactory(
                project=world.project, consent_to_publish=consent, reviewed=reviewed
            )
    return {
        "projects": [world.project, other],
        "sites": [world.site_a, world.site_b, site_c],
    }


ROLE = st.sampled_from(
    [None, Role.CONSULTANT, Role.STEERING, Role.COORDINATOR, "two_sites"]
)


def _member(user, project, role, sites):
    if role is None:
        return
    if role in (Role.CONSULTANT, Role.STEERING):
        Membership.objects.create(user=user, project=project, role=role)
        return
    chosen = sites[:2] if role == "two_sites" else sites[-1:]
    for site in chosen:
        Membership.objects.create(
            user=user, project=project, role=Role.COORDINATOR, site=site
        )


def _all(client, name):
    """Every row of a list, following `next` with small pages."""
    rows, url = [], reverse(f"api:{name}") + "?page_size=2"
    while url:
        response = client.get(url)
        assert response.status_code == 200, (name, response.content)
        body = response.json()
        rows += body["results"]
        url = body["next"]
    return rows


def _ids(client, name):
    ids = [row["id"] for row in _all(client, name)]
    assert len(ids) == len(set(ids)), f"{name}: a row twice"
    return set(ids)


def _allowed(user, model, permission, extra=lambda obj: True):
    return {
        obj.pk
        for obj in model.objects.all()
        if user.has_perm(permission, obj) and extra(obj)
    }


@PROPERTY
@given(first=ROLE, second=ROLE, site_order=st.permutations([0, 1, 2]))
def test_the_api_lists_what_the_rules_let_its_reader_see(
    two_projects, first, second, site_order
):
    projects = two_projects["projects"]
    sites = [two_projects["sites"][i] for i in site_order]
    user = UserFactory()
    for project, role in zip(projects, (first, second), strict=True):
        project_sites = [s for s in sites if project.sites.filter(pk=s.pk).exists()]
        _member(user, project, role, project_sites)
    client = Client()
    client.force_login(user)
    if first is None and second is None:
        assert client.get(reverse("api:project_list")).status_code == 403
        return
    user = type(user).objects.get(pk=user.pk)  # memberships read afresh
    assert _ids(client, "project_list") == _allowed(
        user, Project, "synergy.view_project"
    )
    assert _ids(client, "initiative_list") == _allowed(
        user, Initiative, "initiatives.view_initiative"
    )
    assert _ids(client, "testrun_list") == _allowed(
        user, TestRun, "testing.view_testrun"
    )
    assert _ids(client, "decision_list") == _allowed(
        user, Decision, "initiatives.view_decision"
    )
    assert _ids(client, "quote_list") == _allowed(
        user,
        Quote,
        "initiatives.view_quote",
        lambda q: q.consent_to_publish and q.reviewed,
    )
    submissions = {row["id"]: row for row in _all(client, "submission_list")}
    assert set(submissions) == _allowed(user, Submission, "testing.view_submission")
    for pk, row in submissions.items():
        submission = Submission.objects.get(pk=pk)
        personal = {"ord", "citater"} & {a["question"] for a in row["answers"]}
        may = user.has_perm("testing.view_personal_answers", submission)
        words = (
            submission.answers.filter(question__holds_personal_data=True, hidden=False)
            .exclude(value_text="")
            .exists()
        )
        assert bool(personal) == (may and words), (pk, personal)
    figures = {
        (row["initiative_id"], row["site_id"], row["question"])
        for row in _all(client, "figure_list")
    }
    expected = {
        (initiative.pk, figure.site_id, figure.key)
        for initiative in Initiative.objects.visible_to(user)
        for figure in initiative_figures(initiative=initiative, user=user)
        if figure.by_week
    }
    assert figures == expected
