"""Reads for the testing pages; each page costs a fixed number of queries."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.merge import token
from initiatives.models import Initiative
from projects.models import Project
from projects.scoping import AnyUser, access_of
from sites.models import Site

from . import conditions, formulas, states
from .models import (
    EDITABLE_STATUSES,
    GUIDE_FIELDS,
    OPEN_STATUSES,
    Answer,
    AnswerComment,
    AnswerCommentReply,
    PeriodKind,
    Photo,
    Question,
    RepeatEntry,
    SchemaTemplate,
    SchemaVersion,
    Section,
    Submission,
    SubmissionAction,
    SubmissionEvent,
    SubmissionStatus,
    Tap,
    TestGuide,
    TestGuideVersion,
    TestRun,
)
from .question_kinds import kinds_where
from .schema_logic import SchemaLogic


def my_submissions(
    *, user: AnyUser, today: datetime.date
) -> dict[str, list[Submission]]:
    """The coordinator's schemas, sorted into what “Mine skemaer” shows.

    Returns {"returned", "overdue", "due", "in_progress", "upcoming", "done"}: lists of
    submissions, each annotated with the number of answers it has.
    """
    condition = Q(pk__in=[])
    for project_id, site_id in sorted(access_of(user).sites):
        condition |= Q(run__project_id=project_id, run__site_id=site_id)
    submissions = (
        Submission.objects.filter(condition)
        .select_related("run__initiative", "run__site", "run__project")
        .annotate(answer_count=Count("answers"))
        .order_by("due_on", "run__initiative__name", "run__site__name", "kind")
    )
    monday = today - datetime.timedelta(days=today.weekday())
    groups: dict[str, list[Submission]] = {
        key: []
        for key in ("returned", "overdue", "due", "in_progress", "upcoming", "done")
    }
    for submission in submissions:
        # How the row says it: the same words as the dashboard (testing.states).
        submission.state = states.schema_state(
            submission.status, submission.due_on, today
        )
        if submission.status == SubmissionStatus.RETURNED:
            groups["returned"].append(submission)
        elif submission.status in (
            SubmissionStatus.SUBMITTED,
            SubmissionStatus.APPROVED,
        ):
            groups["done"].append(submission)
        elif submission.state.overdue:
            groups["overdue"].append(submission)
        elif submission.week <= monday:
            groups["due"].append(submission)
        elif submission.status == SubmissionStatus.DRAFT:
            groups["in_progress"].append(submission)
        else:
            groups["upcoming"].append(submission)
    return groups


def review_list(*, project: Project) -> QuerySet[Submission]:
    return (
        Submission.objects.filter(run__project=project)
        .select_related("run__initiative", "run__site", "submitted_by")
        .annotate(comment_count=Count("comments", filter=Q(comments__resolved=False)))
        .order_by("-submitted_at", "due_on", "pk")
    )


def schema_sections(*, version: SchemaVersion) -> QuerySet[Section]:
    """The sections of a schema version with their questions, in order."""
    questions = Question.objects.order_by("position", "pk")
    return (
        Section.objects.filter(version=version)
        .prefetch_related(Prefetch("questions", queryset=questions))
        .order_by("position", "pk")
    )


def submission_context(
    *, submission: Submission, version: SchemaVersion | None
) -> dict[str, Any]:
    """Everything a schema page shows besides the form: answers, comments, photos, history."""
    every = list(
        Answer.objects.filter(submission=submission).select_related("question", "entry")
    )
    answers = {a.question_id: a for a in every if a.entry_id is None}
    entries = live_entries(submission=submission)
    entry_answers = {
        (a.entry_id, a.question.key): a
        for a in every
        if a.entry is not None and a.entry.removed_at is None
    }
    comments: defaultdict[str, list[AnswerComment]] = defaultdict(list)
    replies = Prefetch(
        "replies", queryset=AnswerCommentReply.objects.select_related("author")
    )
    for comment in (
        AnswerComment.objects.filter(submission=submission)
        .select_related("author", "question")
        .prefetch_related(replies)
    ):
        comments[comment.question.key].append(comment)
    photos: defaultdict[str, list[Photo]] = defaultdict(list)
    for photo in Photo.objects.filter(submission=submission).select_related("question"):
        photos[photo.question.key].append(photo)
    events = (
        SubmissionEvent.objects.filter(submission=submission)
        .select_related("by")
        .order_by("-at", "-pk")
    )
    sections = list(schema_sections(version=version)) if version else []
    shown = SchemaLogic.of(sections).visible(
        {a.question.key: a.form_value for a in answers.values()},
        period=submission.kind,
        site_id=submission.run.site_id,
    )
    shown_sections = []
    for section in sections:
        questions = [q for q in section.questions.all() if q.key in shown]
        if not questions:
            continue
        groups = None
        if section.repeats:
            numbered = [e for e in entries if e.section_key == section.key]
            groups = [
                (
                    number,
                    entry,
                    {
                        q.pk: entry_answers[(entry.pk, q.key)]
                        for q in questions
                        if (entry.pk, q.key) in entry_answers
                    },
                )
                for number, entry in enumerate(numbered, start=1)
            ]
        shown_sections.append((section, questions, groups))
    return {
        "sections": sections,
        # What the read-only pages show: the questions shown by the conditions, in
        # the sections that have any (testing/conditions.py); a repeated section's
        # entries, numbered, each with its answers by question id.
        "shown_sections": shown_sections,
        "entries": entries,
        "entry_answers": entry_answers,
        "answers": answers,
        "comments": dict(comments),
        "photos": dict(photos),
        "events": events,
    }


def without_personal_answers(
    *,
    answers: Mapping[int, Answer],
    comments: Mapping[str, Iterable[AnswerComment]],
    shown_sections: Iterable[Any] = (),
) -> dict[str, Any]:
    """A schema page's answers (by question id), comments (by question key) and the
    entries' answers of its sections, without those on questions that may hold
    personal data, for readers who may not see them."""
    return {
        "shown_sections": [
            (
                section,
                questions,
                None
                if groups is None
                else [
                    (
                        number,
                        entry,
                        {
                            pk: a
                            for pk, a in found.items()
                            if not a.question.holds_personal_data
                        },
                    )
                    for number, entry, found in groups
                ],
            )
            for section, questions, groups in shown_sections
        ],
        "entry_answers": {},
        "answers": {
            question_id: answer
            for question_id, answer in answers.items()
            if not answer.question.holds_personal_data
        },
        "comments": {
            key: [c for c in found if not c.question.holds_personal_data]
            for key, found in comments.items()
        },
    }


def runs_of(*, initiative: Initiative) -> QuerySet[TestRun]:
    return (
        TestRun.objects.filter(initiative=initiative)
        .select_related("site", "template")
        .prefetch_related("coordinators")
        .annotate(
            submission_count=Count("submissions"),
            done_count=Count(
                "submissions",
                filter=Q(
                    submissions__status__in=[
                        SubmissionStatus.SUBMITTED,
                        SubmissionStatus.APPROVED,
                    ]
                ),
            ),
        )
        .order_by("site__name")
    )


def run_submissions(*, run: TestRun, today: datetime.date) -> QuerySet[Submission]:
    return run.submissions.annotate(
        answer_count=Count("answers"),
        is_overdue=Case(
            When(states.overdue_q(today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    ).order_by("week", "-kind")


def testing_overview(*, project: Project) -> QuerySet[Initiative]:
    """Per initiative: its guide, schema templates and runs with progress (for the consultant)."""
    runs = (
        TestRun.objects.select_related("site")
        .annotate(
            submission_count=Count("submissions"),
            done_count=Count(
                "submissions",
                filter=Q(
                    submissions__status__in=[
                        SubmissionStatus.SUBMITTED,
                        SubmissionStatus.APPROVED,
                    ]
                ),
            ),
            open_count=Count(
                "submissions", filter=Q(submissions__status__in=OPEN_STATUSES)
            ),
        )
        .order_by("site__name")
    )
    templates = SchemaTemplate.objects.annotate(
        version_count=Count("versions")
    ).order_by("name")
    guides = TestGuide.objects.annotate(version_count=Count("versions"))
    return (
        Initiative.objects.filter(project=project)
        .prefetch_related(
            Prefetch("test_runs", queryset=runs, to_attr="run_list"),
            Prefetch("schema_templates", queryset=templates, to_attr="template_list"),
            Prefetch("test_guide", queryset=guides),
        )
        .order_by("name")
    )


def guide_versions(*, guide: TestGuide) -> list[TestGuideVersion]:
    return list(guide.versions.select_related("published_by").order_by("-number"))


def answer_last_saves(
    *, submission: Submission, keys: Iterable[str]
) -> dict[str, tuple[User | None, datetime.datetime]]:
    """{question key: (who, when)} of the last save that changed each of `keys`."""
    found: dict[str, tuple[User | None, datetime.datetime]] = {}
    wanted = set(keys)
    events = (
        SubmissionEvent.objects.filter(
            submission=submission,
            action__in=[SubmissionAction.SAVED, SubmissionAction.TALLIED],
        )
        .select_related("by")
        .order_by("-at", "-pk")
    )
    for event in events:
        for key in wanted.intersection(event.changed) - set(found):
            found[key] = (event.by, event.at)
        if len(found) == len(wanted):
            break
    return found


def last_review(*, submission: Submission) -> SubmissionEvent | None:
    """The latest return or approval of a schema (with who and when), or None."""
    return (
        SubmissionEvent.objects.filter(
            submission=submission,
            action__in=[SubmissionAction.RETURNED, SubmissionAction.APPROVED],
        )
        .select_related("by")
        .order_by("-at", "-pk")
        .first()
    )


def guide_changes(
    *, version: TestGuideVersion, previous: TestGuideVersion | None
) -> list[tuple[str | Promise, object, object]]:
    """The parts of the guide that differ between two published versions: [(label, old, new)]."""
    if previous is None:
        return []
    return [
        (label, getattr(previous, name), getattr(version, name))
        for name, label in [
            *GUIDE_FIELDS,
            ("criteria", _("Succeskriterier som regler")),
        ]
        if getattr(previous, name) != getattr(version, name)
    ]


def schema_version_in_use(*, version: SchemaVersion) -> bool:
    """Somebody has saved a schema against this version: it must not change any more."""
    return version.submissions.exclude(status=SubmissionStatus.NOT_STARTED).exists()


def submission_schema_version(submission: Submission) -> SchemaVersion | None:
    """The version a submission is filled against: its own, or the template's latest."""
    if submission.schema_version_id:
        return submission.schema_version
    return submission.run.template.versions.order_by("-number").first()


SLOT_SEPARATOR = "@"


def answer_slot(key: str, entry_uid: Any = None) -> str:
    """Where an answer sits in a schema: its question's key, or for an answer in an
    entry of a repeated section, the key and the entry ("antal@3f2a…")."""
    if entry_uid is None:
        return key
    return f"{key}{SLOT_SEPARATOR}{getattr(entry_uid, 'hex', entry_uid)}"


def slot_key(slot: str) -> str:
    """The question key of a slot."""
    return slot.split(SLOT_SEPARATOR, 1)[0]


def submission_stored_answers(
    *, submission: Submission, keys: Iterable[str]
) -> tuple[dict[str, Answer], dict[str, Any]]:
    """The stored answers in the slots `keys` (question keys, or key@entry for the
    live entries of repeated sections: `answer_slot`) as {slot: Answer}, and their
    values as the schema form holds them ({slot: form value}, None where there is
    no answer)."""
    keys = list(keys)
    answers = {
        answer_slot(a.question.key, a.entry.uid if a.entry else None): a
        for a in submission.answers.select_related("question", "entry").filter(
            question__key__in={slot_key(slot) for slot in keys}
        )
        if a.entry is None or a.entry.removed_at is None
    }
    return answers, {
        slot: answers[slot].form_value if slot in answers else None for slot in keys
    }


def live_entries(*, submission: Submission) -> list[RepeatEntry]:
    """The entries of the schema's repeated sections that have not been removed."""
    return list(
        RepeatEntry.objects.filter(submission=submission, removed_at__isnull=True)
    )


def submission_matches(*, submission: Submission, values: Mapping[str, Any]) -> bool:
    """The stored answers equal `values` (question key → form value)."""
    _answers, stored = submission_stored_answers(submission=submission, keys=values)
    return all(token(value) == token(stored[key]) for key, value in values.items())


def missing_required(*, submission: Submission) -> list[Question]:
    """Required questions shown in the schema without an answer (photos count as
    answers; a question hidden by its condition is not required; in a repeated
    section, each entry must answer it)."""
    version = submission_schema_version(submission)
    sections = list(schema_sections(version=version)) if version else []
    answers = {
        answer_slot(a.question.key, a.entry.uid if a.entry else None): a
        for a in submission.answers.select_related("question", "entry")
        if a.entry is None or a.entry.removed_at is None
    }
    shown = SchemaLogic.of(sections).visible(
        {slot: a.form_value for slot, a in answers.items()},
        period=submission.kind,
        site_id=submission.run.site_id,
    )
    answered = {slot for slot, a in answers.items() if not a.is_empty}
    photographed = set(submission.photos.values_list("question__key", flat=True))
    entries = live_entries(submission=submission)
    missing = []
    for section in sections:
        slots = (
            [e.uid for e in entries if e.section_key == section.key]
            if section.repeats
            else [None]
        )
        for q in section.questions.all():
            if not q.required or q.key not in shown or q.definition.is_computed:
                continue
            if any(
                answer_slot(q.key, uid) not in answered and q.key not in photographed
                for uid in slots
            ):
                missing.append(q)
    return missing


def criterion_questions(*, initiative_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """{initiative id: {key: criteria.QuestionRef}}: the questions a success criterion
    may name, as the newest version of each of the initiative's schemas asks them
    (one query)."""
    from .criteria import QuestionRef

    found: dict[int, dict[str, tuple[int, QuestionRef]]] = defaultdict(dict)
    for initiative_id, key, text, kind, choices, number in (
        Question.objects.filter(
            section__version__template__initiative_id__in=list(initiative_ids)
        )
        .order_by("section__version__number", "section__position", "position", "pk")
        .values_list(
            "section__version__template__initiative_id",
            "key",
            "text",
            "kind",
            "choices",
            "section__version__number",
        )
    ):
        known = found[initiative_id].get(key)
        if known is None or known[0] <= number:
            ref = QuestionRef(key, text, kind, tuple(choices or ()))
            found[initiative_id][key] = (number, ref)
    return {
        initiative_id: {key: ref for key, (_n, ref) in by_key.items()}
        for initiative_id, by_key in found.items()
    }


def guide_criteria_changes(
    *, version: TestGuideVersion, previous: TestGuideVersion | None
) -> list[str]:
    """What changed in the success criteria since the version before, in sentences."""
    from .criteria import changes, parse

    if previous is None:
        return []
    questions = criterion_questions(initiative_ids=[version.guide.initiative_id]).get(
        version.guide.initiative_id, {}
    )
    return changes(parse(previous.criteria), parse(version.criteria), questions)


def initiative_sites(*, initiative: Initiative) -> list[Site]:
    """The sites an initiative is (to be) tested at: its test sites and its runs' sites."""
    return list(
        Site.objects.filter(
            Q(initiative_sites__initiative=initiative)
            | Q(test_runs__initiative=initiative)
        )
        .distinct()
        .order_by("name")
    )


@dataclass(frozen=True)
class LogicNotes:
    """What the schema builder says of a version's conditions and computed answers:
    each in words, and what is wrong with each (by section id or question key)."""

    texts: dict[int | str, str]
    problems: dict[int | str, list[str]]
    formulas: dict[str, str]
    sites: dict[int, str]

    def problem_count(self) -> int:
        return sum(len(found) for found in self.problems.values())


def initiative_test_sites(*, initiative_id: int) -> dict[int, str]:
    """{site id: name} of the sites where an initiative is tested."""
    return dict(
        TestRun.objects.filter(initiative_id=initiative_id)
        .order_by("site__name")
        .values_list("site_id", "site__name")
    )


def schema_logic_notes(
    *, sections: Iterable[Section], initiative_id: int
) -> LogicNotes:
    """The conditions and formulas of a version's sections (with their questions
    prefetched) in words, with their problems: a rule on a question removed from the
    schema or placed after it, a test that does not fit, a formula's missing input."""
    sections = list(sections)
    sites = initiative_test_sites(initiative_id=initiative_id)
    everywhere = {
        q.key: conditions.QuestionRef(
            key=q.key, text=q.text, kind=q.kind, choices=tuple(q.choices)
        )
        for section in sections
        for q in section.questions.all()
    }
    inputs = {
        key: formulas.InputRef(key=key, text=ref.text, kind=ref.kind)
        for key, ref in everywhere.items()
    }
    texts: dict[int | str, str] = {}
    problems: dict[int | str, list[str]] = {}
    described: dict[str, str] = {}
    before: dict[str, conditions.QuestionRef] = {}
    for section in sections:
        condition = conditions.parse(section.condition)
        if not condition.is_always:
            texts[section.pk] = conditions.describe(
                condition, questions=everywhere, sites=sites
            )
            found = conditions.problems(
                condition, before=before, everywhere=everywhere, sites=sites
            )
            if found:
                problems[section.pk] = found
        for question in section.questions.all():
            condition = conditions.parse(question.condition)
            found = []
            if not condition.is_always:
                texts[question.key] = conditions.describe(
                    condition, questions=everywhere, sites=sites
                )
                found += conditions.problems(
                    condition,
                    before=before,
                    everywhere=everywhere,
                    sites=sites,
                    own_key=question.key,
                )
            if question.definition.is_computed:
                formula = formulas.Formula.from_stored(question.formula)
                described[question.key] = formulas.describe(formula, inputs)
                found += formulas.problems(formula, inputs)
                if section.repeats:
                    found.append(
                        str(
                            _(
                                "Et beregnet svar regnes ikke ud i et afsnit, der "
                                "gentages. Flyt det til et andet afsnit."
                            )
                        )
                    )
            if found:
                problems[question.key] = found
            if not section.repeats:
                before[question.key] = everywhere[question.key]
    return LogicNotes(texts=texts, problems=problems, formulas=described, sites=sites)


# The tally at the counter (testing/services/tally.py)


def tally_questions(submission: Submission) -> list[Question]:
    """The questions a week's schema lets the counter tally: its counted questions
    (whole numbers, `is_count`) in the version it is filled against, in the schema's
    order. The one place that chooses them (the page's buttons and the taps the
    server accepts). A question the schema does not show now (testing/conditions.py:
    not in weekly schemas, not at this site, or not for the answers given) is left
    out, and so is one of a repeated section (counted per entry, not per week)."""
    if submission.kind != PeriodKind.WEEK:
        return []
    version = submission_schema_version(submission)
    if version is None:
        return []
    sections = list(schema_sections(version=version))
    stored = {
        a.question.key: a.form_value
        for a in submission.answers.select_related("question").filter(
            entry__isnull=True
        )
    }
    shown = SchemaLogic.of(sections).visible(
        stored, period=submission.kind, site_id=submission.run.site_id
    )
    counted = set(kinds_where(is_count=True))
    return [
        question
        for section in sections
        if not section.repeats
        for question in section.questions.all()
        if question.kind in counted and question.key in shown
    ]


def tally_is_open(submission: Submission) -> bool:
    """Taps for the schema count now (it is a week's schema that can be edited)."""
    return submission.kind == PeriodKind.WEEK and submission.status in (
        EDITABLE_STATUSES
    )


def tally_totals(
    *, submission: Submission, questions: Iterable[Question], today: datetime.date
) -> dict[str, dict[str, int | None]]:
    """{question key: {"today": taps counted today, "week": the schema's answer}}.

    The week's figure is the answer in the schema (taps and what was typed); today's
    is the taps counted in, by the day they were tapped (two queries)."""
    keys = {q.pk: q.key for q in questions}
    week = dict(
        Answer.objects.filter(submission=submission, question_id__in=keys).values_list(
            "question_id", "value_integer"
        )
    )
    counted = dict(
        Tap.objects.filter(
            submission=submission,
            applied=True,
            question_id__in=keys,
            tapped_at__date=today,
        )
        .values("question_id")
        .annotate(total=Sum("delta"))
        .values_list("question_id", "total")
    )
    return {
        key: {"today": counted.get(pk) or 0, "week": week.get(pk)}
        for pk, key in keys.items()
    }


def tally_held(*, submission: Submission) -> int:
    """How many taps (and undos) arrived while the schema was sent and are kept
    without being counted."""
    return Tap.objects.filter(submission=submission, applied=False).count()


def current_week_submission(*, run: TestRun, today: datetime.date) -> Submission | None:
    """The run's schema for the week of `today`, or None outside the run's weeks."""
    monday = today - datetime.timedelta(days=today.weekday())
    return (
        run.submissions.filter(kind=PeriodKind.WEEK, week=monday)
        .select_related("run__project", "run__site", "run__initiative")
        .first()
    )


def logic_users(*, version: SchemaVersion, keys: Iterable[str]) -> list[str]:
    """The titles and texts of the sections and questions of a version whose condition
    or formula uses the answer to any of the questions `keys` (two queries)."""
    wanted = set(keys)
    users = []
    for section in schema_sections(version=version):
        if wanted & conditions.parse(section.condition).rule_keys():
            users.append(section.title)
        for question in section.questions.all():
            formula = formulas.Formula.from_stored(question.formula)
            if wanted & conditions.parse(question.condition).rule_keys() or (
                formula is not None and wanted & set(formula.inputs)
            ):
                users.append(question.text)
    return users
