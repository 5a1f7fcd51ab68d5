"""Questions whose answers may hold personal data (citizens' words): marked in the
schema builder, read only by the consultant and the site's coordinators, and turned
into a quote only through the quote's consent and review.

The world fixture (conftest) has such a question, "Citater fra borgere", answered
with Birthe's words in site A's submitted schema.
"""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from conftest import PERSONAL_ANSWER
from dashboards import selectors as dashboard_selectors
from initiatives.models import Quote
from testing import services
from testing.models import AnswerComment, Question, QuestionKind, SchemaVersion
from testing.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def detail(client, submission):
    response = client.get(reverse("testing:submission_detail", args=[submission.pk]))
    assert response.status_code == 200
    return response.content.decode()


def quote_url(answer):
    return reverse("testing:answer_quote_create", args=[answer.pk])


# The schema builder


def test_the_consultant_marks_a_free_text_question_as_holding_personal_data(
    client_for, world
):
    client = client_for("consultant")
    response = client.post(
        reverse("testing:question_create", args=[world.section.pk]),
        {
            "kind": "long_text",
            "text": "Hvad sagde borgerne?",
            "holds_personal_data": "on",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(text="Hvad sagde borgerne?")
    assert question.holds_personal_data
    form = client.get(
        reverse("testing:question_update", args=[question.pk])
    ).content.decode()
    assert "Svarene kan indeholde personoplysninger (fx citater fra borgere)" in form
    page = client.get(world.schema.get_absolute_url()).content.decode()
    assert "personoplysninger" in page


def test_only_free_text_questions_can_be_marked(client_for, world):
    response = client_for("consultant").post(
        reverse("testing:question_create", args=[world.section.pk]),
        {"kind": "integer", "text": "Borgerens alder", "holds_personal_data": "on"},
    )
    assert response.status_code == 200
    assert "Kun tekstspørgsmål kan markeres som personoplysninger." in (
        response.content.decode()
    )
    assert not Question.objects.filter(text="Borgerens alder").exists()
    with pytest.raises(IntegrityError):
        QuestionFactory(
            section=world.section, kind=QuestionKind.SCALE, holds_personal_data=True
        )


def test_the_mark_is_kept_in_new_versions_and_in_copies(client_for, world):
    """Editing a schema in use makes a new version: the mark goes with it; a copy to
    another initiative keeps it too."""
    client = client_for("consultant")
    client.post(
        reverse("testing:question_update", args=[world.count_question.pk]),
        {"kind": "integer", "text": "Antal henvisninger i alt", "required": "on"},
    )
    newest = SchemaVersion.objects.filter(template=world.schema).latest()
    assert newest.number == 2
    assert Question.objects.get(
        section__version=newest, key="citater"
    ).holds_personal_data
    copy = services.schema_template_copy(
        template=world.schema, initiative=world.initiative, name="Kopi"
    )
    assert Question.objects.get(
        section__version__template=copy, key="citater"
    ).holds_personal_data


def test_marking_a_question_covers_the_answers_given_to_older_versions(
    client_for, world
):
    """The schema is in use, so marking its question makes a new version; the answers
    already given (to version 1) may hold the same words and are covered as well."""
    observations = QuestionFactory(
        section=world.section, key="observationer", kind=QuestionKind.LONG_TEXT
    )
    services.submission_save_draft(
        submission=world.draft,
        values={"antal": 3, "observationer": "Karl Åge sagde, at han kommer igen."},
        user=world.users["coordinator_a"],
        expected_version=world.draft.version,
    )
    assert "Karl Åge" in detail(client_for("steering"), world.draft)
    response = client_for("consultant").post(
        reverse("testing:question_update", args=[observations.pk]),
        {
            "kind": "long_text",
            "text": observations.text,
            "holds_personal_data": "on",
        },
    )
    assert response.status_code == 302
    assert Question.objects.filter(key="observationer").count() == 2
    assert all(
        q.holds_personal_data for q in Question.objects.filter(key="observationer")
    )
    assert "Karl Åge" not in detail(client_for("steering"), world.draft)


# Who reads the answers


def test_the_steering_group_sees_that_an_answer_is_hidden_not_what_it_says(
    client_for, world
):
    AnswerComment.objects.create(
        submission=world.submitted,
        question=world.personal_question,
        author=world.users["consultant"],
        text="Har Birthe sagt ja til, at vi bruger navnet?",
    )
    steering = detail(client_for("steering"), world.submitted)
    assert "Citater fra borgere" in steering
    assert "Skjult: personoplysninger" in steering
    assert "Birthe" not in steering and "lydbøger" not in steering
    assert '<p class="mb-1 answer-value">5</p>' in steering  # the other answers
    for role in ("consultant", "coordinator_a"):
        html = detail(client_for(role), world.submitted)
        assert "lydbøger" in html and "Har Birthe sagt ja" in html, role
        assert "Skjult: personoplysninger" not in html
    # Coordinator B does not see site A's schemas at all.
    response = client_for("coordinator_b").get(
        reverse("testing:submission_detail", args=[world.submitted.pk])
    )
    assert response.status_code == 404


def test_the_steering_group_never_sees_the_raw_answer(client_for, world):
    """Not on the schema, the dashboard, the drill-downs, the evidence or in exports."""
    client = client_for("steering")
    urls = [
        reverse("testing:submission_detail", args=[world.submitted.pk]),
        reverse("reporting:dashboard", args=[world.project.pk]),
        reverse("reporting:initiative_results", args=[world.initiative.pk]),
        reverse("reporting:site_overview", args=[world.project.pk, world.site_a.pk]),
        reverse("initiatives:evidence", args=[world.project.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Birthe" not in response.content.decode(), url
    for table in ("submissions", "matrix"):  # the XLSX: reporting/tests/test_exports.py
        response = client.get(
            reverse("reporting:export", args=[world.project.pk, table, "csv"])
        )
        assert "Birthe" not in b"".join(response.streaming_content).decode()


# From an answer to a quote


def test_only_the_consultant_is_offered_to_make_a_quote_of_the_answer(
    client_for, world
):
    url = quote_url(world.personal_answer)
    assert url in detail(client_for("consultant"), world.submitted)
    review = client_for("consultant").get(
        reverse("testing:submission_review", args=[world.submitted.pk])
    )
    assert url in review.content.decode()
    for role in ("coordinator_a", "steering"):
        html = detail(client_for(role), world.submitted)
        assert url not in html and "Opret citat" not in html, role
        assert client_for(role).get(url).status_code == 403
    assert client_for("coordinator_b").get(url).status_code == 404


def test_the_quote_form_starts_from_the_answer(client_for, world):
    response = client_for("consultant").get(quote_url(world.personal_answer))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Opret citat fra et svar" in html
    assert "Jeg kommer her hver uge for at låne lydbøger." in html
    assert f'<option value="{world.site_a.pk}" selected>' in html
    assert 'name="consent_to_publish"' not in html and 'name="reviewed"' not in html


def test_a_quote_made_from_an_answer_waits_for_consent_and_review(client_for, world):
    """Whatever is posted, the quote is saved without consent and not reviewed: it is
    not publishable, the steering group reads neither it nor the answer, until the
    consultant records consent and reviews it on the quote."""
    consultant = client_for("consultant")
    response = consultant.post(
        quote_url(world.personal_answer),
        {
            "text": "Jeg kommer her hver uge for at låne lydbøger.",
            "speaker_label": "Birthe, 67 år",
            "age_band": "50-69",
            "site": world.site_a.pk,
            "consent_to_publish": "on",  # not fields of this form: ignored
            "reviewed": "on",
        },
    )
    quote = Quote.objects.get(speaker_label="Birthe, 67 år")
    assert response.status_code == 302
    assert response["Location"] == quote.get_absolute_url()
    assert (quote.consent_to_publish, quote.reviewed, quote.reviewed_by) == (
        False,
        False,
        None,
    )
    assert (quote.project, quote.site) == (world.project, world.site_a)
    assert quote not in dashboard_selectors.publishable_quotes(project=world.project)
    assert quote not in dashboard_selectors.latest_quotes(project=world.project)

    steering = client_for("steering")
    evidence = reverse("initiatives:evidence", args=[world.project.pk])
    dashboard = reverse("reporting:dashboard", args=[world.project.pk])
    for url in (evidence, dashboard):
        assert "lydbøger" not in steering.get(url).content.decode(), url
    # Nor can a search for its words tell that it exists.
    found = steering.get(evidence, {"q": "hver uge"}).content.decode()
    assert "Ingen citater matcher filtret." in found
    assert "lydbøger" in client_for("coordinator_b").get(evidence).content.decode()

    # Reviewed but without consent: the steering group reads the words, not the name.
    response = client_for("consultant").post(
        reverse("initiatives:quote_update", args=[quote.pk]),
        {
            "text": quote.text,
            "speaker_label": quote.speaker_label,
            "age_band": "50-69",
            "site": world.site_a.pk,
            "reviewed": "on",
        },
    )
    assert response.status_code == 302
    html = client_for("steering").get(evidence).content.decode()
    assert "lydbøger" in html and "Birthe" not in html
    assert quote not in dashboard_selectors.publishable_quotes(project=world.project)
    # With consent as well it is publishable, and the dashboard shows it.
    client_for("consultant").post(
        reverse("initiatives:quote_update", args=[quote.pk]),
        {
            "text": quote.text,
            "speaker_label": quote.speaker_label,
            "age_band": "50-69",
            "site": world.site_a.pk,
            "reviewed": "on",
            "consent_to_publish": "on",
        },
    )
    assert quote in dashboard_selectors.publishable_quotes(project=world.project)
    assert "lydbøger" in client_for("steering").get(dashboard).content.decode()
    # The answer itself stays hidden from the steering group.
    assert "Skjult: personoplysninger" in detail(
        client_for("steering"), world.submitted
    )


def test_an_answer_that_holds_no_personal_data_has_no_quote_action(client_for, world):
    count_answer = world.submitted.answers.get(question=world.count_question)
    response = client_for("consultant").get(quote_url(count_answer))
    assert response.status_code == 404


def test_a_quote_needs_a_speaker_label_like_every_quote(client_for, world):
    response = client_for("consultant").post(
        quote_url(world.personal_answer),
        {"text": PERSONAL_ANSWER, "speaker_label": "", "site": world.site_a.pk},
    )
    assert response.status_code == 200
    assert "Dette felt er påkrævet." in response.content.decode()
    assert not Quote.objects.filter(text=PERSONAL_ANSWER).exists()


def test_the_coordinator_is_told_which_answers_count_as_personal_data(
    client_for, world
):
    url = reverse("testing:submission_fill", args=[world.draft.pk])
    html = client_for("coordinator_a").get(url).content.decode()
    assert html.count("personal-data-note") == 1
    assert "kommer ikke med i eksporter" in html
