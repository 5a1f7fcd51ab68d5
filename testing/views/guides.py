"""Test guides: the consultant writes a draft and publishes versions; everyone reads the current one."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.generic import ObjectActionView, ObjectUpdateView, PermissionRequiredMixin
from initiatives.models import Initiative

from .. import selectors, services
from ..forms import GuidePublishForm, TestGuideForm
from ..models import GUIDE_FIELDS, TestGuide


class InitiativeFromUrlMixin:
    """Views under /initiatives/<initiative_pk>/…: the initiative must be in one of the
    user's projects (else 404); permissions are checked against it. List it before
    PermissionRequiredMixin among the bases."""

    project_section = "testing"

    def get_initiative(self):
        if not hasattr(self, "_initiative"):
            self._initiative = get_object_or_404(
                Initiative.objects.visible_to(self.request.user).select_related(
                    "project"
                ),
                pk=self.kwargs["initiative_pk"],
            )
        return self._initiative

    def get_permission_object(self):
        return self.get_initiative()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["initiative"] = self.get_initiative()
        context["project"] = self.get_initiative().project
        context["project_section"] = self.project_section
        return context


class TestGuideDetailView(
    InitiativeFromUrlMixin, PermissionRequiredMixin, TemplateView
):
    """The current published guide, what changed since the version before, and (for the
    consultant) a link to the draft. Prints as a clean page."""

    permission_required = "testing.view_testguide"
    template_name = "testing/testguide_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        guide = TestGuide.objects.filter(initiative=self.get_initiative()).first()
        versions = selectors.guide_versions(guide=guide) if guide else []
        current = versions[0] if versions else None
        wanted = self.request.GET.get("version")
        if wanted:
            current = next((v for v in versions if str(v.number) == wanted), None)
            if current is None:
                raise Http404
        previous = next(
            (v for v in versions if current and v.number == current.number - 1), None
        )
        context.update(
            guide=guide,
            versions=versions,
            current=current,
            changes=selectors.guide_changes(version=current, previous=previous)
            if current
            else [],
            fields=[
                (name, label, getattr(current, name)) for name, label in GUIDE_FIELDS
            ]
            if current
            else [],
        )
        return context


class TestGuideUpdateView(InitiativeFromUrlMixin, ObjectUpdateView):
    """The consultant's draft; it comes into being at the first edit."""

    permission_required = "testing.change_testguide"
    model = TestGuide
    form_class = TestGuideForm

    def get_object(self, queryset=None):
        return TestGuide.objects.get_or_create(initiative=self.get_initiative())[0]

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_cancel_url(self):
        return self.get_object().get_absolute_url()

    def get_page_title(self):
        return _("Testguide (kladde): %(initiative)s") % {
            "initiative": self.get_initiative()
        }

    def get_success_message(self):
        return _("Kladden er gemt. Tovholderne ser den, når den er udgivet.")


class TestGuidePublishView(InitiativeFromUrlMixin, ObjectActionView):
    permission_required = "testing.change_testguide"
    form_class = GuidePublishForm
    submit_label = gettext_lazy("Udgiv")

    def get_object(self, queryset=None):
        return get_object_or_404(TestGuide, initiative=self.get_initiative())

    def get_page_title(self):
        return _("Udgiv testguiden")

    def act(self, form):
        self.version = services.guide_publish(
            guide=self.object,
            user=self.request.user,
            change_note=form.cleaned_data["change_note"],
        )

    def get_success_message(self):
        return _("Version %(number)s er udgivet.") % {"number": self.version.number}
