"""Generic views of a project's pages: under /projects/<project_pk>/… (the project
comes from the URL) or of one object of a project (/ideas/<pk>/…). The rows each view
reads are narrowed by core.generic through the model's declared scope."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from core.generic import (
    ObjectCreateView,
    ObjectDeleteView,
    ObjectUpdateView,
    OneObjectMixin,
    VisibleRowsMixin,
)
from projects.models import Project


class ProjectScopedMixin:
    """Views under /projects/<project_pk>/…: the project must be one the user can
    see (otherwise 404), permissions are checked against it, and templates get it
    as `project`. List it before PermissionRequiredMixin among the bases."""

    def get_project(self):
        if not hasattr(self, "_project"):
            self._project = get_object_or_404(
                Project.objects.visible_to(self.request.user),
                pk=self.kwargs["project_pk"],
            )
        return self._project

    def get_permission_object(self):
        return self.get_project()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["project"] = self.get_project()
        context["project_section"] = getattr(self, "project_section", None)
        return context


class ProjectObjectMixin(OneObjectMixin, VisibleRowsMixin):
    """Views of one object of a project (/ideas/<pk>/…): templates get `project`.
    (Only objects of the user's projects exist for them: VisibleRowsMixin.)"""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["project"] = self.object.project
        context["project_section"] = getattr(self, "project_section", None)
        return context


class ProjectChildCreateView(ProjectScopedMixin, ObjectCreateView):
    """Create an object of the project in the URL; the form gets `project=`.

    Afterwards the user sees the new object; Cancel returns to `return_url_name`.
    """

    return_url_name: str | None = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "project": self.get_project()}

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_cancel_url(self):
        return reverse(self.return_url_name, args=[self.get_project().pk])


class ProjectObjectUpdateView(ProjectObjectMixin, ObjectUpdateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "project": self.object.project}


class ProjectObjectDeleteView(ProjectObjectMixin, ObjectDeleteView):
    """After the delete the user returns to `return_url_name` of the project."""

    return_url_name: str | None = None

    def get_success_url(self):
        return reverse(self.return_url_name, args=[self.object.project_id])
