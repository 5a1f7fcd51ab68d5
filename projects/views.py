"""Home, sign-in, health check, and the project (forløb) with its members."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core import panels
from core.generic import (
    ObjectChildCreateView,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    PermissionRequiredMixin,
)
from projects import selectors, services
from projects.forms import MembershipForm, ProjectForm
from projects.generic import ProjectScopedMixin
from projects.models import Membership, Project, Role
from projects.tables import ProjectTable


class HomeView(PermissionRequiredMixin, TemplateView):
    """Takes each role to its work in each of the user's projects."""

    permission_required = "synergy.use_app"
    template_name = "projects/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["home_projects"] = [
            (
                project,
                memberships,
                panels.panels_for(
                    "home", user=user, project=project, memberships=memberships
                ),
            )
            for project, memberships in selectors.home_projects(user=user)
        ]
        context["Role"] = Role
        return context


class ProjectListView(ObjectListView):
    permission_required = "synergy.view_project"
    model = Project
    table_class = ProjectTable
    page_title = gettext_lazy("Forløb")
    create_label = gettext_lazy("Opret forløb")

    def get_base_queryset(self):
        return selectors.project_list(user=self.request.user)


class ProjectDetailView(ObjectDetailView):
    permission_required = "synergy.view_project"
    model = Project
    template_name = "projects/project_detail.html"

    def get_queryset(self):
        return selectors.project_detail(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members_by_role"] = selectors.members_by_role(project=self.object)
        context["project"] = self.object
        context["project_section"] = "overview"
        return context


class ProjectCreateView(ObjectCreateView):
    permission_required = "synergy.add_project"
    model = Project
    form_class = ProjectForm

    def save_form(self, form):
        return services.project_create(
            **form.cleaned_data, consultant=self.request.user
        )


class ProjectUpdateView(ObjectUpdateView):
    permission_required = "synergy.change_project"
    model = Project
    form_class = ProjectForm

    def save_form(self, form):
        return services.project_update(project=self.object, **form.cleaned_data)


class ProjectDeleteView(ObjectDeleteView):
    permission_required = "synergy.delete_project"
    model = Project


class MembershipCreateView(ProjectScopedMixin, ObjectChildCreateView):
    permission_required = "synergy.add_membership"
    model = Membership
    form_class = MembershipForm
    parent_kwarg = "project"

    def get_parent(self):
        return self.get_project()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "chooser": self.request.user}

    def get_page_title(self):
        return _("Tilføj medlem til %(project)s") % {"project": self.get_project()}

    def save_form(self, form):
        data = form.cleaned_data
        return services.membership_create(
            project=self.get_project(),
            user=data["user"],
            role=data["role"],
            site=data["site"],
        )


class MembershipUpdateView(ObjectUpdateView):
    queryset = Membership.objects.select_related("project", "user", "site")
    permission_required = "synergy.change_membership"
    model = Membership
    form_class = MembershipForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "project": self.object.project,
            "chooser": self.request.user,
        }

    def get_success_url(self):
        return self.object.project.get_absolute_url()

    def save_form(self, form):
        data = form.cleaned_data
        return services.membership_update(
            membership=self.object,
            user=data["user"],
            role=data["role"],
            site=data["site"],
        )


class MembershipDeleteView(ObjectDeleteView):
    queryset = Membership.objects.select_related("project", "user", "site")
    permission_required = "synergy.delete_membership"
    model = Membership

    def get_success_url(self):
        return self.object.project.get_absolute_url()

    def form_valid(self, form):
        if not services.membership_may_delete(membership=self.object):
            messages.error(
                self.request,
                _(
                    "Et forløb skal have mindst én konsulent. Tilføj en anden konsulent først."
                ),
            )
            return HttpResponseRedirect(self.object.project.get_absolute_url())
        return super().form_valid(form)
