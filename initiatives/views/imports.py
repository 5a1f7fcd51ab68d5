"""Importing field notes: the upload page with the columns documented and the
templates, the preview of every row, and the confirmation."""

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView

from core.generic import PermissionRequiredMixin, VisibleRowsMixin, audit_note
from core.services import StateConflict
from projects.generic import ProjectScopedMixin

from ..fieldimport import services
from ..fieldimport.columns import COLUMNS
from ..fieldimport.reading import MAX_FILE_BYTES, MAX_ROWS
from ..fieldimport.templates import allowed_values, template_csv, template_xlsx
from ..forms import FieldImportForm
from ..models import FieldImport, ImportKind, ImportStatus

PERMISSION = "initiatives.import_field_notes"
TITLES = {
    ImportKind.INTERVIEWS: gettext_lazy("Importér interviews"),
    ImportKind.QUOTES: gettext_lazy("Importér citater"),
}


def kind_or_404(value):
    if value not in ImportKind.values:
        raise Http404
    return ImportKind(value)


def list_url(field_import_or_project, kind):
    project_pk = getattr(field_import_or_project, "project_id", None)
    if project_pk is None:
        project_pk = field_import_or_project.pk
    if kind == ImportKind.INTERVIEWS:
        return reverse("initiatives:interview_list", args=[project_pk])
    return reverse("initiatives:evidence", args=[project_pk])


@method_decorator(never_cache, name="dispatch")
class FieldImportCreateView(ProjectScopedMixin, PermissionRequiredMixin, FormView):
    """Upload a file; the page documents the columns and offers the templates."""

    permission_required = PERMISSION
    form_class = FieldImportForm
    template_name = "initiatives/fieldimport_form.html"
    project_section = "evidence"

    def get_kind(self):
        return kind_or_404(self.kwargs["kind"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.get_kind()
        project = self.get_project()
        context.update(
            kind=kind,
            page_title=TITLES[kind],
            columns=COLUMNS[kind],
            values=allowed_values(project),
            max_megabytes=MAX_FILE_BYTES // 1024 // 1024,
            max_rows=MAX_ROWS,
            cancel_url=list_url(project, kind),
            error_heading=_("Filen kan ikke importeres:"),
            other_kind=(
                ImportKind.QUOTES
                if kind == ImportKind.INTERVIEWS
                else ImportKind.INTERVIEWS
            ),
        )
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            field_import = services.field_import_upload(
                project=self.get_project(),
                kind=self.get_kind(),
                file_name=upload.name or "",
                data=upload.read(),
                user=self.request.user,
            )
        except services.FileRefused as refusal:
            form.add_error("file", str(refusal))
            return self.form_invalid(form)
        audit_note(self.request, instance=field_import)
        return HttpResponseRedirect(field_import.get_absolute_url())


class FieldImportTemplateView(ProjectScopedMixin, PermissionRequiredMixin, View):
    """The template for a kind of import: header row and one example row."""

    permission_required = PERMISSION

    def get(self, request, *args, **kwargs):
        kind = kind_or_404(kwargs["kind"])
        project = self.get_project()
        if kwargs["fmt"] == "xlsx":
            body = template_xlsx(project, kind)
            content_type = (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
        elif kwargs["fmt"] == "csv":
            body = template_csv(project, kind)
            content_type = "text/csv; charset=utf-8"
        else:
            raise Http404
        response = HttpResponse(body, content_type=content_type)
        name = f"synergi-{kind}-skabelon.{kwargs['fmt']}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


def preview_context(field_import, preview=None, error=None):
    return {
        "object": field_import,
        "project": field_import.project,
        "project_section": "evidence",
        "page_title": TITLES[ImportKind(field_import.kind)],
        "preview": preview,
        "refusal": error,
        "list_url": list_url(field_import, field_import.kind),
        "upload_url": reverse(
            "initiatives:fieldimport_create",
            args=[field_import.project_id, field_import.kind],
        ),
    }


@method_decorator(never_cache, name="dispatch")
class FieldImportDetailView(PermissionRequiredMixin, VisibleRowsMixin, DetailView):
    """A pending import's preview (every row, its status and errors), or what a
    confirmed import did."""

    permission_required = PERMISSION
    model = FieldImport
    template_name = "initiatives/fieldimport_detail.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return render(request, self.template_name, self.build_context())

    def build_context(self):
        field_import = self.object
        preview = error = ignored = None
        if field_import.status == ImportStatus.PENDING:
            try:
                preview = services.field_import_preview(field_import=field_import)
                ignored, _rows = services.held_rows(field_import)
            except services.ImportExpired as expired:
                error = str(expired)
        context = preview_context(field_import, preview, error)
        context["ignored"] = ignored
        context["expired"] = error is not None
        return context


class FieldImportConfirmView(PermissionRequiredMixin, VisibleRowsMixin, DetailView):
    """POST only: import the rows the preview showed as valid, once."""

    permission_required = PERMISSION
    model = FieldImport
    http_method_names = ["post"]
    template_name = "initiatives/fieldimport_detail.html"

    def post(self, request, *args, **kwargs):
        field_import = self.object = self.get_object()
        digest = str(request.POST.get("digest", ""))[:64]
        # The service writes the audit event (ids and counts) itself.
        audit_note(request, skip=True)
        try:
            field_import = services.field_import_confirm(
                field_import=field_import, digest=digest, user=request.user
            )
        except services.ImportAlreadyDone as done:
            messages.info(
                request,
                str(done) + " " + _("Intet er importeret to gange."),
            )
            return HttpResponseRedirect(field_import.get_absolute_url())
        except services.ImportExpired as expired:
            messages.error(request, str(expired))
            return HttpResponseRedirect(
                reverse(
                    "initiatives:fieldimport_create",
                    args=[field_import.project_id, field_import.kind],
                )
            )
        except (StateConflict, IntegrityError) as conflict:
            field_import.refresh_from_db()
            message = (
                str(conflict)
                if isinstance(conflict, StateConflict)
                else _(
                    "Nogle af rækkerne blev importeret samtidig et andet sted. "
                    "Intet er gemt; se forhåndsvisningen igen, og bekræft."
                )
            )
            detail = FieldImportDetailView(request=request, kwargs=kwargs)
            detail.object = field_import
            context = detail.build_context()
            context["conflict"] = message
            return render(request, self.template_name, context, status=409)
        messages.success(request, imported_message(field_import))
        return HttpResponseRedirect(list_url(field_import, field_import.kind))


def imported_message(field_import):
    if field_import.kind == ImportKind.INTERVIEWS:
        done = ngettext(
            "%(count)s interview er importeret.",
            "%(count)s interviews er importeret.",
            field_import.imported_count,
        )
    else:
        done = ngettext(
            "%(count)s citat er importeret. Det skal gennemgås, før styregruppen "
            "kan læse det.",
            "%(count)s citater er importeret. De skal gennemgås, før styregruppen "
            "kan læse dem.",
            field_import.imported_count,
        )
    parts = [done % {"count": field_import.imported_count}]
    if field_import.skipped_count:
        parts.append(
            ngettext(
                "%(count)s række med fejl er sprunget over.",
                "%(count)s rækker med fejl er sprunget over.",
                field_import.skipped_count,
            )
            % {"count": field_import.skipped_count}
        )
    if field_import.duplicate_count:
        parts.append(
            ngettext(
                "%(count)s række var allerede importeret.",
                "%(count)s rækker var allerede importeret.",
                field_import.duplicate_count,
            )
            % {"count": field_import.duplicate_count}
        )
    return " ".join(parts)
