"""Reuse: "Nyt forløb ud fra et tidligere" and the library of test kits."""

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from core.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectListView,
    PermissionRequiredMixin,
)
from core.services import ActionRefused
from projects.generic import ProjectScopedMixin
from projects.models import Project, Role

from .. import kits, services
from ..forms_reuse import (
    KEY,
    ProjectCopyForm,
    TestKitForm,
    TestKitImportForm,
    TestKitStartForm,
    new_key,
)
from ..models import TestKit
from ..reuse import (
    DEFAULT_GROUPS,
    GROUPS,
    copy_anchor,
    copy_plan,
    plan_digest,
    week_label,
)
from ..tables import TestKitTable
from .guides import InitiativeFromUrlMixin

FORMAT_DOC = Path(settings.BASE_DIR) / "docs" / "testkit-format.md"


class ProjectCopyStartView(PermissionRequiredMixin, TemplateView):
    """Which earlier project to start from: those the user is a consultant of (a
    superuser: every project)."""

    permission_required = "synergy.add_project"
    template_name = "testing/project_copy_start.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        projects = Project.objects.order_by("-starts_on", "name")
        if not user.is_superuser:
            projects = projects.filter(
                memberships__user=user, memberships__role=Role.CONSULTANT
            ).distinct()
        context["projects"] = projects
        return context


class ProjectCopyView(ProjectScopedMixin, PermissionRequiredMixin, FormView):
    """The preview of what is copied from the project in the URL, and the copy.

    "Vis oversigt" shows the preview for the form's name, start week and groups;
    "Opret forløbet" copies, but only when the preview it was sent from is still
    what would be copied (else the new preview is shown again); the page's one-time
    key makes the copy once however often it is sent."""

    permission_required = "testing.copy_project"
    template_name = "testing/project_copy.html"
    form_class = ProjectCopyForm
    audit = False  # the service writes the audit event (COPIED, naming the source)

    def get_initial(self):
        today = timezone.localdate()
        next_monday = today + datetime.timedelta(days=7 - today.weekday())
        return {
            "name": "",
            "starts_week": next_monday,
            "groups": list(DEFAULT_GROUPS),
            "key": new_key(),
        }

    def preview(self, form):
        """The plan for what the form says (or its initial values)."""
        project = self.get_project()
        if form.is_bound and form.is_valid():
            week, groups = form.cleaned_data["starts_week"], form.cleaned_data["groups"]
        else:
            week = self.get_initial()["starts_week"]
            if form.is_bound and "starts_week" not in form.errors:
                week = form.cleaned_data.get("starts_week") or week
            groups = (
                form.data.getlist("groups") if form.is_bound else list(DEFAULT_GROUPS)
            )
            groups = [g for g in groups if g in GROUPS]
        plan = copy_plan(project=project, starts_week=week)
        return plan, groups, plan_digest(plan, groups=groups)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        plan, groups, digest = self.preview(form)
        if not form.is_bound:
            form.initial["plan"] = digest
        context.update(
            plan=plan,
            chosen=groups,
            digest=digest,
            groups=GROUPS,
            anchor=week_label(copy_anchor(self.get_project())),
            new_start=week_label(plan.timeline[0].starts_week) if plan.timeline else "",
            project_section="overview",
        )
        return context

    def render_with(self, form, message=""):
        if message:
            messages.warning(self.request, message)
        data = form.data.copy()
        _plan, _groups, digest = self.preview(form)
        data["plan"] = digest
        form = self.get_form_class()(data=data, initial=self.get_initial())
        return self.render_to_response(self.get_context_data(form=form))

    def form_valid(self, form):
        _plan, groups, digest = self.preview(form)
        action = self.request.POST.get("action")
        if action != "copy":
            return self.render_with(form)
        if form.cleaned_data["plan"] != digest:
            return self.render_with(
                form,
                _(
                    "Oversigten er ændret, siden du så den (forløbet er ændret, eller "
                    "du har valgt noget andet). Se den nye oversigt igennem, og "
                    "opret forløbet igen."
                ),
            )
        try:
            project, created = services.project_copy(
                source=self.get_project(),
                name=form.cleaned_data["name"],
                starts_week=form.cleaned_data["starts_week"],
                groups=groups,
                user=self.request.user,
                key=form.cleaned_data["key"],
            )
        except ActionRefused as refusal:
            form.add_error("name", str(refusal))
            return self.form_invalid(form)
        if created:
            messages.success(
                self.request,
                _("Forløbet “%(new)s” er oprettet ud fra “%(old)s”.")
                % {"new": project.name, "old": self.get_project().name},
            )
        else:
            messages.info(
                self.request,
                _("Forløbet “%(new)s” var allerede oprettet fra denne side.")
                % {"new": project.name},
            )
        return HttpResponseRedirect(project.get_absolute_url())

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        key = form.data.get("key", "")
        # The same page sent again after the copy was made (a double click, the
        # back button): the project made then, not an error about its name.
        done = services.copy_record_for(key=key) if KEY.fullmatch(key) else None
        if done is not None and done.source_project_id == self.get_project().pk:
            messages.info(
                request,
                _("Forløbet “%(new)s” var allerede oprettet fra denne side.")
                % {"new": done.project.name},
            )
            return HttpResponseRedirect(done.project.get_absolute_url())
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)


class TestKitListView(ObjectListView):
    __test__ = False

    permission_required = "testing.view_testkit"
    model = TestKit
    table_class = TestKitTable
    page_title = gettext_lazy("Testkits")
    lead = gettext_lazy(
        "Testguides med succeskriterier og skemaer, som konsulenterne kan starte nye "
        "tiltag fra i alle deres forløb."
    )
    template_name = "testing/testkit_list.html"

    def get_base_queryset(self):
        return TestKit.objects.select_related("created_by")


class TestKitDetailView(ObjectDetailView):
    __test__ = False

    permission_required = "testing.view_testkit"
    model = TestKit
    template_name = "testing/testkit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object.document
        context["document"] = document
        context["question_count"] = sum(
            len(section["questions"])
            for schema in document.get("schemas", [])
            for section in schema.get("sections", [])
        )
        return context


class TestKitCreateView(InitiativeFromUrlMixin, PermissionRequiredMixin, FormView):
    """Put the initiative's guide, criteria and schemas in the library as a kit."""

    __test__ = False

    permission_required = "testing.add_testkit"
    template_name = "generic/object_form.html"
    form_class = TestKitForm
    audit = False  # the service writes the event

    def get_initial(self):
        initiative = self.get_initiative()
        return {"name": initiative.name, "description": initiative.description}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("Gem “%(initiative)s” som testkit") % {
            "initiative": self.get_initiative().name
        }
        context["cancel_url"] = reverse(
            "testing:testguide_detail", args=[self.get_initiative().pk]
        )
        context["submit_label"] = _("Gem som testkit")
        return context

    def form_valid(self, form):
        try:
            kit, created = services.testkit_create(
                initiative=self.get_initiative(),
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                user=self.request.user,
            )
        except kits.KitProblems as problems:
            for problem in problems.problems:
                form.add_error(None, problem)
            return self.form_invalid(form)
        if created:
            messages.success(
                self.request,
                _("Testkittet “%(kit)s” er gemt i biblioteket.") % {"kit": kit.name},
            )
        else:
            messages.info(
                self.request,
                _(
                    "Biblioteket havde allerede testkittet “%(kit)s” med præcis dette indhold."
                )
                % {"kit": kit.name},
            )
        return HttpResponseRedirect(kit.get_absolute_url())


class TestKitDeleteView(ObjectDeleteView):
    __test__ = False

    permission_required = "testing.delete_testkit"
    model = TestKit
    audit = False  # the service writes the event

    def get_extra_impact(self):
        return [
            _("Tiltag, der er startet fra testkittet, beholder deres guide og skemaer.")
        ]

    def perform_delete(self):
        services.testkit_delete(kit=self.object, user=self.request.user)
        return True


class TestKitExportView(ObjectDetailView):
    """The kit as its file (the document of testing/kits.py)."""

    __test__ = False

    permission_required = "testing.view_testkit"
    model = TestKit
    audit_reads = True

    def render_to_response(self, context, **response_kwargs):
        kit = self.object
        danish = str.maketrans(
            {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
        )
        name = slugify(kit.name.translate(danish))[:60] or "testkit"
        response = HttpResponse(
            kits.dumps(kit.document), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="testkit-{name}.json"'
        return response


class TestKitImportView(PermissionRequiredMixin, FormView):
    __test__ = False

    permission_required = "testing.import_testkit"
    template_name = "testing/testkit_import.html"
    form_class = TestKitImportForm
    audit = False  # the service writes the event (IMPORTED)

    def form_valid(self, form):
        kit, created = services.testkit_import(
            document=form.document,
            filename=form.cleaned_data["file"].name or "",
            user=self.request.user,
        )
        if created:
            messages.success(
                self.request,
                _("Testkittet “%(kit)s” er lagt i biblioteket.") % {"kit": kit.name},
            )
        else:
            messages.info(
                self.request,
                _(
                    "Biblioteket havde allerede testkittet “%(kit)s” med præcis dette indhold."
                )
                % {"kit": kit.name},
            )
        return HttpResponseRedirect(kit.get_absolute_url())


class TestKitFormatView(PermissionRequiredMixin, TemplateView):
    """The documented file format (docs/testkit-format.md), for those who import."""

    __test__ = False

    permission_required = "testing.view_testkit"
    template_name = "testing/testkit_format.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["text"] = FORMAT_DOC.read_text(encoding="utf-8")
        return context


class TestKitStartView(PermissionRequiredMixin, FormView):
    """A new initiative from the kit, in a project the user is consultant of."""

    __test__ = False

    permission_required = "testing.start_testkit"
    template_name = "testing/testkit_start.html"
    form_class = TestKitStartForm
    audit = False  # the service writes the event (COPIED, naming the kit)

    def get_kit(self):
        if not hasattr(self, "_kit"):
            self._kit = get_object_or_404(
                TestKit.objects.visible_to(self.request.user), pk=self.kwargs["pk"]
            )
        return self._kit

    def get_permission_object(self):
        return self.get_kit()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"name": self.get_kit().name, "key": new_key()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kit"] = self.get_kit()
        context["cancel_url"] = self.get_kit().get_absolute_url()
        context["submit_label"] = _("Start tiltaget")
        return context

    def post(self, request, *args, **kwargs):
        key = request.POST.get("key", "")
        done = services.copy_record_for(key=key) if KEY.fullmatch(key) else None
        if (
            done is not None
            and done.initiative is not None
            and done.kit_id == self.get_kit().pk
        ):
            messages.info(
                request,
                _("Tiltaget “%(name)s” var allerede startet fra denne side.")
                % {"name": done.initiative.name},
            )
            return HttpResponseRedirect(done.initiative.get_absolute_url())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        initiative, created = services.testkit_start(
            kit=self.get_kit(),
            project=form.cleaned_data["project"],
            name=form.cleaned_data["name"],
            user=self.request.user,
            key=form.cleaned_data["key"],
        )
        messages.success(
            self.request,
            _(
                "Tiltaget “%(name)s” er startet fra testkittet med testguiden som "
                "kladde og skemaerne som version 1. Vælg steder og tovholdere på "
                "tiltaget, og udgiv guiden, når den passer."
            )
            % {"name": initiative.name},
        )
        return HttpResponseRedirect(initiative.get_absolute_url())
