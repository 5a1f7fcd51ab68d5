"""What the schema pages say must be true (issue 12.3): required questions marked from
the start, a failed send that says the draft is saved, numbers as people write them."""

from decimal import Decimal

from django.urls import reverse

from testing.models import Answer, QuestionKind, SubmissionStatus
from testing.tests.factories import QuestionFactory


def fill_url(submission):
    return reverse("testing:submission_fill", args=[submission.pk])


def test_required_questions_are_marked_before_anything_fails(client_for, world):
    html = client_for("coordinator_a").get(fill_url(world.draft)).content.decode()
    assert "Spørgsmål med" in html and "skal besvares, før skemaet sendes" in html
    label = html[html.index('for="id_q_antal"') :][:200]
    assert 'asteriskField">*' in label


def test_a_draft_may_leave_a_required_question_empty_and_emptying_it_saves(
    client_for, world
):
    client = client_for("coordinator_a")
    response = client.post(
        fill_url(world.draft),
        {"version": world.draft.version, "q_antal": "", "save_draft": "1"},
    )
    assert response.status_code == 302
    assert Answer.objects.get(submission=world.draft, question__key="antal").is_empty


def test_a_failed_send_says_the_draft_is_saved(client_for, world):
    notes = QuestionFactory(
        section=world.section, key="noter", text="Noter", kind=QuestionKind.LONG_TEXT
    )
    response = client_for("coordinator_a").post(
        fill_url(world.draft),
        {"version": world.draft.version, "q_antal": "", f"q_{notes.key}": "Halvt"},
    )
    html = response.content.decode()
    assert "Formularen blev ikke gemt" not in html
    assert "Skemaet er ikke sendt. Dine svar er gemt som kladde." in html
    assert Answer.objects.get(
        submission=world.draft, question__key="noter"
    ).value_text == ("Halvt")
    world.draft.refresh_from_db()
    assert world.draft.status == SubmissionStatus.DRAFT


def test_numbers_read_as_people_write_them(client_for, world):
    whole = QuestionFactory(
        section=world.section,
        key="besoeg",
        text="Besøg",
        kind=QuestionKind.INTEGER,
        min_value=Decimal("0.00"),
        max_value=Decimal("500.00"),
    )
    decimal = QuestionFactory(
        section=world.section,
        key="timer",
        text="Timer",
        kind=QuestionKind.DECIMAL,
        max_value=Decimal("1250.50"),
    )
    Answer.objects.create(
        submission=world.draft, question=decimal, value_decimal=Decimal("2.50")
    )
    client = client_for("consultant")
    schema = client.get(world.schema.get_absolute_url()).content.decode()
    assert "0–500" in schema and "0,00" not in schema and "1.250,5" in schema
    edit = client.get(
        reverse("testing:question_update", args=[whole.pk])
    ).content.decode()
    assert 'value="500"' in edit and "500,00" not in edit
    fill = client_for("coordinator_a").get(fill_url(world.draft)).content.decode()
    assert 'value="2,5"' in fill and "2,50" not in fill
    detail = (
        client_for("consultant").get(world.draft.get_absolute_url()).content.decode()
    )
    assert ">2,5<" in detail and "2,50" not in detail
    # A limit in an error reads the Danish way too.
    response = client_for("coordinator_a").post(
        fill_url(world.draft),
        {
            "version": world.draft.version,
            "q_antal": "3",
            "q_timer": "2000",
            "save_draft": "1",
        },
    )
    assert "Tallet må højst være 1.250,5." in response.content.decode()
