"""Workshop ideas: propose, screen (score), move through the phases, decide; the
decision log."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.generic import ObjectActionView, ObjectDetailView, ObjectListView
from projects.generic import (
    ProjectChildCreateView,
    ProjectObjectDeleteView,
    ProjectObjectMixin,
    ProjectObjectUpdateView,
    ProjectScopedMixin,
)

from .. import selectors, services
from ..filters import IdeaFilterSet
from ..forms import DecisionForm, IdeaForm, IdeaMoveForm, IdeaScoresForm
from ..models import (
    Decision,
    DecisionOutcome,
    Idea,
    IdeaPhase,
    Initiative,
    ScreeningCriterion,
)
from ..tables import DecisionTable
from .meetings import FromMeetingMixin


class IdeaListView(ProjectScopedMixin, ObjectListView):
    """Every idea of the project, grouped by the workshop's phases."""

    permission_required = "initiatives.view_idea"
    model = Idea
    filterset_class = IdeaFilterSet
    template_name = "initiatives/idea_list.html"
    paginate_by = None
    project_section = "ideas"

    def get_base_queryset(self):
        return selectors.idea_list(project=self.get_project())

    def get_filterset_kwargs(self):
        return {"project": self.get_project()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["phases"] = selectors.ideas_by_phase(ideas=context["object_list"])
        return context


class IdeaFormKwargsMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class IdeaCreateView(IdeaFormKwargsMixin, ProjectChildCreateView):
    permission_required = "initiatives.add_idea"
    model = Idea
    form_class = IdeaForm
    return_url_name = "initiatives:idea_list"
    project_section = "ideas"

    def save_form(self, form):
        return services.idea_create(
            project=self.get_project(), **form.cleaned_data, proposer=self.request.user
        )

    def get_page_title(self):
        return _("Foreslå en idé")


class IdeaDetailView(ProjectObjectMixin, ObjectDetailView):
    """Where an idea stands: scores, phases, decision, evidence, and what may be done."""

    permission_required = "initiatives.view_idea"
    model = Idea
    template_name = "initiatives/idea_detail.html"
    project_section = "ideas"

    def get_queryset(self):
        return selectors.idea_detail().filter(
            pk__in=super().get_queryset().values("pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["score_summary"] = selectors.idea_score_summary(idea=self.object)
        context["initiative"] = (
            Initiative.objects.filter(idea=self.object).first()
            if self.object.outcome
            else None
        )
        context["phases"] = IdeaPhase.choices
        context["IdeaPhase"] = IdeaPhase
        context["DecisionOutcome"] = DecisionOutcome
        context["in_screening"] = self.object.phase in (
            IdeaPhase.PROPOSED,
            IdeaPhase.SCREENED,
        )
        return context


class IdeaUpdateView(IdeaFormKwargsMixin, ProjectObjectUpdateView):
    permission_required = "initiatives.change_idea"
    model = Idea
    form_class = IdeaForm
    project_section = "ideas"

    def save_form(self, form):
        return services.idea_update(idea=self.object, **form.cleaned_data)


class IdeaDeleteView(ProjectObjectDeleteView):
    permission_required = "initiatives.delete_idea"
    model = Idea
    return_url_name = "initiatives:idea_list"
    project_section = "ideas"


class IdeaActionView(ProjectObjectMixin, ObjectActionView):
    model = Idea
    project_section = "ideas"


class IdeaScoreView(IdeaActionView):
    permission_required = "initiatives.score_idea"
    form_class = IdeaScoresForm
    submit_label = gettext_lazy("Gem mine scorer")

    def get_page_title(self):
        return _("Scor idéen")

    def get_success_message(self):
        return _("Dine scorer er gemt.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["criteria"] = ScreeningCriterion.objects.filter(
            project=self.object.project_id
        )
        kwargs["current"] = selectors.user_scores(
            idea=self.object, user=self.request.user
        )
        return kwargs

    def act(self, form):
        services.idea_scores_set(
            idea=self.object, user=self.request.user, scores=form.scores()
        )


class IdeaMoveView(IdeaActionView):
    permission_required = "initiatives.move_idea"
    form_class = IdeaMoveForm
    submit_label = gettext_lazy("Skift fase")

    def get_page_title(self):
        return _("Skift fase for idéen")

    def get_success_message(self):
        return _("Idéen er flyttet til “%(phase)s”.") % {
            "phase": self.object.get_phase_display()
        }

    def get_initial(self):
        phases = IdeaPhase.values
        current = phases.index(self.object.phase)
        following = phases[current + 1] if current + 1 < len(phases) - 1 else None
        return {"expected_phase": self.object.phase, "to_phase": following}

    def act(self, form):
        services.idea_move(
            idea=self.object,
            to_phase=form.cleaned_data["to_phase"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
            expected_phase=form.cleaned_data["expected_phase"],
        )


class IdeaDecideView(FromMeetingMixin, IdeaActionView):
    permission_required = "initiatives.decide_idea"
    form_class = DecisionForm
    template_name = "initiatives/idea_decide_form.html"
    submit_label = gettext_lazy("Registrér beslutningen")

    def get_page_title(self):
        return _("Styregruppens beslutning")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["score_summary"] = selectors.idea_score_summary(idea=self.object)
        return context

    def get_success_message(self):
        return _("Beslutningen er registreret.")

    def act(self, form):
        services.idea_decide(
            idea=self.object,
            outcome=form.cleaned_data["outcome"],
            rationale=form.cleaned_data["rationale"],
            decided_on=form.cleaned_data["decided_on"],
            user=self.request.user,
            meeting=form.cleaned_data["meeting"],
        )


class DecisionLogView(ProjectScopedMixin, ObjectListView):
    """Every steering decision of the project, newest first."""

    permission_required = "initiatives.view_decision"
    model = Decision
    table_class = DecisionTable
    page_title = gettext_lazy("Beslutningslog")
    lead = gettext_lazy(
        "Styregruppens beslutninger om idéerne og vurderinger af de afprøvede "
        "tiltag, nyeste først."
    )
    project_section = "decisions"

    def get_base_queryset(self):
        return selectors.decision_log(project=self.get_project())
