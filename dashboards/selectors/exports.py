"""The rows of the exports: one row per submission, one column per question text."""

from collections import defaultdict
from collections.abc import Collection
from typing import Any

from django.db.models import Q, QuerySet

from initiatives.models import Initiative
from projects.models import Project
from testing.models import Answer, Question, RepeatEntry, Section, Submission
from testing.question_kinds import ANSWER_COLUMNS, kind_of, kinds_where

from .scope import site_filter


def export_columns(
    *, project: Project, initiative: Initiative | None = None, repeated: bool = False
) -> tuple[list[str], dict[tuple[int, str], str]]:
    """The question columns of the export and where each answer goes.

    Returns (texts, column_of): the column headers in schema order, and a map from
    (initiative id, question key) to its header. A question is known by its key across
    schema versions and takes the wording of its newest version; questions with the
    same wording in different initiatives share a column, so the sheet stays as wide as
    the number of distinct questions rather than initiatives times questions.
    Photos and questions that may hold personal data have no column. `repeated`: the
    questions of repeated sections (the entries' sheet) instead of the others.
    """
    questions = Question.objects.filter(
        section__version__template__initiative__project=project,
        section__repeats=repeated,
    ).exclude(Q(kind__in=kinds_where(takes_photos=True)) | Q(holds_personal_data=True))
    if initiative is not None:
        questions = questions.filter(section__version__template__initiative=initiative)
    newest: dict[tuple[int, str], str] = {}
    order: list[str] = []
    for initiative_id, key, text in questions.order_by(
        "section__version__template__initiative__name",
        "section__version__template__initiative_id",
        "-section__version__number",
        "section__position",
        "position",
        "pk",
    ).values_list("section__version__template__initiative_id", "key", "text"):
        if (initiative_id, key) not in newest:
            newest[(initiative_id, key)] = text
            order.append(text)
    return list(dict.fromkeys(order)), newest


EXPORT_SUBMISSION_FIELDS = (
    "pk",
    "run__initiative_id",
    "run__initiative__name",
    "run__site__name",
    "kind",
    "week",
    "due_on",
    "status",
    "submitted_at",
    "reviewed_at",
)


def export_submissions(
    *,
    project: Project,
    site_ids: Collection[int] | None,
    initiative: Initiative | None = None,
) -> QuerySet[Any]:
    """Rows (tuples of EXPORT_SUBMISSION_FIELDS) of the submissions, to stream."""
    submissions = Submission.objects.filter(
        Q(run__project=project) & site_filter(site_ids, "run__")
    )
    if initiative is not None:
        submissions = submissions.filter(run__initiative=initiative)
    return submissions.order_by(
        "run__initiative__name", "run__site__name", "week", "-kind"
    ).values_list(*EXPORT_SUBMISSION_FIELDS)


def export_answers(*, submission_ids: Collection[int]) -> dict[int, dict[str, Any]]:
    """{submission id: {question key: value}} for a batch of submissions (one query).

    Rows, not model instances: an export reads tens of thousands of answers. Answers
    to questions that may hold personal data are not read at all."""
    answers: defaultdict[int, dict[str, Any]] = defaultdict(dict)
    for submission_id, key, kind, *values in Answer.objects.filter(
        # Hidden by a condition: an empty cell, as if never answered. Answers in
        # the entries of repeated sections have their own sheet (export_entries).
        submission_id__in=submission_ids,
        question__holds_personal_data=False,
        hidden=False,
        entry__isnull=True,
    ).values_list("submission_id", "question__key", "question__kind", *ANSWER_COLUMNS):
        answers[submission_id][key] = _export_value(kind, values)
    return answers


def _export_value(kind: str, columns: Collection[Any]) -> Any:
    """An answer's cell from its row of ANSWER_COLUMNS."""
    definition = kind_of(kind)
    row = dict(zip(ANSWER_COLUMNS, columns, strict=True))
    return definition.export_value(definition.stored(row))


def export_entries(
    *,
    project: Project,
    site_ids: Collection[int] | None,
    initiative: Initiative | None = None,
) -> list[tuple[tuple[Any, ...], str, dict[str, Any]]]:
    """[(submission row (EXPORT_SUBMISSION_FIELDS), section key, {question key:
    value})], one per live entry of a repeated section, in the order of the schemas
    and then of the entries (two queries). Personal-data answers are not read."""
    submissions = {
        row[0]: row
        for row in export_submissions(
            project=project, site_ids=site_ids, initiative=initiative
        )
    }
    entries = list(
        RepeatEntry.objects.filter(
            submission_id__in=list(submissions), removed_at__isnull=True
        )
        .order_by("created_at", "pk")
        .values_list("pk", "submission_id", "section_key")
    )
    values: defaultdict[int, dict[str, Any]] = defaultdict(dict)
    for entry_id, key, kind, *columns in Answer.objects.filter(
        entry_id__in=[pk for pk, _s, _k in entries],
        question__holds_personal_data=False,
        hidden=False,
    ).values_list("entry_id", "question__key", "question__kind", *ANSWER_COLUMNS):
        values[entry_id][key] = _export_value(kind, columns)
    order = {pk: n for n, pk in enumerate(submissions)}
    entries.sort(key=lambda e: order[e[1]])
    return [
        (submissions[submission_id], section_key, values.get(pk, {}))
        for pk, submission_id, section_key in entries
    ]


def repeated_section_titles(*, project: Project) -> dict[tuple[int, str], str]:
    """{(initiative id, section key): title} of the repeated sections, newest wording."""
    titles: dict[tuple[int, str], str] = {}
    for initiative_id, key, title in (
        Section.objects.filter(
            version__template__initiative__project=project, repeats=True
        )
        .order_by("-version__number")
        .values_list("version__template__initiative_id", "key", "title")
    ):
        titles.setdefault((initiative_id, key), title)
    return titles
