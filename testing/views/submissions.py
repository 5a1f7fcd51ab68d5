"""Filling in test schemas (with autosave), reviewing them, and their photos."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from synergy.generic import ObjectListView, PermissionRequiredMixin, ProjectScopedMixin
from synergy.services import ActionRefused, StateConflict

from .. import selectors, services
from ..filters import SubmissionFilterSet
from ..forms import AnswersForm, ReturnForm
from ..models import Photo, Question, QuestionKind, Submission, SubmissionStatus


class MySubmissionsView(PermissionRequiredMixin, TemplateView):
    """“Mine skemaer”: what the coordinator owes, has started, has had returned, has done."""

    permission_required = "testing.view_my_submissions"
    template_name = "testing/my_submissions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["groups"] = selectors.my_submissions(
            user=self.request.user, today=today
        )
        context["today"] = today
        return context


class SubmissionMixin:
    """One submission the user may see (others do not exist for them: 404)."""

    # Saves, submissions, reviews and photos are logged in the schema's own history
    # (SubmissionEvent, consecutive saves merged), not once more in the audit trail.
    audit = False

    def get_submission(self):
        if not hasattr(self, "_submission"):
            self._submission = get_object_or_404(
                selectors.submissions_visible_to(user=self.request.user),
                pk=self.kwargs["pk"],
            )
        return self._submission

    def get_permission_object(self):
        return self.get_submission()

    def schema_context(self, submission):
        version = services.submission_schema_version(submission)
        context = selectors.submission_context(submission=submission, version=version)
        context.update(
            submission=submission,
            object=submission,
            project=submission.run.project,
            project_section="testing",
            csrf_cookie_name=settings.CSRF_COOKIE_NAME,
        )
        return context


@method_decorator(never_cache, name="dispatch")
class SubmissionDetailView(SubmissionMixin, PermissionRequiredMixin, TemplateView):
    """A schema read-only: answers, comments, photos and the history."""

    permission_required = "testing.view_submission"
    template_name = "testing/submission_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.schema_context(self.get_submission()))
        return context


def _form_for(submission, context, data=None, require=False):
    return AnswersForm(
        data,
        sections=context["sections"],
        answers=context["answers"],
        version=submission.version,
        require=require,
    )


@method_decorator(never_cache, name="dispatch")
class SubmissionFillView(SubmissionMixin, PermissionRequiredMixin, View):
    """The coordinator's form. GET shows it; POST submits (autosave has its own URL)."""

    permission_required = "testing.change_submission"
    template_name = "testing/submission_form.html"

    def get(self, request, *args, **kwargs):
        submission = self.get_submission()
        if not submission.is_editable:
            return HttpResponseRedirect(submission.get_absolute_url())
        context = self.schema_context(submission)
        return self.render(context, _form_for(submission, context))

    def render(self, context, form, status=200):
        context["form"] = form
        return render(self.request, self.template_name, context, status=status)

    def post(self, request, *args, **kwargs):
        submission = self.get_submission()
        context = self.schema_context(submission)
        form = _form_for(submission, context, data=request.POST, require=True)
        if submission.status == SubmissionStatus.SUBMITTED:
            return self._already_submitted(submission, form, context)
        if not submission.is_editable:
            messages.error(request, _("Skemaet er indsendt og kan ikke ændres."))
            return HttpResponseRedirect(submission.get_absolute_url())
        if request.POST.get("save_draft"):
            return self._save_draft(submission, context)
        if not form.is_valid():
            return self._keep_draft(submission, context, form)
        try:
            services.submission_submit(
                submission=submission,
                values=form.values(),
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except ActionRefused as refusal:
            form.add_error(None, str(refusal))
            return self.render(
                context, form, status=409 if isinstance(refusal, StateConflict) else 200
            )
        messages.success(request, _("Skemaet er indsendt. Tak!"))
        return HttpResponseRedirect(submission.get_absolute_url())

    def _already_submitted(self, submission, form, context):
        """A second click on “Send”: the same answers are one submission, not two."""
        draft = _form_for(submission, context, data=self.request.POST)
        draft.is_valid()
        try:
            services.submission_submit(
                submission=submission,
                values=draft.values(),
                user=self.request.user,
                expected_version=-1,
            )
        except StateConflict as conflict:
            form.add_error(None, str(conflict))
            return self.render(context, form, status=409)
        messages.info(self.request, _("Skemaet er allerede indsendt."))
        return HttpResponseRedirect(submission.get_absolute_url())

    def _save_draft(self, submission, context):
        """“Gem kladde” (the button for browsers without JavaScript, and for the cautious)."""
        draft = _form_for(submission, context, data=self.request.POST)
        if not draft.is_valid():
            return self.render(context, draft)
        try:
            services.submission_save_draft(
                submission=submission,
                values=draft.values(),
                user=self.request.user,
                expected_version=draft.cleaned_data["version"],
            )
        except ActionRefused as refusal:
            draft.add_error(None, str(refusal))
            return self.render(
                context,
                draft,
                status=409 if isinstance(refusal, StateConflict) else 200,
            )
        messages.success(self.request, _("Kladden er gemt."))
        return HttpResponseRedirect(
            reverse("testing:submission_fill", args=[submission.pk])
        )

    def _keep_draft(self, submission, context, form):
        """Submitting with errors: save what is valid as a draft, show what is missing."""
        draft = _form_for(submission, context, data=self.request.POST)
        if draft.is_valid():
            try:
                submission = services.submission_save_draft(
                    submission=submission,
                    values=draft.values(),
                    user=self.request.user,
                    expected_version=draft.cleaned_data["version"],
                )
            except StateConflict as conflict:
                form.add_error(None, str(conflict))
                return self.render(context, form, status=409)
            data = self.request.POST.copy()
            data["version"] = str(submission.version)
            form = _form_for(submission, context, data=data, require=True)
            form.is_valid()
        return self.render(context, form)


@method_decorator([login_not_required, never_cache], name="dispatch")
class SubmissionAutosaveView(SubmissionMixin, View):
    """POST from the form a few seconds after typing stops (htmx).

    Answers with a small HTML fragment: 200 saved (with the new version), 409 when the
    schema was saved elsewhere or is no longer editable, 422 with the fields that do not
    validate. A user whose session has run out gets 401 JSON, never the login page: the
    page keeps the text and saves it again after a new login.
    """

    http_method_names = ["post"]
    permission_required = "testing.change_submission"

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse(
                {
                    "error": "session_expired",
                    "message": _(
                        "Du er blevet logget ud. Det, du har skrevet, er stadig på siden."
                    ),
                    "login_url": reverse("login"),
                },
                status=401,
            )
        submission = self.get_submission()
        if not request.user.has_perm(self.permission_required, submission):
            raise PermissionDenied
        context = self.schema_context(submission)
        form = _form_for(submission, context, data=request.POST)
        if not form.is_valid():
            return self._fragment(submission, form=form, status=422)
        try:
            submission = services.submission_save_draft(
                submission=submission,
                values=form.values(),
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except ActionRefused as refusal:
            return self._fragment(submission, refusal=str(refusal), status=409)
        return self._fragment(submission, saved=True)

    def _fragment(
        self, submission, *, status=200, form=None, refusal=None, saved=False
    ):
        return render(
            self.request,
            "testing/includes/autosave_result.html",
            {
                "submission": submission,
                "form": form,
                "refusal": refusal,
                "saved": saved,
            },
            status=status,
        )


@method_decorator(never_cache, name="dispatch")
class SubmissionReviewView(SubmissionMixin, PermissionRequiredMixin, View):
    """The consultant reads a submitted schema, comments, and returns or approves it."""

    permission_required = "testing.review_submission"
    template_name = "testing/submission_review.html"

    def form(self, submission, context, data=None):
        questions = [
            q for section in context["sections"] for q in section.questions.all()
        ]
        return ReturnForm(
            data, questions=questions, initial={"version": submission.version}
        )

    def get(self, request, *args, **kwargs):
        submission = self.get_submission()
        context = self.schema_context(submission)
        if submission.status != SubmissionStatus.SUBMITTED:
            return HttpResponseRedirect(submission.get_absolute_url())
        context["form"] = self.form(submission, context)
        return render(request, self.template_name, context)

    def post(self, request, *args, **kwargs):
        submission = self.get_submission()
        context = self.schema_context(submission)
        form = self.form(submission, context, data=request.POST)
        approve = request.POST.get("action") == "approve"
        if form.is_valid():
            try:
                if approve:
                    services.submission_approve(
                        submission=submission,
                        user=request.user,
                        expected_version=form.cleaned_data["version"],
                    )
                    messages.success(request, _("Skemaet er godkendt."))
                else:
                    services.submission_return(
                        submission=submission,
                        user=request.user,
                        comment=form.cleaned_data["comment"],
                        answer_comments=form.answer_comments(),
                        expected_version=form.cleaned_data["version"],
                    )
                    messages.success(
                        request, _("Skemaet er sendt tilbage til tovholderen.")
                    )
                return HttpResponseRedirect(
                    reverse("testing:submission_list", args=[submission.run.project_id])
                )
            except ActionRefused as refusal:
                form.add_error(None, str(refusal))
                context["form"] = form
                return render(
                    request,
                    self.template_name,
                    context,
                    status=409 if isinstance(refusal, StateConflict) else 200,
                )
        context["form"] = form
        return render(request, self.template_name, context)


class SubmissionListView(ProjectScopedMixin, ObjectListView):
    """The consultant's review list: submitted schemas first, filters by status, site, initiative."""

    permission_required = "testing.review_submission"
    model = Submission
    filterset_class = SubmissionFilterSet
    template_name = "testing/submission_list.html"
    paginate_by = 50
    project_section = "testing"

    def get_base_queryset(self):
        return selectors.review_list(project=self.get_project())

    def get_filterset_kwargs(self):
        return {"project": self.get_project()}

    def get_queryset(self):
        queryset = super().get_queryset()
        if not self.request.GET:
            queryset = queryset.filter(status=SubmissionStatus.SUBMITTED)
        return queryset


# Photos


class PhotoUploadView(SubmissionMixin, PermissionRequiredMixin, View):
    """POST a photo for a photo question. htmx gets the question's photo list back."""

    permission_required = "testing.change_submission"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        submission = self.get_submission()
        version = services.submission_schema_version(submission)
        question = get_object_or_404(
            Question,
            pk=self.kwargs["question_pk"],
            section__version=version,
            kind=QuestionKind.PHOTO,
        )
        error, status = None, 200
        upload = request.FILES.get("photo")
        if upload is None:
            error, status = _("Vælg et foto."), 422
        else:
            try:
                services.photo_add(
                    submission=submission,
                    question=question,
                    upload=upload,
                    user=request.user,
                )
            except services.PhotoStorageFailed as refusal:
                # 507 Insufficient Storage: the photo was fine, the storage was not.
                error, status = str(refusal), 507
            except ActionRefused as refusal:
                error, status = str(refusal), 422
        if not request.htmx:
            if error:
                messages.error(request, error)
            else:
                messages.success(request, _("Fotoet er gemt."))
            return HttpResponseRedirect(
                reverse("testing:submission_fill", args=[submission.pk])
            )
        photos = list(Photo.objects.filter(submission=submission, question=question))
        return render(
            request,
            "testing/includes/photo_list.html",
            {
                "submission": submission,
                "question": question,
                "photo_list": photos,
                "error": error,
                "editable": True,
            },
            status=status,
        )


def photos_visible_to(user):
    return Photo.objects.filter(
        submission__in=selectors.submissions_visible_to(user=user).values("pk")
    ).select_related("submission__run", "question")


@method_decorator(never_cache, name="dispatch")
class PhotoView(PermissionRequiredMixin, View):
    """Photos are served only through here: to those who may see their schema."""

    audit = False  # removals are in the schema's history (SubmissionEvent)

    permission_required = "testing.view_submission"

    def get_photo(self):
        if not hasattr(self, "_photo"):
            self._photo = get_object_or_404(
                photos_visible_to(self.request.user), pk=self.kwargs["pk"]
            )
        return self._photo

    def get_permission_object(self):
        return self.get_photo().submission

    def get(self, request, *args, **kwargs):
        photo = self.get_photo()
        try:
            handle = photo.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(handle, content_type=photo.content_type)
        response["Content-Disposition"] = (
            f'inline; filename="foto-{photo.pk}.{photo.extension}"'
        )
        response["Cache-Control"] = "private, no-store"
        return response


class PhotoDeleteView(PhotoView):
    permission_required = "testing.change_submission"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        photo = self.get_photo()
        submission = photo.submission
        try:
            services.photo_remove(photo=photo, user=request.user)
            messages.success(request, _("Fotoet er fjernet."))
        except ActionRefused as refusal:
            messages.error(request, str(refusal))
        return HttpResponseRedirect(
            reverse("testing:submission_fill", args=[submission.pk])
        )
