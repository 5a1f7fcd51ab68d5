"""The core every app builds on: the base model, the project and its members."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from projects.scoping import Scope, ScopedQuerySet


class Project(TimeStampedModel):
    """A *forløb*: one synergy study with its sites, period and people."""

    name = models.CharField(
        _("navn"),
        max_length=200,
        unique=True,
        error_messages={
            "unique": _("Der findes allerede et forløb med dette navn."),
        },
    )
    guiding_question = models.CharField(
        _("styrende spørgsmål"),
        max_length=300,
        help_text=_(
            "Fx “Hvordan kan bibliotek og borgerservice skabe synergi til gavn for borgerne?”"
        ),
    )
    purpose = models.TextField(_("formål"), blank=True)
    starts_on = models.DateField(_("startdato"))
    ends_on = models.DateField(_("slutdato"))
    personal_data_retention_days = models.PositiveIntegerField(
        _("opbevaring af persondata (dage efter slutdato)"),
        default=365,
        help_text=_(
            "Citater, fotos, interviewnoter og fritekst om borgere slettes så mange "
            "dage efter forløbets slutdato (manage.py gdpr_purge, dagligt)."
        ),
    )
    sites = models.ManyToManyField(
        "sites.Site",
        related_name="projects",
        blank=True,
        verbose_name=_("deltagende steder"),
    )

    scope = Scope(project="pk")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("forløb")
        verbose_name_plural = pgettext_lazy("plural", "forløb")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=_("Slutdatoen skal ligge efter startdatoen."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("synergy:project_detail", args=[self.pk])


class Role(models.TextChoices):
    CONSULTANT = "consultant", _("Konsulent")
    COORDINATOR = "coordinator", _("Tovholder")
    STEERING = "steering", _("Styregruppe")


def site_iff_coordinator() -> models.CheckConstraint:
    """A coordinator's role is for one site; the other roles have none (a membership
    and an invitation alike)."""
    return models.CheckConstraint(
        condition=Q(role=Role.COORDINATOR, site__isnull=False)
        | (~Q(role=Role.COORDINATOR) & Q(site__isnull=True)),
        name="%(app_label)s_%(class)s_site_iff_coordinator",
        violation_error_message=_(
            "En tovholder skal have et sted; de andre roller har intet sted."
        ),
    )


class Membership(TimeStampedModel):
    """A user's role in a project; coordinators belong to one site."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("bruger"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("forløb"),
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    site = models.ForeignKey(
        "sites.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("sted"),
        help_text=_("Kun for tovholdere: det sted, de er tovholder for."),
    )

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "role", "user__username"]
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            site_iff_coordinator(),
            models.UniqueConstraint(
                fields=["user", "project", "role"],
                condition=Q(site__isnull=True),
                name="%(app_label)s_%(class)s_unique_role",
                violation_error_message=_(
                    "Brugeren har allerede denne rolle i forløbet."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "project", "role", "site"],
                condition=Q(site__isnull=False),
                name="%(app_label)s_%(class)s_unique_role_site",
                violation_error_message=_(
                    "Brugeren er allerede tovholder for dette sted i forløbet."
                ),
            ),
        ]

    def __str__(self):
        label = f"{self.user.get_full_name() or self.user.get_username()}: {self.get_role_display()}"
        if self.site_id:
            label += f" ({self.site})"
        return label

    def get_absolute_url(self):
        return self.project.get_absolute_url()


class Invitation(TimeStampedModel):
    """An e-mailed offer of a role in a project to someone without an account.

    The link's key is never stored: it is an HMAC of the invitation's id and `nonce`
    under SECRET_KEY (projects.selectors.invitation_key), so a copy of the database
    opens no invitation, and sending it again (a new nonce) ends the old link. Open
    means not accepted, not revoked and not expired; at most one open invitation per
    project, address, role and site (the constraints below keep a double click from
    making two)."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("forløb"),
    )
    email = models.EmailField(_("e-mailadresse"))
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    site = models.ForeignKey(
        "sites.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("sted"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_sent",
        verbose_name=_("inviteret af"),
    )
    nonce = models.CharField(max_length=32, editable=False)
    expires_at = models.DateTimeField(_("udløber"))
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("taget imod"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
        verbose_name=_("taget imod af"),
    )
    revoked_at = models.DateTimeField(_("trukket tilbage"), null=True, blank=True)

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "email"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")
        constraints = [
            site_iff_coordinator(),
            models.UniqueConstraint(
                Lower("email"),
                "project",
                "role",
                condition=Q(
                    site__isnull=True, accepted_at__isnull=True, revoked_at__isnull=True
                ),
                name="%(app_label)s_%(class)s_one_open_per_role",
                violation_error_message=_(
                    "Der er allerede en åben invitation til den adresse med den rolle."
                ),
            ),
            models.UniqueConstraint(
                Lower("email"),
                "project",
                "role",
                "site",
                condition=Q(
                    site__isnull=False,
                    accepted_at__isnull=True,
                    revoked_at__isnull=True,
                ),
                name="%(app_label)s_%(class)s_one_open_per_site",
                violation_error_message=_(
                    "Der er allerede en åben invitation til den adresse for det sted."
                ),
            ),
        ]

    def __str__(self):
        label = f"{self.email}: {self.get_role_display()}"
        if self.site_id:
            label += f" ({self.site})"
        return label

    def get_absolute_url(self):
        return self.project.get_absolute_url()

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )

    @property
    def is_expired(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at <= timezone.now()
        )


class AuditAction(models.TextChoices):
    CREATED = "created", _("oprettet")
    UPDATED = "updated", _("ændret")
    DELETED = "deleted", _("slettet")
    ACTED = "acted", _("handling")
    EXPORTED = "exported", _("eksporteret")
    PDF_REQUESTED = "pdf_requested", _("PDF bestilt")
    PDF_DOWNLOADED = "pdf_downloaded", _("PDF hentet")
    PUBLISHED = "published", _("offentliggjort")
    REVOKED = "revoked", _("tilbagekaldt")
    PERSONAL_DATA_EXPORTED = "gdpr_exported", _("persondata udleveret")
    PERSONAL_DATA_ERASED = "gdpr_erased", _("persondata slettet")
    PERSONAL_DATA_PURGED = "gdpr_purged", _("persondata slettet efter opbevaringstid")
    TWO_FACTOR_ENABLED = "2fa_enabled", _("to-trinsbekræftelse slået til")
    TWO_FACTOR_DISABLED = "2fa_disabled", _("to-trinsbekræftelse slået fra")
    RECOVERY_CODES_RENEWED = "recovery_codes", _("nye gendannelseskoder")
    COPIED = "copied", _("kopieret fra et andet forløb")
    IMPORTED = "imported", _("importeret")
    API_READ = "api_read", _("læst via API")
    TOKEN_CREATED = "token_created", _("API-nøgle oprettet")
    TOKEN_REVOKED = "token_revoked", _("API-nøgle tilbagekaldt")


class AuditEvent(models.Model):
    """Who did what to which object, and when (the audit trail).

    Ids and field names only, never the values: the trail itself holds no citizen's
    data, so it can be kept after the data it describes is erased. Schema saves,
    submissions and reviews have their own history (testing.SubmissionEvent).
    """

    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bruger"),
        help_text=_("Tom for kommandoer (manage.py)."),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forløb"),
    )
    action = models.CharField(_("handling"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("slags"), max_length=60, blank=True)
    object_ids = models.JSONField(_("id'er"), default=list, blank=True)
    fields = models.JSONField(_("ændrede felter"), default=list, blank=True)
    detail = models.CharField(_("detalje"), max_length=100, blank=True)

    scope = Scope.admin_only()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("logget handling")
        verbose_name_plural = _("log over handlinger")
        indexes = [models.Index(fields=["object_type", "at"])]

    def __str__(self):
        ids = ", ".join(str(i) for i in self.object_ids)
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_type} {ids}".strip()
