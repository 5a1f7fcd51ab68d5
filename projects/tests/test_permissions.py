"""The rules module answers the same for views and templates."""

import pytest

from projects.models import Role
from projects.permissions import coordinator_site_ids, roles_in
from projects.tests.factories import MembershipFactory, ProjectFactory, UserFactory


@pytest.mark.parametrize(
    "role,can_edit_catalogue,can_read_catalogue,can_edit_project",
    [
        ("consultant", True, True, True),
        ("coordinator_a", False, True, False),
        ("steering", False, True, False),
        ("outsider", False, False, False),
    ],
)
def test_role_permissions(
    world, role, can_edit_catalogue, can_read_catalogue, can_edit_project
):
    user = world.users[role]
    assert user.has_perm("sites.change_site") is can_edit_catalogue
    assert user.has_perm("sites.delete_citizenservice") is can_edit_catalogue
    assert user.has_perm("sites.view_site") is can_read_catalogue
    assert user.has_perm("synergy.change_project", world.project) is can_edit_project
    assert user.has_perm("synergy.add_membership", world.project) is can_edit_project


def test_a_consultant_of_one_project_is_no_consultant_of_another(world):
    other = ProjectFactory()
    consultant = world.users["consultant"]
    assert consultant.has_perm("synergy.change_project", world.project)
    assert not consultant.has_perm("synergy.change_project", other)
    assert not consultant.has_perm("synergy.view_project", other)


def test_a_user_may_hold_roles_in_several_projects(db):
    user = UserFactory()
    first, second = ProjectFactory(), ProjectFactory()
    MembershipFactory(user=user, project=first, role=Role.STEERING)
    MembershipFactory(user=user, project=second, role=Role.CONSULTANT)
    assert roles_in(user, first) == {Role.STEERING}
    assert roles_in(user, second) == {Role.CONSULTANT}
    assert user.has_perm("synergy.change_project", second)
    assert not user.has_perm("synergy.change_project", first)


def test_coordinator_sites(world):
    assert coordinator_site_ids(world.users["coordinator_a"]) == {world.site_a.pk}
    assert coordinator_site_ids(world.users["consultant"]) == set()


def test_permission_checks_cost_one_query_per_request(world, django_assert_num_queries):
    user = world.users["consultant"]
    with django_assert_num_queries(1):
        for _ in range(5):
            user.has_perm("sites.change_site")
            user.has_perm("synergy.change_project", world.project)


def test_superuser_may_do_everything(db):
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert admin.has_perm("sites.delete_site")
    assert admin.has_perm("synergy.change_project", ProjectFactory())


@pytest.mark.parametrize(
    "role,may_read,may_quote",
    [
        ("consultant", True, True),
        ("coordinator_a", True, False),
        ("coordinator_b", False, False),
        ("steering", False, False),
        ("outsider", False, False),
    ],
)
def test_who_reads_answers_that_may_hold_personal_data(
    world, role, may_read, may_quote
):
    """The consultant and the coordinators of the schema's site; not the steering
    group. Only the consultant turns such an answer into a quote."""
    user = world.users[role]
    assert user.has_perm("testing.view_personal_answers", world.submitted) is may_read
    assert user.has_perm("testing.quote_answer", world.submitted) is may_quote


def test_a_consultant_of_another_project_reads_no_personal_answers(world):
    other = MembershipFactory(role=Role.CONSULTANT).user
    assert not other.has_perm("testing.view_personal_answers", world.submitted)
    assert not other.has_perm("testing.quote_answer", world.submitted)
