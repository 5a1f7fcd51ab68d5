"""Writes for reuse: a new project from an earlier one, and the library of test kits.

Each copy is one transaction, and carries the one-time key of the page it was
confirmed on (`CopyRecord.key`): the same page sent twice (a double click, a reload,
the browser's back button) makes one copy and then finds it.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.services import ActionRefused
from initiatives.models import (
    Initiative,
    InitiativeStatus,
    InitiativeTransition,
    ScreeningCriterion,
    SolutionSpace,
    Term,
    Theme,
    TimelineItem,
)
from projects import audit
from projects.models import AuditAction, Project
from projects.services import project_create

from .. import criteria as criteria_rules
from .. import kits
from ..models import (
    CopyKind,
    CopyRecord,
    Question,
    SchemaTemplate,
    SchemaVersion,
    Section,
    TestGuide,
    TestKit,
)
from ..reuse import (
    ANALYSIS,
    CRITERIA,
    INITIATIVES,
    SITES,
    TIMELINE,
    VOCABULARIES,
    copy_plan,
    shift_schedule_week,
    spaces_of,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _detail(text: str) -> str:
    return text[:100]


def copy_record_for(*, key: str) -> CopyRecord | None:
    """The copy already made from the page with this one-time key, if any."""
    return (
        CopyRecord.objects.select_related("project", "initiative")
        .filter(key=key)
        .first()
    )


# A new project from an earlier one


def project_copy(
    *,
    source: Project,
    name: str,
    starts_week: datetime.date,
    groups: Collection[str],
    user: User,
    key: str,
) -> tuple[Project, bool]:
    """Start a project `name` from `source`: the groups ticked (criteria,
    vocabularies, analysis, timeline moved to `starts_week`, initiatives with their
    guides and schemas as first versions, the sites), in one transaction. `user`
    becomes its consultant. Returns (the project, whether it was made now): a key
    used before gives the project made then."""
    done = copy_record_for(key=key)
    if done is not None:
        return done.project, False
    name = name.strip()
    if Project.objects.filter(name=name).exists():
        raise ActionRefused(_("Der findes allerede et forløb med dette navn."))
    try:
        return (
            _project_copy(
                source=source,
                name=name,
                starts_week=starts_week,
                groups=set(groups),
                user=user,
                key=key,
            ),
            True,
        )
    except IntegrityError:
        # The same page sent twice at once: the first one made it.
        done = copy_record_for(key=key)
        if done is not None:
            return done.project, False
        raise ActionRefused(
            _("Der findes allerede et forløb med dette navn.")
        ) from None


@transaction.atomic
def _project_copy(
    *,
    source: Project,
    name: str,
    starts_week: datetime.date,
    groups: set[str],
    user: User,
    key: str,
) -> Project:
    plan = copy_plan(project=source, starts_week=starts_week)
    project = project_create(
        name=name,
        starts_on=plan.starts_on,
        ends_on=plan.ends_on,
        guiding_question=source.guiding_question,
        purpose=source.purpose,
        personal_data_retention_days=source.personal_data_retention_days,
        sites=plan.sites if SITES in groups else (),
        consultant=user,
    )
    if CRITERIA in groups:
        ScreeningCriterion.objects.bulk_create(
            ScreeningCriterion(
                project=project,
                name=c.name,
                description=c.description,
                scale_min=c.scale_min,
                scale_max=c.scale_max,
                position=c.position,
            )
            for c in plan.criteria
        )
    terms: dict[int, Term] = {}
    if VOCABULARIES in groups:
        for _label, old_terms in plan.vocabularies:
            for old_term in old_terms:
                terms[old_term.pk] = Term.objects.create(
                    project=project,
                    vocabulary=old_term.vocabulary,
                    name=old_term.name,
                    description=old_term.description,
                    position=old_term.position,
                )
    spaces: dict[int, SolutionSpace] = {}
    if ANALYSIS in groups:
        for old_theme in plan.themes:
            theme = Theme.objects.create(
                project=project,
                name=old_theme.name,
                synergy=old_theme.synergy,
                barriers=old_theme.barriers,
                position=old_theme.position,
            )
            for old_space in spaces_of(old_theme):
                space = SolutionSpace.objects.create(
                    project=project,
                    theme=theme,
                    name=old_space.name,
                    guiding_question=old_space.guiding_question,
                    description=old_space.description,
                    recommendations=old_space.recommendations,
                    position=old_space.position,
                )
                space.services.set(old_space.services.all())
                spaces[old_space.pk] = space
    if TIMELINE in groups:
        TimelineItem.objects.bulk_create(
            TimelineItem(
                project=project,
                title=row.item.title,
                description=row.item.description,
                kind=row.item.kind,
                starts_week=row.starts_week,
                ends_week=row.ends_week,
                responsible_role=row.item.responsible_role,
                responsible_note=row.item.responsible_note,
                tracks=row.item.tracks,
                done=False,
            )
            for row in plan.timeline
        )
    reason = _("Kopieret fra forløbet “%(project)s”") % {"project": source.name}
    if INITIATIVES in groups:
        for row in plan.initiatives:
            old = row.initiative
            initiative = _initiative_create(
                project=project,
                name=old.name,
                description=old.description,
                solution_space=spaces.get(old.solution_space_id or 0),
                services=list(old.services.all()),
                target_groups=[
                    terms[t.pk] for t in old.target_groups.all() if t.pk in terms
                ],
                user=user,
                reason=reason,
            )
            if row.guide is not None:
                _guide_copy(row.guide, initiative=initiative, shift=plan.shift)
            for template in row.templates:
                _template_copy(template, initiative=initiative)
    CopyRecord.objects.create(
        key=key,
        kind=CopyKind.PROJECT,
        project=project,
        source_project=source,
        source=source.name[:300],
        created_by=user,
    )
    audit.record(
        user=user,
        action=AuditAction.COPIED,
        instance=project,
        fields=sorted(groups),
        detail=_detail(
            _("fra forløb %(id)s: %(name)s") % {"id": source.pk, "name": source.name}
        ),
    )
    return project


def _initiative_create(
    *,
    project: Project,
    name: str,
    description: str,
    solution_space: SolutionSpace | None,
    services: list[Any],
    target_groups: list[Term],
    user: User,
    reason: str,
) -> Initiative:
    """An initiative planned from the start: no idea of this project behind it, no
    sites or coordinators yet."""
    initiative = Initiative.objects.create(
        project=project,
        idea=None,
        name=name[:200],
        description=description,
        solution_space=solution_space,
        status=InitiativeStatus.PLANNED,
    )
    initiative.services.set(services)
    initiative.target_groups.set(target_groups)
    InitiativeTransition.objects.create(
        initiative=initiative,
        from_state="",
        to_state=InitiativeStatus.PLANNED,
        by=user,
        reason=reason[:300],
    )
    return initiative


def _guide_copy(
    guide: TestGuide, *, initiative: Initiative, shift: datetime.timedelta
) -> TestGuide:
    """The guide's draft as the new initiative's draft (unpublished), its schedule's
    weeks moved with the timeline, its criteria without the old sites' baselines."""
    content = guide.content()
    content["schedule"] = [
        [shift_schedule_week(str(week), shift), text]
        for week, text in content["schedule"] or []
    ]
    content["criteria"] = [
        {**c.to_stored(), "baselines": {}}
        for c in criteria_rules.parse(content["criteria"])
    ]
    return TestGuide.objects.create(initiative=initiative, **content)


def _template_copy(
    template: SchemaTemplate, *, initiative: Initiative
) -> SchemaTemplate:
    """The template's latest version as version 1 of a new template. Questions keep
    their keys, so the criteria, conditions and formulas that name them still do;
    conditions lose the sites of the old project."""
    from .. import conditions

    copy = SchemaTemplate.objects.create(
        initiative=initiative, name=template.name, description=template.description
    )
    version = SchemaVersion.objects.create(template=copy, number=1)
    latest = template.versions.order_by("-number").first()
    if latest is None:
        return copy
    for section in latest.sections.prefetch_related("questions"):
        questions = list(section.questions.all())
        new_section = Section.objects.create(
            version=version,
            title=section.title,
            description=section.description,
            position=section.position,
            key=section.key,
            repeats=section.repeats,
            condition=_without_sites(conditions, section.condition),
        )
        Question.objects.bulk_create(
            Question(
                section=new_section,
                key=q.key,
                position=q.position,
                kind=q.kind,
                text=q.text,
                help_text=q.help_text,
                required=q.required,
                min_value=q.min_value,
                max_value=q.max_value,
                scale_low_label=q.scale_low_label,
                scale_high_label=q.scale_high_label,
                choices=q.choices,
                condition=_without_sites(conditions, q.condition),
                formula=q.formula,
                holds_personal_data=q.holds_personal_data,
            )
            for q in questions
        )
    return copy


def _without_sites(conditions: Any, stored: Any) -> dict[str, Any]:
    parsed = conditions.parse(stored)
    return conditions.Condition(
        periods=parsed.periods, match=parsed.match, rules=parsed.rules
    ).to_stored()


# The library of test kits


def _kit_save(
    *, document: Mapping[str, Any], source: str, user: User
) -> tuple[TestKit, bool]:
    """Keep a checked document in the library; the same content twice is one kit."""
    digest = kits.digest(document)
    existing = TestKit.objects.filter(digest=digest).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            kit = TestKit.objects.create(
                name=document["name"],
                description=document["description"],
                document=dict(document),
                digest=digest,
                source=source[:300],
                created_by=user,
            )
    except IntegrityError:
        found = TestKit.objects.filter(digest=digest).first()
        if found is None:
            raise
        return found, False
    return kit, True


def testkit_create(
    *, initiative: Initiative, name: str, description: str, user: User
) -> tuple[TestKit, bool]:
    """Put a snapshot of the initiative's guide, criteria and schemas in the library
    (later edits of the initiative do not change it). (kit, made now)."""
    document = kits.kit_document(
        initiative=initiative, name=name, description=description
    )
    source = _("Forløbet “%(project)s”, tiltaget “%(initiative)s”") % {
        "project": initiative.project.name,
        "initiative": initiative.name,
    }
    kit, created = _kit_save(document=document, source=source, user=user)
    if created:
        audit.record(
            user=user,
            action=AuditAction.CREATED,
            instance=kit,
            project_id=initiative.project_id,
            detail=_detail(_("testkit fra tiltag %(id)s") % {"id": initiative.pk}),
        )
    return kit, created


def testkit_import(
    *, document: Mapping[str, Any], filename: str, user: User
) -> tuple[TestKit, bool]:
    """Put a kit read from a file (kits.read_file) in the library."""
    checked = kits.read_document(document)
    name = "".join(c for c in filename if c.isprintable())[:200]
    source = _("Importeret fra filen “%(name)s”") % {"name": name}
    kit, created = _kit_save(document=checked, source=source, user=user)
    if created:
        audit.record(
            user=user,
            action=AuditAction.IMPORTED,
            instance=kit,
            detail=_detail(_("testkit fra fil")),
        )
    return kit, created


def testkit_delete(*, kit: TestKit, user: User) -> None:
    """Remove a kit from the library (initiatives started from it keep their copy)."""
    pk = kit.pk
    kit.delete()
    audit.record(user=user, action=AuditAction.DELETED, model=TestKit, ids=[pk])


def testkit_start(
    *,
    kit: TestKit,
    project: Project,
    name: str,
    user: User,
    key: str,
) -> tuple[Initiative, bool]:
    """A new initiative in `project` from the kit: planned, with the kit's guide as
    its draft and its schemas as first versions. (initiative, made now); a key used
    before gives the initiative made then."""
    done = copy_record_for(key=key)
    if done is not None and done.initiative is not None:
        return done.initiative, False
    try:
        return _testkit_start(
            kit=kit, project=project, name=name, user=user, key=key
        ), True
    except IntegrityError:
        done = copy_record_for(key=key)
        if done is not None and done.initiative is not None:
            return done.initiative, False
        raise


@transaction.atomic
def _testkit_start(
    *, kit: TestKit, project: Project, name: str, user: User, key: str
) -> Initiative:
    document = kits.read_document(kit.document)
    initiative = _initiative_create(
        project=project,
        name=name.strip() or document["name"],
        description=document["description"] or document["name"],
        solution_space=None,
        services=[],
        target_groups=[],
        user=user,
        reason=_("Startet fra testkittet “%(kit)s”") % {"kit": kit.name},
    )
    guide = document["guide"]
    TestGuide.objects.create(initiative=initiative, **guide)
    for schema in document["schemas"]:
        template = SchemaTemplate.objects.create(
            initiative=initiative,
            name=schema["name"],
            description=schema["description"],
        )
        version = SchemaVersion.objects.create(template=template, number=1)
        for s_position, section_data in enumerate(schema["sections"], start=1):
            section = Section.objects.create(
                version=version,
                title=section_data["title"],
                description=section_data["description"],
                position=s_position,
                key=section_data["key"] or f"afsnit-{s_position}",
                repeats=section_data["repeats"],
                condition=section_data["condition"],
            )
            Question.objects.bulk_create(
                Question(
                    section=section,
                    position=q_position,
                    key=q["key"],
                    kind=q["kind"],
                    text=q["text"],
                    help_text=q["help_text"],
                    required=q["required"],
                    holds_personal_data=q["holds_personal_data"],
                    min_value=_decimal(q["min_value"]),
                    max_value=_decimal(q["max_value"]),
                    scale_low_label=q["scale_low_label"],
                    scale_high_label=q["scale_high_label"],
                    choices=q["choices"],
                    condition=q["condition"],
                    formula=q["formula"],
                )
                for q_position, q in enumerate(section_data["questions"], start=1)
            )
    CopyRecord.objects.create(
        key=key,
        kind=CopyKind.KIT,
        project=project,
        initiative=initiative,
        kit=kit,
        source=kit.name[:300],
        created_by=user,
    )
    audit.record(
        user=user,
        action=AuditAction.COPIED,
        instance=initiative,
        detail=_detail(
            _("fra testkit %(id)s: %(name)s") % {"id": kit.pk, "name": kit.name}
        ),
    )
    return initiative


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)
