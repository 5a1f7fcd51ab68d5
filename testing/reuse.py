"""What "Nyt forløb ud fra et tidligere" copies: the plan the preview shows.

The plan lists, per group, exactly the rows that will be copied (their names and
counts) and the timeline's weeks moved to the new start week. `plan_digest` is a
fingerprint of what the preview showed: the copy is made only when the plan is still
the same when the consultant confirms (another tab may have changed the source, or
the form's start week or groups since the preview), so what was shown is what is
copied.

Never copied: people (members, invitations), evidence (interviews, quotes), ideas
with their scores and decisions, meetings, test runs and schemas filled in, visits,
phone interviews, the catalogue. The shared catalogue (sites, services) is linked,
not copied.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.models import (
    Initiative,
    ScreeningCriterion,
    SolutionSpace,
    Term,
    Theme,
    TimelineItem,
    Vocabulary,
)
from projects.models import Project

from .models import SchemaTemplate, TestGuide

# The groups the consultant ticks, in the order the preview shows them.
CRITERIA = "criteria"
VOCABULARIES = "vocabularies"
ANALYSIS = "analysis"
TIMELINE = "timeline"
INITIATIVES = "initiatives"
SITES = "sites"
GROUPS = {
    CRITERIA: gettext_lazy("Kriterier for screening af idéer"),
    VOCABULARIES: gettext_lazy("Ordlister"),
    ANALYSIS: gettext_lazy("Temaer og løsningsrum"),
    TIMELINE: gettext_lazy("Tidsplan"),
    INITIATIVES: gettext_lazy("Tiltag med testguide, succeskriterier og skemaer"),
    SITES: gettext_lazy("Deltagende steder"),
}
# Ticked unless the consultant unticks them: the analysis (themes, solution spaces)
# is the earlier field work's reading and is offered, not assumed.
DEFAULT_GROUPS = (CRITERIA, VOCABULARIES, TIMELINE, INITIATIVES, SITES)


def week_label(monday: datetime.date) -> str:
    """“uge 12 2018”: the ISO week and its ISO year (week 1 of 2019 starts 31.12.2018)."""
    iso = monday.isocalendar()
    return _("uge %(week)s %(year)s") % {"week": iso.week, "year": iso.year}


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def shift_schedule_week(text: str, shift: datetime.timedelta) -> str:
    """A guide's schedule week ("2017-W37") moved by `shift`; unreadable text stays."""
    try:
        year, week = text.upper().split("-W")
        moved = datetime.date.fromisocalendar(int(year), int(week), 1) + shift
    except (ValueError, OverflowError):
        return text
    iso = moved.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


@dataclass
class TimelineRow:
    item: TimelineItem
    starts_week: datetime.date
    ends_week: datetime.date

    @property
    def old_label(self) -> str:
        return _week_span(self.item.starts_week, self.item.ends_week)

    @property
    def new_label(self) -> str:
        return _week_span(self.starts_week, self.ends_week)


def _week_span(start: datetime.date, end: datetime.date) -> str:
    if start == end:
        return week_label(start)
    return f"{week_label(start)} – {week_label(end)}"


@dataclass
class InitiativeRow:
    initiative: Initiative
    guide: TestGuide | None
    templates: list[SchemaTemplate]

    @property
    def criteria_count(self) -> int:
        return len(self.guide.criteria or []) if self.guide else 0


@dataclass
class CopyPlan:
    source: Project
    shift: datetime.timedelta
    starts_on: datetime.date
    ends_on: datetime.date
    criteria: list[ScreeningCriterion] = field(default_factory=list)
    vocabularies: list[tuple[str, list[Term]]] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    timeline: list[TimelineRow] = field(default_factory=list)
    initiatives: list[InitiativeRow] = field(default_factory=list)
    sites: list[Any] = field(default_factory=list)

    @property
    def term_count(self) -> int:
        return sum(len(terms) for _label, terms in self.vocabularies)

    @property
    def solution_space_count(self) -> int:
        return sum(len(spaces_of(theme)) for theme in self.themes)

    @property
    def template_count(self) -> int:
        return sum(len(row.templates) for row in self.initiatives)

    def counts(self) -> dict[str, int]:
        return {
            CRITERIA: len(self.criteria),
            VOCABULARIES: self.term_count,
            ANALYSIS: len(self.themes),
            TIMELINE: len(self.timeline),
            INITIATIVES: len(self.initiatives),
            SITES: len(self.sites),
        }


def spaces_of(theme: Theme) -> list[SolutionSpace]:
    """The theme's solution spaces as copy_plan read them."""
    spaces: list[SolutionSpace] = getattr(theme, "copy_spaces", [])
    return spaces


def copy_anchor(project: Project) -> datetime.date:
    """The week the plan is moved from: the first week of the timeline (the project's
    start week when it has none)."""
    first = (
        TimelineItem.objects.filter(project=project)
        .order_by("starts_week")
        .values_list("starts_week", flat=True)
        .first()
    )
    return monday_of(first or project.starts_on)


def copy_plan(*, project: Project, starts_week: datetime.date | None) -> CopyPlan:
    """Everything that may be copied from `project` with the timeline starting in
    `starts_week` (None: the weeks stay), with a fixed number of queries."""
    anchor = copy_anchor(project)
    shift = (
        datetime.timedelta(0)
        if starts_week is None
        else monday_of(starts_week) - anchor
    )
    plan = CopyPlan(
        source=project,
        shift=shift,
        starts_on=project.starts_on + shift,
        ends_on=project.ends_on + shift,
    )
    plan.criteria = list(ScreeningCriterion.objects.filter(project=project))
    terms: dict[str, list[Term]] = {}
    for term in Term.objects.filter(project=project):
        terms.setdefault(term.vocabulary, []).append(term)
    plan.vocabularies = [
        (str(label), terms[value])
        for value, label in Vocabulary.choices
        if value in terms
    ]
    plan.themes = list(
        Theme.objects.filter(project=project).prefetch_related(
            Prefetch(
                "solution_spaces",
                queryset=SolutionSpace.objects.filter(project=project),
                to_attr="copy_spaces",
            )
        )
    )
    plan.timeline = [
        TimelineRow(
            item=item,
            starts_week=item.starts_week + shift,
            ends_week=item.ends_week + shift,
        )
        for item in TimelineItem.objects.filter(project=project)
    ]
    guides = {
        g.initiative_id: g
        for g in TestGuide.objects.filter(initiative__project=project)
    }
    templates: dict[int, list[SchemaTemplate]] = {}
    for template in (
        SchemaTemplate.objects.filter(initiative__project=project)
        .annotate(version_count=Count("versions"))
        .order_by("name", "pk")
    ):
        templates.setdefault(template.initiative_id, []).append(template)
    plan.initiatives = [
        InitiativeRow(
            initiative=initiative,
            guide=guides.get(initiative.pk),
            templates=templates.get(initiative.pk, []),
        )
        for initiative in Initiative.objects.filter(project=project).order_by("name")
    ]
    plan.sites = list(project.sites.order_by("name"))
    return plan


def plan_digest(plan: CopyPlan, *, groups: Collection[str]) -> str:
    """A fingerprint of what the preview showed for these groups: names, counts and
    weeks. A change to any of them (in the source, or in the form) changes it."""
    shown: dict[str, Any] = {
        "source": plan.source.pk,
        "shift": plan.shift.days,
        "groups": sorted(groups),
    }
    if CRITERIA in groups:
        shown[CRITERIA] = [
            (c.pk, c.name, c.updated_at.isoformat()) for c in plan.criteria
        ]
    if VOCABULARIES in groups:
        shown[VOCABULARIES] = [
            (t.pk, t.name, t.updated_at.isoformat())
            for _label, terms in plan.vocabularies
            for t in terms
        ]
    if ANALYSIS in groups:
        shown[ANALYSIS] = [
            (t.pk, t.name, [(s.pk, s.name) for s in spaces_of(t)]) for t in plan.themes
        ]
    if TIMELINE in groups:
        shown[TIMELINE] = [
            (
                r.item.pk,
                r.item.title,
                r.starts_week.isoformat(),
                r.ends_week.isoformat(),
            )
            for r in plan.timeline
        ]
    if INITIATIVES in groups:
        shown[INITIATIVES] = [
            (
                r.initiative.pk,
                r.initiative.name,
                r.guide.updated_at.isoformat() if r.guide else None,
                [(t.pk, t.name, t.version_count) for t in r.templates],  # type: ignore[attr-defined]
            )
            for r in plan.initiatives
        ]
    if SITES in groups:
        shown[SITES] = [s.pk for s in plan.sites]
    return hashlib.sha256(
        json.dumps(shown, sort_keys=True, default=str).encode()
    ).hexdigest()[:32]


def groups_in(values: Iterable[str]) -> list[str]:
    return [g for g in GROUPS if g in set(values)]
