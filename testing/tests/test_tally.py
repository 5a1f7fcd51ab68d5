"""The tally at the counter: taps count exactly once, roll up into the week's schema
like a save, undo, wait while the schema is sent, and refuse what cannot be counted."""

import datetime
import threading
import uuid

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core.merge import token
from core.services import ActionRefused
from testing import selectors, services
from testing.models import (
    Answer,
    PeriodKind,
    SubmissionAction,
    SubmissionEvent,
    SubmissionStatus,
    Tap,
)
from testing.services.tally import MAX_TAPS_PER_BATCH

pytestmark = pytest.mark.django_db


def tap(key="antal", **extra):
    return {"id": str(uuid.uuid4()), "question": key, "delta": 1, **extra}


def undo(of, **extra):
    return {
        "id": str(uuid.uuid4()),
        "question": of["question"],
        "delta": -1,
        "undoes": of["id"],
        **extra,
    }


def count(submission, key="antal"):
    return Answer.objects.get(submission=submission, question__key=key).value_integer


@pytest.fixture
def draft(world):
    return world.draft


@pytest.fixture
def coordinator(world):
    return world.users["coordinator_a"]


def send(submission, taps, user, device=""):
    return services.tally_record_taps(
        submission=submission, taps=taps, user=user, device=device
    )


def test_a_tap_adds_one_to_the_answer_as_a_save_of_the_schema(draft, coordinator):
    version = draft.version
    result = send(draft, [one := tap()], coordinator)
    assert result.stored == result.applied == [one["id"]]
    assert count(draft) == 3 + 1
    draft.refresh_from_db()
    assert draft.version == version + 1
    assert draft.last_saved_by == coordinator
    event = SubmissionEvent.objects.filter(submission=draft).latest("at", "pk")
    assert (event.action, event.changed, event.by) == (
        SubmissionAction.TALLIED,
        ["antal"],
        coordinator,
    )


def test_the_same_tap_sent_twice_counts_once(draft, coordinator):
    one = tap()
    send(draft, [one], coordinator)
    draft.refresh_from_db()
    version = draft.version
    again = send(draft, [one], coordinator)
    assert again.stored == [one["id"]]
    assert again.applied == []
    assert count(draft) == 4
    draft.refresh_from_db()
    assert draft.version == version  # nothing counted, nothing saved
    assert Tap.objects.count() == 1


def test_the_same_tap_twice_in_one_batch_counts_once(draft, coordinator):
    one = tap()
    result = send(draft, [one, dict(one)], coordinator)
    assert result.applied == [one["id"]]
    assert count(draft) == 4


def test_two_devices_counting_at_once_add_up(draft, world, coordinator):
    consultant = world.users["consultant"]
    first = send(draft, [tap(), tap()], coordinator, device="skranke")
    second = send(draft, [tap(), tap(), tap()], consultant, device="info")
    assert len(first.applied) == 2 and len(second.applied) == 3
    assert count(draft) == 3 + 5
    assert set(Tap.objects.values_list("device", flat=True)) == {"skranke", "info"}
    draft.refresh_from_db()
    assert draft.last_saved_by == consultant


def test_undo_takes_the_tap_back_and_only_once(draft, coordinator):
    one = tap()
    send(draft, [one], coordinator)
    back = send(draft, [undo(one)], coordinator)
    assert len(back.applied) == 1
    assert count(draft) == 3
    twice = send(draft, [second := undo(one)], coordinator)
    assert twice.applied == []
    assert twice.refused == [(second["id"], "Trykket er allerede fortrudt.")]
    assert count(draft) == 3
    assert not Tap.objects.filter(pk=second["id"]).exists()


def test_the_database_lets_a_tap_be_undone_once(draft, coordinator):
    one = tap()
    send(draft, [one, undo(one)], coordinator)
    original = Tap.objects.get(pk=one["id"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Tap.objects.create(
            id=uuid.uuid4(),
            submission=draft,
            question=original.question,
            delta=-1,
            undoes=original.pk,
            tapped_at=timezone.now(),
            received_at=timezone.now(),
            batch=uuid.uuid4(),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Tap.objects.create(  # a tap is +1, an undo −1 with its tap named
            id=uuid.uuid4(),
            submission=draft,
            question=original.question,
            delta=5,
            tapped_at=timezone.now(),
            received_at=timezone.now(),
            batch=uuid.uuid4(),
        )


def test_an_undo_sent_before_its_tap_in_the_same_batch_nets_zero(draft, coordinator):
    one = tap()
    result = send(draft, [undo(one), one], coordinator)
    assert len(result.applied) == 2
    assert count(draft) == 3


def test_an_undo_arriving_before_its_tap_nets_zero_once_both_are_in(draft, coordinator):
    one = tap()
    send(draft, [undo(one)], coordinator)
    assert count(draft) == 2
    send(draft, [one], coordinator)
    assert count(draft) == 3


def test_an_undo_must_name_a_tap_of_the_same_question(draft, world, coordinator):
    from testing.tests.factories import QuestionFactory

    QuestionFactory(section=world.section, key="andet", text="Andet antal")
    one = tap()
    send(draft, [one], coordinator)
    wrong = {**undo(one), "question": "andet"}
    result = send(draft, [wrong], coordinator)
    assert result.applied == []
    assert "passer ikke" in result.refused[0][1]
    assert count(draft) == 4


def test_a_tap_creates_the_answer_and_starts_the_schema(world, coordinator):
    fresh = world.run.submissions.get(
        status=SubmissionStatus.NOT_STARTED,
        kind=PeriodKind.WEEK,
        week=datetime.date(2017, 9, 25),
    )
    send(fresh, [tap()], coordinator)
    fresh.refresh_from_db()
    assert fresh.status == SubmissionStatus.DRAFT
    assert fresh.schema_version is not None
    assert count(fresh) == 1


def test_taps_for_a_sent_schema_are_kept_not_counted_then_counted_in(
    world, coordinator
):
    sent = world.submitted
    version = sent.version
    result = send(sent, [a := tap(), tap(), undo(a), tap()], coordinator)
    assert len(result.stored) == 4 and len(result.held) == 4
    assert result.applied == []
    assert count(sent) == 5
    sent.refresh_from_db()
    assert sent.version == version
    assert selectors.tally_held(submission=sent) == 4
    with pytest.raises(ActionRefused):
        services.tally_count_held(submission=sent, user=coordinator)
    sent = services.submission_return(
        submission=sent,
        user=world.users["consultant"],
        comment="Tal hele ugen med.",
        answer_comments={},
        expected_version=sent.version,
    )
    # Returned: new taps count, but an undo of a kept tap is kept with it.
    later = send(sent, [undo(result_tap := tap()), result_tap], coordinator)
    assert len(later.applied) == 2
    assert count(sent) == 5
    assert services.tally_count_held(submission=sent, user=coordinator) == 4
    assert count(sent) == 5 + 2  # three taps, one undone
    assert selectors.tally_held(submission=sent) == 0
    assert services.tally_count_held(submission=sent, user=coordinator) == 0
    assert count(sent) == 7


def test_an_undo_of_a_kept_tap_is_kept_too(world, coordinator):
    sent = world.submitted
    first = tap()
    send(sent, [first], coordinator)
    sent = services.submission_return(
        submission=sent,
        user=world.users["consultant"],
        comment="Igen.",
        answer_comments={},
        expected_version=sent.version,
    )
    result = send(sent, [undo(first)], coordinator)
    assert result.applied == [] and len(result.held) == 1
    assert count(sent) == 5
    services.tally_count_held(submission=sent, user=coordinator)
    assert count(sent) == 5


def test_what_cannot_be_counted_is_refused_with_the_reason(draft, coordinator):
    good = tap()
    result = send(
        draft,
        [
            tap("foto"),  # a photo question
            tap("citater"),  # a text question
            tap("findes-ikke"),
            good,
        ],
        coordinator,
    )
    assert result.applied == [good["id"]]
    assert [message for _id, message in result.refused] == [
        "Spørgsmålet “foto” kan ikke tælles i dette skema.",
        "Spørgsmålet “citater” kan ikke tælles i dette skema.",
        "Spørgsmålet “findes-ikke” kan ikke tælles i dette skema.",
    ]
    assert count(draft) == 4


def test_a_tap_of_another_schema_is_refused(world, coordinator):
    one = tap()
    send(world.draft, [one], coordinator)
    other = world.run.submissions.get(week=datetime.date(2017, 9, 25), kind="week")
    result = send(other, [one], coordinator)
    assert result.refused == [(one["id"], "Trykket hører til et andet skema.")]
    assert not Answer.objects.filter(submission=other).exists()


def test_the_final_schema_is_not_tallied(world, coordinator):
    final = world.run.submissions.get(kind=PeriodKind.FINAL)
    assert selectors.tally_questions(final) == []
    result = send(final, [tap()], coordinator)
    assert result.applied == [] and len(result.refused) == 1


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "ikke-et-id", "question": "antal", "delta": 1},
        {"id": 12, "question": "antal", "delta": 1},
        {"id": str(uuid.uuid4()), "question": "antal", "delta": 2},
        {"id": str(uuid.uuid4()), "question": "antal", "delta": -5},
        {"id": str(uuid.uuid4()), "question": "antal", "delta": "1"},
        {"id": str(uuid.uuid4()), "question": "antal", "delta": True},
        {"id": str(uuid.uuid4()), "question": "antal", "delta": 1.0},
        {"id": str(uuid.uuid4()), "question": "antal", "delta": -1},  # no tap named
        {"id": str(uuid.uuid4()), "question": ["antal"], "delta": 1},
        {"id": str(uuid.uuid4()), "question": "x" * 500, "delta": 1},
        "antal",
        None,
    ],
)
def test_hostile_taps_are_refused_and_count_nothing(draft, coordinator, bad):
    result = send(draft, [bad], coordinator)
    assert result.applied == [] and result.stored == []
    assert len(result.refused) == 1 and result.refused[0][1]
    assert count(draft) == 3
    assert not Tap.objects.exists()


def test_an_undo_naming_itself_is_refused(draft, coordinator):
    same = str(uuid.uuid4())
    bad = {"id": same, "question": "antal", "delta": -1, "undoes": same}
    assert len(send(draft, [bad], coordinator).refused) == 1


def test_a_huge_batch_is_capped_and_the_rest_left_for_later(draft, coordinator):
    taps = [tap() for _ in range(MAX_TAPS_PER_BATCH + 50)]
    result = send(draft, taps, coordinator)
    assert len(result.applied) == MAX_TAPS_PER_BATCH
    assert result.deferred == [t["id"] for t in taps[MAX_TAPS_PER_BATCH:]]
    assert count(draft) == 3 + MAX_TAPS_PER_BATCH
    rest = send(draft, taps, coordinator)  # the page sends what is left again
    assert count(draft) == 3 + MAX_TAPS_PER_BATCH  # the first 100 are stored
    assert len(rest.stored) == MAX_TAPS_PER_BATCH
    send(draft, taps[MAX_TAPS_PER_BATCH:], coordinator)
    assert count(draft) == 3 + MAX_TAPS_PER_BATCH + 50


def test_a_tap_time_is_believed_only_when_plausible(draft, coordinator):
    yesterday = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    send(
        draft,
        [
            tap(tapped_at=yesterday),
            tap(tapped_at="1999-01-01T00:00:00Z"),
            tap(tapped_at="i går"),
            tap(),
        ],
        coordinator,
    )
    questions = selectors.tally_questions(draft)
    totals = selectors.tally_totals(
        submission=draft, questions=questions, today=timezone.localdate()
    )
    assert totals["antal"] == {"today": 3, "week": 3 + 4}


def test_an_open_schema_page_meets_a_tally_as_changed_elsewhere(draft, coordinator):
    """The page wrote 5 last, but its answer was lost (it still holds 3 as its base).
    A tap then makes it 6: the page's next save of 5 must not overwrite the tap."""
    draft = services.submission_merge_draft(
        submission=draft,
        values={"antal": 5},
        user=coordinator,
        base={"antal": token(3)},
        page="side-1",
    ).submission
    send(draft, [tap()], coordinator)
    assert count(draft) == 6
    result = services.submission_merge_draft(
        submission=draft,
        values={"antal": 5},
        user=coordinator,
        base={"antal": token(3)},
        page="side-1",
    )
    assert list(result.conflicts) == ["antal"]
    assert count(draft) == 6


def test_a_page_that_did_not_touch_the_count_takes_the_tallied_figure(
    draft, coordinator
):
    loaded = draft.version
    send(draft, [tap(), tap()], coordinator)
    result = services.submission_merge_draft(
        submission=draft,
        values={"antal": 3},
        user=coordinator,
        base={"antal": token(3)},
        loaded_version=loaded,
    )
    assert result.refreshed == {"antal": 5}
    assert count(draft) == 5


@pytest.mark.django_db(transaction=True)
def test_the_same_taps_sent_at_the_same_time_count_once(world):
    """Two requests carrying the same taps at the same moment (PostgreSQL: two
    connections, the schema's row lock and the unique ids decide)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer and the tests one connection")
    draft, user = world.draft, world.users["coordinator_a"]
    version = draft.version
    taps = [tap() for _ in range(20)]
    barrier = threading.Barrier(4)
    errors = []

    def worker():
        from django.db import connections

        try:
            barrier.wait()
            send(draft, taps, user)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert count(draft) == 3 + 20
    assert Tap.objects.filter(applied=True).count() == 20
    draft.refresh_from_db()
    assert draft.version == version + 1  # one request counted them, once
