"""Writes for the tally at the counter: taps roll up into a week's schema.

Each tap carries the id its browser made for it. Exactly once, on SQLite as on
PostgreSQL:

- the taps of a request are inserted with `bulk_create(ignore_conflicts=True)`, each
  row stamped with the request's own batch id; the rows that carry that batch
  afterwards are the ones this request inserted, and only those are counted. A tap
  sent again (a lost answer, a second tab, two devices replaying a queue) meets its
  own row and is neither stored nor counted twice;
- inserting, counting and bumping the schema's version are one transaction that
  holds the schema's row (`select_for_update`) and writes the version only if it is
  the one read (a conditional UPDATE, as submission saves do): if anything moved,
  the whole transaction, inserts included, is undone and tried again;
- an undo is a tap of its own (−1) naming the tap it undoes; the database lets a tap
  be undone once (a unique constraint).

Every counted batch bumps `Submission.version` and records who and when, like a
save of the schema page, so a page open elsewhere meets the new figures through the
three-way merge instead of overwriting them. Taps that arrive while the schema is
sent are kept, not counted, until the coordinator counts them in after the schema
has come back (`tally_count_held`).
"""

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import ActionRefused, StateConflict

from ..models import (
    Answer,
    Submission,
    SubmissionAction,
    Tap,
)
from ..selectors import tally_is_open, tally_questions
from .submissions import (
    _record_save,
    _StaleRead,
    mark_saved,
    submission_settle_answers,
)

# The most taps one request may carry; the rest are left for the next request.
MAX_TAPS_PER_BATCH = 100
# A tap's own time is believed within these bounds (offline for up to two weeks).
TAP_TIME_PAST = datetime.timedelta(days=14)
TAP_TIME_FUTURE = datetime.timedelta(minutes=5)


@dataclass
class TallyResult:
    """What a batch of taps did. `stored`: ids the server holds now (this time or
    before), which the browser may forget; of them, `applied` were counted by this
    call and `held` are kept without being counted (the schema is sent).
    `refused`: (id as sent, why), never stored; `deferred`: ids beyond the batch
    limit, to be sent again."""

    submission: Submission
    stored: list[str] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Tap:
    id: uuid.UUID
    key: str
    delta: int
    undoes: uuid.UUID | None
    tapped_at: datetime.datetime | None


def _as_uuid(value: Any) -> uuid.UUID | None:
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _as_time(value: Any, now: datetime.datetime) -> datetime.datetime:
    """The tap's own time if it is a plausible one, else the time it arrived."""
    if not isinstance(value, str) or len(value) > 40:
        return now
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return now
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if not now - TAP_TIME_PAST <= moment <= now + TAP_TIME_FUTURE:
        return now
    return moment


def _sent_id(raw: Any) -> str:
    value = raw.get("id") if isinstance(raw, Mapping) else None
    return value[:64] if isinstance(value, str) else ""


def _parse(raw: Any, now: datetime.datetime) -> _Tap | str:
    """A tap as sent (a JSON object), or why it cannot be counted."""
    if not isinstance(raw, Mapping):
        return _("Trykket kunne ikke læses.")
    tap_id = _as_uuid(raw.get("id"))
    if tap_id is None:
        return _("Trykket har ikke et gyldigt id.")
    key = raw.get("question")
    if not isinstance(key, str) or not key or len(key) > 60:
        return _("Trykket nævner ikke et spørgsmål.")
    delta, undoes = raw.get("delta"), raw.get("undoes")
    if type(delta) is not int or delta not in (1, -1):
        return _(
            "Et tryk tæller én op, og en fortrydelse én ned; andet kan ikke tælles."
        )
    target = _as_uuid(undoes) if undoes is not None else None
    if (delta == -1) != (target is not None) or target == tap_id:
        return _("En fortrydelse skal nævne det tryk, den fortryder.")
    return _Tap(tap_id, key, delta, target, _as_time(raw.get("tapped_at"), now))


def tally_record_taps(
    *,
    submission: Submission,
    taps: Sequence[Any],
    user: User,
    device: str = "",
) -> TallyResult:
    """Store a batch of taps on a week's schema and count those not seen before.

    `taps` are plain values as the page sends them: {"id": uuid, "question": key,
    "delta": 1 | -1, "undoes": uuid of the tap undone (with -1), "tapped_at": ISO
    time}. Each is counted once, however often it is sent; taps that cannot be
    counted (a bad id, a question the schema does not tally, another schema's tap)
    are refused one by one with the reason, and the rest go through. While the schema
    is sent, taps are kept without being counted (`held`).
    """
    now = timezone.now()
    result = TallyResult(submission=submission)
    batch = list(taps)
    result.deferred = [_sent_id(raw) for raw in batch[MAX_TAPS_PER_BATCH:]]
    parsed: dict[uuid.UUID, _Tap] = {}
    for raw in batch[:MAX_TAPS_PER_BATCH]:
        tap = _parse(raw, now)
        if isinstance(tap, str):
            result.refused.append((_sent_id(raw), tap))
        else:
            parsed.setdefault(tap.id, tap)
    if not parsed:
        return result
    for _attempt in range(3):
        try:
            return _record_once(
                submission.pk,
                taps=list(parsed.values()),
                user=user,
                device=device[:36],
                now=now,
                result=result,
            )
        except _StaleRead:
            continue
    raise StateConflict(_("Skemaet blev ændret imens. Trykkene sendes igen om lidt."))


def _record_once(
    submission_pk: int,
    *,
    taps: list[_Tap],
    user: User,
    device: str,
    now: datetime.datetime,
    result: TallyResult,
) -> TallyResult:
    refused = list(result.refused)
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("run__template", "schema_version")
            .get(pk=submission_pk)
        )
        questions = {q.key: q for q in tally_questions(submission)}
        known = Tap.objects.in_bulk([t.id for t in taps])
        targets = Tap.objects.in_bulk([t.undoes for t in taps if t.undoes])
        by_id = {t.id: t for t in taps}
        stored, new = [], []
        for tap in taps:
            earlier = known.get(tap.id)
            if earlier is not None:
                if earlier.submission_id != submission.pk:
                    refused.append(
                        (str(tap.id), _("Trykket hører til et andet skema."))
                    )
                else:
                    stored.append(str(tap.id))
                continue
            question = questions.get(tap.key)
            if question is None:
                refused.append(
                    (
                        str(tap.id),
                        _("Spørgsmålet “%(key)s” kan ikke tælles i dette skema.")
                        % {"key": tap.key},
                    )
                )
                continue
            if tap.undoes and not _undo_fits(
                tap, question.pk, submission.pk, targets, by_id, questions
            ):
                refused.append(
                    (
                        str(tap.id),
                        _(
                            "Fortrydelsen passer ikke til et tryk på samme spørgsmål "
                            "i dette skema."
                        ),
                    )
                )
                continue
            new.append((tap, question))
        batch = uuid.uuid4()
        # Taps before undos: an undo sent with its tap finds it stored.
        new.sort(key=lambda pair: pair[0].delta, reverse=True)
        Tap.objects.bulk_create(
            [
                Tap(
                    id=tap.id,
                    submission=submission,
                    question=question,
                    delta=tap.delta,
                    undoes=tap.undoes,
                    tapped_at=tap.tapped_at or now,
                    received_at=now,
                    by=user,
                    device=device,
                    batch=batch,
                )
                for tap, question in new
            ],
            ignore_conflicts=True,
        )
        mine = {
            t.pk: t
            for t in Tap.objects.filter(
                pk__in=[t.id for t, _q in new], batch=batch
            ).select_related("question")
        }
        lost = [tap.id for tap, _q in new if tap.id not in mine]
        elsewhere = set(
            Tap.objects.filter(pk__in=lost).values_list("pk", flat=True)
        )  # the same ids, stored by a request running at the same time
        for tap_id in lost:
            if tap_id in elsewhere:
                stored.append(str(tap_id))
            else:  # the other unique constraint: the tap is undone already
                refused.append((str(tap_id), _("Trykket er allerede fortrudt.")))
        stored += [str(pk) for pk in mine]
        applied, held = [], []
        if tally_is_open(submission):
            # An undo of a tap that is kept uncounted is kept uncounted too.
            held_ids = set(
                Tap.objects.filter(
                    pk__in=[t.undoes for t in mine.values() if t.undoes],
                    applied=False,
                )
                .exclude(pk__in=list(mine))  # counted now, with this batch
                .values_list("pk", flat=True)
            )
            count = [
                t for t in mine.values() if not (t.undoes and t.undoes in held_ids)
            ]
            _count_in(submission, count, user=user, now=now)
            applied = [str(t.pk) for t in count]
            held = [str(t.pk) for t in mine.values() if t not in count]
        else:
            held = [str(pk) for pk in mine]
        submission.refresh_from_db()
    sent = {str(t.id): position for position, t in enumerate(taps)}
    return TallyResult(
        submission=submission,
        stored=sorted(stored, key=sent.__getitem__),
        applied=sorted(applied, key=sent.__getitem__),
        held=sorted(held, key=sent.__getitem__),
        refused=refused,
        deferred=result.deferred,
    )


def _undo_fits(
    undo: _Tap,
    question_pk: int,
    submission_pk: int,
    targets: Mapping[Any, Tap],
    batch: Mapping[uuid.UUID, _Tap],
    questions: Mapping[str, Any],
) -> bool:
    """An undo names a +1 tap on the same question of the same schema (one not seen
    yet is taken on trust: it may still be on its way)."""
    target = targets.get(undo.undoes)
    if target is not None:
        return (
            target.submission_id == submission_pk
            and target.question_id == question_pk
            and target.delta == 1
        )
    sent = batch.get(undo.undoes) if undo.undoes else None
    if sent is not None:
        return sent.key == undo.key and sent.delta == 1 and sent.key in questions
    return True


def _count_in(
    submission: Submission,
    taps: Iterable[Tap],
    *,
    user: User,
    now: datetime.datetime,
) -> None:
    """Add the taps to the schema's answers and mark them counted, as one save of
    the schema: its version goes up (only from the version read: `_StaleRead`
    otherwise), a schema not started becomes a draft, and the history says so."""
    taps = list(taps)
    if not taps:
        return
    sums: defaultdict[int, int] = defaultdict(int)
    keys = {}
    for tap in taps:
        sums[tap.question_id] += tap.delta
        keys[tap.question_id] = tap.question.key
    existing = {
        a.question_id: a.pk
        for a in Answer.objects.filter(submission=submission, question_id__in=sums)
    }
    for question_id, delta in sums.items():
        if question_id in existing:
            # An increment in SQL, and the answer is no longer the one an open schema
            # page wrote (core.merge `own`): that page meets it as changed elsewhere.
            Answer.objects.filter(pk=existing[question_id]).update(
                value_integer=Coalesce(F("value_integer"), Value(0)) + delta,
                written_by_page="",
            )
        else:
            Answer.objects.create(
                submission=submission, question_id=question_id, value_integer=delta
            )
    Tap.objects.filter(pk__in=[t.pk for t in taps]).update(applied=True, applied_at=now)
    # A computed answer that uses a count follows it (the share that came the same day).
    submission_settle_answers(submission=submission)
    if not mark_saved(submission, user=user, now=now):
        raise _StaleRead
    _record_save(
        submission, user, sorted(set(keys.values())), now, SubmissionAction.TALLIED
    )


def tally_count_held(*, submission: Submission, user: User) -> int:
    """Count in the taps kept while the schema was sent, now that it can be edited
    again; returns how many taps were counted. Refused while it is still sent."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                locked = (
                    Submission.objects.select_for_update(of=("self",))
                    .select_related("run__template", "schema_version")
                    .get(pk=submission.pk)
                )
                if not tally_is_open(locked):
                    raise ActionRefused(
                        _(
                            "Skemaet er sendt. Trykkene tælles med, når konsulenten "
                            "har sendt det tilbage."
                        )
                    )
                held = list(
                    Tap.objects.filter(submission=locked, applied=False).select_related(
                        "question"
                    )
                )
                _count_in(locked, held, user=user, now=timezone.now())
                return len(held)
        except _StaleRead:
            continue
    raise StateConflict(_("Skemaet blev ændret imens. Prøv igen."))
