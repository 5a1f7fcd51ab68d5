"""Rows the benchmarks build through the services, as the app makes them: an idea walked
from proposed to selected by the steering group, and the initiative made of it, in test.
(Bulk rows whose number is the point, such as answers, stay bulk_create in each script.)
"""

import datetime

from initiatives import services as initiative_services
from initiatives.models import DecisionOutcome, IdeaPhase, Initiative, InitiativeStatus


def initiative_in_test(
    *,
    project,
    idea_title: str,
    name: str,
    description: str,
    group_name: str,
    rationale: str,
    decided_on: datetime.date,
    test_sites: dict,
    consultant,
    steering,
) -> Initiative:
    """An idea proposed, moved to presented and selected, and its initiative in test."""
    idea = initiative_services.idea_create(
        project=project,
        title=idea_title,
        description=description,
        group_name=group_name,
        proposer=consultant,
    )
    for phase in IdeaPhase.values[1 : IdeaPhase.index(IdeaPhase.PRESENTED) + 1]:
        initiative_services.idea_move(
            idea=idea,
            to_phase=phase,
            user=consultant,
            reason="",
            expected_phase=idea.phase,
        )
    initiative_services.idea_decide(
        idea=idea,
        outcome=DecisionOutcome.SELECTED,
        rationale=rationale,
        decided_on=decided_on,
        user=steering,
    )
    initiative = initiative_services.initiative_create(
        idea=idea,
        name=name,
        description=description,
        test_sites=test_sites,
        user=consultant,
    )
    initiative_services.initiative_set_status(
        initiative=initiative,
        to_status=InitiativeStatus.IN_TEST,
        user=consultant,
        reason="",
        expected_status=InitiativeStatus.PLANNED,
    )
    return initiative
