import datetime

import pytest

from initiatives import selectors
from initiatives.models import IdeaPhase
from initiatives.tests.factories import (
    IdeaFactory,
    IdeaScoreFactory,
    InterviewFactory,
    ScreeningCriterionFactory,
    TimelineItemFactory,
)
from projects.models import Role
from projects.tests.factories import MembershipFactory, ProjectFactory
from sites.tests.factories import CitizenServiceFactory

pytestmark = pytest.mark.django_db


def test_interview_table_has_row_and_column_totals_from_the_data():
    project = ProjectFactory()
    passport, licence = (
        CitizenServiceFactory(name="Pas"),
        CitizenServiceFactory(name="Kørekort"),
    )
    for service, band in [(passport, "30-49")] * 3 + [
        (passport, "70+"),
        (licence, "70+"),
        (licence, "0-17"),
    ]:
        InterviewFactory(project=project, service=service, age_band=band)
    InterviewFactory(service=passport)  # another project's interview does not count
    table = selectors.interview_table(project=project)
    assert [value for value, _label in table["bands"]] == [
        "0-17",
        "18-29",
        "30-49",
        "50-69",
        "70+",
    ]
    assert table["rows"] == [
        ("Pas", [0, 0, 3, 0, 1], 4),
        ("Kørekort", [1, 0, 0, 0, 1], 2),
    ]
    assert table["column_totals"] == [1, 0, 3, 0, 2]
    assert table["total"] == 6


def test_idea_list_annotates_mean_score_and_number_of_scorers():
    idea = IdeaFactory()
    criteria = [ScreeningCriterionFactory(project=idea.project) for _ in range(2)]
    IdeaScoreFactory(idea=idea, criterion=criteria[0], value=2)
    scorer = IdeaScoreFactory(idea=idea, criterion=criteria[0], value=4).scorer
    IdeaScoreFactory(idea=idea, criterion=criteria[1], scorer=scorer, value=5)
    listed = selectors.idea_list(project=idea.project).get()
    assert listed.score_mean == pytest.approx(11 / 3)
    assert listed.scorer_count == 2


def test_ideas_are_grouped_in_workshop_order_with_empty_phases():
    project = ProjectFactory()
    presented = IdeaFactory(project=project, phase=IdeaPhase.PRESENTED)
    groups = selectors.ideas_by_phase(ideas=selectors.idea_list(project=project))
    assert [value for _label, value, _ideas in groups] == IdeaPhase.values
    assert groups[3][2] == [presented]
    assert groups[0][2] == []


def test_timeline_due_and_overdue_for_the_users_roles():
    project = ProjectFactory()
    membership = MembershipFactory(project=project, role=Role.STEERING)
    user = membership.user
    today = datetime.date(2017, 10, 4)  # a Wednesday in week 40
    week = lambda n: datetime.date.fromisocalendar(2017, n, 1)  # noqa: E731
    due = TimelineItemFactory(
        project=project,
        responsible_role="steering",
        starts_week=week(38),
        ends_week=week(41),
    )
    everyone = TimelineItemFactory(
        project=project,
        responsible_role="everyone",
        starts_week=week(40),
        ends_week=week(40),
    )
    overdue = TimelineItemFactory(
        project=project,
        responsible_role="steering",
        starts_week=week(36),
        ends_week=week(39),
    )
    TimelineItemFactory(
        project=project,
        responsible_role="steering",
        starts_week=week(36),
        ends_week=week(39),
        done=True,
    )
    TimelineItemFactory(
        project=project,
        responsible_role="consultant",
        starts_week=week(40),
        ends_week=week(40),
    )
    TimelineItemFactory(
        project=project,
        responsible_role="steering",
        starts_week=week(41),
        ends_week=week(42),
    )
    result = selectors.timeline_for_user(user=user, project=project, today=today)
    assert set(result["due"]) == {due, everyone}
    assert result["overdue"] == [overdue]
    assert result["week"] == 40
