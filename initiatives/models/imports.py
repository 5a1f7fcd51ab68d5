"""Field notes imported from a spreadsheet: the upload held between its preview and
the consultant's confirmation (initiatives/fieldimport/ reads and checks it)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from projects.scoping import Scope, ScopedQuerySet


class ImportKind(models.TextChoices):
    INTERVIEWS = "interviews", _("interviews")
    QUOTES = "quotes", _("citater")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("venter på bekræftelse")
    IMPORTED = "imported", _("importeret")


class FieldImport(TimeStampedModel):
    """One uploaded file of interviews or quotes, read but not yet saved.

    The file itself is not kept: `columns` names what each column holds and `rows`
    holds the cells as text (JSON lists of strings, no keys, so an erasure that
    blanks a name inside it leaves it readable). The rows are citizens' words until
    the import is confirmed; then they are emptied and only the counts stay. A
    pending import expires after FIELD_IMPORT_HOLD_HOURS and is deleted.
    """

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="field_imports",
        verbose_name=_("forløb"),
    )
    kind = models.CharField(_("indhold"), max_length=10, choices=ImportKind.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ImportStatus.choices,
        default=ImportStatus.PENDING,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploadet af"),
    )
    file_name = models.CharField(_("filnavn"), max_length=200, blank=True)
    columns = models.JSONField(_("kolonner"), default=list, blank=True)
    rows = models.TextField(_("rækker"), blank=True)
    expires_at = models.DateTimeField(_("udløber"))
    imported_at = models.DateTimeField(_("importeret den"), null=True, blank=True)
    imported_count = models.PositiveIntegerField(_("rækker importeret"), default=0)
    skipped_count = models.PositiveIntegerField(
        _("rækker med fejl sprunget over"), default=0
    )
    duplicate_count = models.PositiveIntegerField(
        _("rækker allerede importeret"), default=0
    )

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import af feltnoter")
        verbose_name_plural = _("importer af feltnoter")

    def __str__(self):
        return str(
            _("Import af %(kind)s nr. %(number)s")
            % {"kind": self.get_kind_display(), "number": self.pk}
        )

    def get_absolute_url(self):
        return reverse("initiatives:fieldimport_detail", args=[self.pk])
