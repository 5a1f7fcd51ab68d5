"""Initiatives made from selected ideas, their test sites and status; the timeline."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View
from django.views.generic.detail import SingleObjectMixin

from core import panels
from core.generic import (
    ObjectActionView,
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    PermissionRequiredMixin,
)
from core.templatetags.synergy_tags import iso_week
from projects.generic import (
    ProjectChildCreateView,
    ProjectObjectDeleteView,
    ProjectObjectMixin,
    ProjectObjectUpdateView,
    ProjectScopedMixin,
)

from .. import selectors, services
from ..forms import (
    InitiativeForm,
    InitiativeStatusForm,
    TimelineItemForm,
    VerdictForm,
)
from ..models import DecisionOutcome, Idea, IdeaPhase, Initiative, TimelineItem
from ..tables import InitiativeTable, TimelineTable
from .meetings import FromMeetingMixin


def initiative_values(form: InitiativeForm) -> dict[str, Any]:
    """What the initiative form says, as the services take it."""
    data = form.cleaned_data
    return {
        **{name: data[name] for name in InitiativeForm.Meta.fields},
        "test_sites": form.test_sites,
    }


class InitiativeListView(ProjectScopedMixin, ObjectListView):
    permission_required = "initiatives.view_initiative"
    model = Initiative
    table_class = InitiativeTable
    page_title = pgettext_lazy("plural", "Tiltag")
    page_heading = gettext_lazy("Tiltag til afprøvning")
    lead = gettext_lazy("Synergitiltag, styregruppen har udvalgt, og hvor de afprøves.")
    project_section = "initiatives"
    template_name = "initiatives/initiative_list.html"

    def get_base_queryset(self):
        return selectors.initiative_list(project=self.get_project())


class InitiativeCreateView(ObjectCreateView):
    """Turn a selected idea into an initiative; the idea comes from the URL."""

    permission_required = "initiatives.add_initiative"
    model = Initiative
    form_class = InitiativeForm
    template_name = "initiatives/initiative_form.html"

    def get_idea(self):
        if not hasattr(self, "_idea"):
            self._idea = get_object_or_404(
                Idea.objects.visible_to(self.request.user)
                .filter(
                    phase=IdeaPhase.DECIDED,
                    outcome=DecisionOutcome.SELECTED,
                    initiative__isnull=True,
                )
                .select_related("project"),
                pk=self.kwargs["idea_pk"],
            )
        return self._idea

    def get_permission_object(self):
        return self.get_idea()

    def get_initial(self):
        idea = self.get_idea()
        return {
            "name": idea.title,
            "description": idea.description,
            "solution_space": idea.solution_space_id,
            "services": list(idea.services.all()),
            "target_groups": list(idea.target_groups.all()),
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "project": self.get_idea().project}

    def save_form(self, form):
        return services.initiative_create(
            idea=self.get_idea(),
            **initiative_values(form),
            user=self.request.user,
        )

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_cancel_url(self):
        return self.get_idea().get_absolute_url()

    def get_page_title(self):
        return _("Nyt tiltag fra idéen “%(idea)s”") % {"idea": self.get_idea()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["project"] = self.get_idea().project
        context["project_section"] = "initiatives"
        return context


class InitiativeDetailView(ProjectObjectMixin, ObjectDetailView):
    """The initiative and where it came from: idea, scores, decision, evidence."""

    permission_required = "initiatives.view_initiative"
    model = Initiative
    template_name = "initiatives/initiative_detail.html"
    project_section = "initiatives"

    def get_queryset(self):
        return selectors.initiative_detail().filter(
            pk__in=super().get_queryset().values("pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        idea = self.object.idea
        # None for an initiative copied from an earlier project or started from a
        # test kit.
        decisions = list(idea.decisions.all()) if idea is not None else []
        context["decision"] = decisions[0] if decisions else None
        context["score_summary"] = (
            selectors.idea_score_summary(idea=idea) if idea is not None else None
        )
        context["verdicts"] = self.object.verdict_list
        context["may_decide"] = self.object.status in services.VERDICT_FROM
        context["panels"] = panels.panels_for(
            "initiative", user=self.request.user, initiative=self.object
        )
        return context


class InitiativeUpdateView(ProjectObjectUpdateView):
    permission_required = "initiatives.change_initiative"
    model = Initiative
    form_class = InitiativeForm
    template_name = "initiatives/initiative_form.html"
    project_section = "initiatives"

    def save_form(self, form):
        return services.initiative_update(
            initiative=self.object, **initiative_values(form)
        )


class InitiativeDeleteView(ProjectObjectDeleteView):
    permission_required = "initiatives.delete_initiative"
    model = Initiative
    return_url_name = "initiatives:initiative_list"
    project_section = "initiatives"


class InitiativeStatusView(ProjectObjectMixin, ObjectActionView):
    permission_required = "initiatives.change_initiative_status"
    model = Initiative
    form_class = InitiativeStatusForm
    project_section = "initiatives"
    submit_label = gettext_lazy("Skift status")

    def get_page_title(self):
        return _("Skift status for tiltaget")

    def get_success_message(self):
        return _("Tiltaget har nu status “%(status)s”.") % {
            "status": self.object.get_status_display()
        }

    def get_initial(self):
        return {"expected_status": self.object.status}

    def act(self, form):
        services.initiative_set_status(
            initiative=self.object,
            to_status=form.cleaned_data["to_status"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
            expected_status=form.cleaned_data["expected_status"],
        )


class InitiativeVerdictView(FromMeetingMixin, ProjectObjectMixin, ObjectActionView):
    """The steering group's verdict on a tested initiative: continue, adjust and
    continue, or stop (services.initiative_verdict_record moves its status)."""

    permission_required = "initiatives.decide_initiative"
    model = Initiative
    form_class = VerdictForm
    template_name = "initiatives/initiative_verdict_form.html"
    project_section = "initiatives"
    submit_label = gettext_lazy("Registrér beslutningen")

    def get_queryset(self):
        return selectors.initiative_detail()

    def get_page_title(self):
        return _("Styregruppens beslutning om tiltaget")

    def get_initial(self):
        verdicts = self.object.verdict_list
        return {
            **super().get_initial(),
            "expected_status": self.object.status,
            "expected_verdict": verdicts[0].pk if verdicts else 0,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verdicts"] = self.object.verdict_list
        context["may_decide"] = self.object.status in services.VERDICT_FROM
        return context

    def get_success_message(self):
        return _(
            "Styregruppens beslutning er registreret. Tiltaget har nu status “%(status)s”."
        ) % {"status": self.object.get_status_display()}

    def act(self, form):
        data = form.cleaned_data
        meeting = data["meeting"]
        services.initiative_verdict_record(
            initiative_id=self.object.pk,
            outcome=data["outcome"],
            rationale=data["rationale"],
            decided_on=data["decided_on"],
            meeting_id=meeting.pk if meeting is not None else None,
            user=self.request.user,
            expected_status=data["expected_status"],
            expected_verdict_id=data["expected_verdict"],
        )
        self.object.refresh_from_db(fields=["status"])


# The project timeline


class TimelineView(ProjectScopedMixin, ObjectListView):
    permission_required = "initiatives.view_timelineitem"
    model = TimelineItem
    table_class = TimelineTable
    paginate_by = 100
    project_section = "timeline"
    page_title = gettext_lazy("Tidsplan")
    create_label = gettext_lazy("Nyt punkt")

    def get_base_queryset(self):
        return selectors.timeline(project=self.get_project())

    def get_table_rows(self, rows):
        return selectors.timeline_progress(project=self.get_project(), items=rows)

    def get_lead(self):
        return _(
            "Faser, aktiviteter og milepæle pr. uge. Denne uge er uge %(week)s."
        ) % {"week": iso_week(self.today)}

    def get_context_data(self, **kwargs):
        self.today = timezone.localdate()
        return {**super().get_context_data(**kwargs), "today": self.today}


class TimelineItemCreateView(ProjectChildCreateView):
    permission_required = "initiatives.add_timelineitem"
    model = TimelineItem
    form_class = TimelineItemForm
    return_url_name = "initiatives:timelineitem_list"
    project_section = "timeline"


class TimelineItemUpdateView(ProjectObjectUpdateView):
    permission_required = "initiatives.change_timelineitem"
    model = TimelineItem
    form_class = TimelineItemForm
    project_section = "timeline"


class TimelineItemDeleteView(ProjectObjectDeleteView):
    permission_required = "initiatives.delete_timelineitem"
    model = TimelineItem
    return_url_name = "initiatives:timelineitem_list"
    project_section = "timeline"


class TimelineItemDoneView(
    PermissionRequiredMixin, ProjectObjectMixin, SingleObjectMixin, View
):
    """POST only: mark a timeline item done (done=1) or open it again."""

    permission_required = "initiatives.complete_timelineitem"
    model = TimelineItem
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = self.get_object()
        done = request.POST.get("done") == "1"
        services.timeline_item_set_done(item=item, done=done)
        message = (
            _("“%(item)s” er markeret som udført.")
            if done
            else _("“%(item)s” er åbnet igen.")
        )
        messages.success(request, message % {"item": item})
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            next_url = item.get_absolute_url()
        return HttpResponseRedirect(next_url)
