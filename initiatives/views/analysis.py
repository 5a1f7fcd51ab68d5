"""The analysis: themes, solution spaces, service synergy cards, vocabularies, criteria."""

from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.generic import ObjectDetailView, ObjectListView, PermissionRequiredMixin
from projects.generic import (
    ProjectChildCreateView,
    ProjectObjectDeleteView,
    ProjectObjectMixin,
    ProjectObjectUpdateView,
    ProjectScopedMixin,
)

from .. import selectors
from ..forms import (
    ScreeningCriterionForm,
    ServiceSynergyCardForm,
    SolutionSpaceForm,
    TermForm,
    ThemeForm,
)
from ..models import (
    ScreeningCriterion,
    ServiceSynergyCard,
    SolutionSpace,
    Term,
    Theme,
    Vocabulary,
)
from ..tables import ScreeningCriterionTable


class AnalysisView(ProjectScopedMixin, PermissionRequiredMixin, TemplateView):
    """Themes with their solution spaces, and the service synergy cards."""

    permission_required = "initiatives.view_theme"
    template_name = "initiatives/analysis.html"
    project_section = "analysis"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.analysis_overview(project=self.get_project()))
        return context


class ThemeCreateView(ProjectChildCreateView):
    permission_required = "initiatives.add_theme"
    model = Theme
    form_class = ThemeForm
    return_url_name = "initiatives:analysis"
    project_section = "analysis"


class ThemeUpdateView(ProjectObjectUpdateView):
    permission_required = "initiatives.change_theme"
    model = Theme
    form_class = ThemeForm
    project_section = "analysis"


class ThemeDeleteView(ProjectObjectDeleteView):
    permission_required = "initiatives.delete_theme"
    model = Theme
    return_url_name = "initiatives:analysis"
    project_section = "analysis"


class SolutionSpaceDetailView(ProjectObjectMixin, ObjectDetailView):
    permission_required = "initiatives.view_solutionspace"
    model = SolutionSpace
    template_name = "initiatives/solutionspace_detail.html"
    project_section = "analysis"

    def get_queryset(self):
        return selectors.solution_space_detail().filter(
            pk__in=super().get_queryset().values("pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ideas"] = self.object.ideas.order_by("title")
        return context


class SolutionSpaceCreateView(ProjectChildCreateView):
    permission_required = "initiatives.add_solutionspace"
    model = SolutionSpace
    form_class = SolutionSpaceForm
    return_url_name = "initiatives:analysis"
    project_section = "analysis"


class SolutionSpaceUpdateView(ProjectObjectUpdateView):
    permission_required = "initiatives.change_solutionspace"
    model = SolutionSpace
    form_class = SolutionSpaceForm
    project_section = "analysis"


class SolutionSpaceDeleteView(ProjectObjectDeleteView):
    permission_required = "initiatives.delete_solutionspace"
    model = SolutionSpace
    return_url_name = "initiatives:analysis"
    project_section = "analysis"


class ServiceSynergyCardDetailView(ProjectObjectMixin, ObjectDetailView):
    permission_required = "initiatives.view_servicesynergycard"
    model = ServiceSynergyCard
    template_name = "initiatives/servicesynergycard_detail.html"
    project_section = "analysis"


class ServiceSynergyCardCreateView(ProjectChildCreateView):
    permission_required = "initiatives.add_servicesynergycard"
    model = ServiceSynergyCard
    form_class = ServiceSynergyCardForm
    return_url_name = "initiatives:analysis"
    project_section = "analysis"


class ServiceSynergyCardUpdateView(ProjectObjectUpdateView):
    permission_required = "initiatives.change_servicesynergycard"
    model = ServiceSynergyCard
    form_class = ServiceSynergyCardForm
    project_section = "analysis"


class ServiceSynergyCardDeleteView(ProjectObjectDeleteView):
    permission_required = "initiatives.delete_servicesynergycard"
    model = ServiceSynergyCard
    return_url_name = "initiatives:analysis"
    project_section = "analysis"


class TermListView(ProjectScopedMixin, PermissionRequiredMixin, TemplateView):
    """Every vocabulary of the project, each with its terms."""

    permission_required = "initiatives.view_term"
    template_name = "initiatives/term_list.html"
    project_section = "analysis"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["vocabularies"] = selectors.terms_by_vocabulary(
            project=self.get_project()
        )
        return context


class TermCreateView(ProjectChildCreateView):
    permission_required = "initiatives.add_term"
    model = Term
    form_class = TermForm
    return_url_name = "initiatives:term_list"
    project_section = "analysis"

    def get_initial(self):
        vocabulary = self.request.GET.get("vocabulary")
        return {"vocabulary": vocabulary} if vocabulary in Vocabulary.values else {}


class TermUpdateView(ProjectObjectUpdateView):
    permission_required = "initiatives.change_term"
    model = Term
    form_class = TermForm
    project_section = "analysis"


class TermDeleteView(ProjectObjectDeleteView):
    permission_required = "initiatives.delete_term"
    model = Term
    return_url_name = "initiatives:term_list"
    project_section = "analysis"


class ScreeningCriterionListView(ProjectScopedMixin, ObjectListView):
    permission_required = "initiatives.view_screeningcriterion"
    model = ScreeningCriterion
    table_class = ScreeningCriterionTable
    page_title = gettext_lazy("Screeningskriterier")
    lead = gettext_lazy("Det, idéerne scores på i screeningen.")
    create_label = gettext_lazy("Nyt kriterie")
    project_section = "ideas"

    def get_base_queryset(self):
        return selectors.criteria_of(project=self.get_project())


class ScreeningCriterionCreateView(ProjectChildCreateView):
    permission_required = "initiatives.add_screeningcriterion"
    model = ScreeningCriterion
    form_class = ScreeningCriterionForm
    return_url_name = "initiatives:screeningcriterion_list"
    project_section = "ideas"


class ScreeningCriterionUpdateView(ProjectObjectUpdateView):
    permission_required = "initiatives.change_screeningcriterion"
    model = ScreeningCriterion
    form_class = ScreeningCriterionForm
    project_section = "ideas"


class ScreeningCriterionDeleteView(ProjectObjectDeleteView):
    permission_required = "initiatives.delete_screeningcriterion"
    model = ScreeningCriterion
    return_url_name = "initiatives:screeningcriterion_list"
    project_section = "ideas"
