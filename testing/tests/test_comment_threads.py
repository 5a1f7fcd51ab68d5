"""A consultant's comment on an answer is a thread: the site's coordinator replies,
the consultant resolves it, the thread stays in the schema's history, and it never
reaches an export."""

import pytest
from django.urls import reverse

from testing import services
from testing.models import AnswerComment, AnswerCommentReply, SubmissionEvent


@pytest.fixture
def returned(world):
    """Site A's submitted schema, returned with a comment on its count."""
    submission = services.submission_return(
        submission=world.submitted,
        user=world.users["consultant"],
        comment="Se kommentaren",
        answer_comments={world.count_question: "Er det talt hele ugen?"},
        expected_version=world.submitted.version,
    )
    return submission, AnswerComment.objects.get(submission=submission)


def _reply_url(comment):
    return reverse("testing:answer_comment_reply", args=[comment.pk])


def _resolve_url(comment):
    return reverse("testing:answer_comment_resolve", args=[comment.pk])


def test_the_coordinator_replies_and_the_consultant_reads_and_resolves(
    client_for, world, returned
):
    submission, comment = returned
    coordinator = client_for("coordinator_a")
    # The fill page shows the comment and leads to the thread.
    fill = coordinator.get(
        reverse("testing:submission_fill", args=[submission.pk])
    ).content.decode()
    assert "Er det talt hele ugen?" in fill and "Svar på kommentaren" in fill
    page = coordinator.get(submission.get_absolute_url()).content.decode()
    assert "Dit svar" in page and "Marker som løst" not in page
    response = coordinator.post(
        _reply_url(comment), {"text": "  Tallet er højt, fordi skolen var på besøg.  "}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    reply = AnswerCommentReply.objects.get()
    assert reply.text == "Tallet er højt, fordi skolen var på besøg."
    assert reply.author == world.users["coordinator_a"]

    consultant = client_for("consultant")
    html = consultant.get(submission.get_absolute_url()).content.decode()
    assert "Tallet er højt, fordi skolen var på besøg." in html
    assert "Marker som løst" in html
    response = consultant.post(_resolve_url(comment), follow=True)
    assert "Kommentaren er markeret som løst." in response.content.decode()
    comment.refresh_from_db()
    assert comment.resolved and comment.resolved_by == world.users["consultant"]
    # The history keeps the reply and the resolution.
    actions = list(
        SubmissionEvent.objects.filter(submission=submission)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["replied", "resolved"]
    history = consultant.get(submission.get_absolute_url()).content.decode()
    assert "Svar på kommentar" in history and "Kommentar løst" in history
    # The resolved thread is still readable, with no forms.
    assert "Tallet er højt" in history and "Send svar" not in history


def test_a_reply_to_a_resolved_thread_is_refused_and_kept_in_the_field(
    client_for, world, returned
):
    _submission, comment = returned
    coordinator = client_for("coordinator_a")
    coordinator.get(comment.submission.get_absolute_url())  # the tab is open
    services.answer_comment_resolve(comment=comment, user=world.users["consultant"])
    response = coordinator.post(
        _reply_url(comment), {"text": "Mit svar <script>alert(1)</script>"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "markeret kommentaren som løst" in html
    assert "Mit svar &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert not AnswerCommentReply.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "x" * 4001])
def test_an_empty_or_too_long_reply_is_refused(client_for, returned, text):
    _submission, comment = returned
    response = client_for("coordinator_a").post(_reply_url(comment), {"text": text})
    assert response.status_code == 400
    assert not AnswerCommentReply.objects.exists()


def test_resolving_twice_is_told_and_changes_nothing(client_for, world, returned):
    _submission, comment = returned
    consultant = client_for("consultant")
    consultant.post(_resolve_url(comment))
    second = consultant.post(_resolve_url(comment))
    assert second.status_code == 409
    assert "Kommentaren var allerede markeret som løst." in second.content.decode()
    assert SubmissionEvent.objects.filter(action="resolved").count() == 1


def test_others_cannot_reply_or_resolve(client_for, world, returned):
    _submission, comment = returned
    assert (
        client_for("coordinator_b")
        .post(_reply_url(comment), {"text": "Hej"})
        .status_code
        == 404
    )
    assert (
        client_for("steering").post(_reply_url(comment), {"text": "Hej"}).status_code
        == 403
    )
    assert client_for("coordinator_a").post(_resolve_url(comment)).status_code == 403
    assert not AnswerCommentReply.objects.exists()
    comment.refresh_from_db()
    assert not comment.resolved


def test_a_thread_on_a_personal_answer_is_hidden_from_the_steering_group(
    client_for, world
):
    submission = services.submission_return(
        submission=world.submitted,
        user=world.users["consultant"],
        comment="",
        answer_comments={world.personal_question: "Er citatet anonymt?"},
        expected_version=world.submitted.version,
    )
    comment = AnswerComment.objects.get()
    services.answer_comment_reply(
        comment=comment, user=world.users["coordinator_a"], text="Ja, Karina sagde det"
    )
    html = client_for("steering").get(submission.get_absolute_url()).content.decode()
    assert "Er citatet anonymt?" not in html and "Karina" not in html
    html = client_for("consultant").get(submission.get_absolute_url()).content.decode()
    assert "Karina" in html


def test_threads_are_not_in_the_exports(client_for, world, returned):
    _submission, comment = returned
    services.answer_comment_reply(
        comment=comment,
        user=world.users["coordinator_a"],
        text="Svarteksten Zebrafinke skal ikke eksporteres",
    )
    consultant = client_for("consultant")
    for table in ("submissions", "entries", "matrix", "summary"):
        url = reverse(
            "reporting:export",
            kwargs={"project_pk": world.project.pk, "table": table, "fmt": "csv"},
        )
        response = consultant.get(url)
        assert response.status_code == 200, table
        body = b"".join(response) if response.streaming else response.content
        assert b"Zebrafinke" not in body and b"hele ugen" not in body, table


def test_the_schema_page_reads_threads_in_constant_queries(
    client_for, world, returned, django_assert_max_num_queries, count_queries
):
    submission, comment = returned
    consultant = client_for("consultant")
    url = submission.get_absolute_url()
    services.answer_comment_reply(
        comment=comment, user=world.users["coordinator_a"], text="Et"
    )
    few, _response = count_queries(lambda: consultant.get(url))
    for n in range(6):
        services.answer_comment_reply(
            comment=comment, user=world.users["consultant"], text=f"Svar {n}"
        )
    many, _response = count_queries(lambda: consultant.get(url))
    assert many == few


def test_a_reply_reaches_the_consultant_and_the_answer_reaches_the_coordinator(
    world, returned, mailoutbox
):
    from notifications.models import Notification, NotificationKind

    _submission, comment = returned
    services.answer_comment_reply(
        comment=comment,
        user=world.users["coordinator_a"],
        text="Tallet er højt, fordi skolen var på besøg.",
    )
    told = Notification.objects.filter(kind=NotificationKind.COMMENT_REPLIED)
    assert [n.recipient for n in told] == [world.users["consultant"]]
    note = told.get()
    assert "Tallet er højt" in note.summary
    assert note.url.endswith(f"#comment-{comment.pk}")
    assert "Er det talt" not in note.title and "Antal henvisninger" in note.title

    services.answer_comment_reply(
        comment=comment, user=world.users["consultant"], text="Tak, det giver mening."
    )
    to_coordinator = told.filter(recipient=world.users["coordinator_a"])
    assert to_coordinator.count() == 1
    # Nobody else: not coordinator B, not the steering group, not the actor.
    assert set(told.values_list("recipient__username", flat=True)) == {
        "konsulent",
        "tovholder-a",
    }


def test_a_reply_on_a_personal_answer_is_not_quoted_in_the_notification(world):
    from notifications.models import Notification

    services.submission_return(
        submission=world.submitted,
        user=world.users["consultant"],
        comment="",
        answer_comments={world.personal_question: "Er citatet anonymt?"},
        expected_version=world.submitted.version,
    )
    comment = AnswerComment.objects.get()
    services.answer_comment_reply(
        comment=comment, user=world.users["coordinator_a"], text="Karina sagde det"
    )
    note = Notification.objects.get(kind="comment_replied")
    assert "Karina" not in note.summary and "Karina" not in note.title


def test_a_comment_on_a_personal_answer_is_not_in_the_returned_notification(world):
    """The notification's words go into mails and stay with a reader who may later
    lose the right to see personal answers (moved to the steering group)."""
    from notifications.models import Notification

    services.submission_return(
        submission=world.submitted,
        user=world.users["consultant"],
        comment="Se kommentarerne",
        answer_comments={
            world.personal_question: "Karina sagde noget andet",
            world.count_question: "Er det talt hele ugen?",
        },
        expected_version=world.submitted.version,
    )
    note = Notification.objects.get(kind="schema_returned")
    assert "Karina" not in note.summary
    assert "Er det talt hele ugen?" in note.summary
    assert "personoplysninger: læs den i Synergi" in note.summary


def test_the_same_reply_sent_twice_at_once_is_kept_once(world, returned):
    _submission, comment = returned
    for _ in range(2):
        services.answer_comment_reply(
            comment=comment, user=world.users["coordinator_a"], text="Dobbelt svar"
        )
    assert AnswerCommentReply.objects.filter(text="Dobbelt svar").count() == 1
    assert SubmissionEvent.objects.filter(action="replied").count() == 1
    # The same words again later, or by someone else, are a new reply.
    services.answer_comment_reply(
        comment=comment, user=world.users["consultant"], text="Dobbelt svar"
    )
    assert AnswerCommentReply.objects.filter(text="Dobbelt svar").count() == 2


def test_the_history_names_the_question_and_says_no_answer_changed(
    client_for, world, returned
):
    submission, comment = returned
    services.answer_comment_reply(
        comment=comment, user=world.users["coordinator_a"], text="Svar"
    )
    event = SubmissionEvent.objects.get(action="replied")
    assert event.changed == [] and event.note == "Antal henvisninger"
    html = client_for("consultant").get(submission.get_absolute_url()).content.decode()
    history = html[html.index("Historik") :]
    assert (
        "Svar på kommentar" in history
        and "svar ændret" not in history.split("Svar på kommentar")[1][:200]
    )


def test_the_fill_page_names_the_question_of_each_thread(client_for, returned):
    submission, _comment = returned
    html = (
        client_for("coordinator_a")
        .get(reverse("testing:submission_fill", args=[submission.pk]))
        .content.decode()
    )
    assert "Kommentar fra konsulenten til “Antal henvisninger”" in html


def test_a_reply_with_a_nul_character_is_refused_in_words(client_for, returned):
    """PostgreSQL cannot store NUL: the form refuses it (it answered 500 there)."""
    _submission, comment = returned
    response = client_for("coordinator_a").post(
        _reply_url(comment), {"text": "før\x00efter"}
    )
    assert response.status_code == 400
    assert "Null-tegn er ikke tilladt" in response.content.decode()
    assert not AnswerCommentReply.objects.exists()


def test_a_superuser_consultants_reply_reaches_the_coordinator(world, returned):
    """The demo's consultant is a superuser (every permission): the site's
    coordinators are told by role, not by what the replier may do."""
    from notifications.models import Notification

    _submission, comment = returned
    consultant = world.users["consultant"]
    consultant.is_superuser = True
    consultant.save()
    services.answer_comment_reply(comment=comment, user=consultant, text="Hej")
    assert list(
        Notification.objects.filter(kind="comment_replied").values_list(
            "recipient__username", flat=True
        )
    ) == ["tovholder-a"]


def test_a_reply_of_4000_characters_with_line_breaks_is_taken(client_for, returned):
    _submission, comment = returned
    text = ("x" * 15 + "\r\n") * 250  # 4,000 as the field counts, 4,250 as sent
    response = client_for("coordinator_a").post(_reply_url(comment), {"text": text})
    assert response.status_code == 302
    assert AnswerCommentReply.objects.get().text.count("\n") == 249
