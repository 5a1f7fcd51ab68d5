from django.contrib import admin

from .models import Catalogue, CatalogueChapter, CatalogueRender


class ChapterInline(admin.TabularInline):
    model = CatalogueChapter
    fields = ["position", "initiative", "included", "recommendation"]
    extra = 0


@admin.register(Catalogue)
class CatalogueAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "updated_at"]
    inlines = [ChapterInline]


@admin.register(CatalogueChapter)
class CatalogueChapterAdmin(admin.ModelAdmin):
    list_display = ["initiative", "catalogue", "position", "included", "recommendation"]
    list_filter = ["included", "recommendation"]
    filter_horizontal = ["quotes", "photos"]


@admin.register(CatalogueRender)
class CatalogueRenderAdmin(admin.ModelAdmin):
    """Read-only: a PDF's state is the services' and the worker's (services.py,
    rendering.py); old PDFs can still be deleted here."""

    list_display = ["catalogue", "status", "progress", "pages", "reused", "created_at"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
