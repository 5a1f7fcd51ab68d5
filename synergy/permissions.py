"""Who may do what: the one module of permission rules.

Every view names one of these permissions (`permission_required`), and templates
ask the same ones (`perms.sites.change_site`, `{% has_perm %}`), so a button is
shown exactly when its view would let the user in. Roles come from project
membership (`synergy.Membership`); an active superuser may do everything.

Rules:
- any signed-in user may use their home page and change their password;
- members of any project (any role) may read the shared catalogue
  (municipalities, sites, service points, opening hours, services);
- consultants (in any project) keep the catalogue: add, change, delete;
- a project is visible to its members; its consultants edit it and its members.
"""

import rules

from .models import Membership, Project, Role

CATALOGUE_MODELS = {
    "sites": [
        "municipality",
        "site",
        "servicepoint",
        "openinghours",
        "citizenservice",
        "serviceoffering",
    ],
}


def memberships_of(user):
    """The user's memberships, read once per user object (one query per request)."""
    if not user.is_authenticated:
        return ()
    cached = getattr(user, "_synergy_memberships", None)
    if cached is None:
        cached = tuple(
            Membership.objects.filter(user=user).only("project_id", "role", "site_id")
        )
        user._synergy_memberships = cached
    return cached


def _project_id(target):
    if target is None:
        return None
    if isinstance(target, Project):
        return target.pk
    return target.project_id


@rules.predicate
def is_member(user):
    return bool(memberships_of(user))


@rules.predicate
def is_consultant(user):
    return any(m.role == Role.CONSULTANT for m in memberships_of(user))


@rules.predicate
def is_project_member(user, target):
    """Member of the target's project; with no target, of any project."""
    project_id = _project_id(target)
    return any(project_id in (None, m.project_id) for m in memberships_of(user))


@rules.predicate
def is_project_consultant(user, target):
    """Consultant in the target's project; with no target, in any project."""
    project_id = _project_id(target)
    return any(
        m.role == Role.CONSULTANT and project_id in (None, m.project_id)
        for m in memberships_of(user)
    )


def roles_in(user, project):
    """The set of roles the user holds in a project."""
    return {m.role for m in memberships_of(user) if m.project_id == project.pk}


def coordinator_site_ids(user, project=None):
    """Ids of the sites the user coordinates (in one project, or in any)."""
    return {
        m.site_id
        for m in memberships_of(user)
        if m.role == Role.COORDINATOR
        and (project is None or m.project_id == project.pk)
    }


rules.add_perm("synergy.use_app", rules.is_authenticated)

rules.add_perm("synergy.view_project", is_project_member)
rules.add_perm("synergy.add_project", is_consultant)
rules.add_perm("synergy.change_project", is_project_consultant)
rules.add_perm("synergy.delete_project", is_project_consultant)
rules.add_perm("synergy.add_membership", is_project_consultant)
rules.add_perm("synergy.change_membership", is_project_consultant)
rules.add_perm("synergy.delete_membership", is_project_consultant)

for app_label, model_names in CATALOGUE_MODELS.items():
    for model_name in model_names:
        rules.add_perm(f"{app_label}.view_{model_name}", is_member)
        for action in ("add", "change", "delete"):
            rules.add_perm(f"{app_label}.{action}_{model_name}", is_consultant)
