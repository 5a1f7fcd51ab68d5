"""The results catalogue: what the consultant curates, and each PDF made from it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from initiatives.models import Verdict
from projects.scoping import Scope, ScopedQuerySet

DEFAULT_TITLE = "Katalog med resultater af afprøvede tiltag"


# A chapter's recommendation takes the same values as the steering group's verdict
# on the initiative (the catalogue prints the verdict when there is one).
Recommendation = Verdict


class Catalogue(TimeStampedModel):
    """A project's results catalogue: the texts around the chapters."""

    project = models.OneToOneField(
        "synergy.Project",
        on_delete=models.CASCADE,
        related_name="catalogue",
        verbose_name=_("forløb"),
    )
    title = models.CharField(_("titel"), max_length=200, default=DEFAULT_TITLE)
    subtitle = models.CharField(_("undertitel"), max_length=200, blank=True)
    period = models.CharField(
        _("periode"),
        max_length=100,
        blank=True,
        help_text=_("Fx “august–december 2017”. Tom: forløbets start- og slutdato."),
    )
    introduction = models.TextField(
        _("indledning"),
        blank=True,
        help_text=_("Spørgsmålet og formålet med afprøvningen."),
    )
    method = models.TextField(
        _("metode og proces"),
        blank=True,
        help_text=_("Hvordan tiltagene blev fundet, udvalgt og afprøvet."),
    )
    colophon = models.TextField(
        _("kolofon"), blank=True, help_text=_("Udgiver, forfattere, fotos, kontakt.")
    )
    author = models.CharField(
        _("forfatter"),
        max_length=200,
        blank=True,
        help_text=_("Står i PDF'ens egenskaber og i kolofonen."),
    )

    scope = Scope(project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("resultatkatalog")
        verbose_name_plural = _("resultatkataloger")

    def __str__(self):
        return f"{self.title} ({self.project})"

    def get_absolute_url(self):
        return reverse("reporting:catalogue", args=[self.project_id])


class CatalogueChapter(TimeStampedModel):
    """One tested initiative in the catalogue: the consultant's texts and picks."""

    catalogue = models.ForeignKey(
        Catalogue,
        on_delete=models.CASCADE,
        related_name="chapters",
        verbose_name=_("katalog"),
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="catalogue_chapters",
        verbose_name=_("tiltag"),
    )
    position = models.PositiveIntegerField(_("placering"), default=0)
    included = models.BooleanField(_("med i kataloget"), default=True)
    why_and_what = models.TextField(
        _("hvorfor og hvad"),
        blank=True,
        help_text=_("Tom: tiltagets beskrivelse."),
    )
    where_and_how = models.TextField(_("hvor og hvordan det blev afprøvet"), blank=True)
    what_worked = models.TextField(_("det virkede"), blank=True)
    what_did_not = models.TextField(_("det virkede ikke"), blank=True)
    resources = models.TextField(_("ressourcer"), blank=True)
    learnings = models.TextField(_("læring"), blank=True)
    recommendation = models.CharField(
        _("anbefaling"), max_length=10, choices=Recommendation.choices, blank=True
    )
    recommendation_text = models.TextField(
        _("begrundelse for anbefalingen"), blank=True
    )
    getting_started = models.TextField(
        _("sådan kommer et andet bibliotek i gang"), blank=True
    )
    quotes = models.ManyToManyField(
        "initiatives.Quote",
        blank=True,
        related_name="catalogue_chapters",
        verbose_name=_("citater"),
    )
    photos = models.ManyToManyField(
        "testing.Photo",
        blank=True,
        related_name="catalogue_chapters",
        verbose_name=_("fotos"),
    )

    scope = Scope(project="catalogue__project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("kapitel")
        verbose_name_plural = _("kapitler")
        constraints = [
            models.UniqueConstraint(
                fields=["catalogue", "initiative"],
                name="%(app_label)s_%(class)s_one_per_initiative",
            )
        ]

    def __str__(self):
        return str(self.initiative)

    def get_absolute_url(self):
        return reverse("reporting:chapter_edit", args=[self.pk])


class RenderStatus(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Dannes")
    DONE = "done", _("Færdig")
    FAILED = "failed", _("Fejlede")


def render_path(instance, filename):
    """Where a PDF is stored: under its project (gdpr_erase deletes the folder)."""
    return f"{instance.folder}/{filename}"


class RenderFailure(models.TextChoices):
    ERROR = "error", _("fejl under dannelsen")
    INTERRUPTED = "interrupted", _("afbrudt: baggrundsprocessen stoppede")
    STALLED = "stalled", _("gået i stå")


class RenderRecord(TimeStampedModel):
    """Abstract: one request for a PDF made in the background, and the PDF when it is
    made (the results catalogue's, a meeting pack's).

    `content_hash` is the SHA-256 of the HTML the PDF was made from: when nothing has
    changed, the next request reuses the file instead of laying it out again."""

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RenderStatus.choices,
        default=RenderStatus.QUEUED,
    )
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    step = models.CharField(_("trin"), max_length=100, blank=True)
    content_hash = models.CharField(_("indholdets hash"), max_length=64, blank=True)
    file = models.FileField(_("PDF"), upload_to=render_path, blank=True)
    pages = models.PositiveIntegerField(_("sider"), null=True, blank=True)
    size = models.PositiveIntegerField(_("størrelse (bytes)"), null=True, blank=True)
    reused = models.BooleanField(_("genbrugt uændret"), default=False)
    error = models.TextField(_("fejl"), blank=True)
    failure = models.CharField(
        _("hvorfor den fejlede"),
        max_length=12,
        choices=RenderFailure.choices,
        blank=True,
    )
    task_id = models.CharField(
        _("opgave"),
        max_length=64,
        blank=True,
        help_text=_("Opgaven i baggrundskøen, der danner PDF'en."),
    )
    progress_at = models.DateTimeField(_("seneste fremdrift"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("bestilt af"),
    )
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="%(app_label)s_%(class)s_progress_at_most_100",
            ),
        ]

    @property
    def is_pending(self):
        return self.status in (RenderStatus.QUEUED, RenderStatus.RUNNING)

    @property
    def is_done(self):
        return self.status == RenderStatus.DONE

    @property
    def is_failed(self):
        return self.status == RenderStatus.FAILED


class CatalogueRender(RenderRecord):
    """One request for the catalogue's PDF, and the PDF when it is made."""

    catalogue = models.ForeignKey(
        Catalogue,
        on_delete=models.CASCADE,
        related_name="renders",
        verbose_name=_("katalog"),
    )

    scope = Scope(project="catalogue__project")
    objects = ScopedQuerySet.as_manager()

    class Meta(RenderRecord.Meta):
        verbose_name = _("dannet katalog")
        verbose_name_plural = _("dannede kataloger")

    @property
    def folder(self):
        return f"catalogues/{self.catalogue.project_id}"

    def __str__(self):
        if self.created_at is None:
            return str(self.catalogue)
        when = formats.date_format(
            timezone.localtime(self.created_at), "DATETIME_FORMAT"
        )
        return f"{self.catalogue} · {when}"


class MeetingPackRender(RenderRecord):
    """One request for a steering group meeting's pack as PDF, and the PDF when made."""

    meeting = models.ForeignKey(
        "initiatives.Meeting",
        on_delete=models.CASCADE,
        related_name="pack_renders",
        verbose_name=_("møde"),
    )

    # Like the meeting: the steering group's and the consultant's.
    scope = Scope(project="meeting__project", whole_project_only=True)
    objects = ScopedQuerySet.as_manager()

    class Meta(RenderRecord.Meta):
        verbose_name = _("dannet mødemappe")
        verbose_name_plural = _("dannede mødemapper")

    @property
    def folder(self):
        return f"meeting-packs/{self.meeting.project_id}"

    def __str__(self):
        return str(self.meeting)
