"""Every state change of a schema, the version conflict, versions of templates and guides."""

import datetime
from decimal import Decimal

import pytest

from core.services import ActionRefused, StateConflict
from projects.tests.factories import UserFactory
from testing import selectors, services
from testing.models import (
    Answer,
    AnswerComment,
    Cadence,
    Question,
    QuestionKind,
    SchemaVersion,
    Submission,
    SubmissionAction,
    SubmissionEvent,
    SubmissionStatus,
)
from testing.tests.factories import (
    QuestionFactory,
    SectionFactory,
    TestGuideFactory,
    TestRunFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema():
    """A run of two weeks plus a final schema, with a required count and a text."""
    run = TestRunFactory(
        starts_week=datetime.date(2017, 9, 11),
        ends_week=datetime.date(2017, 9, 18),
        cadence=Cadence.WEEKLY_AND_FINAL,
    )
    services.run_sync_submissions(run=run)
    section = SectionFactory(version__template=run.template)
    QuestionFactory(
        section=section, key="antal", kind=QuestionKind.INTEGER, required=True
    )
    QuestionFactory(section=section, key="noter", kind=QuestionKind.LONG_TEXT)
    return run


def first(run):
    return run.submissions.order_by("week").first()


def test_a_run_has_a_schema_per_week_and_a_final_one_with_due_dates(schema):
    periods = list(
        schema.submissions.order_by("week", "-kind").values_list(
            "kind", "week", "due_on"
        )
    )
    assert periods == [
        ("week", datetime.date(2017, 9, 11), datetime.date(2017, 9, 17)),
        ("week", datetime.date(2017, 9, 18), datetime.date(2017, 9, 24)),
        (
            "final",
            datetime.date(2017, 9, 18),
            datetime.date(2017, 9, 24) + datetime.timedelta(weeks=1),
        ),
    ]


def test_shrinking_a_run_removes_only_untouched_schemas(schema):
    services.submission_save_draft(
        submission=first(schema),
        values={"antal": 1},
        user=UserFactory(),
        expected_version=0,
    )
    schema.starts_week = datetime.date(2017, 9, 18)
    with pytest.raises(ActionRefused, match="påbegyndt"):
        services.run_sync_submissions(run=schema)
    schema.starts_week = datetime.date(2017, 9, 11)
    schema.ends_week = datetime.date(2017, 9, 11)
    schema.cadence = Cadence.WEEKLY
    services.run_sync_submissions(run=schema)
    assert schema.submissions.count() == 1


def test_saving_a_draft_stores_typed_answers_and_bumps_the_version(schema):
    user = UserFactory()
    submission = services.submission_save_draft(
        submission=first(schema),
        values={"antal": 7, "noter": "Travl uge"},
        user=user,
        expected_version=0,
    )
    assert (submission.status, submission.version, submission.last_saved_by) == (
        "draft",
        1,
        user,
    )
    assert submission.schema_version == schema.template.versions.get()
    answers = {a.question.key: a for a in submission.answers.select_related("question")}
    assert (
        answers["antal"].value_integer == 7
        and answers["noter"].value_text == "Travl uge"
    )
    event = SubmissionEvent.objects.get()
    assert (event.action, event.by, event.changed) == (
        SubmissionAction.SAVED,
        user,
        ["antal", "noter"],
    )


def test_the_same_save_again_changes_nothing(schema):
    user = UserFactory()
    submission = services.submission_save_draft(
        submission=first(schema), values={"antal": 7}, user=user, expected_version=0
    )
    again = services.submission_save_draft(
        submission=submission, values={"antal": 7}, user=user, expected_version=1
    )
    assert again.version == 1
    assert SubmissionEvent.objects.count() == 1


def test_saves_within_a_quarter_of_an_hour_are_one_history_entry(schema):
    user = UserFactory()
    submission = services.submission_save_draft(
        submission=first(schema), values={"antal": 1}, user=user, expected_version=0
    )
    services.submission_save_draft(
        submission=submission, values={"noter": "x"}, user=user, expected_version=1
    )
    assert list(SubmissionEvent.objects.values_list("changed", flat=True)) == [
        ["antal", "noter"]
    ]


def test_two_tabs_with_the_same_version_the_second_save_is_refused(schema):
    """Deterministic: both loaded version 0; the first save wins, the second conflicts."""
    user = UserFactory()
    tab_a = first(schema)
    tab_b = Submission.objects.get(pk=tab_a.pk)
    services.submission_save_draft(
        submission=tab_a, values={"noter": "Fra fane A"}, user=user, expected_version=0
    )
    with pytest.raises(StateConflict, match="gemt et andet sted"):
        services.submission_save_draft(
            submission=tab_b,
            values={"noter": "Fra fane B"},
            user=user,
            expected_version=0,
        )
    assert Answer.objects.get(question__key="noter").value_text == "Fra fane A"
    assert Submission.objects.get(pk=tab_a.pk).version == 1


def test_a_stale_object_with_a_current_version_number_still_conflicts(schema):
    """The UPDATE itself is conditional: even a caller that read the version before the
    other save (and so passes the check in Python) cannot overwrite."""
    user = UserFactory()
    stale = first(schema)
    fresh = Submission.objects.get(pk=stale.pk)
    services.submission_save_draft(
        submission=fresh, values={"noter": "A"}, user=user, expected_version=0
    )
    with pytest.raises(StateConflict):
        services.submission_save_draft(
            submission=stale, values={"noter": "B"}, user=user, expected_version=0
        )


def test_submit_needs_the_required_answers(schema):
    user = UserFactory()
    submission = first(schema)
    with pytest.raises(ActionRefused, match="mangler svar på"):
        services.submission_submit(
            submission=submission, values={"noter": "x"}, user=user, expected_version=0
        )
    submission.refresh_from_db()
    assert (
        submission.status == SubmissionStatus.DRAFT
    )  # what was typed is kept as a draft
    submitted = services.submission_submit(
        submission=submission,
        values={"antal": 4},
        user=user,
        expected_version=submission.version,
    )
    assert (submitted.status, submitted.submitted_by) == (
        SubmissionStatus.SUBMITTED,
        user,
    )


def test_a_double_submit_is_one_submission(schema):
    user = UserFactory()
    submission = first(schema)
    services.submission_submit(
        submission=submission, values={"antal": 4}, user=user, expected_version=0
    )
    submission.refresh_from_db()
    services.submission_submit(
        submission=submission, values={"antal": 4}, user=user, expected_version=0
    )
    assert (
        SubmissionEvent.objects.filter(action=SubmissionAction.SUBMITTED).count() == 1
    )
    with pytest.raises(StateConflict, match="allerede indsendt"):
        services.submission_submit(
            submission=submission, values={"antal": 5}, user=user, expected_version=0
        )


def test_a_submitted_schema_cannot_be_changed(schema):
    user = UserFactory()
    submission = services.submission_submit(
        submission=first(schema), values={"antal": 4}, user=user, expected_version=0
    )
    with pytest.raises(ActionRefused, match="indsendt"):
        services.submission_save_draft(
            submission=submission,
            values={"antal": 9},
            user=user,
            expected_version=submission.version,
        )
    assert Answer.objects.get().value_integer == 4


def test_return_needs_a_comment_and_keeps_comments_on_answers(schema):
    coordinator, consultant = UserFactory(), UserFactory()
    submission = services.submission_submit(
        submission=first(schema),
        values={"antal": 4},
        user=coordinator,
        expected_version=0,
    )
    question = Question.objects.get(key="antal")
    with pytest.raises(ActionRefused, match="kommentar"):
        services.submission_return(
            submission=submission,
            user=consultant,
            comment=" ",
            answer_comments={question: ""},
            expected_version=submission.version,
        )
    returned = services.submission_return(
        submission=submission,
        user=consultant,
        comment="",
        answer_comments={question: "Hele ugen?"},
        expected_version=submission.version,
    )
    assert (
        returned.status == SubmissionStatus.RETURNED
        and returned.reviewed_by == consultant
    )
    assert AnswerComment.objects.get().text == "Hele ugen?"
    # The coordinator fixes and resubmits; the thread stays open for the consultant.
    resubmitted = services.submission_submit(
        submission=returned,
        values={"antal": 6},
        user=coordinator,
        expected_version=returned.version,
    )
    assert resubmitted.status == SubmissionStatus.SUBMITTED
    assert not AnswerComment.objects.get().resolved
    approved = services.submission_approve(
        submission=resubmitted, user=consultant, expected_version=resubmitted.version
    )
    assert approved.status == SubmissionStatus.APPROVED
    # Approving resolves the open threads.
    comment = AnswerComment.objects.get()
    assert comment.resolved and comment.resolved_by == consultant
    actions = list(
        SubmissionEvent.objects.order_by("pk").values_list("action", flat=True)
    )
    assert actions == [
        "saved",
        "submitted",
        "returned",
        "saved",
        "submitted",
        "approved",
        "resolved",  # the open thread, resolved by approving
    ]


def test_only_submitted_schemas_are_reviewed(schema):
    with pytest.raises(ActionRefused, match="indsendte"):
        services.submission_approve(
            submission=first(schema), user=UserFactory(), expected_version=0
        )


def test_answers_land_in_their_typed_columns(schema):
    section = SectionFactory(version=schema.template.versions.get())
    kinds = {
        "decimal": (
            QuestionKind.DECIMAL,
            Decimal("2.5"),
            "value_decimal",
            Decimal("2.50"),
        ),
        "skala": (QuestionKind.SCALE, 4, "value_integer", 4),
        "ja-nej": (QuestionKind.YES_NO, "no", "value_bool", False),
        "dato": (
            QuestionKind.DATE,
            datetime.date(2017, 9, 14),
            "value_date",
            datetime.date(2017, 9, 14),
        ),
        "et-valg": (
            QuestionKind.SINGLE_CHOICE,
            "Positivt",
            "value_choices",
            ["Positivt"],
        ),
        "flere": (
            QuestionKind.MULTIPLE_CHOICE,
            ["A", "B"],
            "value_choices",
            ["A", "B"],
        ),
    }
    for key, (kind, _value, _column, _stored) in kinds.items():
        QuestionFactory(
            section=section, key=key, kind=kind, choices=["Positivt", "A", "B"]
        )
    submission = services.submission_save_draft(
        submission=first(schema),
        values={k: v[1] for k, v in kinds.items()},
        user=UserFactory(),
        expected_version=0,
    )
    for answer in submission.answers.select_related("question"):
        _kind, _value, column, stored = kinds[answer.question.key]
        assert getattr(answer, column) == stored, answer.question.key


def test_editing_a_template_with_answers_makes_a_new_version(schema):
    from testing.forms import QuestionForm

    submission = services.submission_save_draft(
        submission=first(schema),
        values={"antal": 3},
        user=UserFactory(),
        expected_version=0,
    )
    old_version = submission.schema_version
    question = Question.objects.get(key="antal", section__version=old_version)
    form = QuestionForm(
        instance=question,
        data={"kind": "integer", "text": "Antal henvisninger i alt", "required": "on"},
    )
    assert form.is_valid(), form.errors
    changed = services.schema_question_save(
        template=schema.template,
        section=question.section,
        question=question,
        **form.cleaned_data,
    )
    assert changed.section.version.number == 2
    assert (
        Question.objects.get(pk=question.pk).text != "Antal henvisninger i alt"
    )  # the old version is untouched
    submission.refresh_from_db()
    assert submission.schema_version == old_version
    assert SchemaVersion.objects.filter(template=schema.template).count() == 2
    # A second edit goes to the same (still unused) new version.
    form = QuestionForm(
        instance=changed,
        data={"kind": "integer", "text": "Antal henvisninger", "required": "on"},
    )
    assert form.is_valid()
    services.schema_question_save(
        template=schema.template,
        section=changed.section,
        question=changed,
        **form.cleaned_data,
    )
    assert SchemaVersion.objects.filter(template=schema.template).count() == 2


def test_editing_an_unused_template_changes_it_in_place(schema):
    from testing.forms import QuestionForm

    question = Question.objects.get(key="antal")
    form = QuestionForm(instance=question, data={"kind": "integer", "text": "Ny tekst"})
    assert form.is_valid()
    services.schema_question_save(
        template=schema.template,
        section=question.section,
        question=question,
        **form.cleaned_data,
    )
    question.refresh_from_db()
    assert question.text == "Ny tekst"
    assert SchemaVersion.objects.filter(template=schema.template).count() == 1


def test_a_template_is_copied_to_another_initiative(schema):
    from initiatives.tests.factories import InitiativeFactory

    other = InitiativeFactory(idea__project=schema.project)
    copy = services.schema_template_copy(
        template=schema.template, initiative=other, name="Kopi"
    )
    version = copy.versions.get()
    assert version.number == 1
    assert sorted(
        Question.objects.filter(section__version=version).values_list("key", flat=True)
    ) == ["antal", "noter"]


def test_publishing_a_guide_makes_versions_and_says_what_changed():
    guide = TestGuideFactory()
    user = UserFactory()
    first_version = services.guide_publish(guide=guide, user=user, change_note="")
    with pytest.raises(ActionRefused, match="ikke ændret"):
        services.guide_publish(guide=guide, user=user, change_note="igen")
    guide.purpose = "Nyt formål"
    guide.save()
    second = services.guide_publish(
        guide=guide, user=user, change_note="Formålet er skærpet"
    )
    assert (first_version.number, second.number) == (1, 2)
    changes = selectors.guide_changes(version=second, previous=first_version)
    assert [(str(label), old, new) for label, old, new in changes] == [
        ("Formål", "At afprøve en rejseudstilling.", "Nyt formål")
    ]


@pytest.mark.django_db(transaction=True)
def test_two_threads_submitting_the_same_draft_make_one_submission(schema):
    """C2 on PostgreSQL: two real transactions race to submit one draft with different
    answers; one wins, the other gets the conflict, and one submission is recorded."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite serialises writers)")
    submission = first(schema)
    users = [UserFactory(), UserFactory()]
    barrier = threading.Barrier(2)
    results = []

    def submit(user, count):
        try:
            copy = type(submission).objects.get(pk=submission.pk)
            barrier.wait()
            services.submission_submit(
                submission=copy,
                values={"antal": count},
                user=user,
                expected_version=copy.version,
            )
            results.append("ok")
        except StateConflict:
            results.append("conflict")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=submit, args=(user, count))
        for user, count in zip(users, [4, 7], strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["conflict", "ok"]
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    events = SubmissionEvent.objects.filter(
        submission=submission, action=SubmissionAction.SUBMITTED
    )
    assert events.count() == 1
    assert submission.submitted_by == events.get().by


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("same_answer", [False, True])
def test_two_threads_merging_one_draft_at_once(schema, same_answer):
    """On PostgreSQL: two pages loaded at the same version save at the same moment.
    Different answers: both are kept. The same answer: one is saved, the other comes
    back as a conflict holding both versions; nothing is overwritten."""
    import threading

    from django.db import connection, connections

    from core.merge import token

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite serialises writers)")
    submission = first(schema)
    user = UserFactory()
    barrier = threading.Barrier(2)
    results = {}
    pages = (
        [("noter", "Fra den ene"), ("noter", "Fra den anden")]
        if same_answer
        else [("noter", "Noter fra den ene"), ("antal", 7)]
    )

    def save(key, value):
        try:
            copy = type(submission).objects.get(pk=submission.pk)
            barrier.wait()
            result = services.submission_merge_draft(
                submission=copy,
                values={key: value},
                user=user,
                base={key: token(None)},
                loaded_version=copy.version,
            )
            results[value] = sorted(result.conflicts)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=page) for page in pages]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = {
        a.question.key: a.form_value
        for a in submission.answers.select_related("question")
    }
    if same_answer:
        assert sorted(results.values()) == [[], ["noter"]]
        assert stored["noter"] in ("Fra den ene", "Fra den anden")
    else:
        assert list(results.values()) == [[], []]
        assert stored == {"noter": "Noter fra den ene", "antal": 7}
