"""The consultant's results catalogue: curate, preview, make the PDF, download it."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
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
from .forms import (
    AuthorLogoForm,
    CatalogueForm,
    ChapterForm,
    EvidenceForm,
    LogoForm,
    MoveForm,
)
from .models import (
    Catalogue,
    CatalogueChapter,
    CataloguePublication,
    CatalogueRender,
    ChapterEvidence,
    Claim,
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
            restated=selectors.catalogue_restated_counts(catalogue=catalogue),
            **selectors.render_area(catalogue=catalogue),
            **selectors.publication_area(catalogue=catalogue),
        )
        if context["publication"] is not None:
            context["publication_link"] = self.request.build_absolute_uri(
                context["publication"].get_absolute_url()
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


@method_decorator(never_cache, name="dispatch")
class ChapterSourcesView(ChapterMixin, TemplateView):
    """The sources a chapter's claims cite: listed per claim, cited from a grouped
    list, removed one by one (POST `remove`)."""

    template_name = "reporting/catalogue/chapter_sources.html"

    def get_figures(self):
        """The chapter's questions with figures, read once per request (the form's
        choices and the list of citations both name them)."""
        if not hasattr(self, "_figures"):
            self._figures = selectors.chapter_figures(chapter=self.get_chapter())
        return self._figures

    def get_form(self, data=None):
        chapter = self.get_chapter()
        return EvidenceForm(
            data,
            choices=selectors.evidence_choices(
                chapter=chapter, figures=self.get_figures()
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chapter = self.get_chapter()
        citations = selectors.chapter_citations(chapter=chapter)
        context.update(
            figure_texts={q.key: q.text for q in self.get_figures()},
            chapter=chapter,
            project=chapter.catalogue.project,
            project_section="catalogue",
            claims=[(value, label, citations[value]) for value, label in Claim.choices],
            form=kwargs.get("form") or self.get_form(),
        )
        return context

    def post(self, request, *args, **kwargs):
        chapter = self.get_chapter()
        back = HttpResponseRedirect(request.path)
        if "remove" in request.POST:
            evidence = ChapterEvidence.objects.filter(
                chapter=chapter, pk=id_or_404(request.POST.get("remove"))
            ).first()
            if evidence is None:
                # Removed already (in another tab, or a second click).
                messages.info(request, _("Kilden var allerede fjernet fra teksten."))
                return back
            services.evidence_remove(evidence=evidence)
            messages.success(request, _("Kilden er fjernet fra teksten."))
            return back
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.evidence_add(
                chapter=chapter,
                claim=form.cleaned_data["claim"],
                source=form.cleaned_data["source"],
            )
        except services.AlreadyCited as refusal:
            # A double click or a second tab: what the user wanted is there.
            messages.info(request, str(refusal))
            return back
        except ActionRefused as refusal:
            form.add_error("source", str(refusal))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("Kilden er knyttet til teksten."))
        return back


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


def _logo_src(image) -> str:
    """A stored logo as a data: URI ("" when there is none or it cannot be read)."""
    if not image or not pdf.readable_image(image):
        return ""
    return pdf.image_data_uri(image)


@method_decorator(never_cache, name="dispatch")
class CatalogueLogosView(CatalogueMixin, TemplateView):
    """The cover's logos: the author's and the commissioners' (add, remove)."""

    template_name = "reporting/catalogue/logos.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        catalogue = self.get_catalogue()
        context.update(
            catalogue=catalogue,
            project_section="catalogue",
            logos=[
                SimpleNamespace(pk=logo.pk, name=logo.name, src=_logo_src(logo.image))
                for logo in selectors.catalogue_logos(catalogue=catalogue)
            ],
            author_logo_src=_logo_src(catalogue.author_logo),
            logo_form=kwargs.get("logo_form") or LogoForm(),
            author_form=kwargs.get("author_form") or AuthorLogoForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        catalogue = self.get_catalogue()
        back = HttpResponseRedirect(request.path)
        action = request.POST.get("action")
        if action == "remove":
            logo = (
                selectors.catalogue_logos(catalogue=catalogue)
                .filter(pk=id_or_404(request.POST.get("logo")))
                .first()
            )
            if logo is not None:
                services.catalogue_logo_remove(logo=logo)
            messages.success(request, _("Logoet er fjernet fra forsiden."))
            return back
        if action == "remove-author":
            services.catalogue_author_logo_set(catalogue=catalogue, upload=None)
            messages.success(request, _("Forfatterens logo er fjernet."))
            return back
        if action == "author":
            form = AuthorLogoForm(request.POST, request.FILES)
            context_name = "author_form"
        else:
            form = LogoForm(request.POST, request.FILES)
            context_name = "logo_form"
        if form.is_valid():
            try:
                if action == "author":
                    services.catalogue_author_logo_set(
                        catalogue=catalogue, upload=form.cleaned_data["image"]
                    )
                else:
                    services.catalogue_logo_add(
                        catalogue=catalogue,
                        name=form.cleaned_data["name"],
                        upload=form.cleaned_data["image"],
                    )
            except ActionRefused as refusal:
                form.add_error("image", str(refusal))
            else:
                messages.success(request, _("Logoet er gemt."))
                return back
        return self.render_to_response(
            self.get_context_data(**{context_name: form}), status=400
        )


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


# The web edition: published by the consultant under an unguessable link


class PublicationPublishView(CatalogueMixin, TemplateView):
    """GET: what publishing means (confirmation); POST: publish the web edition as
    it is now under a new link (revoking the one live before)."""

    template_name = "reporting/catalogue/publication_confirm.html"
    audit_model = CataloguePublication
    audit_action = AuditAction.PUBLISHED

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action="publish",
            project_section="catalogue",
            publication=selectors.live_publication(catalogue=self.get_catalogue()),
        )
        return context

    def post(self, request, *args, **kwargs):
        publication = services.publication_publish(
            catalogue=self.get_catalogue(), user=request.user
        )
        request.audit_instance = publication
        messages.success(
            request,
            _("Webudgaven er offentliggjort. Kopiér linket, og send det til læserne."),
        )
        return HttpResponseRedirect(
            reverse("reporting:catalogue", args=[self.get_project().pk]) + "#webudgave"
        )


class PublicationRevokeView(CatalogueMixin, TemplateView):
    """GET: what revoking means (confirmation); POST: revoke the live web edition
    (its link gives 404 from then on)."""

    template_name = "reporting/catalogue/publication_confirm.html"
    audit_model = CataloguePublication
    audit_action = AuditAction.REVOKED

    def get_publication(self):
        publication = selectors.live_publication(catalogue=self.get_catalogue())
        if publication is None:
            raise Http404(_("Webudgaven er ikke offentliggjort."))
        return publication

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action="revoke",
            project_section="catalogue",
            publication=self.get_publication(),
        )
        return context

    def post(self, request, *args, **kwargs):
        publication = services.publication_revoke(
            publication=self.get_publication(), user=request.user
        )
        request.audit_instance = publication
        messages.success(
            request, _("Webudgaven er tilbagekaldt. Linket virker ikke længere.")
        )
        return HttpResponseRedirect(
            reverse("reporting:catalogue", args=[self.get_project().pk]) + "#webudgave"
        )


APP_BAR = "<!--synergi:app-bar-->"


@method_decorator(never_cache, name="dispatch")
class PublicationReadView(ProjectScopedMixin, PermissionRequiredMixin, TemplateView):
    """The published web edition inside the app, for every member of the project
    (the steering group, coordinators, the consultant): the same HTML readers of the
    link see, with a way back into the app; a page saying so when none is
    published."""

    permission_required = "reporting.read_catalogue"
    template_name = "reporting/catalogue/publication_read.html"
    project_section = "catalogue"

    def get(self, request, *args, **kwargs):
        project = self.get_project()
        publication = selectors.live_publication(
            catalogue=selectors.catalogue_of(project=project)
        )
        if publication is None:
            return super().get(request, *args, **kwargs)
        bar = render_to_string(
            "reporting/catalogue/web_app_bar.html",
            {"project": project, "publication": publication},
            request=request,
        )
        html = pdf.current_static_urls(publication.html).replace(APP_BAR, bar, 1)
        return HttpResponse(html)


# The web edition's own pages: no login; the token is the key. An unknown, revoked
# or malformed token is the same 404 (one lookup, the same message).

PUBLIC_HEADERS = {"X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer"}


def _public(response, request):
    """Not indexed, no address passed on to the sites it links to, and asked again
    each time (a revoked link stops working at the next reload). A signed-in reader
    gets no-store like every response to them (core.middleware)."""
    for name, value in PUBLIC_HEADERS.items():
        response[name] = value
    if not request.user.is_authenticated:
        response["Cache-Control"] = "private, no-cache"
    return response


class PublicationMixin:
    public = True

    def get_publication(self):
        publication = selectors.publication_by_token(token=self.kwargs["token"])
        if publication is None:
            raise Http404(_("Siden findes ikke."))
        return publication


@method_decorator(login_not_required, name="dispatch")
class PublicationView(PublicationMixin, View):
    """The web edition as published (GET /k/<token>/)."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        publication = self.get_publication()
        return _public(HttpResponse(pdf.current_static_urls(publication.html)), request)


@method_decorator(login_not_required, name="dispatch")
class PublicationPdfView(PublicationMixin, View):
    """The PDF offered with the web edition; a page saying it is on its way while it
    is being made (503, Retry-After)."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        publication = self.get_publication()
        render_ = selectors.publication_pdf(publication=publication)
        if render_ is None:
            response = render(
                request,
                "reporting/catalogue/publication_pdf_pending.html",
                {"publication": publication, "catalogue": publication.catalogue},
                status=503,
            )
            response["Retry-After"] = "60"
            return _public(response, request)
        return _public(
            pdf_download(
                render_,
                publication.catalogue.title,
                f"{publication.created_at:%Y-%m-%d}",
            ),
            request,
        )


@method_decorator(login_not_required, name="dispatch")
class PublicationPhotoView(PublicationMixin, View):
    """A photo the web edition shows (no other photo is served here)."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        photo = selectors.publication_photo(
            publication=self.get_publication(), photo_id=self.kwargs["photo_id"]
        )
        if photo is None:
            raise Http404(_("Siden findes ikke."))
        try:
            handle = photo.file.open("rb")
        except OSError as error:
            raise Http404(_("Siden findes ikke.")) from error
        response = FileResponse(handle, content_type=photo.content_type)
        response["Content-Disposition"] = (
            f'inline; filename="foto-{photo.pk}.{photo.extension}"'
        )
        return _public(response, request)


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
