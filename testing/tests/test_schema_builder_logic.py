"""The schema builder's editors for conditions and computed answers: saved as data,
versioned, stale tabs refused, removed references flagged, never a 500."""

import pytest
from django.urls import reverse

from testing import services
from testing.conditions import Condition, Periods, Rule, RuleTest
from testing.models import Question, QuestionKind, Section

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions(world):
    # The world's questions first, whatever the factories' sequences gave them.
    Question.objects.filter(section=world.section).update(position=1)
    yes_no = Question.objects.create(
        section=world.section,
        key="arrangement",
        text="Har I haft arrangementer?",
        kind=QuestionKind.YES_NO,
        position=10,
    )
    later = Question.objects.create(
        section=world.section,
        key="deltagere",
        text="Antal deltagere",
        kind=QuestionKind.INTEGER,
        position=11,
    )
    return yes_no, later


def _rules(*rows, match="all", periods="", sites=(), base=""):
    data = {
        "base": base,
        "periods": periods,
        "match": match,
        "sites": [str(s) for s in sites],
        "rules-TOTAL_FORMS": str(len(rows)),
        "rules-INITIAL_FORMS": "0",
    }
    for n, (question, test, value) in enumerate(rows):
        data[f"rules-{n}-question"] = question
        data[f"rules-{n}-test"] = test
        data[f"rules-{n}-value"] = value
    return data


def _fresh(question):
    """The question as the newest version of its schema has it (a change to a version
    with answers lands in a new version)."""
    return (
        Question.objects.filter(
            section__version__template=question.section.version.template,
            key=question.key,
        )
        .order_by("-section__version__number")
        .first()
    )


def test_a_condition_is_saved_and_shown_in_words(client_for, world, questions):
    yes_no, later = questions
    client = client_for("consultant")
    url = reverse("testing:question_condition", args=[later.pk])
    page = client.get(url).content.decode()
    assert "Har I haft arrangementer?" in page and "Vises altid." in page
    base = services.condition_token(later)
    response = client.post(
        url,
        _rules(
            ("arrangement", "yes", ""),
            periods="week",
            sites=[world.site_a.pk],
            base=base,
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = _fresh(later).condition
    assert stored == {
        "periods": "week",
        "sites": [world.site_a.pk],
        "match": "all",
        "rules": [{"question": "arrangement", "test": "yes"}],
    }
    detail = client.get(world.schema.get_absolute_url()).content.decode()
    assert (
        "Kun i ugeskemaerne · kun Sted A · når “Har I haft arrangementer?” er “Ja”"
        in detail
    )


def test_a_rule_must_fit_its_question_and_look_upwards(client_for, world, questions):
    yes_no, later = questions
    client = client_for("consultant")
    url = reverse("testing:question_condition", args=[yes_no.pk])
    base = services.condition_token(yes_no)
    for rows, message in (
        ([("deltagere", "ge", "3")], "Regel 1, spørgsmål"),  # a later question
        ([("arrangement", "yes", "")], "Regel 1, spørgsmål"),  # itself
        ([("antal", "yes", "")], "passer ikke til"),  # Ja on a number
        ([("antal", "ge", "mange")], "Skriv et tal"),
        ([("antal", "ge", "1e400")], "Skriv et tal"),
        ([("antal", "", "")], "Vælg betingelsen"),
        ([("", "ge", "3")], "Vælg spørgsmålet"),
        ([("<script>alert(1)</script>", "yes", "")], "Regel 1, spørgsmål"),
    ):
        response = client.post(url, _rules(*rows, base=base))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Betingelsen blev ikke gemt" in html and message in html, (
            rows,
            [line for line in html.splitlines() if "invalid-feedback" in line],
        )
        assert "<script>alert(1)</script>" not in html
        assert _fresh(yes_no).condition == {}


def test_hostile_form_sizes_and_sites_are_refused_not_a_500(
    client_for, world, questions
):
    _yes_no, later = questions
    client = client_for("consultant")
    url = reverse("testing:question_condition", args=[later.pk])
    data = _rules(("arrangement", "yes", ""), base=services.condition_token(later))
    data["rules-TOTAL_FORMS"] = "100000"
    assert client.post(url, data).status_code == 200
    data = _rules(("arrangement", "yes", ""), sites=[999999], base="")
    assert client.post(url, data).status_code == 200
    data["sites"] = ["abc"]
    data["periods"] = "hver anden uge"
    assert client.post(url, data).status_code == 200
    assert _fresh(later).condition == {}


def test_a_stale_tab_gets_409_and_keeps_its_choice(client_for, world, questions):
    _yes_no, later = questions
    client = client_for("consultant")
    url = reverse("testing:question_condition", args=[later.pk])
    base = services.condition_token(later)  # both tabs open the page
    first = _rules(("arrangement", "yes", ""), base=base)
    assert client.post(url, first).status_code == 302
    assert client.post(url, first).status_code == 302  # a double click: no change
    second = _rules(("antal", "ge", "5"), base=base)
    response = client.post(url, second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "ændret et andet sted" in html
    assert 'value="5"' in html  # what the second tab chose is still on the page
    assert _fresh(later).condition["rules"] == [
        {"question": "arrangement", "test": "yes"}
    ]
    # Saving again from the refreshed page is a conscious overwrite.
    again = _rules(("antal", "ge", "5"), base=services.condition_token(_fresh(later)))
    assert client.post(url, again).status_code == 302
    assert _fresh(later).condition["rules"][0]["question"] == "antal"


def test_a_condition_on_a_removed_question_is_flagged_never_a_500(
    client_for, world, questions
):
    yes_no, later = questions
    later.condition = Condition(rules=(Rule("arrangement", RuleTest.YES),)).to_stored()
    later.save()
    yes_no.delete()
    client = client_for("consultant")
    detail = client.get(world.schema.get_absolute_url())
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Skemaets logik har fejl" in html
    assert "fjernet fra skemaet (nøgle “arrangement”)" in html
    page = client.get(reverse("testing:question_condition", args=[later.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "passer ikke længere" in html
    assert "fjernet eller flyttet spørgsmål: arrangement" in html  # kept in its select
    # The coordinator's page hides the question and is not broken by it.
    fill = client_for("coordinator_a").get(
        reverse("testing:submission_fill", args=[world.draft.pk])
    )
    assert fill.status_code == 200
    assert 'data-question="deltagere" hidden' in fill.content.decode()


def test_a_condition_on_a_version_in_use_lands_in_a_new_version(
    client_for, world, questions
):
    _yes_no, later = questions
    old_version = later.section.version
    assert old_version.submissions.exists()  # the world's submitted schema
    client = client_for("consultant")
    url = reverse("testing:section_condition", args=[world.section.pk])
    response = client.post(
        url, _rules(periods=Periods.FINAL, base=services.condition_token(world.section))
    )
    assert response.status_code == 302
    assert Section.objects.get(pk=world.section.pk).condition == {}  # old one kept
    newest = world.schema.versions.order_by("-number").first()
    assert newest != old_version
    assert newest.sections.get(title=world.section.title).condition == {
        "periods": "final"
    }


def test_a_computed_question_is_built_with_its_formula(client_for, world, questions):
    _yes_no, later = questions
    client = client_for("consultant")
    url = reverse("testing:question_create", args=[world.section.pk])
    base = {"kind": QuestionKind.COMPUTED, "text": "Andel (%)", "position": ""}
    response = client.post(url, {**base, "operation": "percentage"})
    assert response.status_code == 200
    assert "Vælg de tal, der regnes med" in response.content.decode()
    response = client.post(
        url,
        {**base, "operation": "ratio", "input_1": "antal", "input_2": "citater"},
    )
    assert response.status_code == 200  # a text is not among the numbers offered
    response = client.post(
        url,
        {
            **base,
            "operation": "percentage",
            "input_1": "deltagere",
            "input_2": "antal",
            "required": "on",
        },
    )
    assert "udfyldes af sig selv" in response.content.decode()
    response = client.post(
        url,
        {**base, "operation": "percentage", "input_1": "deltagere", "input_2": "antal"},
    )
    assert response.status_code == 302
    created = Question.objects.get(text="Andel (%)")
    assert created.formula == {
        "operation": "percentage",
        "inputs": ["deltagere", "antal"],
    }
    detail = client.get(world.schema.get_absolute_url()).content.decode()
    assert "“Antal deltagere” i procent af “Antal henvisninger”" in detail
    # Another kind keeps no formula.
    edit = client.post(
        reverse("testing:question_update", args=[created.pk]),
        {"kind": QuestionKind.DECIMAL, "text": "Andel (%)", "operation": "sum"},
    )
    assert edit.status_code == 302
    assert Question.objects.filter(text="Andel (%)").latest("pk").formula == {}


def test_a_page_on_an_older_version_edits_the_newest(client_for, world, questions):
    """An edit made a new version; the condition page opened before it still saves,
    onto the same question in the version edits go to."""
    _yes_no, later = questions
    client = client_for("consultant")
    old_url = reverse("testing:question_condition", args=[later.pk])
    base = services.condition_token(later)
    services.schema_section_save(  # another edit: the version in use is copied
        template=world.schema, section=world.section, title="Ugens tal"
    )
    assert _fresh(later).pk != later.pk
    page = client.get(old_url)
    assert page.status_code == 200
    response = client.post(old_url, _rules(("arrangement", "yes", ""), base=base))
    assert response.status_code == 302, response.content.decode()[
        response.content.decode().find("error-summary") :
    ][:600]
    assert _fresh(later).condition["rules"] == [
        {"question": "arrangement", "test": "yes"}
    ]


def test_deleting_a_question_says_which_logic_uses_it(client_for, world, questions):
    yes_no, later = questions
    later.condition = Condition(rules=(Rule("arrangement", RuleTest.YES),)).to_stored()
    later.save()
    page = client_for("consultant").get(
        reverse("testing:question_delete", args=[yes_no.pk])
    )
    assert "Svaret bruges af: “Antal deltagere”" in page.content.decode()


def test_saving_a_condition_again_unchanged_keeps_it(client_for, world, questions):
    """The page posts its stored rules back as they were (INITIAL_FORMS = their
    number): they are kept, not read as empty rows."""
    _yes_no, later = questions
    client = client_for("consultant")
    url = reverse("testing:question_condition", args=[later.pk])
    rule = ("arrangement", "yes", "")
    assert (
        client.post(url, _rules(rule, base=services.condition_token(later))).status_code
        == 302
    )
    for initial in ("0", "1"):
        data = _rules(rule, base=services.condition_token(_fresh(later)))
        data["rules-INITIAL_FORMS"] = initial
        assert client.post(url, data).status_code == 302
        assert _fresh(later).condition["rules"] == [
            {"question": "arrangement", "test": "yes"}
        ]


def test_deleting_a_section_says_which_logic_uses_its_answers(
    client_for, world, questions
):
    yes_no, _later = questions
    other = services.schema_section_save(template=world.schema, title="Slutevaluering")
    other = Section.objects.get(pk=other.pk)
    other.condition = Condition(rules=(Rule("arrangement", RuleTest.YES),)).to_stored()
    other.save()
    page = client_for("consultant").get(
        reverse("testing:section_delete", args=[yes_no.section.pk])
    )
    assert "Svaret bruges af: “Slutevaluering”" in page.content.decode()
