"""The results catalogue: what the consultant curates, and each PDF made from it."""

import operator
from functools import reduce

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


class AccentColour(models.TextChoices):
    """The catalogue's accent colours: each dark enough for white text on it and for
    headings on white (contrast at least 7:1), so any choice passes WCAG AA.
    catalogue.css has a class per colour (accent-<hex>): the pages' CSP allows no
    inline styles."""

    NAVY = "#1d3f6e", _("Mørkeblå")
    PETROL = "#124a5c", _("Petrol")
    GREEN = "#1f5a32", _("Mørkegrøn")
    PLUM = "#5b2a6e", _("Blomme")
    RED = "#7f1d1d", _("Mørkerød")
    GRAPHITE = "#343a40", _("Grafit")


def logo_path(instance, filename):
    """Where a logo is stored: under its project (gdpr_erase deletes the folder)."""
    project_id = getattr(instance, "project_id", None) or instance.catalogue.project_id
    return f"catalogues/{project_id}/logos/{filename}"


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
        help_text=_(
            "Konsulenthuset, der har skrevet kataloget. Står på forsiden, i "
            "kolofonen og i PDF'ens egenskaber."
        ),
    )
    commissioners = models.CharField(
        _("opdragsgivere"),
        max_length=300,
        blank=True,
        help_text=_("Tom: kommunerne med steder i forløbet."),
    )
    author_logo = models.ImageField(
        _("forfatterens logo"), upload_to=logo_path, blank=True
    )
    accent_colour = models.CharField(
        _("accentfarve"),
        max_length=7,
        choices=AccentColour.choices,
        default=AccentColour.NAVY,
        help_text=_(
            "Forsidens og overskrifternes farve. Alle farverne har kontrast nok til "
            "hvid tekst."
        ),
    )
    cover_photo = models.ForeignKey(
        "testing.Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forsidefoto"),
    )
    issued_on = models.DateField(
        _("udgivet den"),
        null=True,
        blank=True,
        help_text=_("Står på forsiden og i kolofonen."),
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
    summary_sentence = models.CharField(
        _("sætning til sammenfatningen"),
        max_length=300,
        blank=True,
        help_text=_("Tom: første sætning af begrundelsen for anbefalingen."),
    )
    key_question = models.CharField(
        _("nøgletal"),
        max_length=100,
        blank=True,
        help_text=_(
            "Spørgsmålet, hvis tal står i sammenfatningen. Tom: det første "
            "spørgsmål med et tal."
        ),
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


class CatalogueLogo(TimeStampedModel):
    """A commissioner's logo on the catalogue's cover (a municipality's)."""

    catalogue = models.ForeignKey(
        Catalogue,
        on_delete=models.CASCADE,
        related_name="logos",
        verbose_name=_("katalog"),
    )
    name = models.CharField(
        _("navn"), max_length=200, help_text=_("Fx “Roskilde Kommune”.")
    )
    image = models.ImageField(_("logo"), upload_to=logo_path)
    position = models.PositiveIntegerField(_("placering"), default=0)

    scope = Scope(project="catalogue__project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("logo")
        verbose_name_plural = _("logoer")

    def __str__(self):
        return self.name


class Claim(models.TextChoices):
    """The texts of a chapter that can cite evidence."""

    WHAT_WORKED = "what_worked", _("Det virkede")
    WHAT_DID_NOT = "what_did_not", _("Det virkede ikke")
    LEARNINGS = "learnings", _("Læring")
    RECOMMENDATION = "recommendation", _("Anbefaling")


class EvidenceKind(models.TextChoices):
    SUBMISSION = "submission", _("Svar i et testskema")
    FIGURE = "figure", _("Tal fra testskemaerne")
    QUOTE = "quote", _("Citat")
    VISIT = "visit", _("Rådgivningsbesøg")
    PHONE_INTERVIEW = "phone", _("Telefoninterview")
    DECISION = "decision", _("Styregruppens beslutning")


# The field of ChapterEvidence that holds each kind's source.
EVIDENCE_FIELDS = {
    EvidenceKind.SUBMISSION: "submission",
    EvidenceKind.FIGURE: "question_key",
    EvidenceKind.QUOTE: "quote",
    EvidenceKind.VISIT: "visit",
    EvidenceKind.PHONE_INTERVIEW: "phone_interview",
    EvidenceKind.DECISION: "decision",
}


def _only_source(kind: str, field_name: str) -> Q:
    """Rows of `kind` whose own source field is set and every other one empty."""
    condition = Q(kind=kind)
    for name in EVIDENCE_FIELDS.values():
        empty = (
            Q(question_key="")
            if name == "question_key"
            else Q(**{f"{name}__isnull": True})
        )
        condition &= ~empty if name == field_name else empty
    return condition


class ChapterEvidence(models.Model):
    """One source a chapter's claim rests on: a schema's answers, a figure, a quote,
    a visit, a phone interview or a decision. Deleting the source deletes the
    citation; a quote that loses its consent is left out where it is read."""

    chapter = models.ForeignKey(
        CatalogueChapter,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("kapitel"),
    )
    claim = models.CharField(_("udsagn"), max_length=20, choices=Claim.choices)
    kind = models.CharField(_("slags"), max_length=12, choices=EvidenceKind.choices)
    submission = models.ForeignKey(
        "testing.Submission",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("testskema"),
    )
    question_key = models.CharField(_("spørgsmål"), max_length=100, blank=True)
    quote = models.ForeignKey(
        "initiatives.Quote",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("citat"),
    )
    visit = models.ForeignKey(
        "testing.AdvisoryVisit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rådgivningsbesøg"),
    )
    phone_interview = models.ForeignKey(
        "testing.PhoneInterview",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("telefoninterview"),
    )
    decision = models.ForeignKey(
        "initiatives.Decision",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslutning"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    scope = Scope(project="chapter__catalogue__project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["chapter", "claim", "created_at", "pk"]
        verbose_name = _("kilde")
        verbose_name_plural = _("kilder")
        constraints = [
            models.CheckConstraint(
                condition=reduce(
                    operator.or_,
                    (
                        _only_source(kind, name)
                        for kind, name in EVIDENCE_FIELDS.items()
                    ),
                ),
                name="%(app_label)s_%(class)s_one_source_of_its_kind",
            )
        ]

    def __str__(self):
        return (
            f"{self.chapter} · {self.get_claim_display()} · {self.get_kind_display()}"
        )

    @property
    def source_id(self) -> str:
        """The source as "kind:id" (a figure: "figure:question key")."""
        value = getattr(
            self,
            EVIDENCE_FIELDS[EvidenceKind(self.kind)]
            + ("" if self.kind == EvidenceKind.FIGURE else "_id"),
        )
        return f"{self.kind}:{value}"


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


class CataloguePublication(TimeStampedModel):
    """The catalogue's web edition as published: a read-only link with an unguessable
    token for readers without an account, and what it serves.

    `html` is the web edition as it was when published (readers see what was
    published, not later drafts); `photo_ids` the photos it shows (the only ones its
    link serves); `pdf_hash` the content hash of the catalogue's PDF HTML at that
    moment, so the PDF offered with it is a PDF of the same content (`render`, or
    one made after publishing with the same hash). One live publication per
    catalogue: publishing again revokes the previous one. A revoked publication is
    kept (who published and revoked what, and when), but its link gives 404."""

    catalogue = models.ForeignKey(
        Catalogue,
        on_delete=models.CASCADE,
        related_name="publications",
        verbose_name=_("katalog"),
    )
    token = models.CharField(_("nøgle"), max_length=64, unique=True, editable=False)
    html = models.TextField(_("webudgave (HTML)"), editable=False)
    pdf_hash = models.CharField(
        _("PDF'ens indholdshash"), max_length=64, blank=True, editable=False
    )
    render = models.ForeignKey(
        CatalogueRender,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name=_("PDF"),
    )
    photo_ids = models.JSONField(_("fotos"), default=list, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("offentliggjort af"),
    )
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tilbagekaldt af"),
    )

    scope = Scope(project="catalogue__project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("offentliggjort webudgave")
        verbose_name_plural = _("offentliggjorte webudgaver")
        constraints = [
            models.UniqueConstraint(
                fields=["catalogue"],
                condition=Q(revoked_at__isnull=True),
                name="%(app_label)s_%(class)s_one_live_per_catalogue",
            )
        ]

    def __str__(self):
        return str(self.catalogue)

    @property
    def is_live(self):
        return self.revoked_at is None

    def get_absolute_url(self):
        return reverse("reporting:publication", args=[self.token])
