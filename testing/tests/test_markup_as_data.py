"""Every text a consultant writes into a schema is shown as text (issue 12.4).

crispy-forms prints a field's help text with `|safe`; a help text with
`<meta http-equiv="refresh">` moved the coordinator's browser elsewhere. The project
overrides that template (templates/bootstrap5/layout/help_text.html)."""

import pytest
from django.urls import reverse

from testing.conditions import Condition, Rule, RuleTest
from testing.models import Answer, QuestionKind, RepeatEntry
from testing.tests.factories import QuestionFactory, SectionFactory

REFRESH = '<meta http-equiv="refresh" content="0;url=http://example.invalid/">'
SCRIPT = "<script>alert(1)</script>"
ESCAPED_REFRESH = "&lt;meta http-equiv=&quot;refresh&quot;"


@pytest.fixture
def hostile(world):
    section = SectionFactory(
        version=world.section.version,
        title=f"Afsnit {SCRIPT}",
        description=f"Beskrivelse {REFRESH}",
    )
    choice = QuestionFactory(
        section=section,
        key="valg",
        text=f"Spørgsmål {SCRIPT}",
        help_text=f"Hjælp {REFRESH}",
        kind=QuestionKind.SINGLE_CHOICE,
        choices=[f"Ja {SCRIPT}", f"Nej {REFRESH}"],
    )
    scale = QuestionFactory(
        section=section,
        key="skala",
        text="Skala",
        help_text=REFRESH,
        kind=QuestionKind.SCALE,
        scale_low_label=SCRIPT,
        scale_high_label='<meta http-equiv="refresh" content="0">',  # ≤ 60 characters
    )
    text = QuestionFactory(
        section=section,
        key="tekst",
        text="Tekst",
        help_text=REFRESH,
        kind=QuestionKind.LONG_TEXT,
    )
    Answer.objects.create(
        submission=world.draft, question=text, value_text=f"Svar {REFRESH}"
    )
    # Schema logic (issue 16): a computed answer, a condition naming a hostile choice,
    # and a repeated section with an entry.
    QuestionFactory(
        section=section,
        key="beregnet",
        text=f"Beregnet {SCRIPT}",
        help_text=REFRESH,
        kind=QuestionKind.COMPUTED,
        formula={"operation": "sum", "inputs": ["skala", "skala"]},
        condition=Condition(
            rules=(Rule("valg", RuleTest.CHOSEN, f"Ja {SCRIPT}"),)
        ).to_stored(),
    )
    repeated = SectionFactory(
        version=world.section.version,
        key="gentaget",
        title=f"Gentaget {SCRIPT}",
        description=REFRESH,
        repeats=True,
    )
    entry_question = QuestionFactory(
        section=repeated,
        key="titel",
        text=f"Titel {SCRIPT}",
        help_text=REFRESH,
        kind=QuestionKind.SHORT_TEXT,
    )
    entry = RepeatEntry.objects.create(submission=world.draft, section_key="gentaget")
    Answer.objects.create(
        submission=world.draft,
        question=entry_question,
        entry=entry,
        value_text=f"Svar {SCRIPT}",
    )
    return choice, scale


def assert_text_only(html):
    assert "<meta http-equiv" not in html
    assert SCRIPT not in html
    assert ESCAPED_REFRESH in html


def test_the_coordinators_form_shows_help_texts_and_choices_as_text(
    client_for, world, hostile
):
    url = reverse("testing:submission_fill", args=[world.draft.pk])
    assert_text_only(client_for("coordinator_a").get(url).content.decode())


def test_the_schema_preview_and_builder_show_them_as_text(client_for, world, hostile):
    client = client_for("consultant")
    preview = reverse("testing:schematemplate_preview", args=[world.schema.pk])
    assert_text_only(client.get(preview).content.decode())
    assert_text_only(client.get(world.schema.get_absolute_url()).content.decode())


def test_the_read_only_and_review_pages_show_them_as_text(client_for, world, hostile):
    client = client_for("consultant")
    assert_text_only(client.get(world.draft.get_absolute_url()).content.decode())


def test_the_condition_page_and_the_tally_show_them_as_text(client_for, world, hostile):
    from testing.models import Question

    computed = Question.objects.get(key="beregnet")
    html = (
        client_for("consultant")
        .get(reverse("testing:question_condition", args=[computed.pk]))
        .content.decode()
    )
    assert SCRIPT not in html and "&lt;script&gt;" in html
    tally = client_for("coordinator_a").get(
        reverse("testing:submission_tally", args=[world.draft.pk])
    )
    assert tally.status_code == 200
    assert SCRIPT not in tally.content.decode()
