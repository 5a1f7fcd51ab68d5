"""The read API with real tokens (accounts.api_auth): every API URL of the URL × role
table as a personal token of each role and as a project token of each role; no
token, a revoked one and an expired one are 401; a project token reads its project
only (another project is 404, also as a filter), and every use is audited."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from accounts.models import ApiToken
from projects.models import AuditAction, AuditEvent, Role
from projects.tests.factories import ProjectFactory
from synergy.tests.url_matrix import MATRIX

API_URLS = sorted(n for n in MATRIX if n.startswith("api:") and n != "api:docs")
PERSONAL = ["consultant", "coordinator_a", "coordinator_b", "steering", "outsider"]
# A project token acts as one role in one project: the same rows as that role.
PROJECT_TOKENS = {
    "project_consultant": Role.CONSULTANT,
    "project_steering": Role.STEERING,
}
AS_ROLE = {"project_consultant": "consultant", "project_steering": "steering"}


def _token(world, kind, **kwargs):
    if kind in PROJECT_TOKENS:
        _token_row, key = account_services.api_token_create(
            owner=world.users["consultant"],
            name=f"BI {kind}",
            project=world.project,
            role=PROJECT_TOKENS[kind],
            **kwargs,
        )
    else:
        _token_row, key = account_services.api_token_create(
            owner=world.users[kind], name=f"BI {kind}", **kwargs
        )
    return key


def _client(key):
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.mark.parametrize("name", API_URLS)
def test_every_api_url_as_every_token(world, name):
    url_kwargs, expected = MATRIX[name][:2]
    url = reverse(name, kwargs=url_kwargs(world))
    actual, wanted = {}, {}
    for kind in PERSONAL + list(PROJECT_TOKENS):
        client = _client(_token(world, kind))
        actual[kind] = client.get(url).status_code
        wanted[kind] = expected[AS_ROLE.get(kind, kind)]
    actual["no token"] = Client().get(url).status_code
    wanted["no token"] = 401
    assert actual == wanted


def test_revoked_expired_and_malformed_tokens_are_401(world):
    url = reverse("api:project_list")
    token, key = account_services.api_token_create(
        owner=world.users["steering"], name="BI"
    )
    assert _client(key).get(url).status_code == 200
    account_services.api_token_revoke(token=token, by=world.users["steering"])
    assert _client(key).get(url).status_code == 401
    expired, expired_key = account_services.api_token_create(
        owner=world.users["steering"], name="Udløber"
    )
    assert _client(expired_key).get(url).status_code == 200
    ApiToken.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert _client(expired_key).get(url).status_code == 401
    for header in (
        "Bearer",
        "Bearer  ",
        "Basic abc",
        "Bearer x\x00y",
        "Bearer " + "a" * 5000,
    ):
        response = Client(HTTP_AUTHORIZATION=header).get(url)
        assert response.status_code == 401, header


def test_a_project_token_reads_its_project_only(world):
    other = ProjectFactory(name="Andet forløb")
    other.memberships.create(user=world.users["consultant"], role=Role.CONSULTANT)
    _row, key = account_services.api_token_create(
        owner=world.users["consultant"],
        name="Kun det andet",
        project=other,
        role=Role.STEERING,
    )
    client = _client(key)
    assert [
        p["id"] for p in client.get(reverse("api:project_list")).json()["results"]
    ] == [other.pk]
    assert (
        client.get(reverse("api:project_detail", args=[world.project.pk])).status_code
        == 404
    )
    for name in ("api:figure_list", "api:verdict_list", "api:submission_list"):
        response = client.get(reverse(name), {"project": world.project.pk})
        assert response.status_code == 404, name
    # A personal token of the same consultant reads both.
    personal = _client(_token(world, "consultant"))
    ids = {p["id"] for p in personal.get(reverse("api:project_list")).json()["results"]}
    assert ids == {world.project.pk, other.pk}


def test_a_steering_project_token_gets_no_personal_answers(world):
    client = _client(_token(world, "project_steering"))
    body = client.get(
        reverse("api:submission_detail", args=[world.submitted.pk])
    ).json()
    assert "citater" not in {a["question"] for a in body["answers"]}
    consultant = _client(_token(world, "project_consultant"))
    body = consultant.get(
        reverse("api:submission_detail", args=[world.submitted.pk])
    ).json()
    assert "citater" in {a["question"] for a in body["answers"]}


def test_every_token_use_is_audited_once(world):
    key = _token(world, "steering")
    before = AuditEvent.objects.filter(action=AuditAction.API_READ).count()
    _client(key).get(reverse("api:figure_list"))
    _client(key).get(reverse("api:quote_csv")).getvalue()
    assert AuditEvent.objects.filter(action=AuditAction.API_READ).count() == before + 2
