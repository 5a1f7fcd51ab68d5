"""Navigation entries of the testing app (core/navigation.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.navigation import entry
from projects.permissions import coordinator_site_ids, sees_projects


@entry(order=30, label=_("Mine skemaer"))
def my_submissions(user):
    if sees_projects(user) and coordinator_site_ids(user):
        return reverse("testing:my_submissions")
    return None
