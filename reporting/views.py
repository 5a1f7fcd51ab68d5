"""The consultant's results catalogue: curate, preview, make the PDF, download it."""

from types import SimpleNamespace

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from core.downloads import attachment
from core.generic import MergedFormMixin, ObjectUpdateView, PermissionRequiredMixin
from core.params import id_or_404
from core.services import ActionRefused
from initiatives.models import Meeting
from projects.audit import AuditAction
from projects.generic import ProjectScopedMixin

from . import pdf, selectors, services
from .forms import CatalogueForm, ChapterForm, MoveForm
from .models import (
    Catalogue,
    CatalogueChapter,
    CatalogueRender,
    MeetingPackRender,
    RenderStatus,
)

PERMISSION = "reporting.manage_catalogue"


def pdf_download(render, *names: str) -> FileResponse:
    """A made PDF as a download named by `names` (Danish letters kept); 404 when its
    file is gone."""
    try:
        handle = render.file.open("rb")
    except OSError as error:
        raise Http404(_("Filen findes ikke længere.")) from error
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = attachment(*names, extension="pdf")
    return response


class CatalogueMixin(ProjectScopedMixin, PermissionRequiredMixin):
    permission_required = PERMISSION

    def get_catalogue(self):
        catalogue = selectors.catalogue_of(project=self.get_project())
        if catalogue is None:
            raise Http404(_("Forløbet har endnu intet katalog."))
        return catalogue

    def back(self):
        return HttpResponseRedirect(
            reverse("reporting:catalogue", args=[self.get_project().pk])
        )


@method_decorator(never_cache, name="dispatch")
class CatalogueView(CatalogueMixin, TemplateView):
    """The catalogue's chapters in order, what is missing, and its PDFs."""

    template_name = "reporting/catalogue/manage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        catalogue = selectors.catalogue_of(project=self.get_project())
        context.update(catalogue=catalogue, project_section="catalogue")
        if catalogue is None:
            return context
        context.update(
            chapters=selectors.chapter_list(catalogue=catalogue),
            verdicts=selectors.chapter_verdicts(catalogue=catalogue),
            missing=selectors.initiatives_without_chapter(catalogue=catalogue),
            **selectors.render_area(catalogue=catalogue),
        )
        return context


class CatalogueCreateView(CatalogueMixin, View):
    """POST: create the catalogue with a chapter per tested initiative."""

    def post(self, request, *args, **kwargs):
        services.catalogue_create(project=self.get_project())
        messages.success(request, _("Kataloget er oprettet."))
        return self.back()


class CatalogueUpdateView(CatalogueMixin, MergedFormMixin, ObjectUpdateView):
    model = Catalogue
    form_class = CatalogueForm
    project_section = "catalogue"

    def get_object(self, queryset=None):
        return self.get_catalogue()

    def save_form(self, form):
        return services.catalogue_update(
            catalogue=form.instance, **form.merge_values(), page=form.loaded_page()
        )

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_page_title(self):
        return _("Kataloget: forside, indledning og kolofon")


class ChapterMixin(PermissionRequiredMixin):
    """Views of one chapter: only chapters of the user's projects exist for them."""

    permission_required = PERMISSION

    def get_chapter(self):
        if not hasattr(self, "_chapter"):
            self._chapter = get_object_or_404(
                selectors.visible_chapters(user=self.request.user),
                pk=self.kwargs["pk"],
            )
        return self._chapter

    def get_permission_object(self):
        return self.get_chapter().catalogue.project


class ChapterUpdateView(ChapterMixin, MergedFormMixin, ObjectUpdateView):
    model = CatalogueChapter
    form_class = ChapterForm
    template_name = "reporting/catalogue/chapter_form.html"

    def get_object(self, queryset=None):
        return self.get_chapter()

    def save_form(self, form):
        return services.chapter_update(
            chapter=form.instance, **form.merge_values(), page=form.loaded_page()
        )

    def get_success_url(self):
        return reverse("reporting:catalogue", args=[self.object.catalogue.project_id])

    def get_cancel_url(self):
        return self.get_success_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            project=self.object.catalogue.project,
            project_section="catalogue",
            verdict=selectors.chapter_verdict(chapter=self.object),
        )
        return context

    def get_page_title(self):
        return _("Kapitel: %(initiative)s") % {"initiative": self.object.initiative}


class ChapterMoveView(ChapterMixin, View):
    def post(self, request, *args, **kwargs):
        chapter = self.get_chapter()
        form = MoveForm(request.POST)
        if form.is_valid():
            try:
                services.chapter_move(
                    chapter=chapter, direction=form.cleaned_data["direction"]
                )
            except ActionRefused as refusal:
                messages.error(request, str(refusal))
        return HttpResponseRedirect(
            reverse("reporting:catalogue", args=[chapter.catalogue.project_id])
            + f"#chapter-{chapter.pk}"
        )


class ChapterAddView(CatalogueMixin, View):
    def post(self, request, *args, **kwargs):
        catalogue = self.get_catalogue()
        initiative = get_object_or_404(
            selectors.chapter_initiatives(catalogue=catalogue),
            pk=id_or_404(request.POST.get("initiative")),
        )
        try:
            services.chapter_add(catalogue=catalogue, initiative=initiative)
            messages.success(
                request,
                _("“%(initiative)s” har fået et kapitel.") % {"initiative": initiative},
            )
        except ActionRefused as refusal:
            messages.error(request, str(refusal))
        return self.back()


@method_decorator(never_cache, name="dispatch")
class CataloguePreviewView(CatalogueMixin, View):
    """The catalogue as HTML in the browser: the same template and data as the PDF,
    plus notes on what the PDF will leave out."""

    def get(self, request, *args, **kwargs):
        catalogue = self.get_catalogue()
        return HttpResponse(pdf.catalogue_html(catalogue=catalogue, for_pdf=False))


class RenderRequestView(CatalogueMixin, View):
    """POST: make a PDF in the background (or reuse the one already being made)."""

    audit_model = CatalogueRender
    audit_action = AuditAction.PDF_REQUESTED

    def post(self, request, *args, **kwargs):
        render = services.render_request(
            catalogue=self.get_catalogue(), user=request.user
        )
        request.audit_instance = render
        # No message here: the page's render area says how far the PDF has come
        # and is replaced as a whole when it is ready (render_status.html).
        return self.back()


@method_decorator(never_cache, name="dispatch")
class RenderStatusView(CatalogueMixin, TemplateView):
    """The render area (progress, the newest PDF, the list of finished PDFs), which
    htmx polls while a PDF is being made and swaps in whole."""

    template_name = "reporting/catalogue/render_status.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        catalogue = self.get_catalogue()
        context.update(
            catalogue=catalogue, **selectors.render_area(catalogue=catalogue)
        )
        return context


@method_decorator(never_cache, name="dispatch")
class RenderDownloadView(CatalogueMixin, View):
    audit_model = CatalogueRender
    audit_reads = True  # who downloaded the catalogue PDF (projects/audit.py)
    audit_action = AuditAction.PDF_DOWNLOADED

    def get(self, request, *args, **kwargs):
        render = get_object_or_404(
            selectors.downloadable_renders(project=self.get_project()),
            pk=self.kwargs["pk"],
        )
        return pdf_download(
            render, render.catalogue.title, f"{render.finished_at:%Y-%m-%d}"
        )


# The steering group's meeting pack


class MeetingPackMixin(PermissionRequiredMixin):
    """Views of one meeting's pack: the meeting must be one the user may see (the
    steering group's and the consultant's; else 404)."""

    permission_required = "initiatives.view_meeting"
    project_section = "meetings"

    def get_meeting(self):
        if not hasattr(self, "_meeting"):
            self._meeting = get_object_or_404(
                Meeting.objects.visible_to(self.request.user).select_related("project"),
                pk=self.kwargs["meeting_pk"],
            )
        return self._meeting

    def get_permission_object(self):
        return self.get_meeting()

    def back(self):
        return HttpResponseRedirect(
            reverse("reporting:meeting_pack", args=[self.get_meeting().pk])
        )


@method_decorator(never_cache, name="dispatch")
class MeetingPackView(MeetingPackMixin, TemplateView):
    """The meeting pack on the page (the same content as its PDF) and its PDF area."""

    template_name = "reporting/meeting_pack/page.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        user = self.request.user
        context.update(
            pdf.meeting_pack_context(meeting=meeting, for_pdf=False),
            project_section=self.project_section,
            can_decide_ideas=user.has_perm("initiatives.decide_idea", meeting.project),
            can_decide_initiatives=user.has_perm(
                "initiatives.decide_initiative", meeting.project
            ),
            **selectors.pack_render_area(meeting=meeting),
        )
        render = context["render"]
        # A PDF made before a decision, a schema or a text changed no longer says
        # what the page says: the page tells (the same check that reuses a PDF).
        context["pack_outdated"] = bool(
            render is not None
            and render.is_done
            and render.content_hash
            != pdf.content_hash(pdf.meeting_pack_html(meeting=meeting))
        )
        return context


class PackRenderRequestView(MeetingPackMixin, View):
    """POST: make the pack's PDF in the background (or reuse the one being made)."""

    audit_model = MeetingPackRender
    audit_action = AuditAction.PDF_REQUESTED

    def post(self, request, *args, **kwargs):
        render = services.pack_render_request(
            meeting=self.get_meeting(), user=request.user
        )
        request.audit_instance = render
        return self.back()


@method_decorator(never_cache, name="dispatch")
class PackRenderStatusView(MeetingPackMixin, TemplateView):
    """The pack's PDF area, which htmx polls while the PDF is being made."""

    template_name = "reporting/meeting_pack/pdf_status.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        context.update(
            pack=SimpleNamespace(meeting=meeting),
            **selectors.pack_render_area(meeting=meeting),
        )
        render = context["render"]
        # A PDF made before a decision, a schema or a text changed no longer says
        # what the page says: the page tells (the same check that reuses a PDF).
        context["pack_outdated"] = bool(
            render is not None
            and render.is_done
            and render.content_hash
            != pdf.content_hash(pdf.meeting_pack_html(meeting=meeting))
        )
        return context


@method_decorator(never_cache, name="dispatch")
class PackRenderDownloadView(MeetingPackMixin, View):
    audit_model = MeetingPackRender
    audit_reads = True
    audit_action = AuditAction.PDF_DOWNLOADED

    def get(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        render = get_object_or_404(
            meeting.pack_renders.filter(status=RenderStatus.DONE).exclude(file=""),
            pk=self.kwargs["pk"],
        )
        return pdf_download(
            render,
            _("Mødemappe %(title)s") % {"title": meeting.title},
            f"{meeting.held_on:%Y-%m-%d}",
        )
