"""The figures behind the dashboard, the drill-down pages and the exports, which the
results catalogue (reporting) reads too: the progress matrix and the key figures.

Everything is counted and summed in SQL (annotate / values / aggregate); Python only
arranges the aggregated rows for the page. A page of the dashboard costs the same
number of queries however many initiatives, sites and schemas the project has.

Figures count schemas that are submitted or approved; drafts and returned schemas
are shown in the progress, not in the sums.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, DecimalField, Q, Sum
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Decision, Initiative, Quote
from synergy.models import Role
from synergy.permissions import memberships_of
from synergy.selectors import projects_visible_to
from testing import states
from testing.models import (
    ANSWER_VALUE_FIELDS,
    AdvisoryVisit,
    Answer,
    PeriodKind,
    Question,
    QuestionKind,
    Submission,
    SubmissionStatus,
    TestRun,
    answer_value,
)
from testing.states import ALL_STATES

COUNTED = [SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED]
NUMERIC = [QuestionKind.INTEGER, QuestionKind.DECIMAL, QuestionKind.SCALE]
NUMBER = DecimalField(max_digits=14, decimal_places=2)


def visible_site_ids(*, user, project):
    """None when the user sees every site of the project; else the sites they coordinate."""
    roles = {m.role for m in memberships_of(user) if m.project_id == project.pk}
    if user.is_superuser or roles & {Role.CONSULTANT, Role.STEERING}:
        return None
    return {
        m.site_id
        for m in memberships_of(user)
        if m.project_id == project.pk and m.role == Role.COORDINATOR
    }


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


def results_initiatives(*, user):
    """The initiatives whose results pages the user may open: those of their projects."""
    return Initiative.objects.filter(
        project__in=projects_visible_to(user=user).values("pk")
    ).select_related("project", "solution_space__theme")


def visible_sites(*, project, site_ids):
    """The project's sites the user sees (`site_ids` from visible_site_ids)."""
    sites = project.sites.all()
    return sites if site_ids is None else sites.filter(pk__in=site_ids)


def site_initiatives(*, project, site):
    """The initiatives tested at one site, by name."""
    return (
        Initiative.objects.filter(project=project, test_runs__site=site)
        .select_related("solution_space__theme")
        .distinct()
        .order_by("name")
    )


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
        return sum(self.counts.get(status, 0) for status in COUNTED)

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
        label = _("slut") if kind == PeriodKind.FINAL else str(week.isocalendar().week)
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
    def is_scale(self):
        return self.kind == QuestionKind.SCALE

    def week_value(self, week):
        """A week's figure: the sum of a count, the mean of a scale (None: no answers)."""
        if week not in self.by_week:
            return None
        total, answers = self.by_week[week]
        if self.is_scale:
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
            if row["submission__kind"] == PeriodKind.FINAL
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


def figure_weeks(figure_list):
    """The weeks of a list of figures in order: week numbers, then the final ("slut")."""
    return sorted(
        {w for f in figure_list for w in f.by_week},
        key=lambda w: (isinstance(w, str), w),
    )


def first_count_question(figure_list):
    for figure in figure_list:
        if figure.kind == QuestionKind.INTEGER:
            return figure.key
    return figure_list[0].key if figure_list else None


# An initiative's numbers on a page


@dataclass
class InitiativeRow:
    """An initiative on the dashboard or a site's page: its progress at each site,
    its key figures, and (on the dashboard) its trend chart."""

    initiative: Initiative
    runs: list  # [RunProgress]
    figures: list  # [Figure]
    chart: object = None  # a dashboards.charts.Chart


def initiative_rows(*, initiatives, site_ids):
    """[InitiativeRow] for a page of initiatives (4 queries for any number)."""
    progress = matrix(initiatives=initiatives, site_ids=site_ids)
    numbers = figures(initiative_ids=[i.pk for i in initiatives], site_ids=site_ids)
    return [
        InitiativeRow(
            initiative=initiative,
            runs=progress.get(initiative.pk, []),
            figures=numbers.get(initiative.pk, []),
        )
        for initiative in initiatives
    ]


def initiative_figures(*, initiative, user):
    """[Figure] of one initiative at the sites the user sees."""
    site_ids = visible_site_ids(user=user, project=initiative.project)
    return figures(initiative_ids=[initiative.pk], site_ids=site_ids).get(
        initiative.pk, []
    )


@dataclass
class InitiativeResults:
    """One initiative at all the sites the user sees: progress and figures by week."""

    runs: list  # [RunProgress]
    figures: list  # [Figure]

    @property
    def weeks(self):
        return figure_weeks(self.figures)


def initiative_results(*, initiative, user):
    site_ids = visible_site_ids(user=user, project=initiative.project)
    figure_list = figures(initiative_ids=[initiative.pk], site_ids=site_ids).get(
        initiative.pk, []
    )
    runs = matrix(initiatives=[initiative], site_ids=site_ids).get(initiative.pk, [])
    return InitiativeResults(runs=runs, figures=figure_list)


# What the steering group reads beside the numbers


def publishable_quotes(*, project):
    """The quotes that are both consented to and reviewed: safe to show anyone, on
    the dashboard and in the catalogue (GDPR, G8)."""
    return Quote.objects.filter(project=project, consent_to_publish=True, reviewed=True)


def latest_quotes(*, project, limit=5):
    """The newest publishable quotes."""
    return (
        publishable_quotes(project=project)
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
    ).exclude(Q(kind=QuestionKind.PHOTO) | Q(holds_personal_data=True))
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
    ).values_list(
        "submission_id", "question__key", "question__kind", *ANSWER_VALUE_FIELDS
    ):
        answers[submission_id][key] = answer_value(kind, *values)
    return answers
