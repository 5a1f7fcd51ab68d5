"""Answers that may hold citizens' words: the consultant makes a quote of one."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.generic import ObjectCreateView
from initiatives.models import Quote

from .. import services
from ..forms import AnswerQuoteForm
from ..models import Answer


class AnswerQuoteCreateView(ObjectCreateView):
    """GET the quote form filled in from an answer (its text and site); POST saves the
    quote without consent and not reviewed (see services.answer_quote_create)."""

    permission_required = "testing.quote_answer"
    model = Quote
    form_class = AnswerQuoteForm
    template_name = "testing/answer_quote_form.html"

    def get_answer(self):
        if not hasattr(self, "_answer"):
            self._answer = get_object_or_404(
                Answer.objects.visible_to(self.request.user)
                .filter(question__holds_personal_data=True)
                .select_related(
                    "question", "submission__run__project", "submission__run__site"
                ),
                pk=self.kwargs["pk"],
            )
        return self._answer

    def get_permission_object(self):
        return self.get_answer().submission

    def get_initial(self):
        answer = self.get_answer()
        return {"text": answer.value_text, "site": answer.submission.run.site_id}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "project": self.get_answer().submission.run.project,
        }

    def save_form(self, form):
        return services.answer_quote_create(
            answer=self.get_answer(), user=self.request.user, **form.cleaned_data
        )

    def get_success_message(self):
        return _(
            "Citatet er gemt uden samtykke og er ikke gennemgået. Det kommer under "
            "Resultater og i kataloget, når du har registreret borgerens samtykke "
            "og gennemgået det."
        )

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_cancel_url(self):
        return self.get_answer().submission.get_absolute_url()

    def get_page_title(self):
        return _("Opret citat fra et svar")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.get_answer().submission
        context.update(
            answer=self.get_answer(),
            submission=submission,
            project=submission.run.project,
            project_section="testing",
        )
        return context
