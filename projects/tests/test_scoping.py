"""Which rows a user may see is declared once per model (projects/scoping.py).

The property: for every model that declares a scope (found in the app registry, so
a new model is covered without touching this file), every role, and every row of a
world with two projects, `Model.objects.visible_to(user)` holds the row exactly
when `user.has_perm("<app>.view_<model>", row)`.
"""

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.test.utils import isolate_apps

import conftest
from initiatives.models import (
    IdeaScore,
    IdeaTransition,
    InitiativeTransition,
)
from initiatives.tests.factories import (
    DecidedIdeaFactory,
    IdeaFactory,
    InitiativeFactory,
    InitiativeSiteFactory,
    InterviewFactory,
    MeetingFactory,
    QuoteFactory,
    ScreeningCriterionFactory,
    ServiceSynergyCardFactory,
    SolutionSpaceFactory,
    TermFactory,
    ThemeFactory,
    TimelineItemFactory,
)
from projects import scoping
from projects.models import Project, Role
from projects.services import invitation_create
from projects.tests.factories import MembershipFactory, ProjectFactory, UserFactory
from reporting.models import (
    CatalogueLogo,
    CataloguePublication,
    ChapterEvidence,
    Claim,
    EvidenceKind,
    MeetingPackRender,
)
from testing import services as testing_services
from testing.models import (
    AnswerComment,
    AnswerCommentReply,
    PhoneInterviewAnswer,
    ReminderLog,
    RepeatEntry,
)

ROLES = [*conftest.ROLES, "superuser"]


def _rows_every_model_has(project, world, users, site):
    """Rows of the kinds the shared `world` builds no row of, in `project`."""
    idea = IdeaFactory(project=project, site=site, proposer=users["consultant"])
    criterion = ScreeningCriterionFactory(project=project)
    IdeaScore.objects.create(
        idea=idea, criterion=criterion, scorer=users["consultant"], value=3
    )
    IdeaTransition.objects.create(idea=idea, from_state="proposed", to_state="screened")
    initiative = project.initiatives.first()
    # A kit in the library (Scope.consultants) and an initiative started from it.
    from testing.services import testkit_create, testkit_start

    kit, _created = testkit_create(
        initiative=initiative,
        name=f"Testkit fra {project}",
        description="",
        user=users["consultant"],
    )
    testkit_start(
        kit=kit,
        project=project,
        name="Fra testkittet",
        user=users["consultant"],
        key=f"{project.pk:032x}",
    )
    # A spreadsheet of field notes waiting for its confirmation.
    from initiatives.fieldimport import services as fieldimport_services
    from initiatives.models import ImportKind

    fieldimport_services.field_import_upload(
        project=project,
        kind=ImportKind.INTERVIEWS,
        file_name="noter.csv",
        data=f"Sted;Ydelse;Aldersgruppe\n{site.name};Pas;18-29\n".encode(),
        user=users["consultant"],
    )
    meeting = MeetingFactory(project=project)
    meeting.attendees.set([users["consultant"]])
    MeetingPackRender.objects.create(meeting=meeting, requested_by=users["consultant"])
    catalogue = getattr(project, "catalogue", None)
    if catalogue is not None:
        CataloguePublication.objects.create(
            catalogue=catalogue,
            token=uuid.uuid4().hex,
            html="<!doctype html>",
            published_by=users["consultant"],
        )
        # A commissioner's logo and a cited source (the catalogue as a report).
        CatalogueLogo.objects.create(
            catalogue=catalogue, name="Kommunen", image="catalogues/logo.png"
        )
        chapter = catalogue.chapters.first()
        if chapter is not None:
            ChapterEvidence.objects.create(
                chapter=chapter,
                claim=Claim.WHAT_WORKED,
                kind=EvidenceKind.FIGURE,
                question_key="antal",
            )
    InitiativeTransition.objects.create(
        initiative=initiative, from_state="planned", to_state="testing"
    )
    submission = world["submitted"]
    comment = AnswerComment.objects.create(
        submission=submission,
        question=world["count_question"],
        author=users["consultant"],
        text="Tjek tallet.",
    )
    AnswerCommentReply.objects.create(
        comment=comment, author=users["consultant"], text="Det er tjekket."
    )
    # An invitation to the project (a person without an account yet).
    invitation_create(
        project=project,
        email=f"inviteret-{project.pk}@example.invalid",
        role=Role.STEERING,
        site=None,
        invited_by=users["consultant"],
    )
    ReminderLog.objects.create(
        submission=submission, recipient=users["consultant"], iso_year=2017, iso_week=38
    )
    PhoneInterviewAnswer.objects.create(
        interview=world["phone_interview"],
        question=world["interview_question"],
        text="Godt.",
    )
    # A tap of the tally at the counter (kept uncounted: the schema is sent).
    testing_services.tally_record_taps(
        submission=submission,
        taps=[{"id": str(uuid.uuid4()), "question": "antal", "delta": 1}],
        user=users["consultant"],
    )
    # An entry of a repeated section (an event in the week).
    RepeatEntry.objects.create(submission=submission, section_key="arrangementer")


@pytest.fixture
def two_projects(world):
    """`world`'s project and a second one. The second project's run is at site A
    too, and there coordinator B coordinates site A: a rule that matched project and
    site separately would show coordinator B site A's rows of the first project."""
    second = ProjectFactory(name="Andet forløb")
    second.sites.set([world.site_a, world.site_b])
    others = {
        "consultant": UserFactory(username="konsulent-2"),
        "coordinator_a": world.users["coordinator_b"],
    }
    MembershipFactory(user=others["consultant"], project=second, role=Role.CONSULTANT)
    MembershipFactory(
        user=world.users["coordinator_b"],
        project=second,
        role=Role.COORDINATOR,
        site=world.site_a,
    )
    theme = ThemeFactory(project=second, name="Tema i andet forløb")
    SolutionSpaceFactory(theme=theme, name="Rum i andet forløb")
    interview = InterviewFactory(
        project=second, site=world.site_a, service=world.service
    )
    QuoteFactory(
        project=second, site=world.site_a, service=world.service, interview=interview
    )
    ServiceSynergyCardFactory(project=second, service=world.service)
    TermFactory(project=second, name="Term i andet forløb")
    TimelineItemFactory(project=second)
    initiative = InitiativeFactory(
        idea=DecidedIdeaFactory(project=second, title="Andet tiltag")
    )
    InitiativeSiteFactory(
        initiative=initiative, site=world.site_a, coordinator=others["consultant"]
    )
    testing = conftest._testing_world(second, initiative, world.site_a, others)
    conftest._catalogue_world(second, initiative, others)
    first = {
        "submitted": world.submitted,
        "count_question": world.count_question,
        "phone_interview": world.phone_interview,
        "interview_question": world.interview_question,
    }
    _rows_every_model_has(world.project, first, world.users, world.site_a)
    _rows_every_model_has(second, testing, others, world.site_a)
    return world.project, second


def _user(world, role):
    if role == "anonymous":
        return AnonymousUser()
    if role == "superuser":
        return UserFactory(username="superbruger", is_superuser=True, is_staff=True)
    return world.users[role]


def _project_models():
    return [
        m
        for m in scoping.declared_models()
        if scoping.scope_of(m).kind == scoping.PROJECT
    ]


def test_every_project_model_has_rows_in_both_projects(two_projects):
    """The property test below sees every declared model in both projects: a new
    model needs rows here (the assertion names it)."""
    first, second = two_projects
    for model in _project_models():
        scope = scoping.scope_of(model)
        for project in (first, second):
            assert model.objects.filter(**{scope.project: project.pk}).exists(), (
                f"add a {model._meta.label} row of {project} to the two-project world"
            )


def _shared_models():
    return [
        m
        for m in scoping.declared_models()
        if scoping.scope_of(m).kind != scoping.PROJECT
    ]


@pytest.mark.parametrize("role", ROLES)
def test_visible_to_agrees_with_the_view_rule_on_every_row(world, two_projects, role):
    user = _user(world, role)
    checked = 0
    for model in [*_project_models(), *_shared_models()]:
        permission = f"{model._meta.app_label}.view_{model._meta.model_name}"
        visible = set(model.objects.visible_to(user).values_list("pk", flat=True))
        for row in model.objects.all():
            assert (row.pk in visible) == user.has_perm(permission, row), (
                f"{role}: {model._meta.label} {row.pk} ({row}): visible_to says "
                f"{row.pk in visible}, {permission} says the opposite"
            )
            checked += 1
    assert checked > 100


def test_the_declared_models_pass_the_scope_check():
    assert scoping.check_scopes() == []
    labels = {m._meta.label for m in _project_models()}
    assert {"testing.Submission", "testing.Photo", "synergy.Membership"} <= labels


@isolate_apps("synergy")
def test_a_model_that_points_at_a_project_without_a_declaration_fails_the_check():
    class Forgotten(models.Model):  # noqa: DJ008
        project = models.ForeignKey(Project, on_delete=models.CASCADE)

    class ForgottenChild(models.Model):  # noqa: DJ008
        parent = models.ForeignKey(Forgotten, on_delete=models.CASCADE)

    class Declared(models.Model):  # noqa: DJ008
        project = models.ForeignKey(Project, on_delete=models.CASCADE)

        scope = scoping.Scope(project="project")
        objects = scoping.ScopedQuerySet.as_manager()

    class WrongPath(models.Model):  # noqa: DJ008
        project = models.ForeignKey(Project, on_delete=models.CASCADE)

        scope = scoping.Scope(project="run__project")
        objects = scoping.ScopedQuerySet.as_manager()

    class NoManager(models.Model):  # noqa: DJ008
        project = models.ForeignKey(Project, on_delete=models.CASCADE)

        scope = scoping.Scope(project="project")

    errors = scoping.scope_errors(
        [Forgotten, ForgottenChild, Declared, WrongPath, NoManager]
    )
    assert {(e.obj, e.id) for e in errors} == {
        (Forgotten, "synergy.E001"),
        (ForgottenChild, "synergy.E001"),
        (WrongPath, "synergy.E003"),
        (NoManager, "synergy.E002"),
    }


def test_visible_to_reads_the_memberships_once_per_user(
    world, django_assert_num_queries
):
    """Roles come from the memberships read once per user object, not once per row."""
    from testing.models import Answer, Submission

    user = world.users["coordinator_a"]
    with django_assert_num_queries(2):  # the memberships, then the rows
        list(Submission.objects.visible_to(user))
    with django_assert_num_queries(1):
        list(Answer.objects.visible_to(user))


def test_a_coordinator_sees_only_their_own_sites_schemas(world, two_projects):
    from testing.models import Submission

    first, second = two_projects
    coordinator_b = world.users["coordinator_b"]
    seen = Submission.objects.visible_to(coordinator_b)
    assert seen.exists()
    # Site A's schemas of the second project (where they coordinate site A), never
    # site A's of the first (where they coordinate site B).
    assert set(seen.values_list("run__project", "run__site")) == {
        (second.pk, world.site_a.pk)
    }
    assert not Submission.objects.visible_to(world.users["outsider"]).exists()
    assert not Submission.objects.visible_to(AnonymousUser()).exists()
