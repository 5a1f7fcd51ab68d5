"""Advisory visits, the phone-interview guide and phone interviews."""

from django.db import transaction

from core.generic import ObjectDetailView, ObjectListView
from projects.generic import (
    ProjectChildCreateView,
    ProjectObjectDeleteView,
    ProjectObjectMixin,
    ProjectObjectUpdateView,
    ProjectScopedMixin,
)

from ..forms import AdvisoryVisitForm, InterviewQuestionForm, PhoneInterviewForm
from ..models import (
    AdvisoryVisit,
    InterviewQuestion,
    PhoneInterview,
    PhoneInterviewAnswer,
)


class AdvisoryVisitListView(ProjectScopedMixin, ObjectListView):
    permission_required = "testing.view_advisoryvisit"
    model = AdvisoryVisit
    template_name = "testing/advisoryvisit_list.html"
    project_section = "testing"

    def get_base_queryset(self):
        return (
            AdvisoryVisit.objects.filter(project=self.get_project())
            .select_related("site")
            .prefetch_related("initiatives")
        )


class AdvisoryVisitCreateView(ProjectChildCreateView):
    permission_required = "testing.add_advisoryvisit"
    model = AdvisoryVisit
    form_class = AdvisoryVisitForm
    return_url_name = "testing:advisoryvisit_list"
    project_section = "testing"


class AdvisoryVisitDetailView(ProjectObjectMixin, ObjectDetailView):
    permission_required = "testing.view_advisoryvisit"
    model = AdvisoryVisit
    template_name = "testing/advisoryvisit_detail.html"
    project_section = "testing"


class AdvisoryVisitUpdateView(ProjectObjectUpdateView):
    permission_required = "testing.change_advisoryvisit"
    model = AdvisoryVisit
    form_class = AdvisoryVisitForm
    project_section = "testing"


class AdvisoryVisitDeleteView(ProjectObjectDeleteView):
    permission_required = "testing.delete_advisoryvisit"
    model = AdvisoryVisit
    return_url_name = "testing:advisoryvisit_list"
    project_section = "testing"


class InterviewQuestionListView(ProjectScopedMixin, ObjectListView):
    permission_required = "testing.view_interviewquestion"
    model = InterviewQuestion
    template_name = "testing/interviewquestion_list.html"
    project_section = "testing"

    def get_base_queryset(self):
        return InterviewQuestion.objects.filter(project=self.get_project())


class InterviewQuestionCreateView(ProjectChildCreateView):
    permission_required = "testing.add_interviewquestion"
    model = InterviewQuestion
    form_class = InterviewQuestionForm
    return_url_name = "testing:interviewquestion_list"
    project_section = "testing"


class InterviewQuestionUpdateView(ProjectObjectUpdateView):
    permission_required = "testing.change_interviewquestion"
    model = InterviewQuestion
    form_class = InterviewQuestionForm
    project_section = "testing"


class InterviewQuestionDeleteView(ProjectObjectDeleteView):
    permission_required = "testing.delete_interviewquestion"
    model = InterviewQuestion
    return_url_name = "testing:interviewquestion_list"
    project_section = "testing"


class PhoneInterviewListView(ProjectScopedMixin, ObjectListView):
    permission_required = "testing.view_phoneinterview"
    model = PhoneInterview
    template_name = "testing/phoneinterview_list.html"
    project_section = "testing"

    def get_base_queryset(self):
        return (
            PhoneInterview.objects.filter(project=self.get_project())
            .select_related("site", "coordinator")
            .prefetch_related("initiatives")
        )


class PhoneInterviewSaveMixin:
    @transaction.atomic
    def save_form(self, form):
        interview = form.save()
        for question, text in form.answers().items():
            PhoneInterviewAnswer.objects.update_or_create(
                interview=interview, question=question, defaults={"text": text}
            )
        return interview


class PhoneInterviewCreateView(PhoneInterviewSaveMixin, ProjectChildCreateView):
    permission_required = "testing.add_phoneinterview"
    model = PhoneInterview
    form_class = PhoneInterviewForm
    return_url_name = "testing:phoneinterview_list"
    project_section = "testing"


class PhoneInterviewDetailView(ProjectObjectMixin, ObjectDetailView):
    permission_required = "testing.view_phoneinterview"
    model = PhoneInterview
    template_name = "testing/phoneinterview_detail.html"
    project_section = "testing"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        answers = {a.question_id: a.text for a in self.object.answers.all()}
        context["answers"] = [
            (q, answers.get(q.pk, ""))
            for q in self.object.project.interview_questions.all()
        ]
        return context


class PhoneInterviewUpdateView(PhoneInterviewSaveMixin, ProjectObjectUpdateView):
    permission_required = "testing.change_phoneinterview"
    model = PhoneInterview
    form_class = PhoneInterviewForm
    project_section = "testing"


class PhoneInterviewDeleteView(ProjectObjectDeleteView):
    permission_required = "testing.delete_phoneinterview"
    model = PhoneInterview
    return_url_name = "testing:phoneinterview_list"
    project_section = "testing"
