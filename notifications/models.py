"""Notifications: what happened that a person should know about, shown under the bell
and mailed, each person choosing per kind (NotificationPreference).

A notification is about one object of an app above this one (`target`, by content
type and id). It is shown and mailed only while its recipient may see that object
(`Model.objects.visible_to(user)`, projects.scoping): a person removed from the
project, or a coordinator moved to another site, no longer sees it.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from projects.scoping import Scope, ScopedQuerySet


class NotificationKind(models.TextChoices):
    SCHEMA_RETURNED = "schema_returned", _("Skema sendt tilbage til mig")
    SCHEMA_APPROVED = "schema_approved", _("Mit skema er godkendt")
    COMMENT_REPLIED = "comment_replied", _("Nyt svar i en kommentartråd")
    IDEA_FOR_DECISION = "idea_for_decision", _("Idé præsenteret til beslutning")
    SCHEMA_SUBMITTED = "schema_submitted", _("Skema indsendt til gennemgang")
    CATALOGUE_READY = "catalogue_ready", _("Resultatkataloget er klar")


# The models each kind may be about ("app.Model": this app may not import the apps
# above it). A notification's visibility is its target's: the bell, the list and the
# mail read them through these models' `visible_to` (notifications.selectors). The
# comment threads add their comment model to COMMENT_REPLIED when they call notify.
TARGET_MODELS: dict[str, tuple[str, ...]] = {
    NotificationKind.SCHEMA_RETURNED: ("testing.Submission",),
    NotificationKind.SCHEMA_APPROVED: ("testing.Submission",),
    NotificationKind.COMMENT_REPLIED: ("testing.AnswerComment",),
    NotificationKind.IDEA_FOR_DECISION: ("initiatives.Idea",),
    NotificationKind.SCHEMA_SUBMITTED: ("testing.Submission",),
    NotificationKind.CATALOGUE_READY: ("reporting.Catalogue",),
}

# Who is told of each kind (the services that call notify() choose the people; this
# says which choices a person's page offers): by role in any of their projects.
KINDS_BY_ROLE: dict[str, frozenset[str]] = {
    "coordinator": frozenset(
        {
            NotificationKind.SCHEMA_RETURNED,
            NotificationKind.SCHEMA_APPROVED,
            NotificationKind.COMMENT_REPLIED,
        }
    ),
    "consultant": frozenset(
        {
            NotificationKind.COMMENT_REPLIED,
            NotificationKind.SCHEMA_SUBMITTED,
            NotificationKind.CATALOGUE_READY,
        }
    ),
    "steering": frozenset({NotificationKind.IDEA_FOR_DECISION}),
}

# Mailed unless the person says otherwise: the coordinators' and the consultants'
# kinds (their work waits on them). Every kind is shown in the app unless turned off.
MAILED_BY_DEFAULT = frozenset(
    {
        NotificationKind.SCHEMA_RETURNED,
        NotificationKind.SCHEMA_APPROVED,
        NotificationKind.SCHEMA_SUBMITTED,
        NotificationKind.CATALOGUE_READY,
    }
)


class Notification(TimeStampedModel):
    """One event told to one person: under the bell (`in_app`) and/or by mail
    (`by_mail`), as they chose for its kind when it happened."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("modtager"),
    )
    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("forløb"),
    )
    kind = models.CharField(_("slags"), max_length=30, choices=NotificationKind.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("objekt-id"))
    target = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("udført af"),
    )
    # What the line says (the target's name when it happened) and where it leads:
    # the list shows them without reading each target.
    title = models.CharField(_("titel"), max_length=300)
    # The same name in each language of the app (the list shows the reader's; the
    # mail and `title` are Danish): a week's schema is "uge 40" or "week 40".
    titles = models.JSONField(_("titel på hvert sprog"), default=dict, blank=True)
    url = models.CharField(_("adresse"), max_length=500)
    summary = models.TextField(
        _("uddrag"),
        blank=True,
        help_text=_("Fx konsulentens kommentarer til et skema, der er sendt tilbage."),
    )
    in_app = models.BooleanField(_("vises i appen"), default=True)
    by_mail = models.BooleanField(_("sendes på mail"), default=False)
    read_at = models.DateTimeField(_("læst"), null=True, blank=True)
    mailed_at = models.DateTimeField(
        _("mailet"),
        null=True,
        blank=True,
        help_text=_("Sat, når mailen er sendt (eller sprunget over)."),
    )

    # A person's own rows; what each is about is checked against its target.
    scope = Scope.personal(owner="recipient", project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notifikation")
        verbose_name_plural = _("notifikationer")
        indexes = [
            models.Index(
                fields=["recipient", "-created_at"],
                name="notifications_recipient_new",
            ),
            models.Index(
                fields=["recipient", "mailed_at"],
                condition=Q(by_mail=True, mailed_at__isnull=True),
                name="notifications_unmailed",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(in_app=True) | Q(by_mail=True),
                name="%(app_label)s_%(class)s_shown_or_mailed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self) -> str:
        return self.url


class NotificationPreference(models.Model):
    """A person's choice for one kind: shown in the app, mailed, both or neither.
    Without a row, the defaults (MAILED_BY_DEFAULT)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("bruger"),
    )
    kind = models.CharField(_("slags"), max_length=30, choices=NotificationKind.choices)
    in_app = models.BooleanField(_("i appen"), default=True)
    by_mail = models.BooleanField(_("på mail"), default=False)

    class Meta:
        ordering = ["user", "kind"]
        verbose_name = _("notifikationsvalg")
        verbose_name_plural = _("notifikationsvalg")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="%(app_label)s_%(class)s_one_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()}"


class MailSchedule(models.Model):
    """A mail of notifications is queued for this person (one at most): the events
    that come before it is sent go into the same mail (notifications.services)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("bruger"),
    )
    due_at = models.DateTimeField(_("sendes"))

    class Meta:
        verbose_name = _("planlagt notifikationsmail")
        verbose_name_plural = _("planlagte notifikationsmails")

    def __str__(self) -> str:
        return f"{self.user}: {self.due_at:%Y-%m-%d %H:%M}"
