"""Writes for the entries of repeated sections: one per event, arrangement or visit.

The coordinator adds and removes entries; their answers are saved like the schema's
others (testing.services.submissions, per slot key@entry). A removed entry keeps its
answers in the history, marked hidden: not counted, not exported, not shown.
"""

import uuid

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import ActionRefused

from ..models import (
    EDITABLE_STATUSES,
    Answer,
    RepeatEntry,
    Submission,
    SubmissionAction,
    SubmissionEvent,
)
from ..schema_logic import SchemaLogic
from ..selectors import schema_sections, submission_schema_version
from .submissions import mark_saved

MAX_ENTRIES = 50  # per section and schema: far more events than a week holds


def _locked_editable(submission: Submission) -> Submission:
    locked = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("run")
        .get(pk=submission.pk)
    )
    if locked.status not in EDITABLE_STATUSES:
        raise ActionRefused(_("Skemaet er indsendt og kan ikke ændres."))
    return locked


def _touch(submission: Submission, user: User, changed: list[str]) -> None:
    now = timezone.now()
    mark_saved(submission, user=user, now=now, any_version=True)
    SubmissionEvent.objects.create(
        submission=submission,
        action=SubmissionAction.SAVED,
        by=user,
        at=now,
        changed=changed,
    )


@transaction.atomic
def submission_entry_add(
    *, submission: Submission, section_key: str, user: User, seen: int, page: str = ""
) -> RepeatEntry:
    """Add an entry to a repeated section of the schema.

    `seen` is how many entries of the section the page showed and `page` the open
    page's id: the same press sent again (a double click) returns the entry it made.
    Without a page (demo data, imports), more entries than `seen` means it was made."""
    submission = _locked_editable(submission)
    version = submission_schema_version(submission)
    sections = list(schema_sections(version=version)) if version else []
    section = next((s for s in sections if s.key == section_key and s.repeats), None)
    applicable = SchemaLogic.of(sections).applicable_sections(
        period=submission.kind, site_id=submission.run.site_id
    )
    if section is None or section.pk not in applicable:
        raise ActionRefused(_("Afsnittet findes ikke i dette skema."))
    live = RepeatEntry.objects.filter(
        submission=submission, section_key=section_key, removed_at__isnull=True
    ).order_by("created_at", "pk")
    count = live.count()
    made_by = f"{page}:{seen}"[:48] if page else ""
    if made_by:
        made = live.filter(made_by=made_by).first()
        if made is not None:
            return made
    elif count > max(seen, 0):
        return live.last()  # type: ignore[return-value]
    if count >= MAX_ENTRIES:
        raise ActionRefused(
            _("Der kan højst være %(count)s i “%(section)s”.")
            % {"count": MAX_ENTRIES, "section": section.title}
        )
    entry = RepeatEntry.objects.create(
        submission=submission, section_key=section_key, made_by=made_by
    )
    _touch(submission, user, [])
    return entry


@transaction.atomic
def submission_entry_remove(
    *, submission: Submission, uid: str, user: User
) -> RepeatEntry | None:
    """Remove an entry: its answers stay in the history, hidden (not counted). Removing
    one already removed (a double click, another tab) changes nothing."""
    try:
        uid = uuid.UUID(str(uid)).hex
    except ValueError:
        raise ActionRefused(
            _("Det, du ville fjerne, findes ikke i dette skema.")
        ) from None
    submission = _locked_editable(submission)
    entry = RepeatEntry.objects.filter(submission=submission, uid=uid).first()
    if entry is None:
        raise ActionRefused(_("Det, du ville fjerne, findes ikke i dette skema."))
    if entry.removed_at is not None:
        return entry
    entry.removed_at = timezone.now()
    entry.save(update_fields=["removed_at"])
    Answer.objects.filter(entry=entry).update(hidden=True)
    _touch(submission, user, [])
    return entry
