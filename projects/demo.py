"""Demo data for the core: the 2017 project and its people.

Demo users get a password only when the settings provide `DEMO_PASSWORD` (the dev
settings do); elsewhere they are created without a usable password.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from core import demo_data
from projects import services
from projects.models import Membership, Project, Role

PROJECT = {
    "name": "Bibliotek og borgerservice – synergi",
    "guiding_question": "Hvordan kan bibliotek og borgerservice skabe synergi til gavn for borgerne?",
    "purpose": (
        "At udvikle, afprøve, tilpasse og evaluere konkrete synergitiltag. "
        "(Synergi: når borgerservice og bibliotek er bedre sammen.)"
    ),
    # The deck's plan runs from week 34 (21 August) to week 48 (1 December) 2017.
    "starts_on": datetime.date(2017, 8, 21),
    "ends_on": datetime.date(2017, 12, 1),
    # The demo is from 2017 and its citizens are invented: keep it for the demo's sake
    # (a real project keeps citizens' data a year after its end by default).
    "personal_data_retention_days": 365 * 30,
}

# The installation-wide catalogue editor role (projects/permissions.py): a group with
# the permission, given in admin. The demo's consultant is in it.
CATALOGUE_EDITORS = "Katalogredaktører"
CATALOGUE_EDITOR_MEMBERS = ["konsulent"]

# username, first name, last name, role, site name (coordinators), is staff
USERS = [
    ("konsulent", "Karen", "Actant", Role.CONSULTANT, None, True),
    (
        "tovholder-roskilde",
        "Rikke",
        "Roskilde",
        Role.COORDINATOR,
        "Roskilde Bibliotek (med Borgerservice)",
        False,
    ),
    (
        "tovholder-ringsted",
        "Rasmus",
        "Ringsted",
        Role.COORDINATOR,
        "Ringsted Bibliotek og Borgerservice",
        False,
    ),
    (
        "tovholder-naestved",
        "Nina",
        "Næstved",
        Role.COORDINATOR,
        "Næstved Bibliotek og Borgerservice",
        False,
    ),
    (
        "tovholder-glumsoe",
        "Gitte",
        "Glumsø",
        Role.COORDINATOR,
        "Glumsø Bibliotek (med Borgerservice)",
        False,
    ),
    ("styregruppe-1", "Søren", "Styregruppe", Role.STEERING, None, False),
    ("styregruppe-2", "Susanne", "Styregruppe", Role.STEERING, None, False),
]


def load(*, sites, stdout=None):
    """Create what is missing of the project, the users and their memberships."""
    User = get_user_model()
    users = {}
    for username, first_name, last_name, _role, _site, is_staff in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@synergi.invalid",
                "is_staff": is_staff,
                "is_superuser": is_staff,
            },
        )
        if settings.DEMO_PASSWORD and (created or not user.has_usable_password()):
            user.set_password(settings.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        elif created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        users[username] = user
    project = Project.objects.filter(name=PROJECT["name"]).first()
    if project is None:
        project = services.project_create(
            **PROJECT, sites=sites.values(), consultant=users["konsulent"]
        )
    elif not project.sites.exists():
        project.sites.set(sites.values())
    for username, _first, _last, role, site_name, _staff in USERS:
        site = sites[site_name] if site_name else None
        if not Membership.objects.filter(
            user=users[username], project=project, role=role, site=site
        ).exists():
            services.membership_create(
                project=project, user=users[username], role=role, site=site
            )
    editors, _created = Group.objects.get_or_create(name=CATALOGUE_EDITORS)
    editors.permissions.add(
        Permission.objects.get(
            codename="change_shared_catalogue", content_type__app_label="sites"
        )
    )
    editors.user_set.add(*User.objects.filter(username__in=CATALOGUE_EDITOR_MEMBERS))
    if stdout:
        stdout.write(f"Forløb: {project.name} med {len(USERS)} demobrugere.")
    return project


@demo_data.loader(order=20)
def load_into(world, *, stdout=None):
    world.project = load(sites=world.sites, stdout=stdout)
    world.logins = [(user[0], user[3].label, user[4] or "") for user in USERS]
