"""Advisory visits, phone interviews with coordinators, and the reminder log."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from projects.scoping import Scope, ScopedQuerySet


class AdvisoryVisit(TimeStampedModel):
    """The consultant's visit to a site during the test phase (*rådgivningsbesøg*)."""

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="advisory_visits",
        verbose_name=_("forløb"),
    )
    site = models.ForeignKey(
        "sites.Site",
        on_delete=models.PROTECT,
        related_name="advisory_visits",
        verbose_name=_("sted"),
    )
    visited_on = models.DateField(_("dato"))
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        blank=True,
        related_name="advisory_visits",
        verbose_name=_("tiltag"),
    )
    participants = models.TextField(_("deltagere"), blank=True)
    notes = models.TextField(_("noter"), blank=True)
    agreed_adjustments = models.TextField(_("aftalte tilpasninger"), blank=True)

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-visited_on", "site__name"]
        verbose_name = _("rådgivningsbesøg")
        verbose_name_plural = pgettext_lazy("plural", "rådgivningsbesøg")

    def __str__(self):
        return f"{self.site} {formats.date_format(self.visited_on)}"

    def get_absolute_url(self):
        return reverse("testing:advisoryvisit_detail", args=[self.pk])


class InterviewQuestion(TimeStampedModel):
    """A question of the project's guide for the phone interviews with coordinators."""

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="interview_questions",
        verbose_name=_("forløb"),
    )
    text = models.CharField(_("spørgsmål"), max_length=300)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("spørgsmål i interviewguiden")
        verbose_name_plural = _("interviewguide")

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("testing:interviewquestion_list", args=[self.project_id])


class PhoneInterview(TimeStampedModel):
    """The phone interview with a site's coordinator after the test (week 43 in 2017)."""

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="phone_interviews",
        verbose_name=_("forløb"),
    )
    site = models.ForeignKey(
        "sites.Site",
        on_delete=models.PROTECT,
        related_name="phone_interviews",
        verbose_name=_("sted"),
    )
    held_on = models.DateField(_("dato"))
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tovholder"),
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        blank=True,
        related_name="phone_interviews",
        verbose_name=_("tiltag"),
    )
    notes = models.TextField(_("noter"), blank=True)

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "site__name"]
        verbose_name = _("telefoninterview")
        verbose_name_plural = _("telefoninterviews")

    def __str__(self):
        return f"{self.site} {formats.date_format(self.held_on)}"

    def get_absolute_url(self):
        return reverse("testing:phoneinterview_detail", args=[self.pk])


class PhoneInterviewAnswer(models.Model):
    interview = models.ForeignKey(
        PhoneInterview,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("telefoninterview"),
    )
    question = models.ForeignKey(
        InterviewQuestion,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("spørgsmål"),
    )
    text = models.TextField(_("svar"), blank=True)

    scope = Scope(project="interview__project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("svar i telefoninterview")
        verbose_name_plural = _("svar i telefoninterviews")
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "question"],
                name="%(app_label)s_%(class)s_once_per_question",
            ),
        ]

    def __str__(self):
        return self.text[:60]


class ReminderLog(models.Model):
    """One reminder per schema, recipient and ISO week: what makes the daily job safe to rerun."""

    submission = models.ForeignKey(
        "testing.Submission",
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("testskema"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("modtager"),
    )
    iso_year = models.PositiveSmallIntegerField(_("år"))
    iso_week = models.PositiveSmallIntegerField(_("uge"))
    sent_at = models.DateTimeField(_("sendt"), auto_now_add=True)

    scope = Scope(project="submission__run__project", site="submission__run__site")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("påmindelse")
        verbose_name_plural = _("påmindelser")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "recipient", "iso_year", "iso_week"],
                name="%(app_label)s_%(class)s_once_a_week",
            ),
        ]

    def __str__(self):
        return f"{self.submission} → {self.recipient} ({self.iso_year}-W{self.iso_week:02d})"
