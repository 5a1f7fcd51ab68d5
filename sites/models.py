"""Municipalities, the libraries that host borgerservice, and the service catalogue."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from projects.scoping import Scope, ScopedQuerySet


def validate_not_future_year(value):
    """A year that has not happened yet cannot be a historical fact."""
    if value is not None and value > timezone.localdate().year:
        raise ValidationError(
            _("Året %(year)s ligger i fremtiden."),
            code="future_year",
            params={"year": value},
        )


class Municipality(TimeStampedModel):
    """A Danish *kommune*."""

    name = models.CharField(_("navn"), max_length=100)
    code = models.PositiveSmallIntegerField(
        _("kommunekode"),
        null=True,
        blank=True,
        validators=[MinValueValidator(101), MaxValueValidator(999)],
        help_text=_("Den tre-cifrede kommunekode, fx 265 for Roskilde."),
    )
    proposals = GenericRelation("sites.ChangeProposal")

    scope = Scope.shared()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_(
                    "Der findes allerede en kommune med dette navn."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sites:municipality_list")


class IntegrationDegree(models.IntegerChoices):
    """How far library and borgerservice are integrated (the deck's scale)."""

    SEPARATE = 1, _("Bibliotek | Borgerservice (adskilt)")
    HOSTED = 2, _("Bibliotek (med Borgerservice)")
    SIDE_BY_SIDE = 3, _("Bibliotek og Borgerservice")
    INTEGRATED = 4, _("Bibliotek & Borgerservice")
    COMMUNITY_HOUSE = 5, _("Medborgerhus")


class Site(TimeStampedModel):
    """A library that hosts borgerservice: one of the places in a study."""

    name = models.CharField(_("navn"), max_length=150)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="sites",
        verbose_name=_("kommune"),
    )
    integration_degree = models.PositiveSmallIntegerField(
        _("grad af integration"),
        choices=IntegrationDegree.choices,
        default=IntegrationDegree.HOSTED,
        help_text=_(
            "Hvor tæt bibliotek og borgerservice er integreret, set fra organisation og brugere."
        ),
    )
    borgerservice_since = models.PositiveSmallIntegerField(
        _("borgerservice flyttede ind (år)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), validate_not_future_year],
    )
    staff_count = models.PositiveSmallIntegerField(
        _("medarbejdere i borgerservice"),
        null=True,
        blank=True,
        help_text=_("Antal medarbejdere, der kan løse borgerserviceopgaver."),
    )
    staffing = models.TextField(
        _("bemanding og arbejdsdeling"),
        blank=True,
        help_text=_("Hvem gør hvad ved skranken, vagtplaner, faggrupper."),
    )
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    proposals = GenericRelation("sites.ChangeProposal")

    scope = Scope.shared()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("sted")
        verbose_name_plural = _("steder")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_(
                    "Der findes allerede et sted med dette navn."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sites:site_detail", args=[self.pk])


class ServicePoint(TimeStampedModel):
    """One of a municipality's other borgerservice places (town hall, branch library)."""

    name = models.CharField(_("navn"), max_length=150)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="service_points",
        verbose_name=_("kommune"),
    )
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    proposals = GenericRelation("sites.ChangeProposal")

    scope = Scope.shared()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("betjeningssted")
        verbose_name_plural = _("betjeningssteder")
        constraints = [
            models.UniqueConstraint(
                "municipality",
                Lower("name"),
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_(
                    "Kommunen har allerede et betjeningssted med dette navn."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.municipality})"

    def get_absolute_url(self):
        return reverse("sites:servicepoint_detail", args=[self.pk])


class Weekday(models.IntegerChoices):
    """ISO weekdays: Monday is 1."""

    MONDAY = 1, _("mandag")
    TUESDAY = 2, _("tirsdag")
    WEDNESDAY = 3, _("onsdag")
    THURSDAY = 4, _("torsdag")
    FRIDAY = 5, _("fredag")
    SATURDAY = 6, _("lørdag")
    SUNDAY = 7, _("søndag")


class HoursKind(models.TextChoices):
    FULL = "full", _("Fuld borgerservice")
    LIGHT = "light", _("Borgerservice light")
    LIBRARY = "library", _("Bibliotek (bemandet)")
    OUTREACH = "outreach", _("Udkørende borgerservice")


class PlaceQuerySet(ScopedQuerySet):
    def for_place(self, place):
        if isinstance(place, Site):
            return self.filter(site=place)
        return self.filter(service_point=place)


class PlaceBound(models.Model):
    """Abstract: a row that belongs to exactly one site or one service point."""

    site = models.ForeignKey(
        Site,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("sted"),
        related_name="%(class)s_set",
    )
    service_point = models.ForeignKey(
        ServicePoint,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("betjeningssted"),
        related_name="%(class)s_set",
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(site__isnull=False, service_point__isnull=True)
                | Q(site__isnull=True, service_point__isnull=False),
                name="%(app_label)s_%(class)s_one_place",
                violation_error_message=_(
                    "Angiv enten et sted eller et betjeningssted."
                ),
            ),
        ]

    @property
    def place(self):
        return self.site or self.service_point

    @place.setter
    def place(self, place):
        if isinstance(place, Site):
            self.site, self.service_point = place, None
        else:
            self.site, self.service_point = None, place


class OpeningHours(PlaceBound, TimeStampedModel):
    """One opening interval on one weekday, of one kind, at a site or service point."""

    weekday = models.PositiveSmallIntegerField(_("ugedag"), choices=Weekday.choices)
    opens_at = models.TimeField(_("åbner"))
    closes_at = models.TimeField(_("lukker"))
    kind = models.CharField(_("type"), max_length=20, choices=HoursKind.choices)
    note = models.CharField(
        _("bemærkning"),
        max_length=200,
        blank=True,
        help_text=_("Fx “kun med tidsbestilling”."),
    )

    scope = Scope.shared()

    class Meta:
        ordering = ["weekday", "opens_at", "kind"]
        verbose_name = _("åbningstid")
        verbose_name_plural = _("åbningstider")
        constraints = [
            *PlaceBound.Meta.constraints,
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="%(app_label)s_%(class)s_closes_after_opening",
                violation_error_message=_("Lukketiden skal ligge efter åbningstiden."),
            ),
        ]

    def __str__(self):
        return (
            f"{self.get_weekday_display()} {formats.time_format(self.opens_at)}–"
            f"{formats.time_format(self.closes_at)} ({self.get_kind_display()})"
        )

    def get_absolute_url(self):
        return self.place.get_absolute_url()

    @property
    def duration(self):
        day = datetime.date(2000, 1, 1)
        return datetime.datetime.combine(
            day, self.closes_at
        ) - datetime.datetime.combine(day, self.opens_at)


class ServiceCategory(models.TextChoices):
    IDENTITY_TRAVEL = "identity", _("Pas, kørekort og ID")
    RESIDENCE = "residence", _("Bopæl og folkeregister")
    BENEFITS = "benefits", _("Pension, ydelser og tilskud")
    HEALTH = "health", _("Sundhed")
    FAMILY = "family", _("Familie og ægteskab")
    DIGITAL = "digital", _("Digital selvbetjening")
    OTHER = "other", _("Øvrige")


class CitizenService(TimeStampedModel):
    """A service in the borgerservice catalogue (*ydelse*)."""

    name = models.CharField(_("navn"), max_length=150)
    category = models.CharField(
        _("kategori"),
        max_length=20,
        choices=ServiceCategory.choices,
        default=ServiceCategory.OTHER,
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    requires_attendance = models.BooleanField(
        _("kræver fysisk fremmøde"),
        default=False,
    )
    self_service_online = models.BooleanField(
        _("kan selvbetjenes digitalt"),
        default=False,
        help_text=_("Borgeren kan selv klare ydelsen på nettet, fx på borger.dk."),
    )
    proposals = GenericRelation("sites.ChangeProposal")

    scope = Scope.shared()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("ydelse")
        verbose_name_plural = _("ydelser")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_(
                    "Der findes allerede en ydelse med dette navn."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sites:citizenservice_detail", args=[self.pk])


class ServiceLevel(models.TextChoices):
    FULL = "full", _("Fuld borgerservice")
    LIGHT = "light", _("Borgerservice light")


class ServiceOffering(PlaceBound, TimeStampedModel):
    """A citizen service offered at a site or service point, fully or as light service."""

    service = models.ForeignKey(
        CitizenService,
        on_delete=models.CASCADE,
        related_name="offerings",
        verbose_name=_("ydelse"),
    )
    level = models.CharField(_("niveau"), max_length=10, choices=ServiceLevel.choices)
    note = models.CharField(_("bemærkning"), max_length=200, blank=True)

    scope = Scope.shared()

    class Meta:
        ordering = ["service__name"]
        verbose_name = _("tilbudt ydelse")
        verbose_name_plural = _("tilbudte ydelser")
        constraints = [
            *PlaceBound.Meta.constraints,
            models.UniqueConstraint(
                fields=["service", "site"],
                name="%(app_label)s_%(class)s_unique_site",
            ),
            models.UniqueConstraint(
                fields=["service", "service_point"],
                name="%(app_label)s_%(class)s_unique_service_point",
            ),
        ]

    def __str__(self):
        return f"{self.service} – {self.place} ({self.get_level_display()})"

    def get_absolute_url(self):
        return self.place.get_absolute_url()

    @property
    def is_light(self) -> bool:
        """Offered as "borgerservice light" (templates compare through the enum here)."""
        return self.level == ServiceLevel.LIGHT


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Afventer")
    ACCEPTED = "accepted", _("Godkendt")
    REJECTED = "rejected", _("Afvist")


class ChangeProposal(TimeStampedModel):
    """A proposed change to a shared catalogue record (a site, service point,
    municipality or service) by a consultant who may not change it themselves.

    `changes` holds the proposed values of the fields the proposer changed (in their
    canonical form, core.merge.canonical), `bases` the token of each field's value
    as the proposer saw it, so that accepting merges with what was saved since. Those
    who may change the record accept it (the change is then made through the record's
    own form) or reject it (sites.services). Deleted with its record.
    """

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("slags")
    )
    object_id = models.PositiveBigIntegerField(_("id"))
    record = GenericForeignKey("content_type", "object_id")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("foreslået af"),
    )
    changes = models.JSONField(_("foreslåede værdier"), default=dict)
    bases = models.JSONField(_("værdier set af forslagsstilleren"), default=dict)
    message = models.TextField(_("begrundelse"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgjort af"),
    )
    decided_at = models.DateTimeField(_("besluttet den"), null=True, blank=True)
    decision_note = models.TextField(_("svar"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ændringsforslag")
        verbose_name_plural = _("ændringsforslag")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ProposalStatus.PENDING, decided_at__isnull=True)
                | (~Q(status=ProposalStatus.PENDING) & Q(decided_at__isnull=False)),
                name="%(app_label)s_%(class)s_decided_iff_not_pending",
            ),
        ]
        permissions = [
            (
                "change_shared_catalogue",
                _("Kan redigere hele det fælles katalog (katalogredaktør)"),
            ),
        ]

    def __str__(self):
        return _("Ændringsforslag til %(record)s") % {"record": self.record}

    def get_absolute_url(self):
        return reverse("sites:changeproposal_detail", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status == ProposalStatus.PENDING

    @property
    def record_kind(self):
        return self.content_type.model_class()._meta.verbose_name
