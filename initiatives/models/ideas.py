"""Workshop ideas, their screening and the phases they move through (the steering
group's decision on them is in decisions.py)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from projects.scoping import Scope, ScopedQuerySet

from .analysis import Vocabulary


class IdeaPhase(models.TextChoices):
    """The workshop's phases, in order."""

    PROPOSED = "proposed", _("Foreslået")
    SCREENED = "screened", _("Screenet")
    SHORTLISTED = "shortlisted", _("Udvalgt til præsentation")
    PRESENTED = "presented", _("Præsenteret for styregruppen")
    DECIDED = "decided", _("Besluttet")

    @classmethod
    def index(cls, phase):
        return cls.values.index(phase)


class DecisionOutcome(models.TextChoices):
    SELECTED = "selected", _("Udvalgt til afprøvning")
    PARKED = "parked", _("Parkeret")
    REJECTED = "rejected", _("Fravalgt")


class ScreeningCriterion(TimeStampedModel):
    """What ideas are scored on in a project, e.g. value for citizens or feasibility."""

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("forløb"),
    )
    name = models.CharField(_("navn"), max_length=100)
    description = models.TextField(_("beskrivelse"), blank=True)
    scale_min = models.PositiveSmallIntegerField(_("laveste score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("højeste score"), default=5)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("screeningskriterie")
        verbose_name_plural = _("screeningskriterier")
        constraints = [
            models.UniqueConstraint(
                "project",
                Lower("name"),
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_(
                    "Forløbet har allerede et kriterie med dette navn."
                ),
            ),
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")),
                name="%(app_label)s_%(class)s_scale_ordered",
                violation_error_message=_(
                    "Den højeste score skal være større end den laveste."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:screeningcriterion_list", args=[self.project_id])


class Idea(TimeStampedModel):
    """An idea from the workshop, on its way to (maybe) becoming an initiative."""

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="ideas",
        verbose_name=_("forløb"),
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"))
    solution_space = models.ForeignKey(
        "initiatives.SolutionSpace",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("løsningsrum"),
    )
    services = models.ManyToManyField(
        "sites.CitizenService",
        blank=True,
        related_name="ideas",
        verbose_name=_("ydelser"),
    )
    target_groups = models.ManyToManyField(
        "initiatives.Term",
        blank=True,
        related_name="ideas",
        verbose_name=_("målgrupper"),
        limit_choices_to={"vocabulary": Vocabulary.TARGET_GROUP},
    )
    evidence = models.ManyToManyField(
        "initiatives.Quote",
        blank=True,
        related_name="ideas",
        verbose_name=_("citater, idéen bygger på"),
    )
    site = models.ForeignKey(
        "sites.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("sted"),
    )
    group_name = models.CharField(
        _("gruppe"),
        max_length=100,
        blank=True,
        help_text=_("Workshopgruppen, hvis idéen ikke hører til ét sted."),
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposed_ideas",
        verbose_name=_("foreslået af"),
    )
    phase = models.CharField(
        _("fase"), max_length=20, choices=IdeaPhase.choices, default=IdeaPhase.PROPOSED
    )
    outcome = models.CharField(
        _("beslutning"), max_length=20, choices=DecisionOutcome.choices, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("idé")
        verbose_name_plural = _("idéer")
        constraints = [
            models.CheckConstraint(
                condition=Q(phase=IdeaPhase.DECIDED, outcome__in=DecisionOutcome.values)
                | (~Q(phase=IdeaPhase.DECIDED) & Q(outcome="")),
                name="%(app_label)s_%(class)s_outcome_iff_decided",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_proposed(self) -> bool:
        """Still in the first phase (its proposer may change or withdraw it)."""
        return self.phase == IdeaPhase.PROPOSED

    def get_absolute_url(self):
        return reverse("initiatives:idea_detail", args=[self.pk])

    @property
    def origin(self):
        """The site or the workshop group the idea comes from."""
        return self.site or self.group_name


class IdeaScore(TimeStampedModel):
    """One person's score of one idea on one criterion."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="scores", verbose_name=_("idé")
    )
    criterion = models.ForeignKey(
        ScreeningCriterion,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("kriterie"),
    )
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("givet af"),
    )
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    scope = Scope(project="idea__project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["criterion__position", "criterion__name"]
        verbose_name = _("score")
        verbose_name_plural = _("scorer")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "criterion", "scorer"],
                name="%(app_label)s_%(class)s_once_per_scorer",
            ),
        ]

    def __str__(self):
        return f"{self.idea} · {self.criterion}: {self.value}"


class TransitionRecord(models.Model):
    """Abstract: a change of state, who made it, when and why."""

    from_state = models.CharField(
        pgettext_lazy("the state a change starts from", "fra"), max_length=20
    )
    to_state = models.CharField(
        pgettext_lazy("the state a change goes to", "til"), max_length=20
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("af"),
    )
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    reason = models.TextField(_("begrundelse"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


class IdeaTransition(TransitionRecord):
    idea = models.ForeignKey(
        Idea,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("idé"),
    )

    scope = Scope(project="idea__project")
    objects = ScopedQuerySet.as_manager()

    class Meta(TransitionRecord.Meta):
        verbose_name = _("faseskift for idé")
        verbose_name_plural = _("faseskift for idéer")

    def __str__(self):
        return f"{self.idea}: {self.from_state} → {self.to_state}"

    def get_from_state_display(self):
        return IdeaPhase(self.from_state).label

    def get_to_state_display(self):
        return IdeaPhase(self.to_state).label
