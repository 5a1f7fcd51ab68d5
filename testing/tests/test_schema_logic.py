"""Conditions and computed answers: the rules themselves, and the server deciding what
is shown, required, stored and counted (testing/conditions.py, testing/formulas.py,
testing/services/submissions.py)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboards.selectors.buckets import answer_buckets
from dashboards.selectors.exports import export_answers
from testing import conditions, formulas, services
from testing.conditions import Condition, Group, Match, Periods, Rule, RuleTest
from testing.models import Answer, PeriodKind, Question, QuestionKind, Submission
from testing.tests.factories import QuestionFactory, SectionFactory

# The rules


def values(**answers):
    return {key.replace("_", "-"): value for key, value in answers.items()}


@pytest.mark.parametrize(
    ("test", "rule_value", "answer", "expected"),
    [
        (RuleTest.YES, None, "yes", True),
        (RuleTest.YES, None, "no", False),
        (RuleTest.YES, None, None, False),
        (RuleTest.NO, None, "no", True),
        (RuleTest.NO, None, None, False),
        (RuleTest.CHOSEN, "Rejser", "Rejser", True),
        (RuleTest.CHOSEN, "Rejser", ["Pension", "Rejser"], True),
        (RuleTest.CHOSEN, "Rejser", ["Pension"], False),
        (RuleTest.NOT_CHOSEN, "Rejser", ["Pension"], True),
        (RuleTest.NOT_CHOSEN, "Rejser", [], False),  # unanswered says nothing yet
        (RuleTest.NOT_CHOSEN, "Rejser", "Rejser", False),
        (RuleTest.EQ, "5", 5, True),
        (RuleTest.EQ, "5", Decimal("5.0"), True),
        (RuleTest.EQ, "2,5", Decimal("2.5"), True),
        (RuleTest.NE, "5", 4, True),
        (RuleTest.NE, "5", None, False),  # no answer: no comparison holds
        (RuleTest.GT, "5", 6, True),
        (RuleTest.GT, "5", 5, False),
        (RuleTest.GE, "5", 5, True),
        (RuleTest.GE, "5", 4, False),
        (RuleTest.LT, "5", 4, True),
        (RuleTest.LT, "5", 5, False),
        (RuleTest.LE, "5", 5, True),
        (RuleTest.LE, "5", 6, False),
        (RuleTest.GE, "1.000", 1000, True),  # Danish thousands? "1.000" reads as 1
        (RuleTest.ANSWERED, None, "tekst", True),
        (RuleTest.ANSWERED, None, "", False),
        (RuleTest.ANSWERED, None, [], False),
        (RuleTest.UNANSWERED, None, None, True),
        (RuleTest.UNANSWERED, None, 0, False),  # 0 is an answer
    ],
)
def test_every_test_of_a_rule(test, rule_value, answer, expected):
    rule = Rule(question="a", test=test, value=rule_value)
    assert conditions.rule_holds(rule, {"a": answer}) is expected


def test_and_or_and_nested_groups():
    yes = Rule(question="a", test=RuleTest.YES)
    big = Rule(question="n", test=RuleTest.GE, value="10")
    chosen = Rule(question="c", test=RuleTest.CHOSEN, value="Rejser")
    # a and (n >= 10 or c has "Rejser")
    condition = Condition(
        match=Match.ALL, rules=(yes, Group(match=Match.ANY, rules=(big, chosen)))
    )

    def check(answers):
        return conditions.holds(condition, answers, period="week", site_id=1)

    assert check({"a": "yes", "n": 12, "c": []})
    assert check({"a": "yes", "n": 2, "c": ["Rejser"]})
    assert not check({"a": "yes", "n": 2, "c": ["Pension"]})
    assert not check({"a": "no", "n": 12, "c": ["Rejser"]})
    either = Condition(match=Match.ANY, rules=(yes, big))
    assert conditions.holds(either, {"a": "no", "n": 10}, period="week", site_id=1)
    assert not conditions.holds(either, {"a": "no", "n": 9}, period="week", site_id=1)


def test_periods_and_sites():
    final_only = Condition(periods=Periods.FINAL)
    assert conditions.holds(final_only, {}, period="final", site_id=1)
    assert not conditions.holds(final_only, {}, period="week", site_id=1)
    weekly_at_2 = Condition(periods=Periods.WEEK, sites=(2,))
    assert conditions.holds(weekly_at_2, {}, period="week", site_id=2)
    assert not conditions.holds(weekly_at_2, {}, period="week", site_id=1)
    assert not conditions.holds(weekly_at_2, {}, period="final", site_id=2)


def test_stored_conditions_round_trip_and_garbage_never_raises():
    condition = Condition(
        periods=Periods.WEEK,
        sites=(1, 3),
        match=Match.ANY,
        rules=(
            Rule(question="a", test=RuleTest.YES),
            Group(match=Match.ALL, rules=(Rule("n", RuleTest.GT, "4"),)),
        ),
    )
    assert conditions.parse(condition.to_stored()) == condition
    assert conditions.parse({}) == Condition() and Condition().to_stored() == {}
    for garbage in (
        None,
        [],
        "x",
        {"periods": "sometimes", "sites": ["1", True, 2]},
        {"rules": [1, {"question": 5}, {"question": "a", "test": "eval"}]},
        {"rules": [{"rules": [{"rules": [{"rules": [{"rules": []}]}]}]}]},
        {"rules": "a"},
    ):
        parsed = conditions.parse(garbage)
        assert isinstance(parsed, Condition)
    damaged = conditions.parse({"periods": "sometimes", "sites": ["1", 2]})
    assert damaged.sites == (2,) and damaged.unreadable


def test_a_hidden_question_counts_as_unanswered_below_it():
    """a → b shown when a is Ja → c shown when b is answered: hiding b hides c."""
    items = [
        conditions.Item("a", 1, Condition()),
        conditions.Item("b", 1, Condition(rules=(Rule("a", RuleTest.YES),))),
        conditions.Item("c", 1, Condition(rules=(Rule("b", RuleTest.ANSWERED),))),
    ]
    sections = [(1, Condition())]
    shown = conditions.visible_keys(
        sections, items, {"a": "yes", "b": "x", "c": "y"}, period="week", site_id=1
    )
    assert shown == {"a", "b", "c"}
    shown = conditions.visible_keys(
        sections, items, {"a": "no", "b": "x", "c": "y"}, period="week", site_id=1
    )
    assert shown == {"a"}


def test_problems_name_removed_later_and_unfitting_questions():
    refs = {
        "ja": conditions.QuestionRef("ja", "Har I haft besøg?", QuestionKind.YES_NO),
        "emne": conditions.QuestionRef(
            "emne", "Emne", QuestionKind.SINGLE_CHOICE, ("Rejser", "Pension")
        ),
        "antal": conditions.QuestionRef("antal", "Antal", QuestionKind.INTEGER),
        "senere": conditions.QuestionRef("senere", "Senere", QuestionKind.YES_NO),
    }
    before = {k: refs[k] for k in ("ja", "emne", "antal")}
    condition = Condition(
        sites=(99,),
        rules=(
            Rule("væk", RuleTest.YES),
            Rule("senere", RuleTest.YES),
            Rule("ja", RuleTest.GT, "3"),
            Rule("emne", RuleTest.CHOSEN, "Bøger"),
            Rule("antal", RuleTest.GE, "mange"),
            Rule("selv", RuleTest.ANSWERED),
        ),
    )
    found = conditions.problems(
        condition,
        before=before,
        everywhere=refs,
        sites={1: "Roskilde"},
        own_key="selv",
    )
    text = " ".join(found)
    assert len(found) == 7, found
    assert "fjernet fra skemaet" in text and "“væk”" in text
    assert "står længere nede" in text
    assert "passer ikke til spørgsmålet" in text
    assert "har ikke valgmuligheden “Bøger”" in text
    assert "Skriv et tal" in text
    assert "sit eget svar" in text
    assert "ikke længere er med" in text
    # A rule on a removed question never holds: the question stays hidden.
    assert not conditions.holds(
        Condition(rules=(Rule("væk", RuleTest.YES),)), {}, period="week", site_id=1
    )


# Formulas


@pytest.mark.parametrize(
    ("operation", "inputs", "expected"),
    [
        ("sum", {"a": 2, "b": 3, "c": Decimal("1.5")}, Decimal("6.50")),
        ("difference", {"a": 2, "b": 3}, Decimal("-1.00")),
        ("ratio", {"a": 1, "b": 3}, Decimal("0.33")),
        ("percentage", {"a": 1, "b": 3}, Decimal("33.33")),
        ("percentage", {"a": 2, "b": 3}, Decimal("66.67")),
        ("percentage", {"a": 5, "b": 0}, None),  # division by zero: "–"
        ("ratio", {"a": 0, "b": 0}, None),
        ("percentage", {"a": 5, "b": None}, None),  # missing input: "–"
        ("sum", {"a": 10**11, "b": 10**11}, None),  # too large to keep: "–"
        ("difference", {"a": "7", "b": "2,5"}, None),  # not numbers as stored: "–"
    ],
)
def test_every_operation(operation, inputs, expected):
    keys = ("a", "b", "c") if operation == "sum" else ("a", "b")
    formula = formulas.Formula(operation=operation, inputs=keys)
    assert formulas.compute(formula, inputs) == expected


def test_a_formula_names_its_problems():
    refs = {
        "n": formulas.InputRef("n", "Antal", QuestionKind.INTEGER),
        "t": formulas.InputRef("t", "Noter", QuestionKind.LONG_TEXT),
    }
    found = formulas.problems(formulas.Formula("ratio", ("n", "t", "x")), refs)
    assert any("præcis 2" in p for p in found)
    assert any("“Noter” er ikke et tal" in p for p in found)
    assert any("fjernet fra skemaet (x)" in p for p in found)
    assert formulas.problems(None, refs)
    assert formulas.Formula.from_stored({"operation": "eval", "inputs": []}) is None
    assert formulas.compute(None, {}) is None


# The server decides


@pytest.fixture
def logic_world(world):
    """A schema with: an event yes/no, a count shown only when it is Ja, a computed
    share, a required final-only section, and a section only for site B."""
    section = world.section
    Question.objects.filter(section=section).update(position=1)
    events = QuestionFactory(
        section=section,
        key="arrangement",
        text="Har I haft arrangementer?",
        kind=QuestionKind.YES_NO,
        position=10,
    )
    participants = QuestionFactory(
        section=section,
        key="deltagere",
        text="Antal deltagere",
        kind=QuestionKind.INTEGER,
        required=True,
        position=11,
        condition=Condition(rules=(Rule("arrangement", RuleTest.YES),)).to_stored(),
    )
    share = QuestionFactory(
        section=section,
        key="andel",
        text="Deltagere pr. henvisning (%)",
        kind=QuestionKind.COMPUTED,
        position=12,
        formula={"operation": "percentage", "inputs": ["deltagere", "antal"]},
    )
    final = SectionFactory(
        version=section.version,
        title="Slutevaluering",
        position=20,
        condition=Condition(periods=Periods.FINAL).to_stored(),
    )
    recommendation = QuestionFactory(
        section=final,
        key="anbefaling",
        text="Jeres anbefaling",
        kind=QuestionKind.LONG_TEXT,
        required=True,
    )
    other_site = SectionFactory(
        version=section.version,
        title="Kun sted B",
        position=30,
        condition=Condition(sites=(world.site_b.pk,)).to_stored(),
    )
    QuestionFactory(
        section=other_site, key="kun-b", text="Kun B", kind=QuestionKind.INTEGER
    )
    return {
        "events": events,
        "participants": participants,
        "share": share,
        "recommendation": recommendation,
    }


def _save(world, submission, **answers):
    return services.submission_save_draft(
        submission=Submission.objects.get(pk=submission.pk),
        values=answers,
        user=world.users["coordinator_a"],
        expected_version=Submission.objects.get(pk=submission.pk).version,
    )


def _answer(submission, key):
    return Answer.objects.get(submission=submission, question__key=key)


def test_a_hidden_question_is_not_stored_and_a_shown_one_is(world, logic_world):
    draft = _save(world, world.draft, arrangement="no", deltagere=12)
    assert not Answer.objects.filter(
        submission=draft, question__key="deltagere"
    ).exists()
    draft = _save(world, draft, arrangement="yes", deltagere=12)
    assert _answer(draft, "deltagere").value_integer == 12
    assert not _answer(draft, "deltagere").hidden


def test_an_answer_that_becomes_hidden_is_kept_but_not_counted(world, logic_world):
    draft = _save(world, world.draft, antal=4, arrangement="yes", deltagere=12)
    assert _answer(draft, "andel").value_decimal == Decimal("300.00")
    draft = _save(world, draft, arrangement="no")
    kept = _answer(draft, "deltagere")
    assert kept.value_integer == 12 and kept.hidden  # in the history, not counted
    share = _answer(draft, "andel")  # its input is hidden: no share, "–"
    assert share.value_decimal is None and not share.hidden
    submitted = services.submission_submit(
        submission=draft,
        values={"antal": 4, "arrangement": "no"},
        user=world.users["coordinator_a"],
        expected_version=draft.version,
    )
    buckets = answer_buckets(
        initiative_ids=[world.initiative.pk], site_ids=None, keys=["deltagere", "antal"]
    )
    week = submitted.week.isocalendar().week
    participants = buckets.get((world.initiative.pk, world.site_a.pk, "deltagere"), {})
    assert week not in participants or participants[week].answers == 0
    exported = export_answers(submission_ids=[submitted.pk])[submitted.pk]
    assert "deltagere" not in exported and exported["antal"] == 4  # empty, not zero
    # Shown again (returned, "Ja" again): the kept value counts again.
    submitted.status = "draft"
    submitted.save(update_fields=["status"])
    draft = _save(world, submitted, arrangement="yes")
    assert not _answer(draft, "deltagere").hidden


def test_a_hidden_required_question_is_not_required(world, logic_world):
    draft = _save(world, world.draft, antal=3, arrangement="no")
    submitted = services.submission_submit(
        submission=draft,
        values={"antal": 3, "arrangement": "no"},
        user=world.users["coordinator_a"],
        expected_version=draft.version,
    )
    assert submitted.status == "submitted"  # neither "deltagere" nor the final one


def test_a_shown_required_question_is_required(world, logic_world):
    from core.services import ActionRefused

    draft = _save(world, world.draft, antal=3, arrangement="yes")
    with pytest.raises(ActionRefused, match="Antal deltagere"):
        services.submission_submit(
            submission=draft,
            values={"antal": 3, "arrangement": "yes"},
            user=world.users["coordinator_a"],
            expected_version=draft.version,
        )


def test_the_computed_answer_is_the_servers_whatever_is_posted(world, logic_world):
    draft = _save(world, world.draft, antal=3, arrangement="yes", deltagere=1, andel=99)
    assert _answer(draft, "andel").value_decimal == Decimal("33.33")
    draft = _save(world, draft, antal=0)  # division by zero: "–", not an error
    assert _answer(draft, "andel").value_decimal is None


def test_the_final_section_is_asked_only_in_the_final_schema(
    client_for, world, logic_world
):
    client = client_for("coordinator_a")
    week = client.get(reverse("testing:submission_fill", args=[world.draft.pk]))
    html = week.content.decode()
    assert "Slutevaluering" not in html and "Jeres anbefaling" not in html
    assert "Kun B" not in html  # a section only for site B
    assert 'data-question="deltagere" hidden' in html  # until "Ja"
    final = Submission.objects.get(run=world.run, kind=PeriodKind.FINAL)
    html = client.get(
        reverse("testing:submission_fill", args=[final.pk])
    ).content.decode()
    assert "Slutevaluering" in html and "Jeres anbefaling" in html


def test_posting_a_hidden_answer_from_the_page_saves_nothing_of_it(
    client_for, world, logic_world
):
    client = client_for("coordinator_a")
    draft = Submission.objects.get(pk=world.draft.pk)
    response = client.post(
        reverse("testing:submission_fill", args=[draft.pk]),
        {
            "version": draft.version,
            "q_antal": "3",
            "q_arrangement": "no",
            "q_deltagere": "ikke et tal",  # hidden: neither an error nor stored
            "q_anbefaling": "fra en gammel fane",  # not in a weekly schema at all
            "q_andel": "42",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = {a.question.key: a for a in Answer.objects.filter(submission=draft)}
    assert "deltagere" not in stored and "anbefaling" not in stored
    assert "andel" not in stored or stored["andel"].value_decimal is None  # not 42
    assert stored["antal"].value_integer == 3


def test_the_read_only_page_leaves_out_what_was_hidden(client_for, world, logic_world):
    draft = _save(world, world.draft, antal=4, arrangement="yes", deltagere=12)
    draft = _save(world, draft, arrangement="no")
    html = (
        client_for("consultant")
        .get(reverse("testing:submission_detail", args=[draft.pk]))
        .content.decode()
    )
    assert "Har I haft arrangementer?" in html
    assert "Antal deltagere" not in html and "Slutevaluering" not in html


FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
ANY = st.one_of(
    st.none(),
    st.sampled_from(["yes", "no", "", "0", "-1", "1,5", "1e400", "NaN", "٣"]),
    st.text(max_size=40),
)


@FUZZ
@given(count=ANY, event=ANY, participants=ANY, share=ANY)
def test_any_answers_give_a_draft_or_field_errors(
    client_for, world, logic_world, count, event, participants, share
):
    client = client_for("coordinator_a")
    draft = Submission.objects.get(pk=world.draft.pk)
    data = {"version": draft.version, "page": "0" * 32}
    for name, value in (
        ("q_antal", count),
        ("q_arrangement", event),
        ("q_deltagere", participants),
        ("q_andel", share),
    ):
        if value is not None:
            data[name] = value
    response = client.post(
        reverse("testing:submission_autosave", args=[draft.pk]), data
    )
    assert response.status_code in (200, 409, 422), response.status_code
    stored = {a.question.key: a for a in Answer.objects.filter(submission=draft)}
    if event != "yes":
        assert "deltagere" not in stored or stored["deltagere"].hidden
    if "andel" in stored and not stored["andel"].hidden:
        antal, deltagere = stored.get("antal"), stored.get("deltagere")
        expected = formulas.compute(
            formulas.Formula("percentage", ("deltagere", "antal")),
            {
                "antal": antal.value_integer if antal else None,
                "deltagere": deltagere.value_integer
                if deltagere and not deltagere.hidden
                else None,
            },
        )
        assert stored["andel"].value_decimal == expected


def test_a_tally_keeps_the_computed_share_right(world, logic_world):
    """Taps at the counter add to a count; the share computed from it follows."""
    import uuid

    draft = _save(world, world.draft, antal=4, arrangement="yes", deltagere=2)
    assert _answer(draft, "andel").value_decimal == Decimal("50.00")
    services.tally_record_taps(
        submission=draft,
        taps=[
            {"id": str(uuid.uuid4()), "question": "antal", "delta": 1}
            for _n in range(4)
        ],
        user=world.users["coordinator_a"],
    )
    assert _answer(draft, "antal").value_integer == 8
    assert _answer(draft, "andel").value_decimal == Decimal("25.00")
    # The tally offers only what the schema shows: not "deltagere" after "Nej".
    draft = _save(world, draft, arrangement="no")
    from testing.selectors import tally_questions

    keys = [q.key for q in tally_questions(Submission.objects.get(pk=draft.pk))]
    assert "antal" in keys and "deltagere" not in keys
