"""The delete page of a shared record says what stops the delete without naming rows of
projects the user is not in (the tester, a catalogue editor in no project, read the
names of another project's people and initiatives there)."""

import pytest

from core.generic import deletion_impact
from projects.tests.factories import UserFactory


@pytest.mark.django_db
def test_rows_of_other_projects_are_counted_not_named(world):
    stranger = UserFactory(username="redaktør-uden-forløb")
    _affected, for_stranger = deletion_impact(world.site_a, stranger)
    _affected, for_consultant = deletion_impact(world.site_a, world.users["consultant"])
    named = " ".join(label for _kind, label in for_consultant)
    assert str(world.run) in named  # "IT-hjælp · Sted A": the project's test run
    shown = " ".join(label for _kind, label in for_stranger)
    assert str(world.run) not in shown
    assert world.users["coordinator_a"].get_full_name() not in shown
    assert "du ikke er med i" in shown
    # The same kinds block the delete for both: only the names are kept back.
    assert {kind for kind, _label in for_stranger} == {
        kind for kind, _label in for_consultant
    }
