"""Navigation entries of the testing app (core/navigation.py)."""

import rules
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.navigation import entry
from projects.permissions import coordinator_site_ids, sees_projects


@entry(order=30, label=_("Mine skemaer"))
def my_submissions(user):
    if sees_projects(user) and coordinator_site_ids(user):
        return reverse("testing:my_submissions")
    return None


@entry(order=40, label=_("Testkits"))
def test_kits(user):
    """The library of test kits: for consultants (of any project) and superusers.
    Asked of the rule itself: `user.has_perm` would first load the user's model
    permissions (two queries on every page for everyone else)."""
    if user.is_active and (
        user.is_superuser or rules.has_perm("testing.view_testkit", user)
    ):
        return reverse("testing:testkit_list")
    return None
