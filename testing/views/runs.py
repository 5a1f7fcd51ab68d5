"""Test runs: an initiative at a site over ISO weeks, and the consultant's testing overview."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.generic import (
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectUpdateView,
    PermissionRequiredMixin,
)
from projects.generic import ProjectObjectMixin, ProjectScopedMixin

from .. import selectors, services
from ..forms import TestRunForm
from ..models import TestRun
from .guides import InitiativeFromUrlMixin


class TestingOverviewView(ProjectScopedMixin, PermissionRequiredMixin, TemplateView):
    """Per initiative: guide, schemas and runs with how far the registrations are."""

    permission_required = "testing.view_testrun"
    template_name = "testing/overview.html"
    project_section = "testing"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["initiatives"] = selectors.testing_overview(project=self.get_project())
        return context


class TestRunCreateView(InitiativeFromUrlMixin, ObjectCreateView):
    permission_required = "testing.add_testrun"
    model = TestRun
    form_class = TestRunForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "initiative": self.get_initiative()}

    def get_initial(self):
        initiative = self.get_initiative()
        test_sites = list(initiative.test_sites.all())
        initial = {"template": initiative.schema_templates.order_by("name").first()}
        if len(test_sites) == 1:
            initial.update(
                site=test_sites[0].site_id, coordinators=[test_sites[0].coordinator_id]
            )
        return initial

    def save_form(self, form):
        return services.run_save(initiative=self.get_initiative(), **form.cleaned_data)

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_cancel_url(self):
        return self.get_initiative().get_absolute_url()

    def get_page_title(self):
        return _("Ny afprøvning af %(initiative)s") % {
            "initiative": self.get_initiative()
        }


class TestRunDetailView(ProjectObjectMixin, ObjectDetailView):
    permission_required = "testing.view_testrun"
    model = TestRun
    template_name = "testing/testrun_detail.html"
    project_section = "testing"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("initiative", "site", "template", "project")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submissions"] = selectors.run_submissions(
            run=self.object, today=timezone.localdate()
        )
        return context


class TestRunUpdateView(ProjectObjectMixin, ObjectUpdateView):
    permission_required = "testing.change_testrun"
    model = TestRun
    form_class = TestRunForm
    project_section = "testing"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("project", None)
        return {**kwargs, "initiative": self.object.initiative}

    def save_form(self, form):
        return services.run_save(run=self.object, **form.cleaned_data)


class TestRunDeleteView(ProjectObjectMixin, ObjectDeleteView):
    permission_required = "testing.delete_testrun"
    model = TestRun
    project_section = "testing"

    def get_success_url(self):
        return self.object.initiative.get_absolute_url()
