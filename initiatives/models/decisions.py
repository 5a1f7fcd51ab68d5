"""The steering group's meetings and its decision log: decisions on presented ideas
and verdicts on initiatives whose test has run."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from projects.scoping import Scope, ScopedQuerySet

from .ideas import DecisionOutcome

DEFAULT_MEETING_TITLE = "Styregruppemøde"


class Verdict(models.TextChoices):
    """The steering group's verdict on a tested initiative (and the catalogue's
    recommendation: reporting.models.Recommendation is this)."""

    CONTINUE = "continue", _("Fortsæt")
    ADJUST = "adjust", _("Justér og fortsæt")
    STOP = "stop", _("Stop")


class Meeting(TimeStampedModel):
    """A meeting of the project's steering group, where decisions are recorded."""

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("forløb"),
    )
    title = models.CharField(_("titel"), max_length=200, default=DEFAULT_MEETING_TITLE)
    held_on = models.DateField(_("dato"))
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="steering_meetings",
        verbose_name=_("deltagere"),
    )
    notes = models.TextField(_("noter"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )

    # The steering group's and the consultant's: coordinators do not see meetings.
    scope = Scope(project="project", whole_project_only=True)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("styregruppemøde")
        verbose_name_plural = _("styregruppemøder")

    def __str__(self):
        return f"{self.title}, {formats.date_format(self.held_on, 'DATE_FORMAT')}"

    def get_absolute_url(self):
        return reverse("initiatives:meeting_detail", args=[self.pk])


class Decision(TimeStampedModel):
    """One entry of the steering group's decision log: a decision on a presented idea
    (`idea`, outcome a DecisionOutcome) or a verdict on a tested initiative
    (`initiative`, outcome a Verdict), maybe made at a meeting."""

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("forløb"),
    )
    idea = models.ForeignKey(
        "initiatives.Idea",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("idé"),
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("tiltag"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("møde"),
    )
    outcome = models.CharField(
        _("beslutning"),
        max_length=20,
        choices=[*DecisionOutcome.choices, *Verdict.choices],
    )
    rationale = models.TextField(_("begrundelse"))
    decided_on = models.DateField(_("besluttet den"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registreret af"),
    )

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-created_at"]
        get_latest_by = ["decided_on", "created_at"]
        verbose_name = _("beslutning")
        verbose_name_plural = _("beslutninger")
        constraints = [
            models.CheckConstraint(
                condition=Q(idea__isnull=False, initiative__isnull=True)
                | Q(idea__isnull=True, initiative__isnull=False),
                name="%(app_label)s_%(class)s_one_subject",
                violation_error_message=_(
                    "En beslutning gælder enten en idé eller et tiltag."
                ),
            ),
            models.CheckConstraint(
                condition=Q(idea__isnull=False, outcome__in=DecisionOutcome.values)
                | Q(initiative__isnull=False, outcome__in=Verdict.values),
                name="%(app_label)s_%(class)s_outcome_fits_subject",
                violation_error_message=_(
                    "Beslutningen passer ikke til det, der besluttes om."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.subject}: {self.get_outcome_display()}"

    @property
    def subject(self):
        """The idea or the initiative the decision is about."""
        return self.idea if self.idea_id else self.initiative

    @property
    def is_verdict(self) -> bool:
        """A verdict on a tested initiative (not a decision on an idea)."""
        return self.initiative_id is not None

    def get_absolute_url(self):
        return self.subject.get_absolute_url()
