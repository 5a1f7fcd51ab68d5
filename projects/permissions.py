"""Who may do what: the one module of permission rules.

Every view names one of these permissions (`permission_required`), and templates
ask the same ones (`perms.sites.change_site`, `{% has_perm %}`), so a button is
shown exactly when its view would let the user in. Roles come from project
membership (`synergy.Membership`); an active superuser may do everything.

Which rows a user may see is declared once per model (its path to its project and
site, projects/scoping.py); the rules below read an object's project and site from
that declaration, and every declared model without a rule here gets the row rule
`<app>.view_<model>` (the same rows `Model.objects.visible_to(user)` gives).

Rules:
- any signed-in user may use their home page and change their password;
- members of any project (any role) may read the shared catalogue
  (municipalities, sites, service points, opening hours, services);
- the shared catalogue has owners: the projects that use a record (see
  sites.selectors for what "use" means). A consultant adds records, and changes or
  deletes a record only when they are a consultant of every project that uses it; a
  record no project uses is kept by any consultant. Opening hours and offered
  services go with their site or service point. A *catalogue editor* (the
  installation-wide Django permission `sites.change_shared_catalogue`, given in
  admin to a user or a group; superusers have it) keeps the whole catalogue. Any
  consultant may propose a change to a record; the proposer and those who may change
  the record see the proposal, and those who may change the record accept or
  reject it. So no consultant changes what another project prints;
- a project is visible to its members; its consultants edit it and its members;
- test schemas: a coordinator fills the schemas of the sites they coordinate,
  the consultant reviews them (return, approve), the steering group reads them;
  the site's coordinators and the consultant may count at the counter (the tally);
  guides, templates, runs and visits are kept by the consultant;
- inside a project (initiatives app): members read the analysis, evidence, ideas,
  initiatives and timeline; the consultant edits all of it; coordinators propose
  ideas, edit their own site's ideas while they are still proposed, and score
  ideas in screening; the steering group (and the consultant) record decisions on
  presented ideas and verdicts on tested initiatives, and keep the steering group's
  meetings (which coordinators do not see); speaker labels of quotes without consent are shown only to the
  consultant and the coordinators (the people who met the citizens);
- reuse: a consultant starts a new project from one they are consultant of; the
  library of test kits belongs to the consultants of all projects (coordinators and
  the steering group neither see nor use it);
- citizens' words: answers to questions marked as holding personal data (such as
  "Citater fra borgere") are read by the consultant and the coordinators of the
  schema's site, never by the steering group; they are not exported for anyone.
  The consultant may turn such an answer into a quote, which is then shown like
  every quote: its text to the steering group only once the consultant has
  reviewed it, and in the dashboard and the catalogue only with consent as well.
"""

from collections.abc import Callable
from typing import Any

import rules

from projects.models import Project, Role
from projects.scoping import (
    CATALOGUE_EDITOR_PERMISSION,
    PERSONAL,
    PROJECT,
    coordinator_site_ids,
    declared_models,
    may_view,
    memberships_of,
    roles_in,
    scope_of,
)

__all__ = [
    "CATALOGUE_EDITOR_PERMISSION",
    "coordinator_site_ids",
    "memberships_of",
    "roles_in",
]

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

# Inside a project: members read, the consultant writes (add, change, delete).
PROJECT_MODELS = {
    "initiatives": [
        "term",
        "theme",
        "solutionspace",
        "servicesynergycard",
        "interview",
        "quote",
        "screeningcriterion",
        "initiative",
        "timelineitem",
    ],
    "testing": [
        "testguide",
        "schematemplate",
        "testrun",
        "advisoryvisit",
        "interviewquestion",
        "phoneinterview",
    ],
}


def _project_id(target):
    """The id of the target's project, by the path its model declares
    (projects.scoping); None without a target."""
    if target is None:
        return None
    if isinstance(target, Project):
        return target.pk
    return scope_of(type(target)).project_id_of(target)


def _has_role(user, target, role):
    project_id = _project_id(target)
    return any(
        m.role == role and project_id in (None, m.project_id)
        for m in memberships_of(user)
    )


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


@rules.predicate
def is_project_coordinator(user, target):
    return _has_role(user, target, Role.COORDINATOR)


@rules.predicate
def is_project_steering(user, target):
    return _has_role(user, target, Role.STEERING)


@rules.predicate
def coordinates_idea(user, idea):
    """The idea is from a site the user coordinates, or the user proposed it."""
    if idea is None:
        return False
    sites = {
        m.site_id
        for m in memberships_of(user)
        if m.role == Role.COORDINATOR and m.project_id == idea.project_id
    }
    return idea.site_id in sites or idea.proposer_id == user.pk


@rules.predicate
def idea_is_proposed(user, idea):
    return idea is not None and idea.is_proposed


@rules.predicate
def coordinates_site_of(user, target):
    """The user coordinates the target's site in its project (the paths its model
    declares: a test run's site, a submission's run's site)."""
    if target is None:
        return False
    scope = scope_of(type(target))
    site_id = scope.site_id_of(target) if scope.site else target.site_id
    return (scope.project_id_of(target), site_id) in {
        (m.project_id, m.site_id)
        for m in memberships_of(user)
        if m.role == Role.COORDINATOR
    }


@rules.predicate
def may_view_row(user, target):
    """The row is one `Model.objects.visible_to(user)` gives (projects.scoping). No
    object, no permission: the rule is about rows."""
    return target is not None and may_view(user, target)


@rules.predicate
def quote_has_consent(user, quote):
    return quote is not None and quote.consent_to_publish


@rules.predicate
def quote_is_reviewed(user, quote):
    return quote is not None and quote.reviewed


@rules.predicate
def made_kit(user, kit):
    """The user put the test kit in the library (without a kit: any consultant may
    delete their own)."""
    return kit is None or kit.created_by_id == user.pk


@rules.predicate
def timeline_item_is_theirs(user, item):
    """The user holds the role the timeline item names (or it is everyone's)."""
    if item is None:
        return False
    return item.is_for_everyone or _has_role(user, item, item.responsible_role)


# The shared catalogue's owners. The sites app registers, when it starts (the core
# cannot import the apps built on it), `owner(record)`: the record whose projects
# decide about `record` (opening hours → their place), and `ids_used_by(label=,
# projects=)`: ids of the records of one kind that those projects use.
_catalogue_usage: dict[str, Callable[..., Any]] = {}


def register_catalogue_usage(
    *, owner: Callable[[Any], Any], ids_used_by: Callable[..., set[int]]
) -> None:
    _catalogue_usage.update(owner=owner, ids_used_by=ids_used_by)


def _used_outside(user, label):
    """Ids of the `label` records that a project the user is not a consultant of uses
    (one query per kind of record, once per user object, i.e. per request)."""
    cache = user.__dict__.setdefault("_synergy_catalogue_used_outside", {})
    if label not in cache:
        consulted = {
            m.project_id for m in memberships_of(user) if m.role == Role.CONSULTANT
        }
        cache[label] = _catalogue_usage["ids_used_by"](
            label=label, projects=Project.objects.exclude(pk__in=consulted)
        )
    return cache[label]


@rules.predicate
def is_catalogue_editor(user):
    """Holds the installation-wide catalogue editor permission (Django's own model
    permissions, given in admin; an active superuser has every permission)."""
    return user.is_active and user.has_perm(CATALOGUE_EDITOR_PERMISSION)


@rules.predicate
def consults_every_project_using(user, record):
    """A consultant of every project that uses the catalogue record (any consultant
    when no project uses it). Without a record: a consultant of any project."""
    if not is_consultant(user):
        return False
    if record is None:
        return True
    owner = _catalogue_usage["owner"](record)
    return owner.pk not in _used_outside(user, owner._meta.label_lower)


may_keep_catalogue_record = consults_every_project_using | is_catalogue_editor


@rules.predicate
def may_decide_proposal(user, proposal):
    """May change the record the proposal is about (without a proposal: may keep
    some of the catalogue)."""
    if proposal is None:
        return may_keep_catalogue_record.test(user, None)
    record = proposal.record
    return record is not None and may_keep_catalogue_record.test(user, record)


@rules.predicate
def proposed_it(user, proposal):
    return proposal is not None and proposal.proposed_by_id == user.pk


rules.add_perm("synergy.use_app", rules.is_authenticated)

rules.add_perm("synergy.view_project", is_project_member)
rules.add_perm("synergy.add_project", is_consultant)
rules.add_perm("synergy.change_project", is_project_consultant)
rules.add_perm("synergy.delete_project", is_project_consultant)
rules.add_perm("synergy.add_membership", is_project_consultant)
rules.add_perm("synergy.change_membership", is_project_consultant)
rules.add_perm("synergy.delete_membership", is_project_consultant)

for app_label, model_names in PROJECT_MODELS.items():
    for model_name in model_names:
        rules.add_perm(f"{app_label}.view_{model_name}", is_project_member)
        for action in ("add", "change", "delete"):
            rules.add_perm(f"{app_label}.{action}_{model_name}", is_project_consultant)

rules.add_perm(
    "initiatives.view_quote_speaker",
    is_project_consultant | is_project_coordinator | quote_has_consent,
)
# A quote's text: the project group (who wrote it down) reads it at once; the steering
# group once the consultant has reviewed it (it may hold what no one else should read).
# The target of view_unreviewed_quotes is the project, of view_quote_text the quote.
rules.add_perm(
    "initiatives.view_unreviewed_quotes", is_project_consultant | is_project_coordinator
)
rules.add_perm(
    "initiatives.view_quote_text",
    is_project_consultant | is_project_coordinator | quote_is_reviewed,
)
# Importing interviews and quotes from a spreadsheet, and its held preview (the
# target is the project, or the held import).
rules.add_perm("initiatives.import_field_notes", is_project_consultant)
rules.add_perm("initiatives.view_idea", is_project_member)
rules.add_perm("initiatives.add_idea", is_project_consultant | is_project_coordinator)
rules.add_perm(
    "initiatives.change_idea",
    is_project_consultant
    | (is_project_coordinator & coordinates_idea & idea_is_proposed),
)
rules.add_perm("initiatives.delete_idea", is_project_consultant)
# Whether the idea is in the right phase to be scored or decided is checked by the
# service, so that somebody who acts a moment too late gets a clear message.
rules.add_perm("initiatives.score_idea", is_project_consultant | is_project_coordinator)
rules.add_perm("initiatives.move_idea", is_project_consultant)
rules.add_perm("initiatives.decide_idea", is_project_steering | is_project_consultant)
# Verdicts on tested initiatives: the same people who decide on ideas.
rules.add_perm(
    "initiatives.decide_initiative", is_project_steering | is_project_consultant
)
# The steering group's meetings: the steering group and the consultant keep them
# (record decisions in them); coordinators do not see them.
for _action in ("view", "add", "change"):
    rules.add_perm(
        f"initiatives.{_action}_meeting", is_project_steering | is_project_consultant
    )
rules.add_perm("initiatives.delete_meeting", is_project_consultant)
rules.add_perm("initiatives.view_decision", is_project_member)
rules.add_perm("initiatives.change_initiative_status", is_project_consultant)
rules.add_perm(
    "initiatives.complete_timelineitem",
    is_project_consultant | timeline_item_is_theirs,
)

# Test schemas: coordinators fill their own site's; the consultant reviews; the
# steering group reads. Other sites' schemas do not exist for a coordinator (404).
rules.add_perm(
    "testing.view_submission",
    is_project_consultant
    | is_project_steering
    | (is_project_coordinator & coordinates_site_of),
)
rules.add_perm(
    "testing.change_submission", is_project_coordinator & coordinates_site_of
)
rules.add_perm("testing.review_submission", is_project_consultant)
# The tally at the counter (a week's schema's counted questions): the site's
# coordinators and the consultant count; the steering group does not.
rules.add_perm(
    "testing.tally_submission",
    is_project_consultant | (is_project_coordinator & coordinates_site_of),
)
# Answers that may hold personal data (Question.holds_personal_data), on a submission:
# the consultant and the coordinators of its site read them, the steering group does
# not. Only the consultant turns one into a quote (consent and review still ahead).
rules.add_perm(
    "testing.view_personal_answers",
    is_project_consultant | (is_project_coordinator & coordinates_site_of),
)
rules.add_perm("testing.quote_answer", is_project_consultant)
# A consultant's comment on an answer is a thread: the site's coordinators and the
# consultant reply (on a submission); only the consultant resolves it (review).
rules.add_perm(
    "testing.discuss_answer_comment",
    is_project_consultant | (is_project_coordinator & coordinates_site_of),
)
rules.add_perm("testing.view_my_submissions", rules.is_authenticated)
# Reuse: a consultant starts a project from one they are a consultant of (the
# object is the earlier project). The library of test kits is shared by the
# consultants of every project (Scope.consultants): any of them reads it, imports
# and starts initiatives from its kits in projects they are consultant of; a kit is
# made from an initiative by its project's consultant (the object); whoever put a
# kit in the library deletes it (and a superuser).
rules.add_perm("testing.copy_project", is_project_consultant)
rules.add_perm("testing.view_testkit", is_consultant)
rules.add_perm("testing.add_testkit", is_project_consultant)
rules.add_perm("testing.import_testkit", is_consultant)
rules.add_perm("testing.start_testkit", is_consultant)
rules.add_perm("testing.delete_testkit", is_consultant & made_kit)

# Dashboards and exports: every member of the project; coordinators see the figures
# of their own sites only (the selectors narrow them).
rules.add_perm("reporting.view_dashboard", is_project_member)
rules.add_perm("reporting.export", is_project_member)
# The results catalogue: the consultant curates it, makes and downloads the PDF.
rules.add_perm("reporting.manage_catalogue", is_project_consultant)
# Its published web edition: every member of the project reads it in the app (anyone
# with its link reads it outside).
rules.add_perm("reporting.read_catalogue", is_project_member)

# The shared catalogue: members of any project read it; adding, changing and deleting
# follow its owners (the object is the record, or the place of opening hours and
# offered services; without one, "may keep some of the catalogue").
for app_label, model_names in CATALOGUE_MODELS.items():
    for model_name in model_names:
        rules.add_perm(
            f"{app_label}.view_{model_name}", is_member | is_catalogue_editor
        )
        for action in ("add", "change", "delete"):
            rules.add_perm(
                f"{app_label}.{action}_{model_name}", may_keep_catalogue_record
            )
# Proposals: any consultant proposes a change to a record (the object); the proposer
# and those who may change the record read it; those who may change it decide.
rules.add_perm("sites.propose_change", is_consultant)
rules.add_perm("sites.view_changeproposal", proposed_it | may_decide_proposal)
rules.add_perm("sites.decide_changeproposal", may_decide_proposal)


# What the navigation shows (apps' navigation.py)


def _catalogue_editor_only(user) -> bool:
    """A catalogue editor in no project still keeps the catalogue."""
    return not is_member(user) and not user.is_superuser and is_catalogue_editor(user)


def sees_projects(user) -> bool:
    """Sees the projects, sites and services in the navigation."""
    return is_member(user) or user.is_superuser or _catalogue_editor_only(user)


def sees_catalogue_admin(user) -> bool:
    """Sees the shared catalogue's service points, municipalities and proposals."""
    return sees_projects(user) and (
        is_consultant(user) or user.is_superuser or _catalogue_editor_only(user)
    )


def _add_row_view_rules():
    """`<app>.view_<model>` for every declared model that has no rule above: the row
    rule of projects.scoping (with an object only, so Django's admin gains nothing)."""
    for model in declared_models():
        if scope_of(model).kind not in (PROJECT, PERSONAL):
            continue
        name = f"{model._meta.app_label}.view_{model._meta.model_name}"
        if not rules.perm_exists(name):
            rules.add_perm(name, may_view_row)


_add_row_view_rules()
