"""The figures behind the dashboard, the drill-down pages, the exports and the catalogue.

Everything is counted and summed in SQL (annotate / values / aggregate); Python only
arranges the aggregated rows for the page. A page of the dashboard costs the same
number of queries however many initiatives, sites and schemas the project has.

Figures count schemas that are submitted or approved; drafts and returned schemas
are shown in the progress, not in the sums.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import Count, DecimalField, Prefetch, Q, Sum
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from core import worker
from initiatives.models import Decision, Initiative, Quote
from sites.models import ServiceOffering
from testing import states
from testing.models import (
    AdvisoryVisit,
    Answer,
    Photo,
    Question,
    QuestionKind,
    Submission,
    SubmissionStatus,
    TestRun,
)
from testing.question_kinds import ANSWER_COLUMNS, kind_of, kinds_where
from testing.states import ALL_STATES

from .models import RenderFailure, RenderStatus

COUNTED = [SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED]
# The kinds the dashboard charts and sums (or averages): testing/question_kinds.py.
NUMERIC = kinds_where(can_chart=True)
NUMBER = DecimalField(max_digits=14, decimal_places=2)


def _site_filter(site_ids, prefix=""):
    return Q() if site_ids is None else Q(**{f"{prefix}site_id__in": site_ids})


def dashboard_initiatives(*, project, site_ids):
    """The initiatives the dashboard lists (filtered further by the view's filterset)."""
    queryset = Initiative.objects.filter(project=project).select_related(
        "solution_space__theme"
    )
    if site_ids is not None:
        queryset = queryset.filter(test_runs__site_id__in=site_ids).distinct()
    return queryset.order_by("name", "pk")


# The matrix: initiatives × sites, with each run's schemas by week


# A week's state in the matrix, said as testing.states says it everywhere: the status's
# icon and word ("Kladde"), "forsinket" added when it is overdue, and a colour
# (WCAG 1.4.1). {state key: (icon, words, css classes)}
WEEK_STATES = {state.key: (state.icon, state.word, state.css) for state in ALL_STATES}


def week_states():
    """WEEK_STATES with the words translated once for the request's language."""
    return {
        key: (icon, str(word), css) for key, (icon, word, css) in WEEK_STATES.items()
    }


def week_legend():
    """[(icon, css classes, word)] for the legend above the matrix."""
    return [(icon, css, str(word)) for icon, css, word in states.legend()]


@dataclass
class RunProgress:
    run: TestRun
    weeks: list = field(default_factory=list)  # [(label, state)]
    counts: dict = field(default_factory=dict)  # state → count

    @property
    def done(self):
        return self.counts.get("approved", 0) + self.counts.get("submitted", 0)

    @property
    def total(self):
        return len(self.weeks)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


def matrix(*, initiatives, site_ids, today=None):
    """{initiative id: [RunProgress per site]} for a page of initiatives (2 queries)."""
    today = today or timezone.localdate()
    ids = [i.pk for i in initiatives]
    runs = {
        run.pk: RunProgress(run=run)
        for run in TestRun.objects.filter(
            Q(initiative_id__in=ids) & _site_filter(site_ids)
        )
        .select_related("site")
        .order_by("site__name")
    }
    for run_id, kind, week, status, due_on in (
        Submission.objects.filter(run_id__in=runs)
        .order_by("week", "-kind")
        .values_list("run_id", "kind", "week", "status", "due_on")
    ):
        state = states.schema_state(status, due_on, today).key
        label = _("slut") if kind == "final" else str(week.isocalendar().week)
        progress = runs[run_id]
        progress.weeks.append((label, state))
        progress.counts[state] = progress.counts.get(state, 0) + 1
    by_initiative = defaultdict(list)
    for progress in runs.values():
        by_initiative[progress.run.initiative_id].append(progress)
    return by_initiative


# Key figures


def _value():
    return Coalesce(Cast("value_integer", NUMBER), "value_decimal", output_field=NUMBER)


def question_labels(*, initiative_ids):
    """{(initiative id, key): (text, kind)} from the newest version of each template."""
    labels = {}
    for initiative_id, key, text, kind, _number in (
        Question.objects.filter(
            section__version__template__initiative_id__in=initiative_ids,
            kind__in=NUMERIC,
        )
        .order_by("section__version__number", "position")
        .values_list(
            "section__version__template__initiative_id",
            "key",
            "text",
            "kind",
            "section__version__number",
        )
    ):
        labels[initiative_id, key] = (text, kind)
    return labels


@dataclass
class Figure:
    """One numeric question at one site: the total and mean, per week and overall."""

    key: str
    text: str
    kind: str
    site: object
    by_week: dict = field(default_factory=dict)  # week label → (total, answers)

    @cached_property
    def total(self):
        return sum(total for total, _n in self.by_week.values())

    @cached_property
    def answers(self):
        return sum(n for _total, n in self.by_week.values())

    @cached_property
    def mean(self):
        return self.total / self.answers if self.answers else None

    @property
    def can_sum(self):
        """A count is summed; a 1–5 scale is not: its figures are means."""
        return kind_of(self.kind).can_sum

    def week_value(self, week):
        """A week's figure: the sum of a count, the mean of a scale (None: no answers)."""
        if week not in self.by_week:
            return None
        total, answers = self.by_week[week]
        if not self.can_sum:
            return float(total) / answers if answers else None
        return float(total)

    @cached_property
    def week_values(self):
        """{week: week_value(week)} for the tables."""
        return {week: self.week_value(week) for week in self.by_week}


def figures(*, initiative_ids, site_ids):
    """{initiative id: [Figure]} summed in SQL per initiative, site, question and week."""
    rows = (
        Answer.objects.filter(
            Q(submission__run__initiative_id__in=initiative_ids)
            & _site_filter(site_ids, "submission__run__")
            & Q(submission__status__in=COUNTED, question__kind__in=NUMERIC)
        )
        .values(
            "submission__run__initiative_id",
            "submission__run__site_id",
            "submission__run__site__name",
            "question__key",
            "submission__kind",
            "submission__week",
        )
        .annotate(total=Sum(_value()), answers=Count(_value()))
        .order_by("submission__run__site__name", "question__key", "submission__week")
    )
    labels = question_labels(initiative_ids=initiative_ids)
    found = {}
    for row in rows:
        initiative_id = row["submission__run__initiative_id"]
        key = row["question__key"]
        text, kind = labels.get((initiative_id, key), (key, QuestionKind.INTEGER))
        figure = found.setdefault(
            (initiative_id, row["submission__run__site_id"], key),
            Figure(
                key=key, text=text, kind=kind, site=row["submission__run__site__name"]
            ),
        )
        week = (
            _("slut")
            if row["submission__kind"] == "final"
            else row["submission__week"].isocalendar().week
        )
        figure.by_week[week] = (row["total"] or 0, row["answers"])
    order = {key: i for i, key in enumerate(k for (_i, k) in labels)}
    by_initiative = defaultdict(list)
    for (initiative_id, _site, _key), figure in sorted(
        found.items(), key=lambda item: (order.get(item[0][2], 0), item[1].site)
    ):
        by_initiative[initiative_id].append(figure)
    return by_initiative


def _weeks(figure_list, key):
    chosen = [f for f in figure_list if f.key == key]
    weeks = sorted({w for f in chosen for w in f.by_week if isinstance(w, int)})
    return chosen, weeks


def weekly_series(figure_list, key):
    """For one question: the weeks (sorted) and a series per site, for a chart.

    A count's value for a week is its sum; a 1–5 scale is never summed: its value
    for a week is the mean of that week's answers."""
    chosen, weeks = _weeks(figure_list, key)
    series = [(f.site, [f.week_value(w) for w in weeks]) for f in chosen]
    return [_("uge %(week)s") % {"week": w} for w in weeks], series


def weekly_answers(figure_list, key):
    """For one question: the number of answers behind each value of weekly_series."""
    chosen, weeks = _weeks(figure_list, key)
    return [[f.by_week.get(w, (0, 0))[1] for w in weeks] for f in chosen]


def first_count_question(figure_list):
    for figure in figure_list:
        if kind_of(figure.kind).is_count:
            return figure.key
    return figure_list[0].key if figure_list else None


# What the steering group reads beside the numbers


def latest_quotes(*, project, limit=5):
    """The newest quotes that are both consented to and reviewed: safe to show anyone."""
    return (
        Quote.objects.filter(project=project, consent_to_publish=True, reviewed=True)
        .select_related("service", "site")
        .order_by("-created_at", "-pk")[:limit]
    )


def latest_visits(*, project, site_ids, limit=3):
    return (
        AdvisoryVisit.objects.filter(Q(project=project) & _site_filter(site_ids))
        .select_related("site")
        .order_by("-visited_on", "-pk")[:limit]
    )


def latest_decisions(*, project, limit=5):
    return (
        Decision.objects.filter(idea__project=project)
        .select_related("idea", "decided_by")
        .order_by("-decided_on", "-created_at")[:limit]
    )


def progress_totals(*, project, site_ids, today=None):
    """Counts of schemas by status, and how many of them are overdue (one query).

    "lines": what the page says, [(icon, css classes, text)], zeros left out."""
    today = today or timezone.localdate()
    base = Submission.objects.filter(
        Q(run__project=project) & _site_filter(site_ids, "run__")
    )
    counts = base.aggregate(
        **{
            status: Count("pk", filter=Q(status=status))
            for status in SubmissionStatus.values
        },
        overdue=Count("pk", filter=states.overdue_q(today)),
        total=Count("pk"),
    )
    counts["lines"] = states.state_counts(counts)
    return counts


# Exports: one row per submission, one column per question text


def export_columns(*, project, initiative=None):
    """The question columns of the export and where each answer goes.

    Returns (texts, column_of): the column headers in schema order, and a map from
    (initiative id, question key) to its header. A question is known by its key across
    schema versions and takes the wording of its newest version; questions with the
    same wording in different initiatives share a column, so the sheet stays as wide as
    the number of distinct questions rather than initiatives times questions.
    Photos and questions that may hold personal data have no column.
    """
    questions = Question.objects.filter(
        section__version__template__initiative__project=project
    ).exclude(Q(kind__in=kinds_where(takes_photos=True)) | Q(holds_personal_data=True))
    if initiative is not None:
        questions = questions.filter(section__version__template__initiative=initiative)
    newest = {}
    order = []
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


def export_submissions(*, project, site_ids, initiative=None):
    """Rows (tuples of EXPORT_SUBMISSION_FIELDS) of the submissions, to stream."""
    submissions = Submission.objects.filter(
        Q(run__project=project) & _site_filter(site_ids, "run__")
    )
    if initiative is not None:
        submissions = submissions.filter(run__initiative=initiative)
    return submissions.order_by(
        "run__initiative__name", "run__site__name", "week", "-kind"
    ).values_list(*EXPORT_SUBMISSION_FIELDS)


def export_answers(*, submission_ids):
    """{submission id: {question key: value}} for a batch of submissions (one query).

    Rows, not model instances: an export reads tens of thousands of answers. Answers
    to questions that may hold personal data are not read at all."""
    answers = defaultdict(dict)
    for submission_id, key, kind, *values in Answer.objects.filter(
        submission_id__in=submission_ids, question__holds_personal_data=False
    ).values_list("submission_id", "question__key", "question__kind", *ANSWER_COLUMNS):
        definition = kind_of(kind)
        row = dict(zip(ANSWER_COLUMNS, values, strict=True))
        answers[submission_id][key] = definition.export_value(definition.stored(row))
    return answers


# The results catalogue


@dataclass
class ChapterContent:
    """What one chapter of the catalogue shows, read once for the preview and the PDF."""

    chapter: object
    initiative: object
    runs: list  # [RunProgress] per site
    figures: list  # [Figure]
    quotes: list
    photos: list
    charts: list = field(default_factory=list)

    @property
    def sites(self):
        return [progress.run.site for progress in self.runs]

    @property
    def weeks(self):
        """(first, last) Monday of the test at any of its sites, or None."""
        starts = [p.run.starts_week for p in self.runs]
        ends = [p.run.ends_week for p in self.runs]
        return (min(starts), max(ends)) if starts else None


def publishable_quotes(*, project):
    """The quotes a catalogue may print: consented to and reviewed (GDPR, G8)."""
    return Quote.objects.filter(project=project, consent_to_publish=True, reviewed=True)


def catalogue_chapters(*, catalogue):
    """The included chapters in the consultant's order, each with its figures, quotes
    and photos. A fixed number of queries for any number of chapters."""
    chapters = list(
        catalogue.chapters.filter(included=True)
        .select_related("initiative__solution_space__theme")
        .prefetch_related(
            Prefetch(
                "quotes",
                queryset=publishable_quotes(project=catalogue.project_id)
                .select_related("site")
                .order_by("pk"),
            ),
            Prefetch(
                "photos",
                queryset=Photo.objects.select_related("submission__run__site").order_by(
                    "pk"
                ),
            ),
        )
        .order_by("position", "pk")
    )
    initiatives = [c.initiative for c in chapters]
    ids = [i.pk for i in initiatives]
    runs = matrix(initiatives=initiatives, site_ids=None)
    figure_map = figures(initiative_ids=ids, site_ids=None)
    return [
        ChapterContent(
            chapter=chapter,
            initiative=chapter.initiative,
            runs=runs.get(chapter.initiative_id, []),
            figures=figure_map.get(chapter.initiative_id, []),
            quotes=list(chapter.quotes.all()),
            photos=list(chapter.photos.all()),
        )
        for chapter in chapters
    ]


def catalogue_sites(*, project):
    """The project's sites with the services they offer, for the appendix."""
    return project.sites.select_related("municipality").prefetch_related(
        Prefetch(
            "serviceoffering_set",
            queryset=ServiceOffering.objects.select_related("service").order_by(
                "service__name"
            ),
        )
    )


def latest_render(*, catalogue):
    return catalogue.renders.order_by("-created_at", "-pk").first()


def latest_finished_render(*, catalogue):
    return (
        catalogue.renders.filter(status="done")
        .exclude(file="")
        .order_by("-finished_at", "-pk")
        .first()
    )


def finished_renders(*, catalogue, limit=10):
    """The newest finished PDFs, for the list under the render's progress."""
    return (
        catalogue.renders.filter(status="done")
        .exclude(file="")
        .order_by("-finished_at", "-pk")[:limit]
    )


# A PDF that will never finish, and one that waits for a worker


def render_stuck_reason(render) -> str | None:
    """Why a pending render will never finish (a RenderFailure value), or None.

    Lost: its task's worker died (core/worker.py), its task ended without making it,
    or it was never queued. Stalled: running, but no progress for RENDER_STALL_SECONDS."""
    if not render.is_pending:
        return None
    now = timezone.now()
    state = worker.task_state(render.task_id)
    if state == worker.TaskState.LOST:
        return RenderFailure.INTERRUPTED
    if (
        render.status == RenderStatus.QUEUED
        and not render.task_id
        and render.created_at < now - worker.heartbeat_timeout()
    ):
        # Its task was never put in the queue (the queue was unreachable just then).
        return RenderFailure.INTERRUPTED
    if render.status == RenderStatus.RUNNING:
        last = render.progress_at or render.started_at or render.created_at
        if last < now - datetime.timedelta(seconds=settings.RENDER_STALL_SECONDS):
            return RenderFailure.STALLED
    return None


def render_waiting_too_long(render) -> bool:
    """True when a queued PDF has waited longer than expected and no worker is alive."""
    if render is None or render.status != RenderStatus.QUEUED:
        return False
    waited = timezone.now() - render.created_at
    if waited.total_seconds() < settings.RENDER_QUEUE_WARNING_SECONDS:
        return False
    return not worker.workers_alive()


def render_area(*, catalogue) -> dict:
    """What the catalogue page's render area shows (render_status.html)."""
    render = latest_render(catalogue=catalogue)
    stuck = render_stuck_reason(render) if render is not None else None
    return {
        "render": render,
        "render_stuck": stuck,
        "render_pending": render is not None and render.is_pending and stuck is None,
        "worker_down": stuck is None and render_waiting_too_long(render),
        "finished": finished_renders(catalogue=catalogue),
    }
