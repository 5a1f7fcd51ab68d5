"""Reads for the analysis, evidence, idea, decision, initiative, meeting and timeline
pages, and for the steering group's home panel.

Each function returns what one page needs with its joins and aggregates done in
SQL, so the page costs the same number of queries however much data there is.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Avg,
    Count,
    Exists,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import Coalesce
from django.utils.functional import Promise

from core import timeline as timeline_counts
from projects.models import Role
from projects.scoping import roles_in

from .models import (
    AgeBand,
    Decision,
    Idea,
    IdeaPhase,
    IdeaScore,
    IdeaTransition,
    Initiative,
    InitiativeSite,
    InitiativeStatus,
    InitiativeTransition,
    Interview,
    Meeting,
    Quote,
    ResponsibleRole,
    ScreeningCriterion,
    ServiceSynergyCard,
    SolutionSpace,
    Term,
    Theme,
    TimelineItem,
    TimelineTracks,
    Vocabulary,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from projects.models import Project


def analysis_overview(*, project: Project) -> dict[str, QuerySet[Any]]:
    """Themes with their solution spaces (sites and services), and the service cards."""
    spaces = SolutionSpace.objects.prefetch_related("sites", "services").order_by(
        "position", "name"
    )
    themes = Theme.objects.filter(project=project).prefetch_related(
        Prefetch("solution_spaces", queryset=spaces, to_attr="space_list")
    )
    cards = ServiceSynergyCard.objects.filter(project=project).select_related("service")
    return {"themes": themes, "cards": cards}


def solution_space_detail() -> QuerySet[SolutionSpace]:
    return SolutionSpace.objects.select_related("theme", "project").prefetch_related(
        "sites", "services"
    )


def terms_by_vocabulary(
    *, project: Project
) -> list[tuple[str | Promise, str, list[Term]]]:
    """[(vocabulary label, value, [terms])] for every vocabulary, empty ones included."""
    grouped = defaultdict(list)
    for term in Term.objects.filter(project=project):
        grouped[term.vocabulary].append(term)
    return [(label, value, grouped[value]) for value, label in Vocabulary.choices]


def interview_table(*, project: Project) -> dict[str, Any]:
    """Interviews by service (rows) and age band (columns), with totals, counted in SQL.

    Returns {"bands": [(value, label)], "rows": [(service name, [counts], total)],
    "column_totals": [counts], "total": n}.
    """
    counts = (
        Interview.objects.filter(project=project)
        .values("service__name", "age_band")
        .annotate(n=Count("id"))
        .order_by("service__name")
    )
    bands = list(AgeBand.choices)
    by_service: defaultdict[str, dict[str, int]] = defaultdict(dict)
    for row in counts:
        by_service[row["service__name"]][row["age_band"]] = row["n"]
    rows = []
    for service in sorted(
        by_service, key=lambda name: (-sum(by_service[name].values()), name)
    ):
        cells = [by_service[service].get(value, 0) for value, _label in bands]
        rows.append((service, cells, sum(cells)))
    column_totals = [sum(row[1][i] for row in rows) for i in range(len(bands))]
    return {
        "bands": bands,
        "rows": rows,
        "column_totals": column_totals,
        "total": sum(column_totals),
    }


def quote_list(*, project: Project, reviewed_only: bool = False) -> QuerySet[Quote]:
    """The project's quotes; `reviewed_only` for readers who may not read a quote's
    text before the consultant has reviewed it (initiatives.view_unreviewed_quotes)."""
    quotes = Quote.objects.filter(project=project)
    if reviewed_only:
        quotes = quotes.filter(reviewed=True)
    return (
        quotes.select_related("service", "site", "interview")
        .prefetch_related("tags", "initiatives")
        .order_by("-created_at", "pk")
    )


def interview_list(*, project: Project) -> QuerySet[Interview]:
    return (
        Interview.objects.filter(project=project)
        .select_related("site", "service")
        .annotate(quote_count=Count("quotes"))
        .order_by("-held_on", "site__name", "pk")
    )


def idea_list(*, project: Project) -> QuerySet[Idea]:
    """Ideas with their mean score and number of scorers, and what the list shows."""
    return (
        Idea.objects.filter(project=project)
        .select_related("solution_space", "site", "proposer")
        .prefetch_related("services", "target_groups")
        .annotate(
            score_mean=Avg("scores__value"),
            scorer_count=Count("scores__scorer", distinct=True),
        )
        .order_by("title", "pk")
    )


def ideas_by_phase(
    *, ideas: Iterable[Idea]
) -> list[tuple[str | Promise, str, list[Idea]]]:
    """[(phase label, phase value, [ideas])] in workshop order, every phase shown."""
    grouped = defaultdict(list)
    for idea in ideas:
        grouped[idea.phase].append(idea)
    return [(label, value, grouped[value]) for value, label in IdeaPhase.choices]


def idea_detail() -> QuerySet[Idea]:
    return Idea.objects.select_related(
        "project", "solution_space__theme", "site", "proposer"
    ).prefetch_related(
        "services",
        "target_groups",
        Prefetch("evidence", queryset=Quote.objects.select_related("service", "site")),
        Prefetch("transitions", queryset=IdeaTransition.objects.select_related("by")),
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("decided_by", "meeting"),
        ),
    )


def idea_score_summary(*, idea: Idea) -> list[ScreeningCriterion]:
    """Per criterion: mean, lowest, highest, standard deviation and number of scores.

    Counting, mean, min and max are done in SQL; the spread (population standard
    deviation) is computed from the few scores of one idea, since SQLite has no
    STDDEV.
    """
    criteria = (
        ScreeningCriterion.objects.filter(project=idea.project_id)
        .annotate(
            mean=Avg("scores__value", filter=Q(scores__idea=idea)),
            low=Min("scores__value", filter=Q(scores__idea=idea)),
            high=Max("scores__value", filter=Q(scores__idea=idea)),
            n=Count("scores", filter=Q(scores__idea=idea)),
        )
        .order_by("position", "name")
    )
    values = defaultdict(list)
    for criterion_id, value in IdeaScore.objects.filter(idea=idea).values_list(
        "criterion_id", "value"
    ):
        values[criterion_id].append(value)
    summary: list[ScreeningCriterion] = []
    for criterion in criteria:
        scores = values.get(criterion.pk, [])
        criterion.spread = statistics.pstdev(scores) if len(scores) > 1 else None  # type: ignore[attr-defined]
        summary.append(criterion)
    return summary


def user_scores(*, idea: Idea, user: User) -> dict[int, int]:
    return dict(
        IdeaScore.objects.filter(idea=idea, scorer=user).values_list(
            "criterion_id", "value"
        )
    )


def criteria_of(*, project: Project) -> QuerySet[ScreeningCriterion]:
    return (
        ScreeningCriterion.objects.filter(project=project)
        .annotate(score_count=Count("scores"))
        .order_by("position", "name")
    )


def decision_log(*, project: Project) -> QuerySet[Decision]:
    """The steering group's decisions on ideas and verdicts on initiatives, newest
    first, each with what it is about, its meeting and who registered it."""
    return (
        Decision.objects.filter(project=project)
        .select_related("idea__initiative", "initiative__idea", "meeting", "decided_by")
        .annotate(subject_title=Coalesce("idea__title", "initiative__name"))
        .order_by("-decided_on", "-created_at", "-pk")
    )


def latest_verdicts(*, initiative_ids: Iterable[int]) -> dict[int, Decision]:
    """{initiative id: the steering group's latest verdict on it} for those of the
    initiatives that have one (one query)."""
    latest: dict[int, Decision] = {}
    verdicts = (
        Decision.objects.filter(initiative_id__in=list(initiative_ids))
        .select_related("meeting")
        .order_by("initiative_id", "-decided_on", "-created_at", "-pk")
    )
    for verdict in verdicts:
        if verdict.initiative_id is not None:
            latest.setdefault(verdict.initiative_id, verdict)
    return latest


def _week_monday(today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=today.weekday())


# The last end week of an initiative's test runs (testing sits above this app, so the
# runs are read through their reverse relation).
TEST_ENDS = Max("test_runs__ends_week")


def steering_waiting(*, project: Project, today: datetime.date) -> dict[str, Any]:
    """What waits for the steering group: the ideas presented for decision, and the
    initiatives whose test has ended (every test run's end week is over) and that
    have no verdict yet. {"ideas": [...], "initiatives": [...]}."""
    ideas = Idea.objects.filter(project=project, phase=IdeaPhase.PRESENTED).order_by(
        "title", "pk"
    )
    verdicts = Decision.objects.filter(initiative=OuterRef("pk"))
    initiatives = (
        Initiative.objects.filter(project=project)
        .exclude(status=InitiativeStatus.PLANNED)
        .annotate(test_ends=TEST_ENDS)
        .filter(test_ends__lt=_week_monday(today))
        .exclude(Exists(verdicts))
        .order_by("test_ends", "name", "pk")
    )
    return {"ideas": list(ideas), "initiatives": list(initiatives)}


def meeting_list(*, project: Project) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(project=project)
        .annotate(
            decision_count=Count("decisions", distinct=True),
            attendee_count=Count("attendees", distinct=True),
        )
        .order_by("-held_on", "-pk")
    )


def meeting_detail() -> QuerySet[Meeting]:
    """A meeting with who attended and the decisions recorded in it."""
    return Meeting.objects.select_related("project", "created_by").prefetch_related(
        "attendees",
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related(
                "idea", "initiative", "decided_by"
            ).order_by("created_at", "pk"),
        ),
    )


def meeting_agenda(*, meeting: Meeting, today: datetime.date) -> dict[str, Any]:
    """What the steering group can decide at a meeting: the project's ideas presented
    for decision, and its initiatives in test or evaluated (each with `test_ends` and
    `test_ended`), those whose test has ended first."""
    ideas = Idea.objects.filter(
        project=meeting.project_id, phase=IdeaPhase.PRESENTED
    ).order_by("title", "pk")
    initiatives = list(
        Initiative.objects.filter(
            project=meeting.project_id,
            status__in=[InitiativeStatus.IN_TEST, InitiativeStatus.EVALUATED],
        )
        .annotate(test_ends=TEST_ENDS)
        .order_by("name", "pk")
    )
    monday = _week_monday(today)
    for initiative in initiatives:
        ends = initiative.test_ends
        initiative.test_ended = ends is not None and ends < monday  # type: ignore[attr-defined]
    initiatives.sort(key=lambda i: not i.test_ended)  # type: ignore[attr-defined]
    return {"ideas": list(ideas), "initiatives": initiatives}


def meeting_choices(*, project: Project | int) -> QuerySet[Meeting]:
    """The meetings a decision of the project can be recorded in, newest first."""
    return Meeting.objects.filter(project=project).order_by("-held_on", "-pk")


def initiative_list(*, project: Project) -> QuerySet[Initiative]:
    sites = InitiativeSite.objects.select_related("site", "coordinator").order_by(
        "site__name"
    )
    return (
        Initiative.objects.filter(project=project)
        .select_related("solution_space", "idea")
        .prefetch_related(Prefetch("test_sites", queryset=sites, to_attr="site_list"))
        .order_by("name", "pk")
    )


def initiative_detail() -> QuerySet[Initiative]:
    sites = InitiativeSite.objects.select_related("site", "coordinator").order_by(
        "site__name"
    )
    return Initiative.objects.select_related(
        "project", "solution_space__theme", "idea__proposer", "idea__site"
    ).prefetch_related(
        "services",
        "target_groups",
        Prefetch("test_sites", queryset=sites, to_attr="site_list"),
        Prefetch(
            "transitions", queryset=InitiativeTransition.objects.select_related("by")
        ),
        Prefetch(
            "idea__evidence", queryset=Quote.objects.select_related("service", "site")
        ),
        Prefetch(
            "idea__decisions",
            queryset=Decision.objects.select_related("decided_by", "meeting"),
        ),
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("decided_by", "meeting").order_by(
                "-decided_on", "-created_at", "-pk"
            ),
            to_attr="verdict_list",
        ),
    )


def timeline(*, project: Project) -> QuerySet[TimelineItem]:
    return TimelineItem.objects.filter(project=project)


def timeline_progress(
    *, project: Project, items: Iterable[TimelineItem]
) -> list[TimelineItem]:
    """The items as a list, each with `missing`: how many of what it follows (the
    test schemas) are still missing by its end week, or None when it follows
    nothing. An item marked done is done only when nothing is missing (is_done)."""
    items = list(items)
    tracked = defaultdict(list)
    for item in items:
        item.missing = None  # type: ignore[attr-defined]
        if item.tracks:
            tracked[item.tracks].append(item)
    for name, followers in tracked.items():
        counts = timeline_counts.missing(
            name, project=project, deadlines=[item.due_by for item in followers]
        )
        for item in followers:
            item.missing = counts.get(item.due_by)  # type: ignore[attr-defined]
    return items


def timeline_for_user(
    *, user: User, project: Project, today: datetime.date | None = None
) -> dict[str, Any]:
    """What is due this week and what is overdue for the roles the user holds.

    Returns {"due": [items], "overdue": [items], "week": ISO week number}. An item
    marked done still shows while what it follows is missing.
    """
    today = today or datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday())
    roles = roles_in(user, project)
    if user.is_superuser:
        roles.add(Role.CONSULTANT)
    items = TimelineItem.objects.filter(
        Q(done=False) | ~Q(tracks=TimelineTracks.NOTHING),
        project=project,
        responsible_role__in=[*roles, ResponsibleRole.EVERYONE],
        starts_week__lte=monday,
    )
    open_items = [
        item
        for item in timeline_progress(project=project, items=items)
        if not item.is_done
    ]
    return {
        "due": [item for item in open_items if item.ends_week >= monday],
        "overdue": [item for item in open_items if item.ends_week < monday],
        "week": today.isocalendar().week,
    }
