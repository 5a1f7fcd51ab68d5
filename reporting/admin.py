from django.contrib import admin

from core.admin import OwnedStateAdmin, OwnedStateTabularInline
from core.owned_state import ALL

from .models import (
    Catalogue,
    CatalogueChapter,
    CataloguePublication,
    CatalogueRender,
)

# A render is the PDF worker's record of one job (status, progress, file, failure):
# only reporting's services and tasks write it, so admin shows it read-only
# (core.owned_state). It belongs next to those services: move it there once the
# reporting split is merged.
OWNED_STATE = {CatalogueRender: ALL, CataloguePublication: ALL}


class ChapterInline(OwnedStateTabularInline):
    model = CatalogueChapter
    fields = ["position", "initiative", "included", "recommendation"]
    extra = 0


@admin.register(Catalogue)
class CatalogueAdmin(OwnedStateAdmin):
    list_display = ["title", "project", "updated_at"]
    inlines = [ChapterInline]


@admin.register(CatalogueChapter)
class CatalogueChapterAdmin(OwnedStateAdmin):
    list_display = ["initiative", "catalogue", "position", "included", "recommendation"]
    list_filter = ["included", "recommendation"]
    filter_horizontal = ["quotes", "photos"]


@admin.register(CatalogueRender)
class CatalogueRenderAdmin(OwnedStateAdmin):
    """Read-only: a PDF's state is the services' and the worker's (services.py,
    rendering.py); old PDFs can still be deleted here."""

    list_display = ["catalogue", "status", "progress", "pages", "reused", "created_at"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Not a history: an old PDF (and its file) may be deleted to free space.
        return admin.ModelAdmin.has_delete_permission(self, request, obj)


@admin.register(CataloguePublication)
class CataloguePublicationAdmin(OwnedStateAdmin):
    """Read-only: published and revoked on the catalogue's page (services.py), so the
    audit trail has each; the HTML is what readers of the link saw."""

    list_display = ["catalogue", "created_at", "published_by", "revoked_at"]
    list_filter = ["revoked_at"]
    exclude = ["html"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
