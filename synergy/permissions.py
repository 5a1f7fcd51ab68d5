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
- a project is visible to its members; its consultants edit it and its members;
- test schemas: a coordinator fills the schemas of the sites they coordinate,
  the consultant reviews them (return, approve), the steering group reads them;
  guides, templates, runs and visits are kept by the consultant;
- inside a project (initiatives app): members read the analysis, evidence, ideas,
  initiatives and timeline; the consultant edits all of it; coordinators propose
  ideas, edit their own site's ideas while they are still proposed, and score
  ideas in screening; the steering group (and the consultant) record decisions on
  presented ideas; speaker labels of quotes without consent are shown only to the
  consultant and the coordinators (the people who met the citizens);
- citizens' words: answers to questions marked as holding personal data (such as
  "Citater fra borgere") are read by the consultant and the coordinators of the
  schema's site, never by the steering group; they are not exported for anyone.
  The consultant may turn such an answer into a quote, which is then shown like
  every quote: its text to the steering group only once the consultant has
  reviewed it, and in the dashboard and the catalogue only with consent as well.
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
    if target is None:
        return None
    if isinstance(target, Project):
        return target.pk
    return target.project_id


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
    return idea is not None and idea.phase == "proposed"


@rules.predicate
def coordinates_site_of(user, target):
    """The user coordinates the site of a test run or of a submission's run."""
    if target is None:
        return False
    run = getattr(target, "run", target)
    return any(
        m.role == Role.COORDINATOR
        and m.project_id == run.project_id
        and m.site_id == run.site_id
        for m in memberships_of(user)
    )


@rules.predicate
def quote_has_consent(user, quote):
    return quote is not None and quote.consent_to_publish


@rules.predicate
def quote_is_reviewed(user, quote):
    return quote is not None and quote.reviewed


@rules.predicate
def timeline_item_is_theirs(user, item):
    """The user holds the role the timeline item names (or it is everyone's)."""
    if item is None:
        return False
    return item.responsible_role == "everyone" or _has_role(
        user, item, item.responsible_role
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

# Inside a project: members read, the consultant writes.
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
# Answers that may hold personal data (Question.holds_personal_data), on a submission:
# the consultant and the coordinators of its site read them, the steering group does
# not. Only the consultant turns one into a quote (consent and review still ahead).
rules.add_perm(
    "testing.view_personal_answers",
    is_project_consultant | (is_project_coordinator & coordinates_site_of),
)
rules.add_perm("testing.quote_answer", is_project_consultant)
rules.add_perm("testing.view_my_submissions", rules.is_authenticated)

# Dashboards and exports: every member of the project; coordinators see the figures
# of their own sites only (the selectors narrow them).
rules.add_perm("reporting.view_dashboard", is_project_member)
rules.add_perm("reporting.export", is_project_member)
# The results catalogue: the consultant curates it, makes and downloads the PDF.
rules.add_perm("reporting.manage_catalogue", is_project_consultant)

for app_label, model_names in CATALOGUE_MODELS.items():
    for model_name in model_names:
        rules.add_perm(f"{app_label}.view_{model_name}", is_member)
        for action in ("add", "change", "delete"):
            rules.add_perm(f"{app_label}.{action}_{model_name}", is_consultant)
