"""Schema templates built in the app: versions of ordered sections and typed questions.

A version that has submissions is never changed: editing a template then makes a
new version (a copy), and old submissions keep the version they were filled in.
"""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from projects.scoping import Scope, ScopedQuerySet
from testing.question_kinds import QuestionKind, kind_of


class SchemaTemplate(TimeStampedModel):
    """A test schema for one initiative, e.g. “Ugeskema for rejseudstillingen”."""

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="schema_templates",
        verbose_name=_("tiltag"),
    )
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)

    scope = Scope(project="initiative__project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["initiative__name", "name"]
        verbose_name = _("skemaskabelon")
        verbose_name_plural = _("skemaskabeloner")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("testing:schematemplate_detail", args=[self.pk])

    @property
    def project_id(self):
        return self.initiative.project_id


class SchemaVersion(TimeStampedModel):
    template = models.ForeignKey(
        SchemaTemplate,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("skabelon"),
    )
    number = models.PositiveIntegerField(_("version"))

    scope = Scope(project="template__initiative__project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["template", "-number"]
        get_latest_by = "number"
        verbose_name = _("skemaversion")
        verbose_name_plural = _("skemaversioner")
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"],
                name="%(app_label)s_%(class)s_unique_number",
            ),
        ]

    def __str__(self):
        return f"{self.template} v{self.number}"


class Section(models.Model):
    version = models.ForeignKey(
        SchemaVersion,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("version"),
    )
    title = models.CharField(_("overskrift"), max_length=200)
    description = models.TextField(_("forklaring"), blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    # Stays the same across versions (like a question's key): a repeated section's
    # entries are known by it.
    key = models.SlugField(_("nøgle"), max_length=60, blank=True)
    repeats = models.BooleanField(
        _("Afsnittet kan gentages"),
        default=False,
        help_text=_(
            "Én udfyldning pr. arrangement, besøg eller lignende i ugen. Tovholderen "
            "tilføjer og fjerner dem selv."
        ),
    )
    # When the section is shown (testing/conditions.py); {}: always.
    condition = models.JSONField(_("vises når"), default=dict, blank=True)

    scope = Scope(project="version__template__initiative__project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("afsnit")
        verbose_name_plural = pgettext_lazy("plural", "afsnit")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.version.template.get_absolute_url() + f"#section-{self.pk}"


# What each kind is and does (form field, storage, display, charts): one definition
# per kind in testing/question_kinds.py.


class Question(models.Model):
    """One question. `key` stays the same across versions, so answers can be compared.

    `holds_personal_data` marks a free-text question whose answers may hold personal
    data, such as citizens' words ("Citater fra borgere"). Who may read such answers
    is one rule (`testing.view_personal_answers` in projects/permissions.py); they are
    never exported, and they reach the catalogue only as a quote, after its consent
    and review. The mark is the same in every version of a schema (a question is
    known by its key), so the answers given to older versions are covered too.
    """

    section = models.ForeignKey(
        Section,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("afsnit"),
    )
    key = models.SlugField(_("nøgle"), max_length=60)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    text = models.CharField(_("spørgsmål"), max_length=300)
    help_text = models.CharField(_("hjælpetekst"), max_length=300, blank=True)
    required = models.BooleanField(_("skal besvares"), default=False)
    min_value = models.DecimalField(
        _("mindste værdi"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("største værdi"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    scale_low_label = models.CharField(_("tekst ved 1"), max_length=60, blank=True)
    scale_high_label = models.CharField(_("tekst ved 5"), max_length=60, blank=True)
    choices = models.JSONField(_("valgmuligheder"), default=list, blank=True)
    # When the question is shown (testing/conditions.py); {}: always.
    condition = models.JSONField(_("vises når"), default=dict, blank=True)
    # What a computed question computes (testing/formulas.py); {} for other kinds.
    formula = models.JSONField(_("beregning"), default=dict, blank=True)
    holds_personal_data = models.BooleanField(
        _("Svarene kan indeholde personoplysninger (fx citater fra borgere)"),
        default=False,
        help_text=_(
            "Svarene vises kun for konsulenten og stedets tovholdere, ikke for "
            "styregruppen, og de kommer ikke med i eksporterne. Et citat fra svaret "
            "kommer først i kataloget, når det har samtykke og er gennemgået."
        ),
    )

    scope = Scope(project="section__version__template__initiative__project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("spørgsmål")
        verbose_name_plural = pgettext_lazy("plural", "spørgsmål")
        constraints = [
            # The kinds with `may_hold_personal_data` (testing/question_kinds.py).
            models.CheckConstraint(
                condition=Q(holds_personal_data=False)
                | Q(kind__in=[QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT]),
                name="%(app_label)s_%(class)s_personal_data_is_text",
                violation_error_message=_(
                    "Kun tekstspørgsmål kan markeres som personoplysninger."
                ),
            ),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(max_value__gte=F("min_value")),
                name="%(app_label)s_%(class)s_min_below_max",
                violation_error_message=_(
                    "Den største værdi skal være mindst den mindste."
                ),
            ),
        ]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return (
            self.section.version.template.get_absolute_url()
            + f"#section-{self.section_id}"
        )

    @property
    def definition(self):
        """What the question's kind is and does (testing/question_kinds.py)."""

        return kind_of(self.kind)
