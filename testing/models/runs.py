"""Test runs, the schemas coordinators fill in, their answers, comments and photos."""

import datetime
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from projects.scoping import Scope, ScopedQuerySet

if TYPE_CHECKING:
    from testing.states import SchemaState


class Cadence(models.TextChoices):
    WEEKLY_AND_FINAL = "weekly_final", _("Hver uge og en slutevaluering")
    WEEKLY = "weekly", _("Hver uge")
    FINAL = "final", _("Kun en slutevaluering")


class TestRun(TimeStampedModel):
    """An initiative tested at one site over a range of ISO weeks."""

    __test__ = False  # not a pytest test class, whatever its name

    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="test_runs",
        verbose_name=_("forløb"),
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="test_runs",
        verbose_name=_("tiltag"),
    )
    site = models.ForeignKey(
        "sites.Site",
        on_delete=models.PROTECT,
        related_name="test_runs",
        verbose_name=_("sted"),
    )
    template = models.ForeignKey(
        "testing.SchemaTemplate",
        on_delete=models.PROTECT,
        related_name="runs",
        verbose_name=_("skema"),
    )
    starts_week = models.DateField(_("fra uge"))
    ends_week = models.DateField(_("til og med uge"))
    cadence = models.CharField(
        _("registreringer"),
        max_length=20,
        choices=Cadence.choices,
        default=Cadence.WEEKLY_AND_FINAL,
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="test_runs", verbose_name=_("tovholdere")
    )

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["initiative__name", "site__name"]
        verbose_name = _("afprøvning")
        verbose_name_plural = _("afprøvninger")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "site"],
                name="%(app_label)s_%(class)s_once_per_site",
            ),
            models.CheckConstraint(
                condition=Q(ends_week__gte=F("starts_week")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=_("Slutugen kan ikke ligge før startugen."),
            ),
        ]

    def __str__(self):
        return f"{self.initiative} · {self.site}"

    def get_absolute_url(self):
        return reverse("testing:testrun_detail", args=[self.pk])

    def weeks(self):
        """The Mondays of the run's weeks."""
        monday, weeks = self.starts_week, []
        while monday <= self.ends_week:
            weeks.append(monday)
            monday += datetime.timedelta(weeks=1)
        return weeks


class PeriodKind(models.TextChoices):
    WEEK = "week", _("Uge")
    FINAL = "final", _("Slutevaluering")


class SubmissionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Ikke påbegyndt")
    DRAFT = "draft", _("Kladde")
    SUBMITTED = "submitted", _("Indsendt")
    RETURNED = "returned", _("Sendt tilbage")
    APPROVED = "approved", _("Godkendt")


OPEN_STATUSES = {
    SubmissionStatus.NOT_STARTED,
    SubmissionStatus.DRAFT,
    SubmissionStatus.RETURNED,
}
EDITABLE_STATUSES = OPEN_STATUSES


class Submission(TimeStampedModel):
    """One filled-in (or still empty) schema: a week's registration or the final evaluation.

    `version` goes up on every save; a save names the version it was loaded with and is
    refused when that is no longer the current one.
    """

    # How a row of "Mine skemaer" says its state; set by testing.selectors.my_submissions.
    state: "SchemaState"

    run = models.ForeignKey(
        TestRun,
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("afprøvning"),
    )
    kind = models.CharField(
        _("type"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.WEEK
    )
    week = models.DateField(_("uge"), help_text=_("Mandagen i ugen."))
    due_on = models.DateField(_("frist"))
    schema_version = models.ForeignKey(
        "testing.SchemaVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("skemaversion"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.NOT_STARTED,
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    last_saved_at = models.DateTimeField(_("sidst gemt"), null=True, blank=True)
    last_saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sidst gemt af"),
    )
    submitted_at = models.DateTimeField(_("indsendt"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indsendt af"),
    )
    reviewed_at = models.DateTimeField(_("gennemgået"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gennemgået af"),
    )
    return_comment = models.TextField(_("kommentar ved tilbagesendelse"), blank=True)

    scope = Scope(project="run__project", site="run__site")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["week", "-kind"]  # a week's schema before the final one
        verbose_name = _("testskema")
        verbose_name_plural = _("testskemaer")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "kind", "week"],
                name="%(app_label)s_%(class)s_once_per_period",
            ),
        ]

    def __str__(self):
        return f"{self.run} · {self.period_label}"

    def get_absolute_url(self):
        return reverse("testing:submission_detail", args=[self.pk])

    @property
    def project_id(self):
        return self.run.project_id

    @property
    def period_label(self):
        if self.kind == PeriodKind.FINAL:
            return str(PeriodKind.FINAL.label)
        return _("uge %(week)s") % {"week": self.week.isocalendar().week}

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    # For templates, which cannot name SubmissionStatus.

    @property
    def is_not_started(self):
        return self.status == SubmissionStatus.NOT_STARTED

    @property
    def is_submitted(self):
        return self.status == SubmissionStatus.SUBMITTED

    @property
    def is_returned(self):
        return self.status == SubmissionStatus.RETURNED


class RepeatEntry(models.Model):
    """One entry of a repeated section in one schema: an event, an arrangement or a
    visit in the week, with its own answers (Answer.entry). Made and removed by the
    coordinator; a removed entry keeps its answers in the history (marked hidden, not
    counted or exported)."""

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("testskema"),
    )
    section_key = models.SlugField(_("afsnit"), max_length=60)
    uid = models.UUIDField(_("id"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    removed_at = models.DateTimeField(_("fjernet"), null=True, blank=True)
    # Which press made it: the open page's id and how many entries it showed, so the
    # same press sent twice (a double click) adds one entry, and another page's does
    # not count as it.
    made_by = models.CharField(
        _("tilføjet fra"), max_length=48, blank=True, editable=False
    )

    scope = Scope(project="submission__run__project", site="submission__run__site")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("gentagelse")
        verbose_name_plural = _("gentagelser")

    def __str__(self):
        return f"{self.submission} · {self.section_key} · {self.uid.hex[:8]}"


class Answer(models.Model):
    """The answer to one question, in the column that fits its type (so SQL can sum it).

    An answer in a repeated section belongs to one of the schema's entries (`entry`);
    the others have none."""

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("testskema"),
    )
    question = models.ForeignKey(
        "testing.Question",
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("spørgsmål"),
    )
    entry = models.ForeignKey(
        RepeatEntry,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("gentagelse"),
    )
    value_integer = models.BigIntegerField(_("heltal"), null=True, blank=True)
    value_decimal = models.DecimalField(
        _("decimaltal"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    value_text = models.TextField(_("tekst"), blank=True)
    value_bool = models.BooleanField(_("ja/nej"), null=True, blank=True)
    value_date = models.DateField(_("dato"), null=True, blank=True)
    value_choices = models.JSONField(_("valg"), default=list, blank=True)
    # The question was hidden by a condition when the schema was last saved: the value
    # is kept (the history) but not counted, shown or exported (testing/conditions.py).
    hidden = models.BooleanField(_("skjult"), default=False, editable=False)
    # Which open page wrote the answer last (a random id per page load): a page whose
    # answer to a save was lost must not meet its own text as somebody else's.
    written_by_page = models.CharField(
        _("skrevet fra side"), max_length=32, blank=True, editable=False
    )

    scope = Scope(project="submission__run__project", site="submission__run__site")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = pgettext_lazy("plural", "svar")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "question"],
                condition=Q(entry__isnull=True),
                name="%(app_label)s_%(class)s_once_per_question",
            ),
            models.UniqueConstraint(
                fields=["entry", "question"],
                condition=Q(entry__isnull=False),
                name="%(app_label)s_%(class)s_once_per_entry",
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.display_value}"

    @property
    def definition(self):
        """The kind of the question answered (testing/question_kinds.py)."""
        return self.question.definition

    @property
    def stored_value(self):
        """The value in the column the question's kind stores its answers in."""
        return self.definition.stored(self)

    @property
    def is_empty(self):
        return self.definition.is_empty(self.stored_value)

    @property
    def display_value(self):
        """The one value shown for the answer (pages, exports, the catalogue)."""
        return self.definition.display(self.stored_value)

    @property
    def page_text(self):
        """The answer as the read-only schema page writes it."""
        return self.definition.page_text(self.stored_value)

    @property
    def form_value(self):
        """The answer as the schema form holds it (what a cleaned form field gives):
        a number, "yes"/"no", a date, a choice or a list of choices, or text."""
        return self.definition.from_stored(self.stored_value)


class AnswerComment(TimeStampedModel):
    """The consultant's comment on one answer when returning a schema: the start of a
    thread the coordinator may reply to (AnswerCommentReply) until the consultant
    resolves it (or approves the schema)."""

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("testskema"),
    )
    question = models.ForeignKey(
        "testing.Question",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("spørgsmål"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("skrevet af"),
    )
    text = models.TextField(_("kommentar"))
    resolved = models.BooleanField(_("løst"), default=False)
    resolved_at = models.DateTimeField(_("løst den"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("løst af"),
    )

    scope = Scope(project="submission__run__project", site="submission__run__site")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("kommentar til svar")
        verbose_name_plural = _("kommentarer til svar")

    def __str__(self):
        return self.text[:60]

    def get_absolute_url(self):
        return f"{self.submission.get_absolute_url()}#comment-{self.pk}"

    @property
    def notification_title(self) -> str:
        """The thread named by its schema and question, never by what is written in
        it (a notification's title goes into mails)."""
        return f"{self.submission.run.initiative}, {self.submission.period_label}: {self.question.text}"


class AnswerCommentReply(TimeStampedModel):
    """A reply in a comment's thread ("tallet er højt, fordi …"), by the site's
    coordinator or the consultant. Kept with the schema's history; never exported."""

    comment = models.ForeignKey(
        AnswerComment,
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name=_("kommentar"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("skrevet af"),
    )
    text = models.TextField(_("svar"))

    scope = Scope(
        project="comment__submission__run__project",
        site="comment__submission__run__site",
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("svar på kommentar")
        verbose_name_plural = _("svar på kommentarer")

    def __str__(self):
        return self.text[:60]


class SubmissionAction(models.TextChoices):
    SAVED = "saved", _("Kladde gemt")
    SUBMITTED = "submitted", _("Indsendt")
    RETURNED = "returned", _("Sendt tilbage")
    APPROVED = "approved", _("Godkendt")
    REOPENED = "reopened", _("Genåbnet")
    PHOTO_ADDED = "photo_added", _("Foto tilføjet")
    PHOTO_REMOVED = "photo_removed", _("Foto fjernet")
    COMMENTED = "commented", _("Kommentarer tilføjet")
    REPLIED = "replied", _("Svar på kommentar")
    RESOLVED = "resolved", _("Kommentar løst")
    TALLIED = "tallied", _("Talt ved skranken")


class SubmissionEvent(models.Model):
    """The history of a schema: who did what, when, and to which answers."""

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("testskema"),
    )
    action = models.CharField(
        _("handling"), max_length=20, choices=SubmissionAction.choices
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("af"),
    )
    at = models.DateTimeField(_("tidspunkt"))
    changed = models.JSONField(_("ændrede svar"), default=list, blank=True)
    note = models.TextField(_("bemærkning"), blank=True)

    scope = Scope(project="submission__run__project", site="submission__run__site")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("hændelse")
        verbose_name_plural = _("hændelser")

    def __str__(self):
        return f"{self.submission}: {self.get_action_display()}"

    @property
    def is_return(self):
        """The schema was sent back (for templates, which cannot name the enum)."""
        return self.action == SubmissionAction.RETURNED


def photo_path(instance, filename):
    """Photos are stored under a generated name; what the user called the file is not kept."""
    return f"photos/{uuid.uuid4().hex}.{instance.extension}"


class Photo(TimeStampedModel):
    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("testskema"),
    )
    question = models.ForeignKey(
        "testing.Question",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("spørgsmål"),
    )
    file = models.FileField(_("fil"), upload_to=photo_path)
    content_type = models.CharField(_("filtype"), max_length=20)
    width = models.PositiveIntegerField(_("bredde"))
    height = models.PositiveIntegerField(_("højde"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploadet af"),
    )

    scope = Scope(project="submission__run__project", site="submission__run__site")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("foto")
        verbose_name_plural = _("fotos")

    def __str__(self):
        return self.file.name

    def get_absolute_url(self):
        return reverse("testing:photo", args=[self.pk])

    @property
    def extension(self):
        return {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}[
            self.content_type
        ]
