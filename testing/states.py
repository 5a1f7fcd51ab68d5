"""How a schema's state is told, one definition for every page that shows it.

The coordinator's "Mine skemaer", the consultant's run page and the steering group's
dashboard all say a schema's state with the words of SubmissionStatus ("Kladde",
"Indsendt", …) and an icon, and add "forsinket" when a schema that has not been sent
(not started, or a draft) is past its deadline. An overdue draft is a draft that is
overdue: never a different word. Counts say the same words, pluralised, and a count of
zero is left out.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .models import SubmissionStatus

# The order states are listed in legends and counts: done first, then open.
STATUS_ORDER = [
    SubmissionStatus.APPROVED,
    SubmissionStatus.SUBMITTED,
    SubmissionStatus.RETURNED,
    SubmissionStatus.DRAFT,
    SubmissionStatus.NOT_STARTED,
]
# An icon beside the word (never colour alone, WCAG 1.4.1).
STATUS_ICONS = {
    SubmissionStatus.APPROVED: "✔",
    SubmissionStatus.SUBMITTED: "✓",
    SubmissionStatus.RETURNED: "↩",
    SubmissionStatus.DRAFT: "✎",
    SubmissionStatus.NOT_STARTED: "·",
}
STATUS_COUNTS = {
    SubmissionStatus.APPROVED: ngettext_lazy(
        "%(count)d godkendt", "%(count)d godkendte", "count"
    ),
    SubmissionStatus.SUBMITTED: ngettext_lazy(
        "%(count)d indsendt", "%(count)d indsendte", "count"
    ),
    SubmissionStatus.RETURNED: ngettext_lazy(
        "%(count)d sendt tilbage", "%(count)d sendt tilbage", "count"
    ),
    SubmissionStatus.DRAFT: ngettext_lazy(
        "%(count)d kladde", "%(count)d kladder", "count"
    ),
    SubmissionStatus.NOT_STARTED: ngettext_lazy(
        "%(count)d ikke påbegyndt", "%(count)d ikke påbegyndte", "count"
    ),
}

# Overdue: not sent yet and past the deadline. A returned schema is the consultant's
# request for a correction and has its own place ("Sendt tilbage til rettelse").
OVERDUE_STATUSES = (SubmissionStatus.NOT_STARTED, SubmissionStatus.DRAFT)
OVERDUE_ICON = "!"
OVERDUE_WORD = _("forsinket")
OVERDUE_COUNT = ngettext_lazy("%(count)d forsinket", "%(count)d forsinkede", "count")
OVERDUE_EXPLAINED = _("fristen er overskredet, og skemaet er ikke sendt")


def is_overdue(status, due_on, today):
    return status in OVERDUE_STATUSES and due_on < today


def overdue_q(today, prefix=""):
    """The same rule as is_overdue, as a filter on submissions."""
    return Q(**{f"{prefix}status__in": OVERDUE_STATUSES, f"{prefix}due_on__lt": today})


@dataclass(frozen=True)
class SchemaState:
    """A schema's status, and whether it is overdue."""

    status: str
    overdue: bool = False

    @property
    def key(self):
        return f"{self.status}-overdue" if self.overdue else str(self.status)

    @property
    def label(self):
        """The status's own word, as the coordinator sees it on the schema."""
        return SubmissionStatus(self.status).label

    @property
    def word(self):
        """The whole state in words: "Kladde", or "Kladde, forsinket"."""
        if self.overdue:
            return format_lazy("{}, {}", self.label, OVERDUE_WORD)
        return self.label

    @property
    def mark(self):
        """The word added when overdue ("forsinket"), else empty."""
        return OVERDUE_WORD if self.overdue else ""

    @property
    def icon(self):
        icon = STATUS_ICONS[self.status]
        return f"{icon}{OVERDUE_ICON}" if self.overdue else icon

    @property
    def css(self):
        """Classes of the state's cell: the status's colour, a red frame if overdue."""
        return f"state-{self.status}" + (" state-overdue" if self.overdue else "")


def schema_state(status, due_on, today):
    return SchemaState(status=status, overdue=is_overdue(status, due_on, today))


# Every state a schema can be in, in legend order.
ALL_STATES = [
    SchemaState(status=status, overdue=overdue)
    for status in STATUS_ORDER
    for overdue in ((False, True) if status in OVERDUE_STATUSES else (False,))
]


def legend():
    """[(icon, css classes, word)]: each status, then what the overdue mark means."""
    lines = [
        (STATUS_ICONS[status], f"state-{status}", SubmissionStatus(status).label)
        for status in STATUS_ORDER
    ]
    lines.append(
        (
            OVERDUE_ICON,
            "state-overdue",
            format_lazy("{}: {}", OVERDUE_WORD, OVERDUE_EXPLAINED),
        )
    )
    return lines


def state_counts(counts):
    """What a count of schemas says: [(icon, css classes, text)] from {status: n}
    and counts["overdue"], in legend order, leaving out what is zero ("0 kladder"
    says nothing). Overdue schemas are counted by their status too, and once more on
    a line of their own."""
    lines = [
        (
            STATUS_ICONS[status],
            f"state-{status}",
            STATUS_COUNTS[status] % {"count": counts[status]},
        )
        for status in STATUS_ORDER
        if counts.get(status)
    ]
    if counts.get("overdue"):
        lines.append(
            (
                OVERDUE_ICON,
                "state-overdue",
                OVERDUE_COUNT % {"count": counts["overdue"]},
            )
        )
    return lines
