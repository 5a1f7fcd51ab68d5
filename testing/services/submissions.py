"""Writes for submissions: saving answers (merged per answer) and submitting.

A submission's state (not started → draft → submitted → returned → … → approved)
changes only here and in `reviews`. Every save carries the version the user loaded; the UPDATE is
conditional on it (`WHERE version = %s`), so two tabs or two people can never
overwrite each other, on SQLite as on PostgreSQL: the second gets `StateConflict`.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.merge import Conflict, Merge, three_way
from core.services import ActionRefused, StateConflict
from notifications.models import NotificationKind
from notifications.services import notify
from projects.models import Role
from projects.selectors import project_members

from ..models import (
    EDITABLE_STATUSES,
    Answer,
    Question,
    Submission,
    SubmissionAction,
    SubmissionEvent,
    SubmissionStatus,
)
from ..question_kinds import ANSWER_COLUMNS
from ..schema_logic import SchemaLogic
from ..selectors import (
    answer_slot,
    live_entries,
    missing_required,
    schema_sections,
    slot_key,
    submission_matches,
    submission_schema_version,
    submission_stored_answers,
)

SAVE_EVENTS_MERGE_WITHIN = datetime.timedelta(minutes=15)


def _record_save(
    submission: Submission,
    user: User,
    changed: Iterable[str],
    now: datetime.datetime,
    action: str = SubmissionAction.SAVED,
) -> None:
    """One event in the schema's history for a save (or the taps of a tally, with
    `action` TALLIED); the same person's saves within a quarter of an hour are one."""
    last = submission.events.order_by("-at", "-pk").first()
    if (
        last is not None
        and last.action == action
        and last.by_id == user.pk
        and now - last.at < SAVE_EVENTS_MERGE_WITHIN
    ):
        last.changed = sorted(set(last.changed) | set(changed))
        last.at = now
        last.save(update_fields=["changed", "at"])
    else:
        SubmissionEvent.objects.create(
            submission=submission,
            action=action,
            by=user,
            at=now,
            changed=sorted(changed),
        )


def mark_saved(
    submission: Submission,
    *,
    user: User,
    now: datetime.datetime,
    any_version: bool = False,
    schema_version: Any = None,
) -> bool:
    """Record one save of the schema (the page's, the tally's, an entry added or
    removed): its version goes up, from the version read unless `any_version`; a schema
    not started becomes a draft; it is pinned to the version it is filled against.
    False when the version read is no longer the current one (nothing written)."""
    rows = Submission.objects.filter(pk=submission.pk, status__in=EDITABLE_STATUSES)
    if not any_version:
        rows = rows.filter(version=submission.version)
    return bool(
        rows.update(
            version=F("version") + 1,
            status=SubmissionStatus.DRAFT
            if submission.status == SubmissionStatus.NOT_STARTED
            else submission.status,
            schema_version=schema_version or submission_schema_version(submission),
            last_saved_at=now,
            last_saved_by=user,
            updated_at=now,
        )
    )


def _typed_slots(
    sections: Iterable[Any], entries: Mapping[str, Any]
) -> dict[str, Question]:
    """{slot: question} of the answers a page types into (testing.selectors.answer_slot):
    a question's key, and key@entry for each live entry of a repeated section; not
    photos (uploaded beside the form) nor computed answers (the server computes them)."""
    slots: dict[str, Question] = {}
    for section in sections:
        for q in section.questions.all():
            if q.definition.takes_photos or q.definition.is_computed:
                continue
            if not section.repeats:
                slots[q.key] = q
                continue
            for uid, entry in entries.items():
                if entry.section_key == section.key:
                    slots[answer_slot(q.key, uid)] = q
    return slots


def _mark_hidden(
    existing: Mapping[str, Answer], shown: set[str], to_update: list[Answer]
) -> None:
    """An answer whose question is now hidden keeps its value, marked hidden (not
    counted); one shown again counts again. Changed answers join `to_update`."""
    for slot, answer in existing.items():
        hidden = slot_key(slot) not in shown
        if answer.hidden != hidden:
            answer.hidden = hidden
            if answer not in to_update:
                to_update.append(answer)


def _conflict() -> StateConflict:
    return StateConflict(
        _(
            "Skemaet er gemt et andet sted, siden du åbnede det (i en anden fane eller af en "
            "anden), og de samme svar er ændret begge steder."
        )
    )


@dataclass
class DraftMerge:
    """What a save of a schema page did: the submission as it is now, and per question
    key what was written from the page, kept from elsewhere, or is waiting for a choice
    (see core.merge)."""

    submission: Submission
    merge: Merge
    # What the page wrote in entries of repeated sections that were removed elsewhere
    # meanwhile: {slot: (question text, value)}, not saved; the page must say so.
    gone: dict[str, tuple[str, Any]] = field(default_factory=dict)

    @property
    def conflicts(self) -> dict[str, Conflict]:
        return self.merge.conflicts

    @property
    def refreshed(self) -> dict[str, object]:
        return self.merge.refresh


class _StaleRead(Exception):
    """The submission changed between reading it and writing (only without row locks)."""


def _merge_once(
    submission_pk: int,
    *,
    values: Mapping[str, Any],
    user: User,
    base: dict[str, str],
    choices: dict[str, tuple[str, str]],
    loaded_version: int | None,
    page: str,
) -> DraftMerge:
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("run__template")
            .get(pk=submission_pk)
        )
        if submission.status not in EDITABLE_STATUSES:
            raise ActionRefused(_("Skemaet er indsendt og kan ikke ændres."))
        version = submission_schema_version(submission)
        sections = list(schema_sections(version=version)) if version else []
        every = {q.key: q for section in sections for q in section.questions.all()}
        logic = SchemaLogic.of(sections)
        entries = {e.uid.hex: e for e in live_entries(submission=submission)}
        # The slots a page may write (testing.selectors.answer_slot): a typed answer's
        # key (not photos, uploaded beside the form; not computed ones), and
        # key@entry for each live entry of a repeated section.
        slots = _typed_slots(sections, entries)
        period, site_id = submission.kind, submission.run.site_id
        existing, stored = submission_stored_answers(
            submission=submission, keys=slots.keys() | logic.formulas.keys()
        )
        mine = {slot: value for slot, value in values.items() if slot in slots}
        gone = {
            slot: (every[slot_key(slot)].text, value)
            for slot, value in values.items()
            if slot not in slots
            and slot_key(slot) in every
            and slot != slot_key(slot)
            and value not in (None, "", [])
        }
        # Hidden questions are not stored: the server decides what is shown.
        shown = logic.visible({**stored, **mine}, period=period, site_id=site_id)
        mine = {slot: value for slot, value in mine.items() if slot_key(slot) in shown}
        theirs = {slot: stored[slot] for slot in mine}
        merge = three_way(
            mine=mine,
            theirs=theirs,
            base=base,
            choices=choices,
            same_version=loaded_version == submission.version,
            own={k for k, a in existing.items() if page and a.written_by_page == page},
        )
        after = {**stored, **merge.apply}
        shown = logic.visible(after, period=period, site_id=site_id)
        computed = logic.computed(after, shown)
        writes: dict[str, dict[str, Any]] = {
            slot: {**slots[slot].definition.columns(value), "written_by_page": page}
            for slot, value in merge.apply.items()
        }
        for key, value in computed.items():
            if value != stored.get(key):
                writes[key] = every[key].definition.columns(value)
        to_create, to_update = [], []
        for slot, columns in writes.items():
            answer = existing.get(slot)
            if answer is None:
                _key, _sep, uid = slot.partition("@")
                to_create.append(
                    Answer(
                        submission=submission,
                        question=slots.get(slot) or every[slot],
                        entry=entries[uid] if uid else None,
                        hidden=slot_key(slot) not in shown,
                        **columns,
                    )
                )
            else:
                for column, column_value in columns.items():
                    setattr(answer, column, column_value)
                to_update.append(answer)
        _mark_hidden(existing, shown, to_update)
        if not merge.apply and submission.status != SubmissionStatus.NOT_STARTED:
            return DraftMerge(submission=submission, merge=merge, gone=gone)
        now = timezone.now()
        if not mark_saved(submission, user=user, now=now, schema_version=version):
            raise _StaleRead
        Answer.objects.bulk_create(to_create)
        Answer.objects.bulk_update(
            to_update, [*ANSWER_COLUMNS, "written_by_page", "hidden"]
        )
        if merge.apply:
            _record_save(submission, user, list(merge.apply), now)
        submission.refresh_from_db()
        return DraftMerge(submission=submission, merge=merge, gone=gone)


def submission_merge_draft(
    *,
    submission: Submission,
    values: Mapping[str, Any],
    user: User,
    base: dict[str, str] | None = None,
    choices: dict[str, tuple[str, str]] | None = None,
    loaded_version: int | None = None,
    page: str = "",
) -> DraftMerge:
    """Save a schema page's answers as a draft, merged per answer with what was saved
    elsewhere since the page was loaded (`core.merge.three_way`).

    `values` maps question key → cleaned value; `base` maps question key → the token of
    the value the page showed; `choices` maps question key → ("mine" | "theirs", token
    of the stored value the person chose against); `loaded_version` is the submission
    version the page was loaded at (used for keys without a base token); `page` is the
    id of the open page (answers it wrote last count as known to it, so a save whose
    answer was lost on the way back is not met as somebody else's).

    Answers only this page changed are written, answers only others changed stay, and
    answers both changed are left as they are stored and returned as conflicts: nothing
    is overwritten without a person choosing. Refused (ActionRefused) when the schema is
    no longer editable. A save that changes nothing changes nothing (not the version).
    """
    for _attempt in range(3):
        try:
            return _merge_once(
                submission.pk,
                values=values,
                user=user,
                base=base or {},
                choices=choices or {},
                loaded_version=loaded_version,
                page=page,
            )
        except _StaleRead:
            continue
    raise _conflict()


@transaction.atomic
def submission_save_draft(
    *,
    submission: Submission,
    values: Mapping[str, Any],
    user: User,
    expected_version: int | None,
) -> Submission:
    """Save answers as a draft, all or nothing. `values` maps question key → cleaned value.

    For callers without a page (demo data, imports, tests): answers that differ from
    what is stored are a conflict when the schema was saved since `expected_version`
    (`StateConflict`, nothing written). Returns the submission with its new version;
    an identical save changes nothing (not even the version).
    """
    result = submission_merge_draft(
        submission=submission,
        values=values,
        user=user,
        loaded_version=expected_version,
    )
    if result.conflicts:
        raise _conflict()
    return result.submission


def submission_submit(
    *,
    submission: Submission,
    values: Mapping[str, Any],
    user: User,
    expected_version: int | None,
) -> Submission:
    """Save the last answers, then submit. Refused while required answers are missing
    (the answers stay saved as a draft).

    Submitting twice with the same answers (a double click) submits once: the second
    call finds the schema already submitted and returns it unchanged.
    """
    if submission.status == SubmissionStatus.SUBMITTED:
        if submission_matches(submission=submission, values=values):
            return submission  # the same submit again, e.g. a double click
        raise StateConflict(
            _(
                "Skemaet er allerede indsendt, med andre svar end dem her på siden. "
                "Dine svar står stadig nedenfor."
            )
        )
    submission = submission_save_draft(
        submission=submission,
        values=values,
        user=user,
        expected_version=expected_version,
    )
    missing = missing_required(submission=submission)
    if missing:
        # The answers are saved as a draft above; only the submitting is refused.
        raise ActionRefused(
            _("Skemaet mangler svar på: %(questions)s.")
            % {"questions": ", ".join(q.text for q in missing)}
        )
    now = timezone.now()
    with transaction.atomic():
        updated = Submission.objects.filter(
            pk=submission.pk, version=submission.version, status__in=EDITABLE_STATUSES
        ).update(
            status=SubmissionStatus.SUBMITTED,
            version=F("version") + 1,
            submitted_at=now,
            submitted_by=user,
            updated_at=now,
        )
        if not updated:
            raise _conflict()
        SubmissionEvent.objects.create(
            submission=submission, action=SubmissionAction.SUBMITTED, by=user, at=now
        )
        submission.refresh_from_db()
        project = submission.run.project
        notify(
            kind=NotificationKind.SCHEMA_SUBMITTED,
            recipients=project_members(project=project, role=Role.CONSULTANT),
            project=project,
            target=submission,
            actor=user,
        )
    return submission


def submission_settle_answers(*, submission: Submission) -> None:
    """Bring the schema's computed answers and hidden marks up to date with its stored
    answers, for a write that changed answers without a page (the tally at the
    counter adds to counts): what a save of the page does after merging. Runs in the
    caller's transaction; writes only what differs."""
    version = submission_schema_version(submission)
    sections = list(schema_sections(version=version)) if version else []
    logic = SchemaLogic.of(sections)
    every = {q.key: q for section in sections for q in section.questions.all()}
    entries = {e.uid.hex: e for e in live_entries(submission=submission)}
    slots = _typed_slots(sections, entries).keys() | logic.formulas.keys()
    existing, stored = submission_stored_answers(submission=submission, keys=slots)
    shown = logic.visible(
        stored, period=submission.kind, site_id=submission.run.site_id
    )
    to_update = []
    for key, value in logic.computed(stored, shown).items():
        if value == stored.get(key):
            continue
        columns = every[key].definition.columns(value)
        answer = existing.get(key)
        if answer is None:
            Answer.objects.create(submission=submission, question=every[key], **columns)
            continue
        for column, column_value in columns.items():
            setattr(answer, column, column_value)
        to_update.append(answer)
    _mark_hidden(existing, shown, to_update)
    Answer.objects.bulk_update(to_update, [*ANSWER_COLUMNS, "hidden"])
