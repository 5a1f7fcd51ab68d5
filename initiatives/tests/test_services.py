"""The chain's state changes: one service owns each, every change is recorded,
and two people acting at once cannot overwrite each other."""

import datetime

import pytest

from core.services import ActionRefused, StateConflict
from initiatives import services
from initiatives.models import (
    Decision,
    DecisionOutcome,
    IdeaPhase,
    IdeaScore,
    IdeaTransition,
    Initiative,
    InitiativeStatus,
    InitiativeTransition,
)
from initiatives.tests.factories import (
    IdeaFactory,
    InitiativeFactory,
    ScreeningCriterionFactory,
)
from projects.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def move(idea, to_phase, reason="", user=None):
    return services.idea_move(
        idea=idea,
        to_phase=to_phase,
        user=user or UserFactory(),
        reason=reason,
        expected_phase=idea.phase,
    )


def test_an_idea_moves_one_phase_forward_and_each_move_is_recorded():
    idea = IdeaFactory()
    user = UserFactory()
    for phase in (IdeaPhase.SCREENED, IdeaPhase.SHORTLISTED, IdeaPhase.PRESENTED):
        move(idea, phase, user=user)
    idea.refresh_from_db()
    assert idea.phase == IdeaPhase.PRESENTED
    assert list(
        IdeaTransition.objects.filter(idea=idea).values_list("from_state", "to_state")
    ) == [
        ("proposed", "screened"),
        ("screened", "shortlisted"),
        ("shortlisted", "presented"),
    ]
    assert set(IdeaTransition.objects.values_list("by", flat=True)) == {user.pk}


def test_skipping_a_phase_is_refused():
    idea = IdeaFactory()
    with pytest.raises(ActionRefused, match="én fase frem ad gangen"):
        move(idea, IdeaPhase.SHORTLISTED)
    idea.refresh_from_db()
    assert idea.phase == IdeaPhase.PROPOSED
    assert not IdeaTransition.objects.exists()


def test_going_back_needs_a_reason():
    idea = IdeaFactory(phase=IdeaPhase.SHORTLISTED)
    with pytest.raises(ActionRefused, match="begrundelse"):
        move(idea, IdeaPhase.PROPOSED, reason="   ")
    move(idea, IdeaPhase.PROPOSED, reason="Skal beskrives bedre")
    idea.refresh_from_db()
    assert idea.phase == IdeaPhase.PROPOSED
    assert IdeaTransition.objects.get().reason == "Skal beskrives bedre"


def test_a_decision_is_never_made_by_moving():
    idea = IdeaFactory(phase=IdeaPhase.PRESENTED)
    with pytest.raises(ActionRefused):
        move(idea, IdeaPhase.DECIDED)


def test_a_stale_page_cannot_move_an_idea():
    idea = IdeaFactory()
    with pytest.raises(StateConflict):
        services.idea_move(
            idea=idea,
            to_phase=IdeaPhase.SCREENED,
            user=UserFactory(),
            reason="",
            expected_phase="shortlisted",
        )


def test_decision_needs_a_rationale_and_a_presented_idea():
    idea = IdeaFactory(phase=IdeaPhase.SHORTLISTED)
    with pytest.raises(ActionRefused, match="præsenteret"):
        services.idea_decide(
            idea=idea,
            outcome="selected",
            rationale="God idé",
            decided_on=datetime.date(2017, 8, 16),
            user=UserFactory(),
        )
    idea.phase = IdeaPhase.PRESENTED
    idea.save()
    with pytest.raises(ActionRefused, match="begrundelse"):
        services.idea_decide(
            idea=idea,
            outcome="selected",
            rationale=" ",
            decided_on=datetime.date(2017, 8, 16),
            user=UserFactory(),
        )
    assert not Decision.objects.exists()


def test_deciding_records_the_decision_and_the_transition():
    idea = IdeaFactory(phase=IdeaPhase.PRESENTED)
    steering = UserFactory()
    decision = services.idea_decide(
        idea=idea,
        outcome="parked",
        rationale="Kræver ombygning",
        decided_on=datetime.date(2017, 8, 16),
        user=steering,
    )
    idea.refresh_from_db()
    assert (idea.phase, idea.outcome) == (IdeaPhase.DECIDED, DecisionOutcome.PARKED)
    assert (decision.decided_by, decision.rationale) == (steering, "Kræver ombygning")
    transition = IdeaTransition.objects.get()
    assert (transition.from_state, transition.to_state, transition.by) == (
        "presented",
        "decided",
        steering,
    )


def test_two_people_deciding_at_once_the_second_is_told_and_nothing_is_overwritten():
    """Both loaded the idea while it was presented; the first decision stands."""
    idea = IdeaFactory(phase=IdeaPhase.PRESENTED)
    first_view = type(idea).objects.get(pk=idea.pk)
    second_view = type(idea).objects.get(pk=idea.pk)
    first = UserFactory(first_name="Søren", last_name="Styregruppe")
    services.idea_decide(
        idea=first_view,
        outcome="selected",
        rationale="Afprøves",
        decided_on=datetime.date(2017, 8, 16),
        user=first,
    )
    with pytest.raises(StateConflict, match="Søren Styregruppe"):
        services.idea_decide(
            idea=second_view,
            outcome="rejected",
            rationale="Nej",
            decided_on=datetime.date(2017, 8, 16),
            user=UserFactory(),
        )
    idea.refresh_from_db()
    assert idea.outcome == DecisionOutcome.SELECTED
    assert Decision.objects.get().outcome == "selected"
    assert IdeaTransition.objects.count() == 1


def test_scores_replace_the_scorers_own_and_respect_the_scale():
    idea = IdeaFactory()
    criterion = ScreeningCriterionFactory(
        project=idea.project, scale_min=1, scale_max=5
    )
    user = UserFactory()
    services.idea_scores_set(idea=idea, user=user, scores={criterion: 2})
    services.idea_scores_set(idea=idea, user=user, scores={criterion: 4})
    assert list(IdeaScore.objects.values_list("value", flat=True)) == [4]
    with pytest.raises(ActionRefused, match="mellem 1 og 5"):
        services.idea_scores_set(idea=idea, user=user, scores={criterion: 6})
    assert list(IdeaScore.objects.values_list("value", flat=True)) == [4]


def test_ideas_past_screening_cannot_be_scored():
    idea = IdeaFactory(phase=IdeaPhase.PRESENTED)
    criterion = ScreeningCriterionFactory(project=idea.project)
    with pytest.raises(ActionRefused, match="screening"):
        services.idea_scores_set(idea=idea, user=UserFactory(), scores={criterion: 3})


def test_an_idea_that_became_an_initiative_cannot_go_back():
    initiative = InitiativeFactory()
    idea = initiative.idea
    with pytest.raises(ActionRefused, match="tiltag"):
        move(idea, IdeaPhase.PRESENTED, reason="Fortrudt")


def status(initiative, to_status, reason=""):
    return services.initiative_set_status(
        initiative=initiative,
        to_status=to_status,
        user=UserFactory(),
        reason=reason,
        expected_status=initiative.status,
    )


def test_initiative_status_goes_forward_step_by_step():
    initiative = InitiativeFactory()
    with pytest.raises(ActionRefused, match="kun gå til"):
        status(initiative, InitiativeStatus.EVALUATED)
    status(initiative, InitiativeStatus.IN_TEST)
    status(initiative, InitiativeStatus.EVALUATED)
    status(initiative, InitiativeStatus.RECOMMENDED)
    assert list(
        InitiativeTransition.objects.filter(initiative=initiative).values_list(
            "to_state", flat=True
        )
    ) == ["in_test", "evaluated", "recommended"]


def test_initiative_status_goes_back_only_with_a_reason():
    initiative = InitiativeFactory(status=InitiativeStatus.IN_TEST)
    with pytest.raises(ActionRefused, match="begrundelse"):
        status(initiative, InitiativeStatus.PLANNED)
    status(initiative, InitiativeStatus.PLANNED, reason="Start udskudt til uge 38")
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.PLANNED


def test_an_initiative_is_made_only_from_a_selected_idea():
    idea = IdeaFactory(phase=IdeaPhase.DECIDED, outcome=DecisionOutcome.PARKED)
    with pytest.raises(ActionRefused, match="udvalgt"):
        services.initiative_create(
            idea=idea,
            name="X",
            description="Y",
            test_sites={},
            user=UserFactory(),
        )
    assert not Initiative.objects.exists()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_threads_deciding_at_the_same_moment_make_one_decision():
    """On PostgreSQL, two real transactions race; the conditional UPDATE lets one win."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite serialises writers)")
    idea = IdeaFactory(phase=IdeaPhase.PRESENTED)
    users = [UserFactory(), UserFactory()]
    barrier = threading.Barrier(2)
    results = []

    def decide(user, outcome):
        try:
            copy = type(idea).objects.get(pk=idea.pk)
            barrier.wait()
            services.idea_decide(
                idea=copy,
                outcome=outcome,
                rationale="Samtidig",
                decided_on=datetime.date(2017, 8, 16),
                user=user,
            )
            results.append("ok")
        except StateConflict:
            results.append("conflict")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(u, o))
        for u, o in zip(users, ["selected", "rejected"], strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["conflict", "ok"]
    assert Decision.objects.filter(idea=idea).count() == 1
    assert IdeaTransition.objects.filter(idea=idea).count() == 1


# The services take plain values (the views pass form.cleaned_data; the demo loader
# and the benchmarks call them the same way).


def test_idea_create_takes_values_and_logs_the_proposal():
    from initiatives.tests.factories import QuoteFactory, TermFactory
    from projects.tests.factories import ProjectFactory
    from sites.tests.factories import SiteFactory

    proposer = UserFactory()
    project = ProjectFactory()
    quote = QuoteFactory(project=project)
    group = TermFactory(project=project)
    site = SiteFactory()
    created = services.idea_create(
        project=project,
        title="Rejseudstilling",
        description="I venteområdet.",
        target_groups=[group],
        evidence=[quote],
        site=site,
        proposer=proposer,
    )
    created.refresh_from_db()
    assert (created.phase, created.outcome, created.proposer) == (
        IdeaPhase.PROPOSED,
        "",
        proposer,
    )
    assert list(created.evidence.all()) == [quote]
    assert list(created.target_groups.all()) == [group]
    (transition,) = IdeaTransition.objects.filter(idea=created)
    assert (transition.from_state, transition.to_state, transition.by) == (
        "",
        IdeaPhase.PROPOSED,
        proposer,
    )


def test_idea_update_leaves_a_phase_moved_meanwhile_alone():
    """The edit page loaded the idea as proposed; someone moved it on before the
    save: the text is saved, the phase and version stay as the move left them."""
    idea = IdeaFactory()
    loaded = type(idea).objects.get(pk=idea.pk)
    move(idea, IdeaPhase.SCREENED)
    services.idea_update(idea=loaded, title="Ny titel", description="Ny tekst")
    idea.refresh_from_db()
    assert (idea.title, idea.phase, idea.version) == (
        "Ny titel",
        IdeaPhase.SCREENED,
        2,
    )


def test_initiative_update_leaves_a_status_changed_meanwhile_alone():
    initiative = InitiativeFactory()
    loaded = Initiative.objects.get(pk=initiative.pk)
    status(initiative, InitiativeStatus.IN_TEST)
    services.initiative_update(
        initiative=loaded, name="Nyt navn", description="x", test_sites={}
    )
    initiative.refresh_from_db()
    assert (initiative.name, initiative.status) == (
        "Nyt navn",
        InitiativeStatus.IN_TEST,
    )


def test_quote_review_records_who_reviewed_and_unticking_forgets():
    from projects.tests.factories import ProjectFactory

    consultant = UserFactory()
    quote = services.quote_create(
        project=ProjectFactory(),
        text="Nemt.",
        speaker_label="Lone, 61 år",
        reviewed=True,
        user=consultant,
    )
    assert quote.reviewed_by == consultant
    services.quote_update(
        quote=quote, text="Nemt.", speaker_label="Lone", reviewed=False, user=consultant
    )
    quote.refresh_from_db()
    assert (quote.reviewed, quote.reviewed_by, quote.speaker_label) == (
        False,
        None,
        "Lone",
    )
