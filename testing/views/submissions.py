"""Filling in test schemas (with autosave), reviewing them, and their photos."""

import datetime
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django_htmx.http import HttpResponseClientRedirect

from core.generic import ObjectListView, PermissionRequiredMixin
from core.services import ActionRefused, StateConflict
from projects.generic import ProjectScopedMixin

from .. import selectors, services
from ..filters import SubmissionFilterSet
from ..forms import PAGE_ID, AnswersForm, CommentReplyForm, ReturnForm, answer_tokens
from ..models import AnswerComment, Photo, Question, Submission, SubmissionStatus
from ..question_kinds import kinds_where
from ..tables import SubmissionTable
from .answer_merge import autosave_sync, form_after_merge, panels_to_send


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
        # This week's schemas get a link to the tally at the counter.
        context["this_monday"] = today - datetime.timedelta(days=today.weekday())
        return context


class SubmissionMixin:
    """One submission the user may see (others do not exist for them: 404)."""

    # Saves, submissions, reviews and photos are logged in the schema's own history
    # (SubmissionEvent, consecutive saves merged), not once more in the audit trail.
    audit = False

    def get_submission(self):
        if not hasattr(self, "_submission"):
            self._submission = get_object_or_404(
                Submission.objects.visible_to(self.request.user).select_related(
                    "run__project", "run__site", "run__initiative"
                ),
                pk=self.kwargs["pk"],
            )
        return self._submission

    def get_permission_object(self):
        return self.get_submission()

    def schema_context(self, submission):
        version = selectors.submission_schema_version(submission)
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
    """A schema read-only: answers, comments (threads to reply to), photos and the
    history."""

    permission_required = "testing.view_submission"
    template_name = "testing/submission_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.get_submission()
        context.update(self.schema_context(submission))
        context["discuss"] = True
        if not self.request.user.has_perm("testing.view_personal_answers", submission):
            # Not only hidden by the template: not on the page's context at all.
            context.update(
                selectors.without_personal_answers(
                    answers=context["answers"],
                    comments=context["comments"],
                    shown_sections=context["shown_sections"],
                )
            )
        return context


def _form_for(submission, context, data=None, require=False):
    return AnswersForm(
        data,
        sections=context["sections"],
        answers=context["answers"],
        version=submission.version,
        require=require,
        period=submission.kind,
        site_id=submission.run.site_id,
        entries=context["entries"],
        entry_answers=context["entry_answers"],
    )


def _merge(request, submission, form):
    """Save the page's answers as a draft, merged per answer with what was saved
    elsewhere since the page was loaded."""
    return services.submission_merge_draft(
        submission=submission,
        values=form.values(),
        user=request.user,
        base=form.bases(),
        choices=form.choices(),
        loaded_version=form.loaded_version(),
        page=form.page_id,
    )


@method_decorator(never_cache, name="dispatch")
class SubmissionFillView(SubmissionMixin, PermissionRequiredMixin, View):
    """The coordinator's form. GET shows it; POST saves (“Gem kladde”) or submits
    (“Send skemaet”); autosave has its own URL.

    Every save is merged per answer with what was saved elsewhere since the page was
    loaded. When both sides changed the same answer, the page comes back (409) with
    both versions side by side and nothing of it written; the schema is not sent
    until the person has chosen. The page script posts here too (htmx headers): then
    success is an `HX-Redirect` instead of a redirect, so the script can retry a send
    the server or the network failed, without losing a word.
    """

    permission_required = "testing.change_submission"
    template_name = "testing/submission_form.html"

    def get(self, request, *args, **kwargs):
        submission = self.get_submission()
        if not submission.is_editable:
            return HttpResponseRedirect(submission.get_absolute_url())
        context = self.schema_context(submission)
        return self.render(context, _form_for(submission, context))

    def render(self, context, form, status=200, heading=None):
        context["form"] = form
        context["error_heading"] = heading
        # "Tæl ved skranken": a week's schema with counted questions.
        context["may_tally"] = bool(
            selectors.tally_questions(context["submission"])
        ) and self.request.user.has_perm(
            "testing.tally_submission", context["submission"]
        )
        return render(self.request, self.template_name, context, status=status)

    def done(self, url):
        if self.request.htmx:
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)

    def post(self, request, *args, **kwargs):
        submission = self.get_submission()
        context = self.schema_context(submission)
        page = _form_for(submission, context, data=request.POST)
        page.is_valid()
        if submission.status == SubmissionStatus.SUBMITTED:
            return self._already_submitted(submission, page, context)
        if not submission.is_editable:
            messages.error(request, _("Skemaet er indsendt og kan ikke ændres."))
            return self.done(submission.get_absolute_url())
        try:
            result = _merge(request, submission, page)
        except ActionRefused as refusal:
            # Submitted or approved elsewhere meanwhile: nothing can be saved, and
            # the person's words stay on the page.
            page.add_error(None, str(refusal))
            return self.render(
                context,
                page,
                status=409,
                heading=_kept_on_page(),
            )
        changing_entries = "add_entry" in request.POST or "remove_entry" in request.POST
        sending = not request.POST.get("save_draft") and not changing_entries
        context = self.schema_context(result.submission)
        form = form_after_merge(
            data=request.POST, context=context, result=result, require=sending
        )
        if result.conflicts:
            form.add_error(None, _conflict_message(len(result.conflicts)))
            return self.render(context, form, status=409, heading=_not_saved(sending))
        if result.gone:
            form.add_error(None, _gone_message(result.gone))
            return self.render(context, form, status=409, heading=_not_saved(sending))
        if sending and result.refreshed:
            form.add_error(
                None,
                _(
                    "Nogle svar er ændret et andet sted, mens du skrev: %(questions)s. "
                    "De er hentet ind her. Se dem igennem, og send skemaet igen."
                )
                % {"questions": _question_list(form, result.refreshed)},
            )
            return self.render(context, form, status=409, heading=_not_sent())
        if changing_entries:
            # The page's answers are saved above; then the entry is added or removed.
            return self._change_entries(
                result.submission, page_errors=bool(page.errors)
            )
        if page.errors:
            return self.render(context, form, heading=_not_saved(sending))
        if not sending:
            messages.success(request, _("Kladden er gemt."))
            return self.done(reverse("testing:submission_fill", args=[submission.pk]))
        if form.errors:
            return self.render(context, form, heading=_not_sent())
        try:
            services.submission_submit(
                submission=result.submission,
                values=form.values(),
                user=request.user,
                expected_version=result.submission.version,
            )
        except ActionRefused as refusal:
            form.add_error(None, str(refusal))
            return self.render(
                context,
                form,
                status=409 if isinstance(refusal, StateConflict) else 200,
                heading=_not_sent(),
            )
        messages.success(request, _("Skemaet er indsendt. Tak!"))
        return self.done(submission.get_absolute_url())

    def _change_entries(self, submission, *, page_errors):
        """Add an entry to a repeated section, or remove one, then show the page
        again at that section."""
        post = self.request.POST
        url = reverse("testing:submission_fill", args=[submission.pk])
        try:
            if "add_entry" in post:
                key = str(post["add_entry"])[:60]
                try:
                    seen = int(post.get(f"seen-entries-{key}") or 0)
                except ValueError:
                    seen = 0
                page = str(post.get("page") or "")
                entry = services.submission_entry_add(
                    submission=submission,
                    section_key=key,
                    user=self.request.user,
                    seen=seen,
                    page=page if PAGE_ID.fullmatch(page) else "",
                )
                # A new address (not only a new #), so the page is loaded again.
                url += f"?entry={entry.uid.hex}#entry-{entry.uid.hex}"
            else:
                entry = services.submission_entry_remove(
                    submission=submission,
                    uid=str(post["remove_entry"])[:64],
                    user=self.request.user,
                )
                messages.success(self.request, _("Det er fjernet."))
                if entry is not None:
                    url += f"?removed={entry.uid.hex}#section-{entry.section_key}"
        except ActionRefused as refusal:
            messages.error(self.request, str(refusal))
        if page_errors:
            messages.warning(
                self.request,
                _(
                    "Nogle svar blev ikke gemt, fordi de ikke var gyldige. Se "
                    "skemaet igennem."
                ),
            )
        return self.done(url)

    def _already_submitted(self, submission, page, context):
        """A second click on “Send”: the same answers are one submission, not two."""
        try:
            services.submission_submit(
                submission=submission,
                values=page.values(),
                user=self.request.user,
                expected_version=-1,
            )
        except StateConflict as conflict:
            page.add_error(None, str(conflict))
            return self.render(
                context,
                page,
                status=409,
                heading=_kept_on_page(),
            )
        messages.info(self.request, _("Skemaet er allerede indsendt."))
        return self.done(submission.get_absolute_url())


def _gone_message(gone):
    """What was typed into entries removed elsewhere, word for word: not saved, and
    no longer on the page once it is shown again."""
    return _(
        "Noget, du skrev, hører til en gentagelse (fx et arrangement), som er fjernet "
        "et andet sted, mens du skrev. Det er ikke gemt. Tilføj en ny, og skriv det "
        "igen: %(texts)s"
    ) % {
        "texts": "; ".join(
            f"{text}: “{value}”" if not isinstance(value, list) else f"{text}: {value}"
            for text, value in gone.values()
        )
    }


def _kept_on_page():
    return _("Skemaet blev ikke gemt. Dine svar står stadig nedenfor:")


def _not_sent():
    return _("Skemaet er ikke sendt. Dine svar er gemt som kladde. Ret venligst:")


def _not_saved(sending):
    if sending:
        return _("Skemaet er ikke sendt. Det øvrige er gemt som kladde. Se venligst:")
    return _("Ikke alt er gemt. Det øvrige er gemt som kladde. Se venligst:")


def _conflict_message(count):
    return ngettext(
        "Ét svar er ændret både her og et andet sted (i en anden fane eller af en "
        "anden). Begge versioner står ved svaret: vælg, hvilken der skal gælde. "
        "Intet af det er overskrevet.",
        "%(count)s svar er ændret både her og et andet sted (i en anden fane eller af "
        "en anden). Begge versioner står ved hvert svar: vælg, hvilken der skal gælde. "
        "Intet af det er overskrevet.",
        count,
    ) % {"count": count}


def _question_list(form, keys):
    return ", ".join(f"“{form.fields[f'q_{key}'].label}”" for key in keys)


@method_decorator([login_not_required, never_cache], name="dispatch")
class SubmissionAutosaveView(SubmissionMixin, View):
    """POST from the form a few seconds after typing stops (htmx).

    Answers with a small HTML fragment. The answers this page changed are saved,
    merged per answer with what was saved elsewhere: 200 when all of it is saved,
    409 when some answers were changed both here and elsewhere (their panels, with
    both versions, come along) or the schema can no longer be edited, 422 with the
    fields that do not validate (the rest is saved). A user whose session has run out
    gets 401 JSON, never the login page: the page keeps the text and saves it again
    after a new login.
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
        form.is_valid()
        try:
            result = _merge(request, submission, form)
        except ActionRefused as refusal:
            return self._fragment(submission, refusal=str(refusal), status=409)
        status = 200
        if form.errors:
            status = 422
        if result.conflicts or result.gone:
            status = 409
        return self._fragment(
            result.submission,
            form=form,
            result=result,
            sync=autosave_sync(form=form, result=result),
            panels=panels_to_send(form=form, result=result),
            gone=_gone_message(result.gone) if result.gone else "",
            status=status,
        )

    def _fragment(
        self,
        submission,
        *,
        status=200,
        form=None,
        refusal=None,
        result=None,
        sync=None,
        panels=None,
        gone="",
    ):
        return render(
            self.request,
            "testing/includes/autosave_result.html",
            {
                "submission": submission,
                "form": form,
                "refusal": refusal,
                "result": result,
                "sync": sync,
                "sync_json": json.dumps(sync, cls=DjangoJSONEncoder) if sync else "",
                "panels": panels or {},
                "gone": gone,
                "conflict_count": len(result.conflicts) if result else 0,
            },
            status=status,
        )


@method_decorator(never_cache, name="dispatch")
class SubmissionReviewView(SubmissionMixin, PermissionRequiredMixin, View):
    """The consultant reads a submitted schema, comments, and returns or approves it.

    A review from a page that is out of date loses nothing: when the coordinator has
    changed answers since the page was opened, the page comes back (409) with the
    changed answers marked and the comments kept, and the next press goes through;
    when another consultant has returned the schema meanwhile, the page shows their
    review beside this one and offers to add these comments to it; when it has been
    approved meanwhile, the comments stay on the page.
    """

    permission_required = "testing.review_submission"
    template_name = "testing/submission_review.html"

    def form(self, submission, context, data=None):
        questions = [q for _s, shown, _e in context["shown_sections"] for q in shown]
        return ReturnForm(
            data,
            questions=questions,
            answers=context["answers"],
            initial={"version": submission.version},
        )

    def get(self, request, *args, **kwargs):
        submission = self.get_submission()
        context = self.schema_context(submission)
        if submission.status != SubmissionStatus.SUBMITTED:
            return HttpResponseRedirect(submission.get_absolute_url())
        context["form"] = self.form(submission, context)
        return render(request, self.template_name, context)

    def show(self, context, form, status=200, **extra):
        context.update(form=form, **extra)
        return render(self.request, self.template_name, context, status=status)

    def post(self, request, *args, **kwargs):
        submission = self.get_submission()
        context = self.schema_context(submission)
        form = self.form(submission, context, data=request.POST)
        action = request.POST.get("action")
        if not form.is_valid():
            return self.show(context, form)
        if submission.status != SubmissionStatus.SUBMITTED:
            return self._reviewed_elsewhere(submission, context, form, action)
        if form.cleaned_data["version"] != submission.version:
            changed = form.changed_answers(context["answers"])
            if changed:
                return self._answers_changed(submission, context, form, changed)
        try:
            if action == "approve":
                services.submission_approve(
                    submission=submission,
                    user=request.user,
                    expected_version=submission.version,
                )
                messages.success(request, _("Skemaet er godkendt."))
            else:
                services.submission_return(
                    submission=submission,
                    user=request.user,
                    comment=form.cleaned_data["comment"],
                    answer_comments=form.answer_comments(),
                    expected_version=submission.version,
                )
                messages.success(
                    request, _("Skemaet er sendt tilbage til tovholderen.")
                )
        except ActionRefused as refusal:
            form.add_error(None, str(refusal))
            return self.show(
                context,
                form,
                status=409 if isinstance(refusal, StateConflict) else 200,
            )
        return HttpResponseRedirect(
            reverse("testing:submission_list", args=[submission.run.project_id])
        )

    def _answers_changed(self, submission, context, form, changed):
        """The coordinator sent the schema again with other answers since the page was
        opened: show the answers as they are now, mark the changed ones, keep the
        consultant's comments; the page is now up to date, so the next press counts."""
        data = request_data_with(
            self.request.POST,
            version=submission.version,
            tokens=answer_tokens(form.questions, context["answers"]),
        )
        fresh = self.form(submission, context, data=data)
        fresh.is_valid()
        fresh.add_error(
            None,
            _(
                "Tovholderen har ændret disse svar, siden du åbnede siden: "
                "%(questions)s. Svarene nedenfor er de nye, og dine kommentarer står "
                "der stadig. Se dem igennem, og tryk igen."
            )
            % {"questions": ", ".join(f"“{q.text}”" for q in changed)},
        )
        return self.show(
            context,
            fresh,
            status=409,
            changed_keys={q.key for q in changed},
            error_heading=_("Skemaet er ikke gennemgået endnu. Se venligst:"),
        )

    def _reviewed_elsewhere(self, submission, context, form, action):
        """Another consultant returned or approved the schema meanwhile."""
        if action == "add_comments" and submission.status == SubmissionStatus.RETURNED:
            try:
                services.submission_add_review_comments(
                    submission=submission,
                    user=self.request.user,
                    comment=form.cleaned_data["comment"],
                    answer_comments=form.answer_comments(),
                    expected_version=form.cleaned_data["version"],
                )
            except ActionRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    self.request,
                    _("Dine kommentarer er føjet til tilbagesendelsen."),
                )
                return HttpResponseRedirect(
                    reverse("testing:submission_list", args=[submission.run.project_id])
                )
        last = selectors.last_review(submission=submission)
        data = request_data_with(self.request.POST, version=submission.version)
        fresh = self.form(submission, context, data=data)
        fresh.is_valid()
        for error in form.non_field_errors():
            fresh.add_error(None, error)
        return self.show(
            context,
            fresh,
            status=409,
            other_review=last,
            can_add_comments=submission.status == SubmissionStatus.RETURNED,
            error_heading=_("Skemaet er gennemgået af en anden, mens du læste det."),
        )


def request_data_with(data, *, version, tokens=None):
    """A copy of posted data with the page's version (and answer tokens) brought up
    to date: what the page shows once it has been shown again."""
    data = data.copy()
    data["version"] = str(version)
    for key, value in (tokens or {}).items():
        data[f"base-a_{key}"] = value
    return data


class SubmissionListView(ProjectScopedMixin, ObjectListView):
    """The consultant's review list: submitted schemas first, filters by status, site, initiative."""

    permission_required = "testing.review_submission"
    model = Submission
    filterset_class = SubmissionFilterSet
    table_class = SubmissionTable
    paginate_by = 50
    project_section = "testing"
    page_title = gettext_lazy("Testskemaer til gennemgang")
    page_heading = gettext_lazy("Testskemaer")

    def get_base_queryset(self):
        return selectors.review_list(project=self.get_project())

    def get_filterset_kwargs(self):
        return {"project": self.get_project()}

    def get_filtered_queryset(self):
        queryset = super().get_filtered_queryset()
        if not self.is_filtered():
            queryset = queryset.filter(status=SubmissionStatus.SUBMITTED)
        return queryset

    def get_lead(self):
        if self.is_filtered():
            return _("Skemaer efter filtret.")
        return _(
            "Indsendte skemaer, der venter på din gennemgang. Brug filtret for at "
            "se andre."
        )


# Photos


class PhotoUploadView(SubmissionMixin, PermissionRequiredMixin, View):
    """POST a photo for a photo question. htmx gets the question's photo list back."""

    permission_required = "testing.change_submission"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        submission = self.get_submission()
        version = selectors.submission_schema_version(submission)
        question = get_object_or_404(
            Question,
            pk=self.kwargs["question_pk"],
            section__version=version,
            kind__in=kinds_where(takes_photos=True),
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


@method_decorator(never_cache, name="dispatch")
class PhotoView(PermissionRequiredMixin, View):
    """Photos are served only through here: to those who may see their schema."""

    audit = False  # removals are in the schema's history (SubmissionEvent)

    permission_required = "testing.view_submission"

    def get_photo(self):
        if not hasattr(self, "_photo"):
            self._photo = get_object_or_404(
                Photo.objects.visible_to(self.request.user).select_related(
                    "submission__run", "question"
                ),
                pk=self.kwargs["pk"],
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
        submission, question = photo.submission, photo.question
        error = None
        try:
            services.photo_remove(photo=photo, user=request.user)
        except ActionRefused as refusal:
            error = str(refusal)
        if request.htmx:  # the fill page: its photo list again, nothing else reloads
            return render(
                request,
                "testing/includes/photo_list.html",
                {
                    "submission": submission,
                    "question": question,
                    "photo_list": list(
                        Photo.objects.filter(submission=submission, question=question)
                    ),
                    "error": error,
                    "editable": True,
                },
                status=422 if error else 200,
            )
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Fotoet er fjernet."))
        return HttpResponseRedirect(
            reverse("testing:submission_fill", args=[submission.pk])
        )


class AnswerCommentActionView(SubmissionDetailView):
    """POST on a comment's thread (reply, resolve): the comment must be on a schema
    the user may see (else 404). A refusal shows the schema's page again with the
    reply still in its field."""

    http_method_names = ["post"]

    def get_comment(self):
        if not hasattr(self, "_comment"):
            self._comment = get_object_or_404(
                AnswerComment.objects.visible_to(self.request.user).select_related(
                    "question", "submission__run__project", "submission__run__site"
                ),
                pk=self.kwargs["pk"],
            )
        return self._comment

    def get_submission(self):
        return self.get_comment().submission

    def refused(self, refusal, status):
        context = self.get_context_data(
            reply_error=str(refusal),
            reply_comment_pk=self.get_comment().pk,
            reply_text=self.request.POST.get("text", ""),
        )
        messages.error(self.request, str(refusal))
        return self.render_to_response(context, status=status)

    def post(self, request, *args, **kwargs):
        comment = self.get_comment()
        try:
            self.act(comment)
        except StateConflict as conflict:
            return self.refused(conflict, status=409)
        except ActionRefused as refusal:
            return self.refused(refusal, status=400)
        url = reverse("testing:submission_detail", args=[comment.submission_id])
        return HttpResponseRedirect(f"{url}#comment-{comment.pk}")


class AnswerCommentReplyView(AnswerCommentActionView):
    permission_required = "testing.discuss_answer_comment"

    def act(self, comment):
        form = CommentReplyForm(self.request.POST)
        if not form.is_valid():  # a NUL character, which no text may hold
            raise ActionRefused(" ".join(form.errors["text"]))
        services.answer_comment_reply(
            comment=comment, user=self.request.user, text=form.cleaned_data["text"]
        )
        messages.success(self.request, _("Dit svar er sendt."))


class AnswerCommentResolveView(AnswerCommentActionView):
    permission_required = "testing.review_submission"

    def act(self, comment):
        services.answer_comment_resolve(comment=comment, user=self.request.user)
        messages.success(self.request, _("Kommentaren er markeret som løst."))
