"""Test guides: written by the consultant per initiative; published versions are kept."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from projects.scoping import Scope, ScopedQuerySet

# The guide's parts, in the order they are shown and printed.
GUIDE_FIELDS = [
    ("purpose", _("Formål")),
    ("hypothesis", _("Hypotese og forventet effekt")),
    ("target_group", _("Målgruppe")),
    ("activities", _("Aktiviteter trin for trin")),
    ("materials", _("Materialer")),
    ("responsible", _("Hvem er ansvarlig")),
    ("registration", _("Hvad registreres, og hvordan")),
    ("success_criteria", _("Succeskriterier")),
    ("schedule", _("Tidsplan")),
]


class GuideContent(models.Model):
    """Abstract: the text of a guide (the draft, or one published version)."""

    purpose = models.TextField(_("formål"), blank=True)
    hypothesis = models.TextField(_("hypotese og forventet effekt"), blank=True)
    target_group = models.TextField(_("målgruppe"), blank=True)
    activities = models.JSONField(
        _("aktiviteter trin for trin"), default=list, blank=True
    )
    materials = models.TextField(_("materialer"), blank=True)
    responsible = models.TextField(_("hvem er ansvarlig"), blank=True)
    registration = models.TextField(_("hvad registreres, og hvordan"), blank=True)
    success_criteria = models.TextField(_("succeskriterier"), blank=True)
    schedule = models.JSONField(
        _("tidsplan"),
        default=list,
        blank=True,
        help_text=_("[[ISO-uge, aktivitet], …]"),
    )
    # The success criteria as rules the app checks (testing/criteria.py): a list of
    # plain dicts, kept with the version they were published in.
    criteria = models.JSONField(
        _("succeskriterier som regler"), default=list, blank=True
    )

    class Meta:
        abstract = True

    def content(self):
        return {
            **{name: getattr(self, name) for name, _label in GUIDE_FIELDS},
            "criteria": self.criteria,
        }


class TestGuide(GuideContent, TimeStampedModel):
    """The consultant's working draft of an initiative's test guide."""

    __test__ = False  # not a pytest test class, whatever its name

    initiative = models.OneToOneField(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="test_guide",
        verbose_name=_("tiltag"),
    )

    scope = Scope(project="initiative__project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("testguide")
        verbose_name_plural = _("testguides")

    def __str__(self):
        return str(self.initiative)

    def get_absolute_url(self):
        return reverse("testing:testguide_detail", args=[self.initiative_id])

    @property
    def project_id(self):
        return self.initiative.project_id


class TestGuideVersion(GuideContent):
    """A published version of a guide: what coordinators read. Never edited."""

    __test__ = False  # not a pytest test class, whatever its name

    guide = models.ForeignKey(
        TestGuide,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("testguide"),
    )
    number = models.PositiveIntegerField(_("version"))
    change_note = models.TextField(_("hvad er ændret"), blank=True)
    published_at = models.DateTimeField(_("udgivet"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("udgivet af"),
    )

    scope = Scope(project="guide__initiative__project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("udgivet testguide")
        verbose_name_plural = _("udgivne testguides")
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "number"], name="%(app_label)s_%(class)s_unique_number"
            ),
        ]

    def __str__(self):
        return f"{self.guide} v{self.number}"
