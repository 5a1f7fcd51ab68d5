"""Schema templates built in the app: sections, questions, preview, copy."""

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

from .. import selectors, services
from ..forms import (
    AnswersForm,
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
        context.update(
            version=version,
            sections=selectors.schema_sections(version=version) if version else [],
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
        sections = selectors.schema_sections(version=version) if version else []
        context["form"] = AnswersForm(sections=sections, answers={}, version=0)
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

    def perform_delete(self):
        services.schema_section_delete(
            template=self.get_template_object(), section=self.object
        )
        return True


class QuestionCreateView(TemplateObjectMixin, ObjectCreateView):
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


class QuestionUpdateView(TemplateObjectMixin, OneObjectMixin, ObjectUpdateView):
    permission_required = "testing.change_schematemplate"
    model = Question
    form_class = QuestionForm

    queryset = QUESTIONS

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

    def perform_delete(self):
        services.schema_question_delete(
            template=self.get_template_object(), question=self.object
        )
        return True
