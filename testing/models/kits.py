"""The library of test kits, and the record of what was copied from where.

A test kit is a stored snapshot of an initiative's test guide (with its success
criteria) and schema templates, as the document of testing/kits.py: the file a kit
is exported as is the kit itself, so there is one definition of what a kit holds.
Later edits to the initiative it came from do not change it.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from projects.scoping import Scope, ScopedQuerySet


class TestKit(TimeStampedModel):
    """A reusable guide + schema(s) + success criteria, shared by the consultants of
    every project (Scope.consultants: coordinators and the steering group see none)."""

    __test__ = False  # not a pytest test class, whatever its name

    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    # The kit as its document (testing/kits.py, format "synergi-testkit").
    document = models.JSONField(_("indhold"), default=dict)
    # sha256 of the document: the same kit is not put in the library twice.
    digest = models.CharField(max_length=64, editable=False)
    source = models.CharField(
        _("kilde"),
        max_length=300,
        blank=True,
        help_text=_("Hvor testkittet kom fra, fx forløbet og tiltaget."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )

    scope = Scope.consultants()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "-created_at"]
        verbose_name = _("testkit")
        verbose_name_plural = _("testkits")
        constraints = [
            models.UniqueConstraint(
                fields=["digest"],
                name="%(app_label)s_%(class)s_unique_content",
                violation_error_message=_(
                    "Biblioteket har allerede et testkit med præcis dette indhold."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("testing:testkit_detail", args=[self.pk])


class CopyKind(models.TextChoices):
    PROJECT = "project", _("Forløb kopieret fra et tidligere forløb")
    KIT = "kit", _("Tiltag startet fra et testkit")


class CopyRecord(models.Model):
    """One copy made: a project from an earlier project, or an initiative from a kit.

    `key` is the one-time key of the page the copy was confirmed on: a second send
    of that page (a double click, a reload) finds this row and makes nothing."""

    key = models.CharField(max_length=64, unique=True, editable=False)
    kind = models.CharField(_("slags"), max_length=20, choices=CopyKind.choices)
    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="copy_records",
        verbose_name=_("forløb"),
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tiltag"),
    )
    source_project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kopieret fra forløbet"),
    )
    kit = models.ForeignKey(
        TestKit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("testkit"),
    )
    source = models.CharField(_("kilde"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kopieret af"),
    )
    created_at = models.DateTimeField(_("kopieret"), auto_now_add=True)

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("kopiering")
        verbose_name_plural = _("kopieringer")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.source}"

    def get_absolute_url(self):
        if self.initiative_id:
            return self.initiative.get_absolute_url()
        return self.project.get_absolute_url()
