"""Navigation entries of the sites app (core/navigation.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.navigation import entry
from projects.permissions import (
    coordinator_site_ids,
    is_consultant,
    sees_catalogue_admin,
    sees_projects,
)


@entry(order=40, label=_("Mit sted"))
def my_site(user):
    if not sees_projects(user) or is_consultant(user):
        return None
    site_ids = sorted(coordinator_site_ids(user))
    if len(site_ids) == 1:
        return reverse("sites:site_detail", args=[site_ids[0]])
    return None


@entry(order=50, label=_("Steder"))
def sites(user):
    return reverse("sites:site_list") if sees_projects(user) else None


@entry(order=60, label=_("Ydelser"))
def services(user):
    return reverse("sites:citizenservice_list") if sees_projects(user) else None


@entry(order=70, label=_("Betjeningssteder"))
def service_points(user):
    return reverse("sites:servicepoint_list") if sees_catalogue_admin(user) else None


@entry(order=80, label=_("Kommuner"))
def municipalities(user):
    return reverse("sites:municipality_list") if sees_catalogue_admin(user) else None


@entry(order=90, label=_("Ændringsforslag"))
def change_proposals(user):
    return reverse("sites:changeproposal_list") if sees_catalogue_admin(user) else None
