"""The analysis the workshop works from: vocabularies, themes, solution spaces, service cards."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from projects.scoping import Scope, ScopedQuerySet


class Vocabulary(models.TextChoices):
    LIFE_SITUATION = "life_situation", _("Livssituationer")
    COMPETENCE_PROFILE = "competence_profile", _("Kompetenceprofiler")
    JOURNEY_STAGE = "journey_stage", _("Brugerrejsens faser")
    TARGET_GROUP = "target_group", _("Målgrupper")
    QUOTE_TAG = "quote_tag", _("Emner for citater")


class Term(TimeStampedModel):
    """A word in one of the project's vocabularies the consultant keeps (e.g. a target group)."""

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="terms",
        verbose_name=_("forløb"),
    )
    vocabulary = models.CharField(
        _("ordliste"), max_length=30, choices=Vocabulary.choices
    )
    name = models.CharField(_("navn"), max_length=150)
    description = models.TextField(_("beskrivelse"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("rækkefølge"), default=0, help_text=_("Lavere tal vises først.")
    )

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["vocabulary", "position", "name"]
        verbose_name = _("begreb")
        verbose_name_plural = _("begreber")
        constraints = [
            models.UniqueConstraint(
                "project",
                "vocabulary",
                Lower("name"),
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_("Ordlisten har allerede dette begreb."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:term_list", args=[self.project_id])


class Theme(TimeStampedModel):
    """A theme (*tema*) of the analysis, e.g. “Henvis besøgende til eksisterende tilbud”."""

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="themes",
        verbose_name=_("forløb"),
    )
    name = models.CharField(_("navn"), max_length=200)
    synergy = models.TextField(
        _("synergi"), blank=True, help_text=_("Hvor ligger synergipotentialet?")
    )
    barriers = models.TextField(_("barrierer"), blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        constraints = [
            models.UniqueConstraint(
                "project",
                Lower("name"),
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_(
                    "Forløbet har allerede et tema med dette navn."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return (
            reverse("initiatives:analysis", args=[self.project_id])
            + f"#theme-{self.pk}"
        )


class SolutionSpace(TimeStampedModel):
    """A solution space (*løsningsrum*) under a theme, with its guiding question."""

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="solution_spaces",
        verbose_name=_("forløb"),
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        related_name="solution_spaces",
        verbose_name=_("tema"),
    )
    name = models.CharField(_("navn"), max_length=200)
    guiding_question = models.CharField(
        _("styrende spørgsmål"),
        max_length=300,
        help_text=_("Formuleret som “Hvordan kan vi …?”"),
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    recommendations = models.JSONField(
        _("anbefalinger og løsningsforslag"), default=list, blank=True
    )
    sites = models.ManyToManyField(
        "sites.Site",
        blank=True,
        related_name="solution_spaces",
        verbose_name=_("steder der arbejder med løsningsrummet"),
    )
    services = models.ManyToManyField(
        "sites.CitizenService",
        blank=True,
        related_name="solution_spaces",
        verbose_name=_("ydelser"),
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["theme__position", "position", "name"]
        verbose_name = _("løsningsrum")
        verbose_name_plural = pgettext_lazy("plural", "løsningsrum")
        constraints = [
            models.UniqueConstraint(
                "project",
                Lower("name"),
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_(
                    "Forløbet har allerede et løsningsrum med dette navn."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:solutionspace_detail", args=[self.pk])


class CommunicationChannel(models.TextChoices):
    WAITING_AREA = "waiting_area", _("Visuel henvisning i venteområdet")
    ORAL = "oral", _("Mundtlig henvisning under betjening")
    BROCHURE = "brochure", _("Brochure")
    SCREEN = "screen", _("Info på skærm")
    EVENTS = "events", _("Arrangementer")
    LETTER = "letter", _("Brev eller mail")


class ServiceSynergyCard(TimeStampedModel):
    """The deck's card for a service (or for library visitors): five parts."""

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="service_cards",
        verbose_name=_("forløb"),
    )
    service = models.ForeignKey(
        "sites.CitizenService",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="synergy_cards",
        verbose_name=_("ydelse"),
        help_text=_(
            "Lad feltet stå tomt for et kort om en gruppe, fx biblioteksbesøgende."
        ),
    )
    title = models.CharField(_("titel"), max_length=150)
    the_service = models.TextField(_("ydelsen"), blank=True)
    the_citizen = models.TextField(_("borgeren"), blank=True)
    library_synergy = models.TextField(_("bibliotekssynergi"), blank=True)
    channels = models.JSONField(_("kommunikationskanaler"), default=list, blank=True)
    communication = models.TextField(_("kommunikation"), blank=True)
    challenge = models.TextField(_("udfordring"), blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("synergikort")
        verbose_name_plural = pgettext_lazy("plural", "synergikort")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "service"],
                condition=Q(service__isnull=False),
                name="%(app_label)s_%(class)s_unique_service",
                violation_error_message=_(
                    "Forløbet har allerede et kort for denne ydelse."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:servicesynergycard_detail", args=[self.pk])

    def get_channels_display(self):
        labels = dict(CommunicationChannel.choices)
        return [labels[c] for c in self.channels if c in labels]
