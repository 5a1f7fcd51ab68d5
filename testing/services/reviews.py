"""Writes for the consultant's review of a submitted schema: return it with comments,
add comments to a returned one, or approve it. Each is a conditional UPDATE on the
version the consultant's page showed (`StateConflict` when it has changed since)."""

import datetime
from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import ActionRefused, StateConflict
from notifications.models import NotificationKind
from notifications.services import notify
from projects.models import Role
from projects.selectors import project_members

from ..models import (
    AnswerComment,
    AnswerCommentReply,
    Question,
    Submission,
    SubmissionAction,
    SubmissionEvent,
    SubmissionStatus,
)


def _comments_summary(comment: str, answer_comments: Mapping[Question, str]) -> str:
    """The consultant's comments as the coordinator's notification shows them: the
    comment, then each question with its comment (no answers: only what the
    coordinator's own schema shows them)."""
    lines = [comment] if comment else []
    for question, text in answer_comments.items():
        if question.holds_personal_data:
            # May repeat what a citizen said: read in the app, where only those who
            # may see it do (not in a mail, not kept for a reader who loses access).
            text = _(
                "(en kommentar til et svar med personoplysninger: læs den i Synergi)"
            )
        lines.append(f"{question.text}: {text}")
    return "\n".join(lines)


def _tell_coordinators(
    submission: Submission, *, kind: str, user: User, summary: str = ""
) -> None:
    """Tell the coordinators of the schema's site in its project."""
    run = submission.run
    notify(
        kind=kind,
        recipients=project_members(
            project=run.project, role=Role.COORDINATOR, site_id=run.site_id
        ),
        project=run.project,
        target=submission,
        actor=user,
        summary=summary,
    )


def _review(
    submission: Submission,
    *,
    to_status: str,
    user: User,
    action: str,
    note: str = "",
    expected_version: int,
) -> Submission:
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
def submission_return(
    *,
    submission: Submission,
    user: User,
    comment: str,
    answer_comments: Mapping[Question, str],
    expected_version: int,
) -> Submission:
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
    _tell_coordinators(
        submission,
        kind=NotificationKind.SCHEMA_RETURNED,
        user=user,
        summary=_comments_summary(comment, answer_comments),
    )
    return submission


@transaction.atomic
def submission_add_review_comments(
    *,
    submission: Submission,
    user: User,
    comment: str,
    answer_comments: Mapping[Question, str],
    expected_version: int,
) -> Submission:
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
    _tell_coordinators(
        submission,
        kind=NotificationKind.SCHEMA_RETURNED,
        user=user,
        summary=_comments_summary(comment, answer_comments),
    )
    return submission


@transaction.atomic
def submission_approve(
    *, submission: Submission, user: User, expected_version: int
) -> Submission:
    """Approve a submitted schema; its open comment threads are resolved with it."""
    submission = _review(
        submission,
        to_status=SubmissionStatus.APPROVED,
        user=user,
        action=SubmissionAction.APPROVED,
        expected_version=expected_version,
    )
    still_open = AnswerComment.objects.filter(submission=submission, resolved=False)
    questions = [c.question.text for c in still_open.select_related("question")]
    if questions:
        still_open.update(
            resolved=True, resolved_at=submission.reviewed_at, resolved_by=user
        )
        SubmissionEvent.objects.create(
            submission=submission,
            action=SubmissionAction.RESOLVED,
            by=user,
            at=submission.reviewed_at or timezone.now(),
            note="\n".join(questions),
        )
    _tell_coordinators(submission, kind=NotificationKind.SCHEMA_APPROVED, user=user)
    return submission


REPLY_MAX_LENGTH = 4000
# The same reply by the same person within this long is one reply sent twice.
DUPLICATE_REPLY_WITHIN = datetime.timedelta(minutes=1)


@transaction.atomic
def answer_comment_reply(
    *, comment: AnswerComment, user: User, text: str
) -> AnswerCommentReply:
    """Add `user`'s reply to a comment's thread (the site's coordinator or the
    consultant; the view checks who). Refused when empty, too long, or once the
    thread is resolved (a stale tab): the text is then still on the page. The reply
    is in the schema's history, and the thread's other people are notified."""
    # A browser sends each line break as two characters; the field counted one.
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ActionRefused(_("Skriv dit svar, før du sender det."))
    if len(text) > REPLY_MAX_LENGTH:
        raise ActionRefused(
            _("Svaret er for langt: højst %(max)s tegn.") % {"max": REPLY_MAX_LENGTH}
        )
    locked = AnswerComment.objects.select_for_update().get(pk=comment.pk)
    if locked.resolved:
        raise StateConflict(
            _(
                "Konsulenten har markeret kommentaren som løst, så den kan ikke "
                "besvares. Dit svar er ikke sendt; det står stadig i feltet."
            )
        )
    last = locked.replies.order_by("-created_at", "-pk").first()
    if (
        last is not None
        and last.author_id == user.pk
        and last.text == text
        and timezone.now() - last.created_at < DUPLICATE_REPLY_WITHIN
    ):
        return last  # the same reply sent twice at once (two clicks, a retry)
    reply = AnswerCommentReply.objects.create(comment=locked, author=user, text=text)
    SubmissionEvent.objects.create(
        submission_id=locked.submission_id,
        action=SubmissionAction.REPLIED,
        by=user,
        at=reply.created_at,
        note=locked.question.text,
    )
    _tell_thread(comment=locked, reply=reply, user=user)
    return reply


def _tell_thread(
    *, comment: AnswerComment, reply: AnswerCommentReply, user: User
) -> None:
    """Tell the thread's people of a reply: the comment's author, everyone who
    replied and the site's coordinators (not the one who wrote it). The reply's
    words go along unless the question may hold personal data (then the mail only
    says where to read it)."""
    submission = Submission.objects.select_related(
        "run__project", "run__initiative"
    ).get(pk=comment.submission_id)
    run = submission.run
    people = {
        reply.author
        for reply in comment.replies.select_related("author")
        if reply.author is not None
    }
    if comment.author is not None:
        people.add(comment.author)
    # The site's coordinators are in every thread on its schema (a role, not a
    # permission: a superuser consultant has every permission).
    people.update(
        project_members(project=run.project, role=Role.COORDINATOR, site_id=run.site_id)
    )
    name = user.get_full_name() or user.get_username()
    summary = (
        _("%(name)s har svaret i tråden.") % {"name": name}
        if comment.question.holds_personal_data
        else _("%(name)s: %(text)s") % {"name": name, "text": reply.text}
    )
    notify(
        kind=NotificationKind.COMMENT_REPLIED,
        recipients=people,
        project=run.project,
        target=comment,
        actor=user,
        summary=summary,
    )


@transaction.atomic
def answer_comment_resolve(*, comment: AnswerComment, user: User) -> AnswerComment:
    """The consultant closes a comment's thread. A second tab is told it is resolved
    already."""
    now = timezone.now()
    updated = AnswerComment.objects.filter(pk=comment.pk, resolved=False).update(
        resolved=True, resolved_at=now, resolved_by=user, updated_at=now
    )
    if not updated:
        raise StateConflict(_("Kommentaren var allerede markeret som løst."))
    SubmissionEvent.objects.create(
        submission_id=comment.submission_id,
        action=SubmissionAction.RESOLVED,
        by=user,
        at=now,
        note=comment.question.text,
    )
    comment.refresh_from_db()
    return comment
