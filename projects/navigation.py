"""Navigation entries of the projects app (core/navigation.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.navigation import entry
from projects.permissions import sees_projects


@entry(order=10, label=_("Forside"))
def home(user):
    return reverse("home")


@entry(order=20, label=_("Forløb"))
def projects(user):
    return reverse("synergy:project_list") if sees_projects(user) else None
