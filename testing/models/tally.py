"""The tally at the counter: one row per press of "+1" (or of "Fortryd") on a tablet.

A tap names itself: its id is made by the browser when the button is pressed, so a
tap sent twice (a lost answer, a second tab, a retry after a network drop) is one row
and counts once. The taps of a week's schema roll up into its answers
(testing/services/tally.py); a tap that arrives while the schema is sent is kept, not
counted (`applied` False), until the coordinator counts it in.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.scoping import Scope, ScopedQuerySet


class Tap(models.Model):
    """One tap on a tally page: +1 to a counted question, or −1 undoing an earlier tap."""

    id = models.UUIDField(_("id"), primary_key=True, editable=False)
    submission = models.ForeignKey(
        "testing.Submission",
        on_delete=models.CASCADE,
        related_name="taps",
        verbose_name=_("testskema"),
    )
    question = models.ForeignKey(
        "testing.Question",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("spørgsmål"),
    )
    delta = models.SmallIntegerField(_("ændring"))
    # The tap this one undoes (its id; not a foreign key, so an undo that arrives
    # before its tap is kept too). Unique: a tap is undone at most once.
    undoes = models.UUIDField(_("fortryder"), null=True, blank=True, editable=False)
    applied = models.BooleanField(_("talt med"), default=False)
    applied_at = models.DateTimeField(_("talt med den"), null=True, blank=True)
    tapped_at = models.DateTimeField(_("trykket"))
    received_at = models.DateTimeField(_("modtaget"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sendt af"),
    )
    # A random id the browser made for itself, so the taps of two tablets at the same
    # counter can be told apart; it names no one.
    device = models.CharField(_("enhed"), max_length=36, blank=True)
    # The request that stored the row: the rows of this request are those carrying its
    # batch, whoever else sends the same ids at the same time.
    batch = models.UUIDField(_("sending"), editable=False)

    scope = Scope(project="submission__run__project", site="submission__run__site")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["received_at", "tapped_at"]
        verbose_name = _("tryk")
        verbose_name_plural = _("tryk ved skranken")
        indexes = [
            models.Index(
                fields=["submission", "applied"],
                name="testing_tap_submission_applied",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(delta=1, undoes__isnull=True)
                | Q(delta=-1, undoes__isnull=False),
                name="%(app_label)s_%(class)s_plus_one_or_undo",
            ),
            models.UniqueConstraint(
                fields=["undoes"],
                name="%(app_label)s_%(class)s_undone_once",
            ),
            models.CheckConstraint(
                condition=Q(applied=False) | Q(applied_at__isnull=False),
                name="%(app_label)s_%(class)s_applied_when",
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.delta:+d}"

    @property
    def is_undo(self):
        return self.undoes is not None
