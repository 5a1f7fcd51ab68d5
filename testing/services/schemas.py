"""Writes for schema templates: their sections and questions, copy on write.

A version that has submissions is never changed: an edit then lands in a new version
(a copy of the latest), and old submissions keep the version they were filled in.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.merge import token
from core.services import StateConflict
from initiatives.models import Initiative

from .. import conditions, formulas
from ..models import Question, SchemaTemplate, SchemaVersion, Section
from ..question_kinds import kinds_where
from ..selectors import schema_version_in_use


def _copy_version(
    version: SchemaVersion, *, template: SchemaTemplate, number: int
) -> SchemaVersion:
    new = SchemaVersion.objects.create(template=template, number=number)
    for section in version.sections.prefetch_related("questions"):
        questions = list(section.questions.all())
        section.pk = None
        section.version = new
        section.save()
        for question in questions:
            question.pk = None
            question.section = section
        Question.objects.bulk_create(questions)
    return new


@transaction.atomic
def schema_template_create(
    *, initiative: Initiative, name: str, description: str = ""
) -> SchemaTemplate:
    """A new, empty schema template of an initiative, with its version 1."""
    template = SchemaTemplate(initiative=initiative, name=name, description=description)
    template.full_clean()
    template.save()
    SchemaVersion.objects.create(template=template, number=1)
    return template


@transaction.atomic
def schema_editable_version(*, template: SchemaTemplate) -> SchemaVersion:
    """The version edits go to: the latest, or a fresh copy of it once it has answers."""
    latest = template.versions.order_by("-number").first()
    if latest is None:
        return SchemaVersion.objects.create(template=template, number=1)
    if not schema_version_in_use(version=latest):
        return latest
    return _copy_version(latest, template=template, number=latest.number + 1)


def _counterpart[O: (Section, Question)](obj: O, version: SchemaVersion) -> O:
    """The same section or question in another version of the schema."""
    if isinstance(obj, Question):
        return Question.objects.get(section__version=version, key=obj.key)
    index = list(obj.version.sections.values_list("pk", flat=True)).index(obj.pk)
    return list(version.sections.all())[index]


@transaction.atomic
def schema_section_save(
    *,
    template: SchemaTemplate,
    section: Section | None = None,
    title: str,
    description: str = "",
    position: int = 0,
    repeats: bool = False,
) -> Section:
    """Add a section (or change `section`); on a version in use the change lands in a
    new version. A new section without a position goes last and gets a key from its
    title (the same in later versions). A repeated section is answered once per entry
    (an event, a visit) the coordinator adds."""
    version = schema_editable_version(template=template)
    if section is None:
        section = Section(version=version)
    elif section.version_id != version.pk:
        section = _counterpart(section, version)
    section.title = title
    section.description = description
    section.position = position
    section.repeats = repeats
    if not section.key:
        taken = set(version.sections.values_list("key", flat=True))
        base = slugify(title)[:50] or "afsnit"
        key, n = base, 2
        while key in taken:
            key, n = f"{base}-{n}", n + 1
        section.key = key
    if section.pk is None and not section.position:
        section.position = (version.sections.aggregate(m=Max("position"))["m"] or 0) + 1
    section.full_clean()
    section.save()
    return section


def _unique_key(text: str, version: SchemaVersion) -> str:
    base = slugify(text)[:50] or "spoergsmaal"
    taken = set(
        Question.objects.filter(section__version=version).values_list("key", flat=True)
    )
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def schema_question_save(
    *,
    template: SchemaTemplate,
    section: Section,
    question: Question | None = None,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = False,
    holds_personal_data: bool = False,
    min_value: Decimal | int | None = None,
    max_value: Decimal | int | None = None,
    scale_low_label: str = "",
    scale_high_label: str = "",
    choices: Sequence[str] = (),
    formula: Mapping[str, Any] | None = None,
    position: int = 0,
    key: str = "",
) -> Question:
    """Add a question to `section` (or change `question`); on a version in use the
    change lands in a new version. A new question gets a key made from its text
    unless `key` is given, and goes last unless it has a position."""
    version = schema_editable_version(template=template)
    if section.version_id != version.pk:
        section = _counterpart(section, version)
    if question is None:
        question = Question()
    elif question.section.version_id != version.pk:
        question = _counterpart(question, version)
    question.section = section
    question.kind = kind
    question.text = text
    question.help_text = help_text
    question.required = required
    question.holds_personal_data = holds_personal_data
    question.min_value = min_value
    question.max_value = max_value
    question.scale_low_label = scale_low_label
    question.scale_high_label = scale_high_label
    question.choices = list(choices)
    parsed = formulas.Formula.from_stored(formula)
    question.formula = (
        parsed.to_stored() if parsed and question.definition.is_computed else {}
    )
    question.position = position
    if key:
        question.key = key
    elif not question.key:
        question.key = _unique_key(question.text, version)
    if question.pk is None and not question.position:
        question.position = (
            section.questions.aggregate(m=Max("position"))["m"] or 0
        ) + 1
    question.full_clean()
    question.save()
    if question.definition.may_hold_personal_data:
        text_kinds = kinds_where(may_hold_personal_data=True)
        # Whether the answers may hold personal data is true of the answers given
        # to every version of the question, not only of the newest version.
        Question.objects.filter(
            section__version__template=template,
            key=question.key,
            kind__in=text_kinds,
        ).exclude(pk=question.pk).update(
            holds_personal_data=question.holds_personal_data
        )
    return question


@transaction.atomic
def schema_question_delete(*, template: SchemaTemplate, question: Question) -> None:
    version = schema_editable_version(template=template)
    if question.section.version_id != version.pk:
        question = _counterpart(question, version)
    question.delete()


@transaction.atomic
def schema_section_delete(*, template: SchemaTemplate, section: Section) -> None:
    version = schema_editable_version(template=template)
    if section.version_id != version.pk:
        section = _counterpart(section, version)
    section.delete()


@transaction.atomic
def schema_template_copy(
    *, template: SchemaTemplate, initiative: Initiative, name: str
) -> SchemaTemplate:
    """Copy a template's latest version to (another) initiative, as version 1 there."""
    copy = SchemaTemplate.objects.create(
        initiative=initiative, name=name, description=template.description
    )
    latest = template.versions.order_by("-number").first()
    if latest is None:
        SchemaVersion.objects.create(template=copy, number=1)
    else:
        _copy_version(latest, template=copy, number=1)
    return copy


class ConditionChanged(StateConflict):
    """The condition was changed elsewhere since the page showed it."""


def condition_token(target: Section | Question) -> str:
    """The token a condition page posts back as `base`."""
    return token(target.condition or {})


@transaction.atomic
def schema_condition_save[O: (Section, Question)](
    *,
    template: SchemaTemplate,
    target: O,
    condition: conditions.Condition,
    base: str,
) -> O:
    """Set when a section or question is shown; on a version in use the change lands in
    a new version. `base` is the token of the condition the page showed: when it has
    been changed since (another tab, another person), nothing is written
    (`ConditionChanged`). The same condition again (a double click) is no change."""
    version = schema_editable_version(template=template)
    if isinstance(target, Question):
        if target.section.version_id != version.pk:
            target = _counterpart(target, version)
    elif target.version_id != version.pk:
        target = _counterpart(target, version)
    target = type(target).objects.select_for_update().get(pk=target.pk)
    stored = condition.to_stored()
    if target.condition == stored:
        return target
    if base != condition_token(target):
        raise ConditionChanged(
            _(
                "Betingelsen er ændret et andet sted, siden du åbnede siden. Det, du "
                "valgte, står her stadig; se den gemte betingelse øverst, og gem igen "
                "for at bruge din."
            )
        )
    target.condition = stored
    target.save(update_fields=["condition"])
    return target
