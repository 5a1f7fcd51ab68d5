"""The steering group's verdict on a tested initiative: one service records it in the
decision log and moves the initiative's status, a later verdict supersedes an earlier
one, and two verdicts at once cannot overwrite each other."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from core.services import ActionRefused, StateConflict
from initiatives import services
from initiatives.models import (
    Decision,
    Initiative,
    InitiativeStatus,
    InitiativeTransition,
    Verdict,
)
from initiatives.tests.factories import (
    InitiativeFactory,
    MeetingFactory,
)
from projects.tests.factories import UserFactory
from reporting.models import Recommendation

pytestmark = pytest.mark.django_db

DAY = datetime.date(2017, 12, 12)


def in_test(**kwargs):
    initiative = InitiativeFactory(**kwargs)
    return services.initiative_set_status(
        initiative=initiative,
        to_status=InitiativeStatus.IN_TEST,
        user=UserFactory(),
        reason="",
        expected_status=InitiativeStatus.PLANNED,
    )


def verdict(initiative, outcome=Verdict.CONTINUE, **kwargs):
    values = {
        "initiative_id": initiative.pk,
        "outcome": outcome,
        "rationale": "Borgerne brugte det, og personalet vil fortsætte.",
        "decided_on": DAY,
        "meeting_id": None,
        "user": kwargs.pop("user", None) or UserFactory(),
        **kwargs,
    }
    return services.initiative_verdict_record(**values)


def steps(initiative):
    return list(
        InitiativeTransition.objects.filter(initiative=initiative)
        .exclude(from_state="")
        .order_by("pk")
        .values_list("from_state", "to_state", "reason")
    )


def test_the_catalogues_recommendation_takes_the_verdicts_values():
    assert Recommendation is Verdict
    assert Verdict.values == ["continue", "adjust", "stop"]


def test_a_verdict_on_an_initiative_in_test_passes_evaluated_and_is_logged():
    initiative = in_test()
    user = UserFactory()
    meeting = MeetingFactory(project=initiative.project)
    decision = verdict(initiative, Verdict.CONTINUE, user=user, meeting_id=meeting.pk)
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.RECOMMENDED
    assert (
        decision.project,
        decision.initiative,
        decision.idea,
        decision.meeting,
        decision.outcome,
        decision.decided_by,
        decision.decided_on,
    ) == (initiative.project, initiative, None, meeting, "continue", user, DAY)
    assert steps(initiative)[1:] == [
        ("in_test", "evaluated", "Afprøvningen er vurderet."),
        ("evaluated", "recommended", decision.rationale),
    ]


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        (Verdict.CONTINUE, InitiativeStatus.RECOMMENDED),
        (Verdict.ADJUST, InitiativeStatus.ADJUSTED),
        (Verdict.STOP, InitiativeStatus.STOPPED),
    ],
)
def test_each_verdict_gives_its_status(outcome, status):
    initiative = in_test()
    services.initiative_set_status(
        initiative=initiative,
        to_status=InitiativeStatus.EVALUATED,
        user=UserFactory(),
        reason="",
        expected_status=InitiativeStatus.IN_TEST,
    )
    verdict(initiative, outcome)
    initiative.refresh_from_db()
    assert initiative.status == status
    assert steps(initiative)[-1][:2] == ("evaluated", status)


def test_a_later_verdict_supersedes_the_earlier_with_its_rationale_as_reason():
    initiative = in_test()
    first = verdict(initiative, Verdict.ADJUST)
    later = verdict(
        initiative,
        Verdict.STOP,
        rationale="Efter justeringen kom der ingen.",
        decided_on=DAY + datetime.timedelta(days=30),
    )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.STOPPED
    assert steps(initiative)[-1] == (
        "adjusted",
        "stopped",
        "Efter justeringen kom der ingen.",
    )
    assert services.latest_verdict(initiative.pk) == later
    assert set(Decision.objects.filter(initiative=initiative)) == {first, later}


def test_the_same_verdict_again_is_logged_without_a_status_change():
    initiative = in_test()
    verdict(initiative, Verdict.CONTINUE)
    count = InitiativeTransition.objects.filter(initiative=initiative).count()
    verdict(initiative, Verdict.CONTINUE, rationale="Stadig en god idé.")
    assert InitiativeTransition.objects.filter(initiative=initiative).count() == count
    assert Decision.objects.filter(initiative=initiative).count() == 2


def test_a_planned_initiative_cannot_get_a_verdict():
    initiative = InitiativeFactory()
    with pytest.raises(ActionRefused, match="kun planlagt"):
        verdict(initiative)
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.PLANNED
    assert not Decision.objects.filter(initiative=initiative).exists()


@pytest.mark.parametrize("rationale", ["", "   \n "])
def test_a_verdict_needs_a_rationale(rationale):
    initiative = in_test()
    with pytest.raises(ActionRefused, match="Skriv styregruppens begrundelse"):
        verdict(initiative, rationale=rationale)
    assert not Decision.objects.filter(initiative=initiative).exists()
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.IN_TEST


def test_an_ideas_outcome_is_not_a_verdict():
    initiative = in_test()
    with pytest.raises(ActionRefused, match="Vælg styregruppens beslutning"):
        verdict(initiative, "selected")
    assert not Decision.objects.filter(initiative=initiative).exists()


def test_a_meeting_of_another_project_is_refused():
    initiative = in_test()
    elsewhere = MeetingFactory()
    with pytest.raises(ActionRefused, match="Mødet hører ikke"):
        verdict(initiative, meeting_id=elsewhere.pk)
    assert not Decision.objects.filter(initiative=initiative).exists()


def test_a_verdict_cannot_be_dated_before_the_latest():
    initiative = in_test()
    verdict(initiative, Verdict.ADJUST)
    with pytest.raises(ActionRefused, match="kan ikke dateres før"):
        verdict(initiative, Verdict.STOP, decided_on=DAY - datetime.timedelta(days=1))
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.ADJUSTED


def test_a_page_that_saw_no_verdict_cannot_overwrite_one_made_meanwhile():
    initiative = in_test()
    first = verdict(initiative, Verdict.CONTINUE, expected_verdict_id=0)
    with pytest.raises(StateConflict, match="i mellemtiden"):
        verdict(
            initiative,
            Verdict.STOP,
            rationale="Nej.",
            expected_verdict_id=0,
            expected_status=InitiativeStatus.IN_TEST,
        )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.RECOMMENDED
    assert list(Decision.objects.filter(initiative=initiative)) == [first]


def test_a_page_that_saw_another_status_is_refused():
    initiative = in_test()
    with pytest.raises(StateConflict, match="Tiltagets status er ændret"):
        verdict(
            initiative,
            expected_verdict_id=0,
            expected_status=InitiativeStatus.EVALUATED,
        )
    assert not Decision.objects.filter(initiative=initiative).exists()


def test_the_same_verdict_sent_twice_is_recorded_once():
    initiative = in_test()
    user = UserFactory()
    first = verdict(initiative, user=user, expected_verdict_id=0)
    again = verdict(initiative, user=user, expected_verdict_id=0)
    assert again == first
    assert Decision.objects.filter(initiative=initiative).count() == 1
    assert len(steps(initiative)) == 3  # planned→in test→evaluated→recommended


def test_the_database_holds_one_subject_and_a_fitting_outcome(world):
    base = {
        "project": world.project,
        "rationale": "x",
        "decided_on": DAY,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            **base,
            idea=world.idea_selected,
            initiative=world.initiative,
            outcome="selected",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(**base, outcome="continue")
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(**base, idea=world.idea_selected, outcome="continue")
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(**base, initiative=world.initiative, outcome="parked")


def _race(initiative, outcomes, **expected):
    """Two steering members record a verdict at the same moment (two threads)."""
    users = [UserFactory(), UserFactory()]
    barrier = threading.Barrier(2)
    results = []

    def record(user, outcome):
        try:
            barrier.wait()
            services.initiative_verdict_record(
                initiative_id=initiative.pk,
                outcome=outcome,
                rationale=f"Samtidig: {outcome}",
                decided_on=DAY,
                meeting_id=None,
                user=user,
                **expected,
            )
            results.append("ok")
        except StateConflict:
            results.append("conflict")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=record, args=(u, o))
        for u, o in zip(users, outcomes, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(results)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_verdicts_from_the_same_page_at_once_make_one():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite serialises writers)")
    initiative = in_test()
    results = _race(
        initiative,
        [Verdict.CONTINUE, Verdict.STOP],
        expected_verdict_id=0,
        expected_status=InitiativeStatus.IN_TEST,
    )
    assert results == ["conflict", "ok"]
    decision = Decision.objects.get(initiative=initiative)
    initiative.refresh_from_db()
    assert initiative.status == services.VERDICT_STATUS[decision.outcome]
    assert len(steps(initiative)) == 3


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_verdicts_at_once_are_recorded_one_after_the_other():
    """Without a page's expectations (the demo loader), both verdicts count, in turn:
    the row lock makes the second read the status the first left."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite serialises writers)")
    initiative = in_test()
    assert _race(initiative, [Verdict.CONTINUE, Verdict.STOP]) == ["ok", "ok"]
    initiative = Initiative.objects.get(pk=initiative.pk)
    chain = steps(initiative)
    assert [s[:2] for s in chain[:2]] == [
        ("planned", "in_test"),
        ("in_test", "evaluated"),
    ]
    # One chain: each step starts where the one before ended.
    assert all(a[1] == b[0] for a, b in zip(chain, chain[1:], strict=False))
    assert chain[-1][1] == initiative.status
    assert Decision.objects.filter(initiative=initiative).count() == 2
