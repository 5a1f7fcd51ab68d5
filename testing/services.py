"""Writes for guides, schema templates, test runs and submissions.

A submission's state (not started → draft → submitted → returned → … → approved)
changes only here. Every save carries the version the user loaded; the UPDATE is
conditional on it (`WHERE version = %s`), so two tabs or two people can never
overwrite each other, on SQLite as on PostgreSQL: the second gets `StateConflict`.
"""

import datetime
import errno
import io
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from core.media_storage import save_new, write_errors
from core.merge import Conflict, Merge, three_way, token
from core.services import ActionRefused, StateConflict
from initiatives.services import quote_save

from .models import (
    EDITABLE_STATUSES,
    GUIDE_FIELDS,
    TEXT_KINDS,
    Answer,
    AnswerComment,
    Cadence,
    PeriodKind,
    Photo,
    Question,
    QuestionKind,
    SchemaTemplate,
    SchemaVersion,
    Submission,
    SubmissionAction,
    SubmissionEvent,
    SubmissionStatus,
    TestGuideVersion,
)

logger = logging.getLogger(__name__)

SAVE_EVENTS_MERGE_WITHIN = datetime.timedelta(minutes=15)


# Test guides


@transaction.atomic
def guide_publish(*, guide, user, change_note):
    """Publish the draft as the next version (unchanged drafts are not republished)."""
    latest = guide.versions.first()
    if latest is not None and latest.content() == guide.content():
        raise ActionRefused(
            _("Kladden er ikke ændret siden version %(number)s.")
            % {"number": latest.number}
        )
    return TestGuideVersion.objects.create(
        guide=guide,
        number=(latest.number + 1) if latest else 1,
        change_note=change_note.strip(),
        published_by=user,
        **guide.content(),
    )


def guide_changes(*, version, previous):
    """The parts of the guide that differ between two published versions: [(label, old, new)]."""
    if previous is None:
        return []
    return [
        (label, getattr(previous, name), getattr(version, name))
        for name, label in GUIDE_FIELDS
        if getattr(previous, name) != getattr(version, name)
    ]


# Schema templates: copy on write once a version has submissions


def schema_version_in_use(*, version):
    """Somebody has saved a schema against this version: it must not change any more."""
    return version.submissions.exclude(status=SubmissionStatus.NOT_STARTED).exists()


def _copy_version(version, *, template, number):
    new = SchemaVersion.objects.create(template=template, number=number)
    for section in version.sections.prefetch_related("questions"):
        questions = list(section.questions.all())
        section.pk = None
        section.version = new
        section.save()
        for question in questions:
            question.pk = None
            question.section = section
        Question.objects.bulk_create(questions)
    return new


@transaction.atomic
def schema_template_create(*, form):
    template = form.save()
    SchemaVersion.objects.create(template=template, number=1)
    return template


@transaction.atomic
def schema_editable_version(*, template):
    """The version edits go to: the latest, or a fresh copy of it once it has answers."""
    latest = template.versions.order_by("-number").first()
    if latest is None:
        return SchemaVersion.objects.create(template=template, number=1)
    if not schema_version_in_use(version=latest):
        return latest
    return _copy_version(latest, template=template, number=latest.number + 1)


def _counterpart(obj, version):
    """The same section or question in another version of the schema."""
    if isinstance(obj, Question):
        return Question.objects.get(section__version=version, key=obj.key)
    index = list(obj.version.sections.values_list("pk", flat=True)).index(obj.pk)
    return list(version.sections.all())[index]


@transaction.atomic
def schema_section_save(*, template, form):
    """Add or change a section; on a version in use the change lands in a new version."""
    version = schema_editable_version(template=template)
    section = form.save(commit=False)
    if section.pk is not None and section.version_id != version.pk:
        target = _counterpart(section, version)
        for field in ("title", "description", "position"):
            setattr(target, field, getattr(section, field))
        section = target
    section.version = version
    if section.pk is None and not section.position:
        section.position = (version.sections.aggregate(m=Max("position"))["m"] or 0) + 1
    section.save()
    return section


def _unique_key(text, version, exclude_pk=None):
    base = slugify(text)[:50] or "spoergsmaal"
    taken = set(
        Question.objects.filter(section__version=version)
        .exclude(pk=exclude_pk)
        .values_list("key", flat=True)
    )
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def schema_question_save(*, template, form, section):
    """Add or change a question; on a version in use the change lands in a new version."""
    version = schema_editable_version(template=template)
    if section.version_id != version.pk:
        section = _counterpart(section, version)
    question = form.save(commit=False)
    if question.pk is not None and question.section.version_id != version.pk:
        target = _counterpart(question, version)
        for field in form.Meta.fields:
            setattr(target, field, getattr(question, field))
        question = target
    question.section = section
    if not question.key:
        question.key = _unique_key(question.text, version)
    if question.pk is None and not question.position:
        question.position = (
            section.questions.aggregate(m=Max("position"))["m"] or 0
        ) + 1
    question.save()
    if question.kind in TEXT_KINDS:
        # Whether the answers may hold personal data is true of the answers given
        # to every version of the question, not only of the newest version.
        Question.objects.filter(
            section__version__template=template,
            key=question.key,
            kind__in=TEXT_KINDS,
        ).exclude(pk=question.pk).update(
            holds_personal_data=question.holds_personal_data
        )
    return question


@transaction.atomic
def schema_question_delete(*, template, question):
    version = schema_editable_version(template=template)
    if question.section.version_id != version.pk:
        question = _counterpart(question, version)
    question.delete()


@transaction.atomic
def schema_section_delete(*, template, section):
    version = schema_editable_version(template=template)
    if section.version_id != version.pk:
        section = _counterpart(section, version)
    section.delete()


@transaction.atomic
def schema_template_copy(*, template, initiative, name):
    """Copy a template's latest version to (another) initiative, as version 1 there."""
    copy = SchemaTemplate.objects.create(
        initiative=initiative, name=name, description=template.description
    )
    latest = template.versions.order_by("-number").first()
    if latest is None:
        SchemaVersion.objects.create(template=copy, number=1)
    else:
        _copy_version(latest, template=copy, number=1)
    return copy


# Test runs


def _periods(run):
    periods = []
    if run.cadence in (Cadence.WEEKLY, Cadence.WEEKLY_AND_FINAL):
        periods += [(PeriodKind.WEEK, monday) for monday in run.weeks()]
    if run.cadence in (Cadence.FINAL, Cadence.WEEKLY_AND_FINAL):
        periods.append((PeriodKind.FINAL, run.ends_week))
    return periods


def _due_on(kind, monday):
    """A week's schema is due on the Sunday of that week; the final one a week later."""
    sunday = monday + datetime.timedelta(days=6)
    return sunday + datetime.timedelta(weeks=1) if kind == PeriodKind.FINAL else sunday


@transaction.atomic
def run_save(*, form):
    """Save a run from its form and make its schemas match its weeks and cadence."""
    run = form.save()
    run_sync_submissions(run=run)
    return run


@transaction.atomic
def run_sync_submissions(*, run):
    """One schema per week (and a final one) as the run's cadence says.

    Schemas that are no longer in the range are removed only if nobody has started
    them; otherwise the change is refused.
    """
    wanted = set(_periods(run))
    existing = {(s.kind, s.week): s for s in run.submissions.all()}
    for period, submission in existing.items():
        if period not in wanted:
            if submission.status != SubmissionStatus.NOT_STARTED:
                raise ActionRefused(
                    _(
                        "%(period)s er allerede påbegyndt og kan ikke fjernes fra afprøvningen."
                    )
                    % {"period": submission.period_label}
                )
            submission.delete()
    Submission.objects.bulk_create(
        Submission(run=run, kind=kind, week=monday, due_on=_due_on(kind, monday))
        for kind, monday in sorted(wanted - set(existing), key=lambda p: (p[1], p[0]))
    )


# Submissions


def _column_values(question, value):
    """Where an answer's value goes: {column: value} for the question's type."""
    empty = {
        "value_integer": None,
        "value_decimal": None,
        "value_text": "",
        "value_bool": None,
        "value_date": None,
        "value_choices": [],
    }
    kind = question.kind
    if value in (None, "", []):
        return empty
    if kind in (QuestionKind.INTEGER, QuestionKind.SCALE):
        return {**empty, "value_integer": int(value)}
    if kind == QuestionKind.DECIMAL:
        return {**empty, "value_decimal": value}
    if kind == QuestionKind.YES_NO:
        return {**empty, "value_bool": value == "yes"}
    if kind == QuestionKind.DATE:
        return {**empty, "value_date": value}
    if kind == QuestionKind.SINGLE_CHOICE:
        return {**empty, "value_choices": [value]}
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return {**empty, "value_choices": list(value)}
    return {**empty, "value_text": value}


def _answer_columns(answer):
    return {
        "value_integer": answer.value_integer,
        "value_decimal": answer.value_decimal,
        "value_text": answer.value_text,
        "value_bool": answer.value_bool,
        "value_date": answer.value_date,
        "value_choices": answer.value_choices,
    }


def submission_schema_version(submission):
    """The version a submission is filled against: its own, or the template's latest."""
    if submission.schema_version_id:
        return submission.schema_version
    return submission.run.template.versions.order_by("-number").first()


def _record_save(submission, user, changed, now):
    last = submission.events.order_by("-at", "-pk").first()
    if (
        last is not None
        and last.action == SubmissionAction.SAVED
        and last.by_id == user.pk
        and now - last.at < SAVE_EVENTS_MERGE_WITHIN
    ):
        last.changed = sorted(set(last.changed) | set(changed))
        last.at = now
        last.save(update_fields=["changed", "at"])
    else:
        SubmissionEvent.objects.create(
            submission=submission,
            action=SubmissionAction.SAVED,
            by=user,
            at=now,
            changed=sorted(changed),
        )


def _conflict():
    return StateConflict(
        _(
            "Skemaet er gemt et andet sted, siden du åbnede det (i en anden fane eller af en "
            "anden), og de samme svar er ændret begge steder."
        )
    )


ANSWER_COLUMNS = [
    "value_integer",
    "value_decimal",
    "value_text",
    "value_bool",
    "value_date",
    "value_choices",
]


@dataclass
class DraftMerge:
    """What a save of a schema page did: the submission as it is now, and per question
    key what was written from the page, kept from elsewhere, or is waiting for a choice
    (see core.merge)."""

    submission: Submission
    merge: Merge

    @property
    def conflicts(self) -> dict[str, Conflict]:
        return self.merge.conflicts

    @property
    def refreshed(self) -> dict[str, object]:
        return self.merge.refresh


class _StaleRead(Exception):
    """The submission changed between reading it and writing (only without row locks)."""


def _stored_values(submission, questions):
    """{question key: stored value as the form holds it} for the questions given."""
    answers = {
        a.question.key: a
        for a in submission.answers.select_related("question").filter(
            question__key__in=list(questions)
        )
    }
    return answers, {
        key: answers[key].form_value if key in answers else None for key in questions
    }


def _merge_once(submission_pk, *, values, user, base, choices, loaded_version, page):
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("run__template")
            .get(pk=submission_pk)
        )
        if submission.status not in EDITABLE_STATUSES:
            raise ActionRefused(_("Skemaet er indsendt og kan ikke ændres."))
        version = submission_schema_version(submission)
        questions = {
            q.key: q
            for q in Question.objects.filter(section__version=version).exclude(
                kind=QuestionKind.PHOTO
            )
        }
        mine = {key: value for key, value in values.items() if key in questions}
        existing, theirs = _stored_values(submission, mine)
        merge = three_way(
            mine=mine,
            theirs=theirs,
            base=base,
            choices=choices,
            same_version=loaded_version == submission.version,
            own={k for k, a in existing.items() if page and a.written_by_page == page},
        )
        to_create, to_update = [], []
        for key, value in merge.apply.items():
            columns = {
                **_column_values(questions[key], value),
                "written_by_page": page,
            }
            answer = existing.get(key)
            if answer is None:
                to_create.append(
                    Answer(submission=submission, question=questions[key], **columns)
                )
            else:
                for column, column_value in columns.items():
                    setattr(answer, column, column_value)
                to_update.append(answer)
        if not merge.apply and submission.status != SubmissionStatus.NOT_STARTED:
            return DraftMerge(submission=submission, merge=merge)
        now = timezone.now()
        updated = Submission.objects.filter(
            pk=submission.pk, version=submission.version, status__in=EDITABLE_STATUSES
        ).update(
            version=F("version") + 1,
            status=SubmissionStatus.DRAFT
            if submission.status == SubmissionStatus.NOT_STARTED
            else submission.status,
            schema_version=version,
            last_saved_at=now,
            last_saved_by=user,
            updated_at=now,
        )
        if not updated:
            raise _StaleRead
        Answer.objects.bulk_create(to_create)
        Answer.objects.bulk_update(to_update, [*ANSWER_COLUMNS, "written_by_page"])
        if merge.apply:
            _record_save(submission, user, list(merge.apply), now)
        submission.refresh_from_db()
        return DraftMerge(submission=submission, merge=merge)


def submission_merge_draft(
    *,
    submission: Submission,
    values: dict[str, object],
    user,
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
def submission_save_draft(*, submission, values, user, expected_version):
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


def missing_required(*, submission):
    """Required questions without an answer (photos count as answers)."""
    version = submission_schema_version(submission)
    answered = {
        a.question.key
        for a in submission.answers.select_related("question")
        if _answer_columns(a) != _column_values(a.question, None)
    }
    photographed = set(submission.photos.values_list("question__key", flat=True))
    return [
        q
        for q in Question.objects.filter(
            section__version=version, required=True
        ).select_related("section")
        if q.key not in answered | photographed
    ]


def submission_matches(*, submission, values) -> bool:
    """The stored answers equal `values` (question key → cleaned value)."""
    _answers, stored = _stored_values(submission, values)
    return all(token(value) == token(stored[key]) for key, value in values.items())


def submission_submit(*, submission, values, user, expected_version):
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
        AnswerComment.objects.filter(submission=submission, resolved=False).update(
            resolved=True
        )
        SubmissionEvent.objects.create(
            submission=submission, action=SubmissionAction.SUBMITTED, by=user, at=now
        )
    submission.refresh_from_db()
    return submission


def _review(submission, *, to_status, user, action, note="", expected_version):
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ActionRefused(
            _("Kun indsendte skemaer kan sendes tilbage eller godkendes.")
        )
    now = timezone.now()
    updated = Submission.objects.filter(
        pk=submission.pk, status=SubmissionStatus.SUBMITTED, version=expected_version
    ).update(
        status=to_status,
        version=F("version") + 1,
        reviewed_at=now,
        reviewed_by=user,
        return_comment=note
        if to_status == SubmissionStatus.RETURNED
        else submission.return_comment,
        updated_at=now,
    )
    if not updated:
        raise StateConflict(
            _(
                "Skemaet er ændret, siden du åbnede det. Dine kommentarer står stadig "
                "nedenfor."
            )
        )
    SubmissionEvent.objects.create(
        submission=submission, action=action, by=user, at=now, note=note
    )
    submission.refresh_from_db()
    return submission


@transaction.atomic
def submission_return(*, submission, user, comment, answer_comments, expected_version):
    """Send a submitted schema back to the coordinator with a comment (and comments on answers)."""
    comment = comment.strip()
    answer_comments = {
        q: text.strip() for q, text in answer_comments.items() if text.strip()
    }
    if not comment and not answer_comments:
        raise ActionRefused(
            _("Skriv en kommentar til tovholderen, når skemaet sendes tilbage.")
        )
    submission = _review(
        submission,
        to_status=SubmissionStatus.RETURNED,
        user=user,
        action=SubmissionAction.RETURNED,
        note=comment,
        expected_version=expected_version,
    )
    AnswerComment.objects.bulk_create(
        AnswerComment(submission=submission, question=question, author=user, text=text)
        for question, text in answer_comments.items()
    )
    return submission


@transaction.atomic
def submission_add_review_comments(
    *, submission, user, comment, answer_comments, expected_version
):
    """Add a consultant's comments to a schema another consultant has just returned
    (their review page was open at the same time): both reviews reach the
    coordinator, nothing of either is lost. Refused unless the schema is still
    returned as the page showed it (`expected_version`)."""
    comment = comment.strip()
    answer_comments = {
        q: text.strip() for q, text in answer_comments.items() if text.strip()
    }
    if not comment and not answer_comments:
        raise ActionRefused(_("Der er ingen kommentarer at tilføje."))
    now = timezone.now()
    name = user.get_full_name() or user.get_username()
    updated = Submission.objects.filter(
        pk=submission.pk, status=SubmissionStatus.RETURNED, version=expected_version
    ).update(version=F("version") + 1, updated_at=now)
    if not updated:
        raise StateConflict(
            _(
                "Skemaet er ændret igen, siden siden blev vist. Dine kommentarer står "
                "stadig nedenfor."
            )
        )
    if comment:
        submission.refresh_from_db(fields=["return_comment"])
        joined = "\n\n".join(
            part for part in (submission.return_comment, f"{name}: {comment}") if part
        )
        Submission.objects.filter(pk=submission.pk).update(return_comment=joined)
    AnswerComment.objects.bulk_create(
        AnswerComment(submission=submission, question=question, author=user, text=text)
        for question, text in answer_comments.items()
    )
    SubmissionEvent.objects.create(
        submission=submission,
        action=SubmissionAction.COMMENTED,
        by=user,
        at=now,
        note=comment,
        changed=sorted(q.key for q in answer_comments),
    )
    submission.refresh_from_db()
    return submission


@transaction.atomic
def submission_approve(*, submission, user, expected_version):
    return _review(
        submission,
        to_status=SubmissionStatus.APPROVED,
        user=user,
        action=SubmissionAction.APPROVED,
        expected_version=expected_version,
    )


# Citizens' words: from an answer to a quote


@transaction.atomic
def answer_quote_create(*, answer, form, user):
    """Make a quote of (part of) an answer that may hold a citizen's words, through the
    quotes' own form and service. The quote is saved without consent and not reviewed,
    whatever was sent: like every quote, it reaches the dashboard and the catalogue
    only once the consultant has recorded the citizen's consent and reviewed it."""
    if not answer.question.holds_personal_data or not answer.value_text:
        raise ActionRefused(_("Kun svar med borgeres ord kan blive til et citat."))
    form.instance.consent_to_publish = False
    form.instance.reviewed = False
    return quote_save(form=form, user=user)


# Photos

PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_LONG_SIDE = 2400
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# A phone's multi-picture JPEG (MPO: the photo plus a depth map or a preview) is a
# JPEG whose first picture is the photo: it is kept, stored as a plain JPEG.
PHOTO_READ_AS = {"MPO": "JPEG"}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class PhotoStorageFailed(ActionRefused):
    """The photo was fine, but the media storage would not take it (HTTP 507)."""


def _pixels_only(image):
    """The image with nothing but its pixels: no comment, EXIF, XMP or ICC profile
    (a PNG's transparency is part of the pixels and stays). Colours described by an
    embedded profile (a phone's Display P3) are converted to sRGB first, so they look
    the same without it."""
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA"):
        try:
            image = ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # an unreadable profile: keep the pixels as they are
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}
    return image


def photo_reencode(upload):
    """Check an upload is a real JPEG/PNG/WebP photo and re-encode it.

    Re-encoding keeps only pixels, turned the way the camera said: EXIF (GPS,
    camera serial), XMP, comments, colour profiles and anything hidden after the image
    data (a polyglot's HTML or script) are gone. Returns (bytes, content type,
    width, height).
    """
    if upload.size > PHOTO_MAX_BYTES:
        raise ActionRefused(_("Billedet er for stort (højst 10 MB)."))
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = PHOTO_READ_AS.get(probe.format, probe.format)
            width, height = probe.size
        if kind not in PHOTO_FORMATS:
            raise ActionRefused(_("Kun fotos i JPEG, PNG eller WebP kan uploades."))
        if width * height > PHOTO_MAX_PIXELS:
            raise ActionRefused(
                _("Billedet har for mange pixels (højst 40 megapixel).")
            )
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()  # the first picture of a multi-picture file
            image = ImageOps.exif_transpose(image)
            image.thumbnail((PHOTO_LONG_SIDE, PHOTO_LONG_SIDE))
            image = _pixels_only(image)
            if kind == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            save_kwargs = (
                {"quality": 85} if kind in ("JPEG", "WEBP") else {"optimize": True}
            )
            image.save(out, format=kind, **save_kwargs)
            return out.getvalue(), PHOTO_FORMATS[kind], image.width, image.height
    except Image.DecompressionBombError as error:
        raise ActionRefused(
            _("Billedet har for mange pixels (højst 40 megapixel).")
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ActionRefused(_("Filen kan ikke læses som et foto.")) from error


def _storage_refusal(error):
    """What the coordinator is told when the media storage would not take a photo."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = _("Der er ikke plads til flere fotos lige nu.")
    else:
        reason = _("Lageret til fotos tager ikke imod filer lige nu.")
    return PhotoStorageFailed(
        _(
            "Fotoet blev ikke gemt. %(reason)s Dine svar i skemaet er ikke berørt. "
            "Prøv igen senere, og sig det til konsulenten, hvis det bliver ved."
        )
        % {"reason": reason}
    )


@transaction.atomic
def photo_add(*, submission, question, upload, user):
    """Store a re-encoded photo for a photo question of an editable schema.

    When the media storage fails (disk full, read-only, no permission, the object
    store refusing), nothing is kept, no row and no file, and PhotoStorageFailed
    says so; the rest of the schema is not touched."""
    if not submission.is_editable:
        raise ActionRefused(_("Skemaet er indsendt og kan ikke ændres."))
    if question.kind != QuestionKind.PHOTO:
        raise ActionRefused(_("Spørgsmålet tager ikke imod fotos."))
    data, content_type, width, height = photo_reencode(upload)
    photo = Photo(
        submission=submission,
        question=question,
        content_type=content_type,
        width=width,
        height=height,
        uploaded_by=user,
    )
    storage = photo.file.storage
    name = photo.file.field.generate_filename(photo, "upload")
    try:
        photo.file = save_new(storage, name, ContentFile(data))
    except write_errors() as error:
        logger.error(
            "photo not stored: %s (%s)",
            type(error).__name__,
            errno.errorcode.get(getattr(error, "errno", None) or 0, "-"),
        )
        raise _storage_refusal(error) from error
    try:
        photo.save()
        SubmissionEvent.objects.create(
            submission=submission,
            action=SubmissionAction.PHOTO_ADDED,
            by=user,
            at=timezone.now(),
            changed=[question.key],
        )
    except BaseException:
        try:
            storage.delete(photo.file.name)
        except write_errors():
            logger.warning("could not remove a stored photo after a failed save")
        raise
    return photo


@transaction.atomic
def photo_remove(*, photo, user):
    submission = photo.submission
    if not submission.is_editable:
        raise ActionRefused(_("Skemaet er indsendt og kan ikke ændres."))
    key = photo.question.key
    photo.file.delete(save=False)
    photo.delete()
    SubmissionEvent.objects.create(
        submission=submission,
        action=SubmissionAction.PHOTO_REMOVED,
        by=user,
        at=timezone.now(),
        changed=[key],
    )
