"""Test guides: the consultant writes a draft and publishes versions; everyone reads the current one."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from core.generic import ObjectActionView, ObjectUpdateView, PermissionRequiredMixin
from core.merge import posted_token
from core.services import ActionRefused
from initiatives.models import Initiative

from .. import criteria, selectors, services
from ..forms import CriteriaFormSet, CriterionForm, GuidePublishForm, TestGuideForm
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
            **self.criteria_context(guide, current, previous),
        )
        return context

    def criteria_context(self, guide, current, previous):
        """The version's success criteria in words, what changed in them, and
        whether the draft holds criteria not yet published."""
        initiative = self.get_initiative()
        questions = selectors.criterion_questions(initiative_ids=[initiative.pk]).get(
            initiative.pk, {}
        )
        rules = criteria.parse(current.criteria if current else [])
        return {
            "criteria_rules": [
                (criterion, criteria.describe(criterion, questions))
                for criterion in rules
            ],
            "criteria_changes": selectors.guide_criteria_changes(
                version=current, previous=previous
            )
            if current
            else [],
            "criteria_unpublished": guide is not None
            and (current is None or guide.criteria != current.criteria),
        }


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


class TestGuideCriteriaView(InitiativeFromUrlMixin, PermissionRequiredMixin, FormView):
    """The guide draft's success criteria as rules, with a baseline per site.

    Saved into the draft; they apply from the next published version. A page opened
    before someone else saved criteria is refused, and keeps what was typed."""

    permission_required = "testing.change_testguide"
    template_name = "testing/testguide_criteria.html"
    form_class = CriteriaFormSet

    def get_guide(self):
        return TestGuide.objects.filter(initiative=self.get_initiative()).first()

    def get_questions(self):
        initiative = self.get_initiative()
        return selectors.criterion_questions(initiative_ids=[initiative.pk]).get(
            initiative.pk, {}
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["form_kwargs"] = {
            "questions": self.get_questions(),
            "sites": selectors.initiative_sites(initiative=self.get_initiative()),
        }
        kwargs["prefix"] = "criteria"
        return kwargs

    def get_initial(self):
        guide = self.get_guide()
        return [
            CriterionForm.initial_for(criterion)
            for criterion in criteria.parse(guide.criteria if guide else [])
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            formset=context["form"],
            base=self.request.POST.get("base")
            if self.request.method == "POST" and "base_refresh" not in kwargs
            else services.criteria_token(self.get_guide()),
            page_title=_("Succeskriterier: %(initiative)s")
            % {"initiative": self.get_initiative()},
            has_questions=bool(self.get_questions()),
            stored_problems=[
                (number, problem)
                for number, criterion in enumerate(
                    criteria.parse(
                        self.get_guide().criteria if self.get_guide() else []
                    ),
                    start=1,
                )
                for problem in criteria.problems(criterion, self.get_questions())
            ],
        )
        if "base_refresh" in kwargs:
            context["base"] = kwargs["base_refresh"]
        return context

    def form_valid(self, form):
        try:
            services.guide_criteria_save(
                initiative=self.get_initiative(),
                criteria=form.criteria(),
                user=self.request.user,
                base=posted_token(self.request.POST, "base"),
            )
        except services.CriteriaChanged as changed:
            form._non_form_errors = form.error_class([str(changed)])
            # The next save counts as made against what is stored now.
            return self.render_to_response(
                self.get_context_data(
                    form=form, base_refresh=services.criteria_token(changed.guide)
                ),
                status=409,
            )
        except ActionRefused as refused:
            form._non_form_errors = form.error_class([str(refused)])
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Succeskriterierne er gemt i kladden. De gælder, når testguiden er "
                "udgivet."
            ),
        )
        return HttpResponseRedirect(
            reverse("testing:testguide_detail", args=[self.get_initiative().pk])
            + "#criteria"
        )
