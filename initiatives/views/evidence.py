"""Evidence: the interview table, the quotes, and keeping both."""

from django.utils.translation import gettext_lazy

from core.generic import ObjectListView
from projects.generic import (
    ProjectChildCreateView,
    ProjectObjectDeleteView,
    ProjectObjectUpdateView,
    ProjectScopedMixin,
)

from .. import selectors, services
from ..filters import QuoteFilterSet
from ..forms import InterviewForm, QuoteWithInitiativesForm
from ..models import Interview, Quote
from ..tables import InterviewTable


class EvidenceView(ProjectScopedMixin, ObjectListView):
    """The interview table by service × age band, and the quotes with filters."""

    permission_required = "initiatives.view_quote"
    model = Quote
    filterset_class = QuoteFilterSet
    template_name = "initiatives/evidence.html"
    paginate_by = 20
    project_section = "evidence"

    def get_base_queryset(self):
        project = self.get_project()
        return selectors.quote_list(
            project=project,
            reviewed_only=not self.request.user.has_perm(
                "initiatives.view_unreviewed_quotes", project
            ),
        )

    def get_filterset_kwargs(self):
        return {"project": self.get_project()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["interviews"] = selectors.interview_table(project=self.get_project())
        return context


class InterviewListView(ProjectScopedMixin, ObjectListView):
    permission_required = "initiatives.view_interview"
    model = Interview
    table_class = InterviewTable
    page_title = gettext_lazy("Interviews")
    create_label = gettext_lazy("Nyt interview")
    template_name = "initiatives/interview_list.html"
    paginate_by = 50
    project_section = "evidence"

    def get_base_queryset(self):
        return selectors.interview_list(project=self.get_project())


class InterviewCreateView(ProjectChildCreateView):
    permission_required = "initiatives.add_interview"
    model = Interview
    form_class = InterviewForm
    return_url_name = "initiatives:interview_list"
    project_section = "evidence"


class InterviewUpdateView(ProjectObjectUpdateView):
    permission_required = "initiatives.change_interview"
    model = Interview
    form_class = InterviewForm
    project_section = "evidence"


class InterviewDeleteView(ProjectObjectDeleteView):
    permission_required = "initiatives.delete_interview"
    model = Interview
    return_url_name = "initiatives:interview_list"
    project_section = "evidence"


class QuoteCreateView(ProjectChildCreateView):
    permission_required = "initiatives.add_quote"
    model = Quote
    form_class = QuoteWithInitiativesForm
    return_url_name = "initiatives:evidence"
    project_section = "evidence"

    def save_form(self, form):
        return services.quote_create(
            project=self.get_project(), **form.cleaned_data, user=self.request.user
        )


class QuoteUpdateView(ProjectObjectUpdateView):
    permission_required = "initiatives.change_quote"
    model = Quote
    form_class = QuoteWithInitiativesForm
    project_section = "evidence"

    def save_form(self, form):
        return services.quote_update(
            quote=self.object, **form.cleaned_data, user=self.request.user
        )


class QuoteDeleteView(ProjectObjectDeleteView):
    permission_required = "initiatives.delete_quote"
    model = Quote
    return_url_name = "initiatives:evidence"
    project_section = "evidence"
