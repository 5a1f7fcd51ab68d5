"""Schema templates built in the app: sections, questions, preview, copy."""

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.generic import (
    ObjectActionView,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectUpdateView,
    OneObjectMixin,
    PermissionRequiredMixin,
)
from core.merge import posted_token

from .. import conditions, formulas, selectors, services
from ..forms import (
    AnswersForm,
    ConditionForm,
    ConditionRuleFormSet,
    QuestionForm,
    SchemaCopyForm,
    SchemaTemplateForm,
    SectionForm,
)
from ..models import Question, SchemaTemplate, Section
from .guides import InitiativeFromUrlMixin

# The rows these pages read; the generic views keep those the user may see.
TEMPLATES = SchemaTemplate.objects.select_related("initiative__project")
SECTIONS = Section.objects.select_related("version__template__initiative__project")
QUESTIONS = Question.objects.select_related(
    "section__version__template__initiative__project"
)


class TemplateObjectMixin:
    """Views of a template, or of a section or question in one of its versions."""

    project_section = "testing"

    def get_template_object(self):
        raise NotImplementedError

    def get_permission_object(self):
        return self.get_template_object()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        template = self.get_template_object()
        context.update(
            template=template,
            project=template.initiative.project,
            project_section="testing",
        )
        return context

    def get_success_url(self):
        return self.get_template_object().get_absolute_url()

    def get_cancel_url(self):
        return self.get_template_object().get_absolute_url()


class SchemaTemplateCreateView(InitiativeFromUrlMixin, ObjectCreateView):
    permission_required = "testing.add_schematemplate"
    model = SchemaTemplate
    form_class = SchemaTemplateForm

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.instance.initiative = self.get_initiative()
        return form

    def save_form(self, form):
        return services.schema_template_create(
            initiative=self.get_initiative(), **form.cleaned_data
        )

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_cancel_url(self):
        return self.get_initiative().get_absolute_url()


class SchemaTemplateDetailView(TemplateObjectMixin, OneObjectMixin, ObjectDetailView):
    """The template's newest version: its sections and questions, and how to edit them."""

    permission_required = "testing.view_schematemplate"
    model = SchemaTemplate
    template_name = "testing/schematemplate_detail.html"

    queryset = TEMPLATES

    def get_template_object(self):
        return self.get_object()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = self.object.versions.order_by("-number").first()
        sections = list(selectors.schema_sections(version=version)) if version else []
        context.update(
            version=version,
            sections=sections,
            notes=selectors.schema_logic_notes(
                sections=sections, initiative_id=self.object.initiative_id
            ),
            in_use=version is not None
            and selectors.schema_version_in_use(version=version),
            runs=self.object.runs.select_related("site"),
        )
        return context


class SchemaTemplateUpdateView(TemplateObjectMixin, OneObjectMixin, ObjectUpdateView):
    permission_required = "testing.change_schematemplate"
    model = SchemaTemplate
    form_class = SchemaTemplateForm

    queryset = TEMPLATES

    def get_template_object(self):
        return self.get_object()


class SchemaTemplateDeleteView(TemplateObjectMixin, OneObjectMixin, ObjectDeleteView):
    permission_required = "testing.delete_schematemplate"
    model = SchemaTemplate

    queryset = TEMPLATES

    def get_template_object(self):
        return self.get_object()

    def get_success_url(self):
        return self.object.initiative.get_absolute_url()


class SchemaTemplatePreviewView(
    TemplateObjectMixin, PermissionRequiredMixin, TemplateView
):
    """The schema as the coordinator will see it (nothing can be saved)."""

    permission_required = "testing.view_schematemplate"
    template_name = "testing/schematemplate_preview.html"

    def get_template_object(self):
        if not hasattr(self, "_template"):
            self._template = get_object_or_404(
                TEMPLATES.visible_to(self.request.user), pk=self.kwargs["pk"]
            )
        return self._template

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = self.get_template_object().versions.order_by("-number").first()
        sections = list(selectors.schema_sections(version=version)) if version else []
        template = self.get_template_object()
        notes = selectors.schema_logic_notes(
            sections=sections, initiative_id=template.initiative_id
        )
        context["conditions"] = notes.texts
        # The whole schema: every section and question, whatever the period or site.
        context["form"] = AnswersForm(
            sections=sections, answers={}, version=0, period="", site_id=None
        )
        context["version"] = version
        return context


class SchemaTemplateCopyView(TemplateObjectMixin, ObjectActionView):
    permission_required = "testing.add_schematemplate"
    form_class = SchemaCopyForm
    submit_label = gettext_lazy("Kopiér")

    queryset = TEMPLATES

    def get_template_object(self):
        return self.object if hasattr(self, "object") else self.get_object()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "project": self.object.initiative.project}

    def get_initial(self):
        return {"name": _("Kopi af %(name)s") % {"name": self.object.name}}

    def get_page_title(self):
        return _("Kopiér skemaet")

    def act(self, form):
        self.copy = services.schema_template_copy(
            template=self.object,
            initiative=form.cleaned_data["initiative"],
            name=form.cleaned_data["name"],
        )
        self.object = self.copy

    def get_success_message(self):
        return _("Skemaet er kopieret.")


# Sections and questions. Editing a version that already has answers makes a new
# version (services.schema_editable_version); the pages always show the newest.


def _newest(version):
    """The schema's newest version: the one an edit or a deletion lands in."""
    return version.template.versions.order_by("-number").first() or version


class VersionedDeleteMixin:
    """Deleting from a version with answers removes the part from a new version only."""

    def get_impact(self):
        if selectors.schema_version_in_use(version=self._version()):
            return [], []
        return super().get_impact()

    def get_extra_impact(self):
        if selectors.schema_version_in_use(version=self._version()):
            return [
                _(
                    "Skemaet har svar: sletningen sker i en ny version, og de udfyldte skemaer beholder deres."
                )
            ]
        return []

    def _version(self):
        obj = self.object
        return obj.version if isinstance(obj, Section) else obj.section.version

    def get_success_url(self):
        return self.get_template_object().get_absolute_url()


class SectionCreateView(TemplateObjectMixin, ObjectCreateView):
    permission_required = "testing.change_schematemplate"
    model = Section
    form_class = SectionForm

    def get_template_object(self):
        if not hasattr(self, "_template"):
            self._template = get_object_or_404(
                TEMPLATES.visible_to(self.request.user), pk=self.kwargs["template_pk"]
            )
        return self._template

    def save_form(self, form):
        return services.schema_section_save(
            template=self.get_template_object(), **form.cleaned_data
        )

    def get_page_title(self):
        return _("Nyt afsnit i %(template)s") % {"template": self.get_template_object()}


class SectionUpdateView(TemplateObjectMixin, OneObjectMixin, ObjectUpdateView):
    permission_required = "testing.change_schematemplate"
    model = Section
    form_class = SectionForm

    queryset = SECTIONS

    def get_template_object(self):
        return self.get_object().version.template

    def save_form(self, form):
        return services.schema_section_save(
            template=self.get_template_object(),
            section=self.object,
            **form.cleaned_data,
        )


class SectionDeleteView(
    TemplateObjectMixin, VersionedDeleteMixin, OneObjectMixin, ObjectDeleteView
):
    permission_required = "testing.change_schematemplate"
    model = Section

    queryset = SECTIONS

    def get_template_object(self):
        return self.get_object().version.template

    def get_extra_impact(self):
        """Say which conditions and computed answers elsewhere use its answers."""
        found = list(super().get_extra_impact())
        section = self.object
        inside = {section.title} | {q.text for q in section.questions.all()}
        users = (
            set(
                selectors.logic_users(
                    version=_newest(section.version),
                    keys=[q.key for q in section.questions.all()],
                )
            )
            - inside
        )
        if users:
            found.append(
                _(
                    "Svaret bruges af: %(users)s. Deres betingelse eller beregning "
                    "markeres som fejl i skemaet, til den er rettet."
                )
                % {"users": ", ".join(f"“{name}”" for name in sorted(users))}
            )
        return found

    def perform_delete(self):
        services.schema_section_delete(
            template=self.get_template_object(), section=self.object
        )
        return True


class FormulaInputsMixin:
    """The question form knows the schema's numbers a computed answer can use."""

    def get_form_kwargs(self):
        version = self.get_section().version
        return {
            **super().get_form_kwargs(),
            "inputs": {
                q.key: formulas.InputRef(key=q.key, text=q.text, kind=q.kind)
                for q in Question.objects.filter(section__version=version).order_by(
                    "section__position", "section__pk", "position", "pk"
                )
            },
        }


class QuestionCreateView(TemplateObjectMixin, FormulaInputsMixin, ObjectCreateView):
    permission_required = "testing.change_schematemplate"
    model = Question
    form_class = QuestionForm

    def get_section(self):
        if not hasattr(self, "_section"):
            self._section = get_object_or_404(
                SECTIONS.visible_to(self.request.user), pk=self.kwargs["section_pk"]
            )
        return self._section

    def get_template_object(self):
        return self.get_section().version.template

    def save_form(self, form):
        return services.schema_question_save(
            template=self.get_template_object(),
            section=self.get_section(),
            **form.cleaned_data,
        )

    def get_page_title(self):
        return _("Nyt spørgsmål i “%(section)s”") % {"section": self.get_section()}


class QuestionUpdateView(
    TemplateObjectMixin, FormulaInputsMixin, OneObjectMixin, ObjectUpdateView
):
    permission_required = "testing.change_schematemplate"
    model = Question
    form_class = QuestionForm

    queryset = QUESTIONS

    def get_section(self):
        return self.get_object().section

    def get_template_object(self):
        return self.get_object().section.version.template

    def save_form(self, form):
        return services.schema_question_save(
            template=self.get_template_object(),
            section=self.object.section,
            question=self.object,
            **form.cleaned_data,
        )


class QuestionDeleteView(
    TemplateObjectMixin, VersionedDeleteMixin, OneObjectMixin, ObjectDeleteView
):
    permission_required = "testing.change_schematemplate"
    model = Question

    queryset = QUESTIONS

    def get_template_object(self):
        return self.get_object().section.version.template

    def get_extra_impact(self):
        """Say which conditions and computed answers use the question's answer."""
        found = list(super().get_extra_impact())
        users = selectors.logic_users(
            version=_newest(self.object.section.version), keys=[self.object.key]
        )
        if users:
            found.append(
                _(
                    "Svaret bruges af: %(users)s. Deres betingelse eller beregning "
                    "markeres som fejl i skemaet, til den er rettet."
                )
                % {"users": ", ".join(f"“{name}”" for name in users)}
            )
        return found

    def perform_delete(self):
        services.schema_question_delete(
            template=self.get_template_object(), question=self.object
        )
        return True


class ConditionView(TemplateObjectMixin, PermissionRequiredMixin, TemplateView):
    """When a section or question is shown: in which schemas, at which sites, and on
    which earlier answers. A page opened before someone else changed the condition is
    refused (409) and keeps what was chosen."""

    permission_required = "testing.change_schematemplate"
    template_name = "testing/condition_form.html"
    queryset: Any = SECTIONS

    def get_target(self):
        """The section or question, as the schema's newest version has it: a page
        opened on an older version (before an edit made a new one) edits the same
        section or question in the version edits go to."""
        if not hasattr(self, "_target"):
            found = get_object_or_404(
                self.queryset.visible_to(self.request.user), pk=self.kwargs["pk"]
            )
            version = (
                found.version if isinstance(found, Section) else found.section.version
            )
            newest = version.template.versions.order_by("-number").first()
            if newest is not None and newest.pk != version.pk:
                if isinstance(found, Question):
                    found = get_object_or_404(
                        self.queryset, section__version=newest, key=found.key
                    )
                elif found.key:
                    found = get_object_or_404(
                        self.queryset, version=newest, key=found.key
                    )
            self._target = found
        return self._target

    def get_section(self):
        raise NotImplementedError

    def get_template_object(self):
        return self.get_section().version.template

    @cached_property
    def before(self):
        """The questions a rule may look at: those before the target, in order."""
        target = self.get_target()
        refs = {}
        for section in selectors.schema_sections(version=self.get_section().version):
            if section.pk == getattr(target, "pk", None) and isinstance(
                target, Section
            ):
                break
            for question in section.questions.all():
                if isinstance(target, Question) and question.pk == target.pk:
                    return refs
                if section.repeats:
                    continue  # answered once per entry: no one answer to look at
                refs[question.key] = conditions.QuestionRef(
                    key=question.key,
                    text=question.text,
                    kind=question.kind,
                    choices=tuple(question.choices),
                )
        return refs

    @cached_property
    def sites(self):
        return selectors.initiative_test_sites(
            initiative_id=self.get_template_object().initiative_id
        )

    def forms(self, data=None):
        stored = conditions.parse(self.get_target().condition)
        before = self.before
        form = ConditionForm(
            data, sites=self.sites, initial=ConditionForm.initial_for(stored)
        )
        rules = ConditionRuleFormSet(
            data,
            prefix="rules",
            form_kwargs={"before": before},
            # Posted rows are read as posted: compared with the stored rules, an
            # unchanged row would count as empty and be dropped.
            initial=None
            if data is not None
            else [
                {"question": r.question, "test": r.test, "value": r.value or ""}
                for r in stored.rules
                if isinstance(r, conditions.Rule)
            ],
        )
        return form, rules

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        target = self.get_target()
        stored = conditions.parse(target.condition)
        everywhere = {
            q.key: conditions.QuestionRef(key=q.key, text=q.text, kind=q.kind)
            for q in Question.objects.filter(
                section__version=self.get_section().version
            )
        }
        if "form" not in kwargs:
            context["form"], context["rules"] = self.forms()
        context.update(
            target=target,
            page_title=_("Hvornår vises “%(name)s”?") % {"name": target},
            stored_text=conditions.describe(
                stored, questions=everywhere, sites=self.sites
            ),
            groups=[
                conditions.describe(
                    conditions.Condition(match=g.match, rules=g.rules),
                    questions=everywhere,
                    sites={},
                )
                for g in stored.rules
                if isinstance(g, conditions.Group)
            ],
            stored_problems=conditions.problems(
                stored,
                before=self.before,
                everywhere=everywhere,
                sites=self.sites,
                own_key=getattr(target, "key", ""),
            ),
            has_before=bool(self.before),
            base=kwargs.get("base", services.condition_token(target)),
            cancel_url=self.get_template_object().get_absolute_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form, rules = self.forms(request.POST)
        if not (form.is_valid() and rules.is_valid()):
            return self.render_to_response(
                self.get_context_data(
                    form=form, rules=rules, base=request.POST.get("base", "")
                ),
                status=200,
            )
        stored = conditions.parse(self.get_target().condition)
        condition = conditions.Condition(
            periods=form.cleaned_data["periods"] or "",
            sites=tuple(form.cleaned_data["sites"]),
            match=form.cleaned_data["match"],
            rules=(
                *rules.rules(),
                *(g for g in stored.rules if isinstance(g, conditions.Group)),
            ),
        )
        try:
            services.schema_condition_save(
                template=self.get_template_object(),
                target=self.get_target(),
                condition=condition,
                base=posted_token(request.POST, "base"),
            )
        except services.ConditionChanged as changed:
            form.add_error(None, str(changed))
            return self.render_to_response(
                self.get_context_data(form=form, rules=rules),
                status=409,
            )
        messages.success(request, _("Betingelsen er gemt."))
        return HttpResponseRedirect(self.get_template_object().get_absolute_url())


class SectionConditionView(ConditionView):
    queryset = SECTIONS

    def get_section(self):
        return self.get_target()


class QuestionConditionView(ConditionView):
    queryset = QUESTIONS

    def get_section(self):
        return self.get_target().section
