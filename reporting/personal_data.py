"""What the catalogue's tables hold, for the personal-data inventory (core/inventory.py):
"app.Model.field": (category, retention)."""

from core.inventory import (
    ACCOUNT,
    CITIZEN,
    FREE_TEXT,
    NONE,
    PROJECT,
    PURGE,
    STAFF,
    register,
)

register(
    {
        # reporting.Catalogue
        "reporting.Catalogue.id": (NONE, PROJECT),
        "reporting.Catalogue.created_at": (NONE, PROJECT),
        "reporting.Catalogue.updated_at": (NONE, PROJECT),
        "reporting.Catalogue.project": (NONE, PROJECT),
        "reporting.Catalogue.title": (NONE, PROJECT),
        "reporting.Catalogue.subtitle": (NONE, PROJECT),
        "reporting.Catalogue.period": (NONE, PROJECT),
        "reporting.Catalogue.introduction": (FREE_TEXT, PROJECT),
        "reporting.Catalogue.method": (FREE_TEXT, PROJECT),
        "reporting.Catalogue.colophon": (STAFF, PROJECT),
        "reporting.Catalogue.author": (STAFF, PROJECT),
        # reporting.CatalogueChapter
        "reporting.CatalogueChapter.id": (NONE, PROJECT),
        "reporting.CatalogueChapter.created_at": (NONE, PROJECT),
        "reporting.CatalogueChapter.updated_at": (NONE, PROJECT),
        "reporting.CatalogueChapter.catalogue": (NONE, PROJECT),
        "reporting.CatalogueChapter.initiative": (NONE, PROJECT),
        "reporting.CatalogueChapter.position": (NONE, PROJECT),
        "reporting.CatalogueChapter.included": (NONE, PROJECT),
        "reporting.CatalogueChapter.why_and_what": (FREE_TEXT, PROJECT),
        "reporting.CatalogueChapter.where_and_how": (FREE_TEXT, PROJECT),
        "reporting.CatalogueChapter.what_worked": (FREE_TEXT, PROJECT),
        "reporting.CatalogueChapter.what_did_not": (FREE_TEXT, PROJECT),
        "reporting.CatalogueChapter.resources": (FREE_TEXT, PROJECT),
        "reporting.CatalogueChapter.learnings": (FREE_TEXT, PROJECT),
        "reporting.CatalogueChapter.recommendation": (NONE, PROJECT),
        "reporting.CatalogueChapter.recommendation_text": (FREE_TEXT, PROJECT),
        "reporting.CatalogueChapter.getting_started": (FREE_TEXT, PROJECT),
        # reporting.CatalogueRender
        "reporting.CatalogueRender.id": (NONE, PROJECT),
        "reporting.CatalogueRender.created_at": (NONE, PROJECT),
        "reporting.CatalogueRender.updated_at": (NONE, PROJECT),
        "reporting.CatalogueRender.catalogue": (NONE, PROJECT),
        "reporting.CatalogueRender.status": (NONE, PROJECT),
        "reporting.CatalogueRender.progress": (NONE, PROJECT),
        "reporting.CatalogueRender.step": (NONE, PROJECT),
        "reporting.CatalogueRender.content_hash": (NONE, PROJECT),
        "reporting.CatalogueRender.file": (CITIZEN, PURGE),
        "reporting.CatalogueRender.pages": (NONE, PROJECT),
        "reporting.CatalogueRender.size": (NONE, PROJECT),
        "reporting.CatalogueRender.reused": (NONE, PROJECT),
        "reporting.CatalogueRender.error": (FREE_TEXT, PROJECT),
        "reporting.CatalogueRender.requested_by": (STAFF, ACCOUNT),
        "reporting.CatalogueRender.started_at": (NONE, PROJECT),
        "reporting.CatalogueRender.failure": (NONE, PROJECT),
        "reporting.CatalogueRender.task_id": (NONE, PROJECT),
        "reporting.CatalogueRender.progress_at": (NONE, PROJECT),
        "reporting.CatalogueRender.finished_at": (NONE, PROJECT),
    }
)
