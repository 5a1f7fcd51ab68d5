"""Initiatives chosen for test, where they are tested, and the project timeline."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from projects.models import Role
from projects.scoping import Scope, ScopedQuerySet

from .analysis import Vocabulary
from .ideas import TransitionRecord


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    IN_TEST = "in_test", _("I afprøvning")
    EVALUATED = "evaluated", _("Evalueret")
    RECOMMENDED = "recommended", _("Anbefales")
    ADJUSTED = "adjusted", _("Tilpasses")
    STOPPED = "stopped", _("Stoppet")


# Where each status may go next; any move back needs a reason.
STATUS_NEXT = {
    InitiativeStatus.PLANNED: [InitiativeStatus.IN_TEST],
    InitiativeStatus.IN_TEST: [InitiativeStatus.EVALUATED],
    InitiativeStatus.EVALUATED: [
        InitiativeStatus.RECOMMENDED,
        InitiativeStatus.ADJUSTED,
        InitiativeStatus.STOPPED,
    ],
    InitiativeStatus.RECOMMENDED: [],
    InitiativeStatus.ADJUSTED: [],
    InitiativeStatus.STOPPED: [],
}
STATUS_RANK = {
    InitiativeStatus.PLANNED: 0,
    InitiativeStatus.IN_TEST: 1,
    InitiativeStatus.EVALUATED: 2,
    InitiativeStatus.RECOMMENDED: 3,
    InitiativeStatus.ADJUSTED: 3,
    InitiativeStatus.STOPPED: 3,
}


class Initiative(TimeStampedModel):
    """A synergy initiative (*tiltag*) the steering group chose to test."""

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="initiatives",
        verbose_name=_("forløb"),
    )
    # Empty for an initiative copied from an earlier project or started from a test
    # kit (testing.CopyRecord says from what): it was chosen elsewhere.
    idea = models.OneToOneField(
        "initiatives.Idea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiative",
        verbose_name=_("idé"),
    )
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"))
    solution_space = models.ForeignKey(
        "initiatives.SolutionSpace",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("løsningsrum"),
    )
    services = models.ManyToManyField(
        "sites.CitizenService",
        blank=True,
        related_name="initiatives",
        verbose_name=_("ydelser"),
    )
    target_groups = models.ManyToManyField(
        "initiatives.Term",
        blank=True,
        related_name="initiatives",
        verbose_name=_("målgrupper"),
        limit_choices_to={"vocabulary": Vocabulary.TARGET_GROUP},
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.PLANNED,
    )

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tiltag")
        verbose_name_plural = pgettext_lazy("plural", "tiltag")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:initiative_detail", args=[self.pk])


class InitiativeSite(TimeStampedModel):
    """A site where an initiative is tested, and its coordinator there."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="test_sites",
        verbose_name=_("tiltag"),
    )
    site = models.ForeignKey(
        "sites.Site",
        on_delete=models.PROTECT,
        related_name="initiative_sites",
        verbose_name=_("sted"),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coordinated_initiatives",
        verbose_name=_("tovholder"),
    )

    scope = Scope(project="initiative__project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["site__name"]
        verbose_name = _("afprøvningssted")
        verbose_name_plural = _("afprøvningssteder")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "site"],
                name="%(app_label)s_%(class)s_once_per_site",
            ),
        ]

    def __str__(self):
        return f"{self.initiative} · {self.site}"

    def get_absolute_url(self):
        return self.initiative.get_absolute_url()


class InitiativeTransition(TransitionRecord):
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("tiltag"),
    )

    scope = Scope(project="initiative__project")
    objects = ScopedQuerySet.as_manager()

    class Meta(TransitionRecord.Meta):
        verbose_name = _("statusskift for tiltag")
        verbose_name_plural = pgettext_lazy("plural", "statusskift for tiltag")

    def __str__(self):
        return f"{self.initiative}: {self.from_state} → {self.to_state}"

    def get_from_state_display(self):
        return InitiativeStatus(self.from_state).label

    def get_to_state_display(self):
        return InitiativeStatus(self.to_state).label


class TimelineKind(models.TextChoices):
    PHASE = "phase", _("Fase")
    ACTIVITY = "activity", _("Aktivitet")
    MILESTONE = "milestone", _("Milepæl")


class ResponsibleRole(models.TextChoices):
    CONSULTANT = Role.CONSULTANT.value, Role.CONSULTANT.label
    COORDINATOR = Role.COORDINATOR.value, Role.COORDINATOR.label
    STEERING = Role.STEERING.value, Role.STEERING.label
    EVERYONE = "everyone", _("Alle")


class TimelineTracks(models.TextChoices):
    """What a timeline item follows: when it is something the app keeps, the item is
    done only when none of it is missing (core/timeline.py counts it)."""

    NOTHING = "", _("Intet: markeres udført i hånden")
    SCHEMAS = "schemas", _("Testskemaerne med frist til og med slutugen")


class TimelineItem(TimeStampedModel):
    """A phase, activity or milestone of the project plan, by ISO week."""

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="timeline",
        verbose_name=_("forløb"),
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=TimelineKind.choices,
        default=TimelineKind.ACTIVITY,
    )
    starts_week = models.DateField(_("fra uge"), help_text=_("Mandagen i ugen."))
    ends_week = models.DateField(_("til og med uge"), help_text=_("Mandagen i ugen."))
    responsible_role = models.CharField(
        _("ansvarlig"),
        max_length=20,
        choices=ResponsibleRole.choices,
        default=ResponsibleRole.CONSULTANT,
    )
    responsible_note = models.CharField(
        _("ansvarlig (uddybning)"),
        max_length=150,
        blank=True,
        help_text=_("Fx “Actant” eller “grupperne”."),
    )
    done = models.BooleanField(_("udført"), default=False)
    tracks = models.CharField(
        _("følger"),
        max_length=20,
        choices=TimelineTracks.choices,
        blank=True,
        default=TimelineTracks.NOTHING,
        help_text=_(
            "Følger punktet testskemaerne, er det først udført, når alle skemaer "
            "med frist til og med slutugen er indsendt."
        ),
    )

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["starts_week", "ends_week", "title"]
        verbose_name = _("punkt i tidsplanen")
        verbose_name_plural = _("tidsplan")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_week__gte=F("starts_week")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=_("Slutugen kan ikke ligge før startugen."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return (
            reverse("initiatives:timelineitem_list", args=[self.project_id])
            + f"#item-{self.pk}"
        )

    @property
    def is_for_everyone(self) -> bool:
        """Every member of the project is responsible, whatever their role."""
        return self.responsible_role == ResponsibleRole.EVERYONE

    @property
    def due_by(self):
        """The last day of the end week (Sunday)."""
        return self.ends_week + datetime.timedelta(days=6)

    @property
    def is_done(self):
        """Marked done, and nothing it follows is missing. `missing` is set by
        selectors.timeline_progress (None: it follows nothing the app counts)."""
        return self.done and not getattr(self, "missing", None)
