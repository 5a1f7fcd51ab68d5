"""The read API: typed answers, what each role may read, filters and their errors,
pages in a stable order, query budgets, the OpenAPI document and the CSV files."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.urls import resolve, reverse
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from conftest import PERSONAL_ANSWER
from initiatives.tests.factories import InitiativeFactory, QuoteFactory
from projects.models import Role
from projects.tests.factories import MembershipFactory, ProjectFactory, UserFactory
from testing import services as testing_services
from testing.models import QuestionKind
from testing.tests.factories import QuestionFactory, TestRunFactory

API = "/api/v1/"


def _get(client, name, params=None, **kwargs):
    response = client.get(reverse(f"api:{name}", kwargs=kwargs), params or {})
    return response


def _results(client, name, params=None):
    response = _get(client, name, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def typed(world):
    """Site A's week-37 draft answered in every kind the schema asks."""
    section = world.section
    kinds = {
        "decimal": QuestionFactory(
            section=section, key="timer", kind=QuestionKind.DECIMAL
        ),
        "scale": QuestionFactory(
            section=section, key="tilfreds", kind=QuestionKind.SCALE
        ),
        "yes_no": QuestionFactory(
            section=section, key="juster", kind=QuestionKind.YES_NO
        ),
        "single": QuestionFactory(
            section=section,
            key="kanal",
            kind=QuestionKind.SINGLE_CHOICE,
            choices=["Skilt", "Mundtligt"],
        ),
        "multiple": QuestionFactory(
            section=section,
            key="grupper",
            kind=QuestionKind.MULTIPLE_CHOICE,
            choices=["Unge", "Pensionister", "Nydanskere"],
        ),
        "date": QuestionFactory(section=section, key="start", kind=QuestionKind.DATE),
        "text": QuestionFactory(
            section=section, key="note", kind=QuestionKind.SHORT_TEXT
        ),
    }
    draft = testing_services.submission_save_draft(
        submission=world.draft,
        values={
            "antal": 3,
            "timer": Decimal("2.5"),
            "tilfreds": 4,
            "juster": "no",
            "kanal": "Skilt",
            "grupper": ["Unge", "Nydanskere"],
            "start": datetime.date(2017, 9, 12),
            "note": "=1+1",
        },
        user=world.users["coordinator_a"],
        expected_version=world.draft.version,
    )
    return draft, kinds


def test_answers_are_typed_as_their_kind_says(client_for, world, typed):
    draft, _kinds = typed
    body = _get(client_for("consultant"), "submission_detail", pk=draft.pk).json()
    values = {a["question"]: a["value"] for a in body["answers"]}
    assert values == {
        "antal": 3,
        "timer": 2.5,
        "tilfreds": 4,
        "juster": False,
        "kanal": {"value": "Skilt", "label": "Skilt"},
        "grupper": [
            {"value": "Unge", "label": "Unge"},
            {"value": "Nydanskere", "label": "Nydanskere"},
        ],
        "start": "2017-09-12",
        "note": "=1+1",
    }
    kinds = {a["question"]: a["kind"] for a in body["answers"]}
    assert kinds["juster"] == "yes_no" and kinds["grupper"] == "multiple_choice"
    assert body["week"] == "2017-W37" and body["period"] == "week"
    assert body["status"] == "draft" and body["status_label"] == "Kladde"


def test_personal_answers_are_left_out_for_the_steering_group(client_for, world):
    """As on the schema's page: the consultant and site A's coordinator read the
    citizen's words; the steering group gets the schema without them."""
    for role, shown in [
        ("consultant", True),
        ("coordinator_a", True),
        ("steering", False),
    ]:
        client = client_for(role)
        body = _get(client, "submission_detail", pk=world.submitted.pk).json()
        keys = {a["question"] for a in body["answers"]}
        assert ("citater" in keys) is shown, role
        listed = _get(client, "submission_csv")
        text = b"".join(listed.streaming_content).decode("utf-8-sig")
        assert (PERSONAL_ANSWER in text) is shown, role
        assert ("citater" in str(_results(client, "submission_list"))) is shown


def test_coordinator_reads_only_their_own_sites_schemas(client_for, world):
    assert _results(client_for("coordinator_b"), "submission_list") == []
    response = _get(client_for("coordinator_b"), "submission_detail", pk=world.draft.pk)
    assert response.status_code == 404
    ids = {s["id"] for s in _results(client_for("coordinator_a"), "submission_list")}
    assert {world.draft.pk, world.submitted.pk} <= ids


def test_only_consented_and_reviewed_quotes(client_for, world):
    hidden = [
        QuoteFactory(
            project=world.project, consent_to_publish=False, text="Uden samtykke"
        ),
        QuoteFactory(project=world.project, reviewed=False, text="Ikke gennemgået"),
    ]
    for role in ("consultant", "coordinator_a", "steering"):
        client = client_for(role)
        ids = {q["id"] for q in _results(client, "quote_list")}
        assert ids == {world.quote.pk}, role
        text = b"".join(_get(client, "quote_csv").streaming_content).decode("utf-8-sig")
        assert all(q.text not in text for q in hidden)


def test_another_projects_rows_are_404_and_never_listed(client_for, world):
    other = ProjectFactory(name="Andet forløb")
    initiative = InitiativeFactory(project=other)
    client = client_for("steering")
    assert _get(client, "project_detail", pk=other.pk).status_code == 404
    assert _get(client, "initiative_detail", pk=initiative.pk).status_code == 404
    for name in ("submission_list", "figure_list", "quote_list", "initiative_list"):
        response = _get(client, name, {"project": other.pk})
        assert response.status_code == 404, name
        assert response.json()["detail"] == (
            "Forløbet findes ikke, eller du har ikke adgang til det."
        )
    ids = {p["id"] for p in _results(client, "project_list")}
    assert ids == {world.project.pk}


@pytest.mark.parametrize(
    ("params", "field", "danish"),
    [
        ({"week": "2017-39"}, "week", "Skriv ugen som ÅÅÅÅ-Www, fx 2017-W39."),
        ({"week": "2017-W54"}, "week", "Skriv ugen som ÅÅÅÅ-Www, fx 2017-W39."),
        ({"project": "abc"}, "project", "Skriv et id: et helt tal større end 0."),
        ({"project": "99999999999999999999"}, "project", "Skriv et id"),
        ({"project": "-1"}, "project", "Skriv et id"),
        ({"site": "1\x00"}, "site", "Skriv et id"),
        ({"initiative": "1e9"}, "initiative", "Skriv et id"),
        ({"updated_since": "i går"}, "updated_since", "ISO 8601"),
        ({"updated_since": "0001-01-01T00:00:00+01:00"}, "updated_since", "ISO 8601"),
        ({"updated_since": "2017-09-25\x00"}, "updated_since", "ISO 8601"),
        ({"status": "sendt"}, "status", "Ukendt status"),
        ({"page_size": "0"}, "page_size", "Sidestørrelsen"),
        ({"page_size": "99999999999999999999"}, "page_size", "Sidestørrelsen"),
        ({"cursor": "bz1hYmM="}, "cursor", "Ugyldig markør"),  # o=abc
        ({"cursor": "cD1hYmM="}, "cursor", "Ugyldig markør"),  # p=abc
        ({"cursor": "\x00æ"}, "cursor", "Ugyldig markør"),
        ({"cursor": "\x00"}, "cursor", "Ugyldig markør"),
        ({"cursor": ""}, "cursor", "Ugyldig markør"),
        ({"cursor": "%%%"}, "cursor", "Ugyldig markør"),
    ],
)
def test_invalid_parameters_are_400_with_the_reason(
    client_for, world, params, field, danish
):
    """Danish by default; with Accept-Language: en the same message from the English
    catalogue (the pages themselves follow only the language switch)."""
    client = client_for("consultant")
    response = client.get(reverse("api:submission_list"), params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["detail"] == "Ugyldige parametre."
    assert danish in body["errors"][field][0]
    response = client.get(
        reverse("api:submission_list"), params, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"
    )
    assert response.status_code == 400
    assert response["Content-Language"] == "en"
    with translation.override("en"):
        assert response.json()["detail"] == translation.gettext("Ugyldige parametre.")
        english = response.json()["errors"][field][0]
        # A message with a placeholder is formatted: its Danish text is no msgid.
        assert english == translation.gettext(body["errors"][field][0]) or (
            danish not in english
        )


def test_filters_narrow_the_rows(client_for, world):
    client = client_for("consultant")
    week38 = {
        s["id"] for s in _results(client, "submission_list", {"week": "2017-W38"})
    }
    assert week38 == {world.submitted.pk}
    assert (
        _results(client, "submission_list", {"status": "draft"})[0]["id"]
        == world.draft.pk
    )
    future = (
        datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
    ).isoformat()
    assert _results(client, "submission_list", {"updated_since": future}) == []
    assert _results(client, "submission_list", {"site": world.site_b.pk}) == []
    figures = _results(client, "figure_list", {"week": "2017-W38"})
    assert [(f["question"], f["value"], f["answers"]) for f in figures] == [
        ("antal", 5.0, 1)
    ]
    assert _results(client, "figure_list", {"week": "2017-W39"}) == []
    runs = _results(client, "testrun_list", {"week": "2017-W40"})
    assert [r["id"] for r in runs] == [world.run.pk]
    assert _results(client, "testrun_list", {"week": "2017-W50"}) == []


def test_the_api_only_reads(client_for, world):
    client = client_for("consultant")
    for name in ("project_list", "submission_list", "figure_csv"):
        response = client.post(reverse(f"api:{name}"), {})
        assert response.status_code == 405
        assert "GET" in response.json()["detail"]
        assert "POST" not in response["Allow"]


def test_pages_give_every_row_once_while_rows_are_added(client_for, world):
    """Paging by the id's cursor: a schema added while the client pages is seen once
    (it is behind the cursor), and no row comes twice or is missed."""
    run = TestRunFactory(
        project=world.project,
        initiative=world.initiative,
        site=world.site_b,
    )
    testing_services.run_sync_submissions(run=run)
    client = client_for("consultant")
    expected = {s.pk for s in world.run.submissions.all()} | {
        s.pk for s in run.submissions.all()
    }
    seen, url, added = [], reverse("api:submission_list") + "?page_size=3", None
    while url:
        body = client.get(url).json()
        seen += [s["id"] for s in body["results"]]
        if added is None:
            extra = TestRunFactory(
                project=world.project,
                initiative=InitiativeFactory(project=world.project),
                site=world.site_a,
            )
            testing_services.run_sync_submissions(run=extra)
            added = {s.pk for s in extra.submissions.all()}
        url = body["next"]
    assert len(seen) == len(set(seen))
    assert set(seen) == expected | added
    assert seen == sorted(seen)


def _grow(world, runs):
    """`runs` more test runs at site A, each with its schemas, one answered."""
    for _n in range(runs):
        run = TestRunFactory(
            project=world.project,
            initiative=InitiativeFactory(project=world.project),
            site=world.site_a,
            template=world.run.template,
        )
        testing_services.run_sync_submissions(run=run)
        submission = run.submissions.order_by("week").first()
        testing_services.submission_save_draft(
            submission=submission,
            values={"antal": 2},
            user=world.users["consultant"],
            expected_version=submission.version,
        )


@pytest.mark.parametrize(
    "name",
    [
        "submission_list",
        "figure_list",
        "verdict_list",
        "initiative_list",
        "quote_list",
        "site_list",
        "service_list",
        "project_list",
        "decision_list",
        "testrun_list",
    ],
)
def test_a_page_costs_the_same_queries_at_two_sizes(
    client_for, world, count_queries, name
):
    client = client_for("steering")
    url = reverse(f"api:{name}")
    client.get(url)  # warm the content types and the session
    small, response = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    _grow(world, 6)
    for _n in range(5):
        QuoteFactory(project=world.project)
    large, response = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    assert large <= small, f"{name}: {small} queries small, {large} large"


def test_the_openapi_document_validates_and_describes_every_endpoint(world):
    generator = SchemaGenerator()
    schema = generator.get_schema(request=None, public=True)
    validate_schema(schema)  # against the OpenAPI 3.0 JSON schema
    paths = schema["paths"]
    for path in [
        "projects/",
        "sites/",
        "services/",
        "initiatives/",
        "test-runs/",
        "submissions/",
        "figures/",
        "verdicts/",
        "decisions/",
        "quotes/",
        "submissions.csv",
        "figures.csv",
        "verdicts.csv",
        "quotes.csv",
        "initiatives.csv",
    ]:
        assert API + path in paths, path
    names = {p["name"] for p in paths[API + "submissions/"]["get"]["parameters"]}
    assert {
        "project",
        "site",
        "initiative",
        "week",
        "updated_since",
        "cursor",
        "page_size",
    } <= names
    csv_names = {p["name"] for p in paths[API + "figures.csv"]["get"]["parameters"]}
    assert {"project", "site", "initiative", "week"} <= csv_names
    answer = schema["components"]["schemas"]["Answer"]["properties"]["value"]
    types = {option.get("type") for option in answer["anyOf"]}
    assert {"integer", "number", "boolean", "object", "array", "string"} <= types
    assert API + "docs/" not in paths and API + "schema/" not in paths


def test_the_schema_endpoint_answers_json(client_for, world):
    response = client_for("steering").get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    assert json.loads(response.content)["info"]["title"] == "Synergi API"


def _csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_files_are_typed_data_never_formulas(client_for, world, typed):
    draft, _kinds = typed
    world.initiative.name = '=HYPERLINK("http://x")'
    world.initiative.save()
    world.quote.text = "@SUM(A1)"
    world.quote.save()
    client = client_for("consultant")
    rows = _csv(client.get(reverse("api:submission_csv")))
    mine = {r["question"]: r for r in rows if r["submission_id"] == str(draft.pk)}
    assert mine["antal"]["value_number"] == "3"
    assert mine["timer"]["value_number"] == "2.50"  # as stored: two decimals
    assert mine["juster"]["value_boolean"] == "false"
    assert mine["start"]["value_date"] == "2017-09-12"
    assert mine["grupper"]["value_text"] == "Unge; Nydanskere"
    assert mine["note"]["value_text"] == "'=1+1"  # text, not a formula
    assert mine["antal"]["week"] == "2017-W37"
    initiatives = _csv(client.get(reverse("api:initiative_csv")))
    assert initiatives[0]["name"] == '\'=HYPERLINK("http://x")'
    quotes = _csv(client.get(reverse("api:quote_csv")))
    assert quotes[0]["text"] == "'@SUM(A1)"
    figures = _csv(client.get(reverse("api:figure_csv"), {"week": "2017-W38"}))
    assert [(f["question"], f["value"], f["total"]) for f in figures] == [
        ("antal", "5.0", "5.00")
    ]
    for row in rows + initiatives + quotes + figures:
        for value in row.values():
            assert not (value or "").startswith(("=", "+", "@")), row


def test_csv_refuses_invalid_filters_like_the_list(client_for, world):
    response = client_for("consultant").get(
        reverse("api:figure_csv"), {"week": "uge 39"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    with translation.override("en"):
        assert response.json()["errors"]["week"][0] == translation.gettext(
            "Skriv ugen som ÅÅÅÅ-Www, fx 2017-W39."
        )


@pytest.fixture
def published_criterion(world):
    """A published success criterion on the world's guide: a week's sum of "antal"
    at least 4."""
    guide = world.guide
    guide.criteria = [
        {
            "key": "henv",
            "measure": "sum",
            "comparison": "at_least",
            "target": "4",
            "period": "week",
            "question_key": "antal",
        }
    ]
    guide.save()
    testing_services.guide_publish(
        guide=guide, user=world.users["consultant"], change_note=""
    )
    return guide


def test_verdicts_are_the_results_pages(client_for, world, published_criterion):
    """With a published criterion, the API judges it as the results page does."""
    from dashboards.selectors import initiative_verdicts

    rows = _results(client_for("steering"), "verdict_list")
    expected = initiative_verdicts(initiatives=[world.initiative], site_ids=None)[
        world.initiative.pk
    ]
    assert [r["criterion"] for r in rows if r["site_id"] is not None] == [
        c.criterion.key for c in expected.criteria for _s in c.sites
    ]
    site_row = next(r for r in rows if r["site_id"] == world.site_a.pk)
    assert site_row["status"] == expected.criteria[0].sites[0].overall.status
    assert {w["week"] for w in site_row["weeks"]} >= {"2017-W38"}


def test_a_coordinator_gets_no_all_sites_verdict(
    client_for, world, published_criterion
):
    """The breaker's find: judged on a coordinator's own site alone, the all-sites row
    said "not tested anywhere yet" for an initiative tested elsewhere. Only a reader
    who sees every site gets it, as on the results page."""
    for role in ("coordinator_a", "coordinator_b"):
        rows = _results(client_for(role), "verdict_list")
        assert all(r["site_id"] is not None for r in rows), role
    coordinator_rows = _results(client_for("coordinator_a"), "verdict_list")
    assert {r["site_id"] for r in coordinator_rows} == {world.site_a.pk}
    steering_rows = _results(client_for("steering"), "verdict_list")
    assert any(r["site_id"] is None for r in steering_rows)


def test_an_outsider_has_no_api(client_for, world):
    response = _get(client_for("outsider"), "project_list")
    assert response.status_code == 403


def test_a_second_project_token_like_membership_sees_only_its_project(client, world):
    """A person with a role in two projects reads both; a person in one, one."""
    other = ProjectFactory(name="Næste forløb")
    user = UserFactory()
    MembershipFactory(user=user, project=other, role=Role.STEERING)
    client.force_login(user)
    assert {p["id"] for p in _results(client, "project_list")} == {other.pk}
    assert _get(client, "project_detail", pk=world.project.pk).status_code == 404


HOSTILE = [
    "abc",
    "-1",
    "1e9",
    "99999999999999999999",
    "'; drop table x; --",
    "\x00",
    "",
]


@pytest.mark.parametrize(
    "name",
    ["submission_csv", "figure_csv", "verdict_csv", "quote_csv", "initiative_csv"],
)
def test_hostile_parameters_on_a_csv_are_400_before_any_row(client_for, world, name):
    """The streamed files check their filters before the first byte (never a 500
    half-way through a download)."""
    client = client_for("consultant")
    view = resolve(reverse(f"api:{name}")).func.view_class
    for key in view.filters:
        for value in HOSTILE:
            response = client.get(reverse(f"api:{name}"), {key: value})
            if response.status_code == 200:
                b"".join(response.streaming_content)
            else:
                assert response.status_code in (400, 404), (key, value)


def test_head_and_options_answer_and_nothing_is_cached(client_for, world):
    client = client_for("steering")
    url = reverse("api:figure_list")
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    options = client.options(url)
    assert options.status_code == 200
    assert "GET" in options["Allow"] and "POST" not in options["Allow"]
    response = client.get(url)
    assert "no-store" in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"]
    assert response["Content-Language"] == "da"


def test_the_root_links_every_table_its_csv_the_schema_and_the_docs(client_for, world):
    """The breaker's find: /api/v1/ was Django's HTML 404 page."""
    response = client_for("steering").get("/api/v1/")
    assert response.status_code == 200
    body = response.json()
    assert body["docs"].endswith("/api/v1/docs/")
    assert body["schema"].endswith("/api/v1/schema/")
    assert body["tables"]["figures"] == {
        "list": "http://testserver/api/v1/figures/",
        "csv": "http://testserver/api/v1/figures.csv",
    }
    for links in body["tables"].values():
        assert client_for("steering").get(links["list"]).status_code == 200
    assert client_for("anonymous").get("/api/v1/").status_code == 401


def test_every_not_found_is_the_same_json(client_for, world):
    """The breaker's finds: an unknown id named the model in Django's words
    ("Ingen Project matcher …", code "error"), and a path that names nothing
    (`initiatives/abc/`) was the HTML 404 page."""
    client = client_for("steering")
    expected = {
        "detail": "Findes ikke, eller du har ikke adgang til det.",
        "code": "not_found",
    }
    for url in (
        "/api/v1/projects/999999/",
        "/api/v1/initiatives/abc/",
        "/api/v1/no-such-table/",
        "/api/v1/projects/1/extra/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("application/json"), url
        assert response.json() == expected, url
    english = client.get("/api/v1/initiatives/abc/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["detail"] != expected["detail"]
    # Outside the API a missing page is still the app's page.
    page = client.get("/no-such-page/")
    assert page.status_code == 404 and "text/html" in page["Content-Type"]


def test_updated_since_with_a_plus_typed_into_the_url(client_for, world):
    """The breaker's find: "+01:00" typed into a URL arrives as " 01:00"."""
    client = client_for("consultant")
    typed = client.get("/api/v1/submissions/?updated_since=2017-09-25T14:00:00+01:00")
    escaped = client.get(
        "/api/v1/submissions/?updated_since=2017-09-25T14:00:00%2B01:00"
    )
    assert typed.status_code == escaped.status_code == 200
    assert typed.json()["results"] == escaped.json()["results"]


def test_the_schema_names_the_api_keys_bearer_scheme(client_for, world, tmp_path):
    """Without it drf-spectacular warned for every view, and the production settings'
    `check --deploy --fail-level WARNING` (CI) failed."""
    from django.core.management import call_command

    schema = client_for("consultant").get("/api/v1/schema/?format=json").json()
    scheme = schema["components"]["securitySchemes"]["apiKey"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    operation = schema["paths"]["/api/v1/figures/"]["get"]
    assert {"apiKey": []} in operation["security"]
    # drf-spectacular's own check: no warning, and the document validates.
    call_command(
        "spectacular",
        "--fail-on-warn",
        "--validate",
        "--file",
        str(tmp_path / "a.yaml"),
    )
