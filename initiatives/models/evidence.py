"""Evidence from the field work: interviews and the citizens' quotes."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from projects.scoping import Scope, ScopedQuerySet

# "k:" and the key column's value, or "h:" and a hash of the row (fieldimport/).
IMPORT_KEY_LENGTH = 80


class AgeBand(models.TextChoices):
    UNDER_18 = "0-17", _("0–17 år")
    FROM_18 = "18-29", _("18–29 år")
    FROM_30 = "30-49", _("30–49 år")
    FROM_50 = "50-69", _("50–69 år")
    FROM_70 = "70+", _("70+ år")


class InterviewLength(models.TextChoices):
    SHORT = "short", _("Kort")
    LONG = "long", _("Langt")


class Interview(TimeStampedModel):
    """One interview with a citizen during the field visits."""

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="interviews",
        verbose_name=_("forløb"),
    )
    site = models.ForeignKey(
        "sites.Site",
        on_delete=models.PROTECT,
        related_name="interviews",
        verbose_name=_("sted"),
    )
    service = models.ForeignKey(
        "sites.CitizenService",
        on_delete=models.PROTECT,
        related_name="interviews",
        verbose_name=_("ydelse"),
        help_text=_("Det ærinde, borgeren kom med."),
    )
    age_band = models.CharField(
        _("aldersgruppe"), max_length=5, choices=AgeBand.choices
    )
    held_on = models.DateField(_("dato"), null=True, blank=True)
    length = models.CharField(
        _("længde"),
        max_length=5,
        choices=InterviewLength.choices,
        default=InterviewLength.SHORT,
    )
    notes = models.TextField(_("noter"), blank=True)
    import_key = models.CharField(
        _("importnøgle"),
        max_length=IMPORT_KEY_LENGTH,
        blank=True,
        editable=False,
        help_text=_("Rækkens nøgle i det regneark, interviewet blev importeret fra."),
    )

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "site__name"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "import_key"],
                condition=~models.Q(import_key=""),
                name="interview_import_key_unique_in_project",
            )
        ]

    def __str__(self):
        return f"{self.service} · {self.get_age_band_display()} · {self.site}"

    def get_absolute_url(self):
        return reverse("initiatives:interview_list", args=[self.project_id])


class Quote(TimeStampedModel):
    """A citizen's words. Personal data: published only with consent, after review."""

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="quotes",
        verbose_name=_("forløb"),
    )
    text = models.TextField(_("citat"))
    speaker_label = models.CharField(
        _("hvem siger det"),
        max_length=150,
        help_text=_(
            "Fx “Lone, 61 år, nyt pas”. Vises kun med samtykke til andre end projektgruppen."
        ),
    )
    age_band = models.CharField(
        _("aldersgruppe"), max_length=5, choices=AgeBand.choices, blank=True
    )
    service = models.ForeignKey(
        "sites.CitizenService",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("ydelse"),
    )
    site = models.ForeignKey(
        "sites.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("sted"),
    )
    interview = models.ForeignKey(
        Interview,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("interview"),
    )
    tags = models.ManyToManyField(
        "initiatives.Term", blank=True, related_name="quotes", verbose_name=_("emner")
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        blank=True,
        related_name="quotes",
        verbose_name=pgettext_lazy("plural", "tiltag"),
        help_text=_("De tiltag, citatet siger noget om."),
    )
    test_week = models.DateField(
        _("uge i afprøvningen"),
        null=True,
        blank=True,
        help_text=_(
            "Mandagen i den testuge, ordene blev sagt (citater fra et testskema); "
            "tom for citater fra feltarbejdet."
        ),
    )
    consent_to_publish = models.BooleanField(
        _("samtykke til offentliggørelse"), default=False
    )
    reviewed = models.BooleanField(_("gennemgået af konsulenten"), default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gennemgået af"),
    )
    import_key = models.CharField(
        _("importnøgle"),
        max_length=IMPORT_KEY_LENGTH,
        blank=True,
        editable=False,
        help_text=_("Rækkens nøgle i det regneark, citatet blev importeret fra."),
    )

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("citat")
        verbose_name_plural = _("citater")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "import_key"],
                condition=~models.Q(import_key=""),
                name="quote_import_key_unique_in_project",
            )
        ]

    def __str__(self):
        words = self.text.split()
        return " ".join(words[:8]) + (" …" if len(words) > 8 else "")

    def get_absolute_url(self):
        return (
            reverse("initiatives:evidence", args=[self.project_id])
            + f"#quote-{self.pk}"
        )

    @property
    def origin_label(self) -> str:
        """Where and when the words were said, for a reader of the catalogue: "fra
        feltarbejdet maj 2017", "fra afprøvningen uge 39 2017", or "" when unknown.
        Reads `interview` (select it with the quote)."""
        if self.test_week is not None:
            year, week, _day = self.test_week.isocalendar()
            return str(
                _("fra afprøvningen uge %(week)s %(year)s")
                % {"week": week, "year": year}
            )
        interview = self.interview if self.interview_id is not None else None
        if interview is not None and interview.held_on is not None:
            month = formats.date_format(interview.held_on, "YEAR_MONTH_FORMAT")
            return str(_("fra feltarbejdet %(month)s") % {"month": month.lower()})
        if interview is not None:
            return str(_("fra feltarbejdet"))
        return ""

    @property
    def anonymous_label(self):
        """What is shown instead of the speaker where the speaker may not be shown."""
        if self.age_band:
            return _("Borger, %(age)s") % {"age": self.get_age_band_display()}
        return _("Borger")
