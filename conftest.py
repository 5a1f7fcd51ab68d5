"""Fixtures every app's tests share: one project with two sites and a user per role."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from initiatives.models import IdeaPhase
from initiatives.tests.factories import (
    DecidedIdeaFactory,
    IdeaFactory,
    InitiativeFactory,
    InitiativeSiteFactory,
    InterviewFactory,
    QuoteFactory,
    ScreeningCriterionFactory,
    ServiceSynergyCardFactory,
    SolutionSpaceFactory,
    TermFactory,
    ThemeFactory,
    TimelineItemFactory,
)
from projects.models import Role
from projects.tests.factories import MembershipFactory, ProjectFactory, UserFactory
from reporting import services as reporting_services
from reporting.models import CatalogueRender, RenderStatus
from sites.tests.factories import (
    CitizenServiceFactory,
    MunicipalityFactory,
    OpeningHoursFactory,
    ServiceOfferingFactory,
    ServicePointFactory,
    SiteFactory,
)
from testing import services as testing_services
from testing.models import QuestionKind, SubmissionStatus
from testing.tests.factories import (
    AdvisoryVisitFactory,
    InterviewQuestionFactory,
    PhoneInterviewFactory,
    QuestionFactory,
    SectionFactory,
    TestGuideFactory,
    TestRunFactory,
    image_upload,
)


@pytest.fixture(autouse=True)
def _danish_after_each_test():
    """A test that switches the interface to English (set_language, a request with an
    English cookie) leaves the thread's language set; the next test starts in Danish."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


ROLES = [
    "anonymous",
    "consultant",
    "coordinator_a",
    "coordinator_b",
    "steering",
    "outsider",
]


# A citizen's words in site A's submitted schema (a question marked as personal data).
PERSONAL_ANSWER = "“Jeg kommer her hver uge for at låne lydbøger.” (Birthe, 67 år)"


@pytest.fixture
def world(db):
    """A project with sites A and B, a service point, a service, and a user per role.

    `outsider` is signed in but a member of no project.
    """
    municipality = MunicipalityFactory(name="Roskilde Kommune", code=265)
    site_a = SiteFactory(name="Sted A", municipality=municipality)
    site_b = SiteFactory(name="Sted B", municipality=municipality)
    project = ProjectFactory(name="Forløbet")
    project.sites.set([site_a, site_b])
    users = {
        "consultant": UserFactory(username="konsulent"),
        "coordinator_a": UserFactory(username="tovholder-a"),
        "coordinator_b": UserFactory(username="tovholder-b"),
        "steering": UserFactory(username="styregruppe"),
        "outsider": UserFactory(username="udenforstaaende"),
    }
    memberships = {
        "consultant": MembershipFactory(
            user=users["consultant"], project=project, role=Role.CONSULTANT
        ),
        "coordinator_a": MembershipFactory(
            user=users["coordinator_a"],
            project=project,
            role=Role.COORDINATOR,
            site=site_a,
        ),
        "coordinator_b": MembershipFactory(
            user=users["coordinator_b"],
            project=project,
            role=Role.COORDINATOR,
            site=site_b,
        ),
        "steering": MembershipFactory(
            user=users["steering"], project=project, role=Role.STEERING
        ),
    }
    service = CitizenServiceFactory(name="Pas")
    service_point = ServicePointFactory(name="Rådhuset", municipality=municipality)
    theme = ThemeFactory(
        project=project, name="Henvis besøgende til eksisterende tilbud"
    )
    solution_space = SolutionSpaceFactory(theme=theme, name="Visuelle henvisninger")
    interview = InterviewFactory(project=project, site=site_a, service=service)
    quote = QuoteFactory(
        project=project, site=site_a, service=service, interview=interview
    )
    idea_a = IdeaFactory(
        project=project,
        title="Rejseudstilling",
        site=site_a,
        group_name="",
        proposer=users["coordinator_a"],
        solution_space=solution_space,
    )
    idea_a.evidence.add(quote)
    selected = DecidedIdeaFactory(
        project=project, title="Husk at bestille pas", proposer=users["consultant"]
    )
    initiative = InitiativeFactory(
        idea=DecidedIdeaFactory(project=project, title="IT-hjælp")
    )
    InitiativeSiteFactory(
        initiative=initiative, site=site_a, coordinator=users["coordinator_a"]
    )
    testing = _testing_world(project, initiative, site_a, users)
    catalogue = _catalogue_world(project, initiative, users)
    return SimpleNamespace(
        **testing,
        **catalogue,
        municipality=municipality,
        site_a=site_a,
        site_b=site_b,
        project=project,
        users=users,
        memberships=memberships,
        service=service,
        offering=ServiceOfferingFactory(service=service, site=site_a),
        service_point=service_point,
        opening_hours=OpeningHoursFactory(site=site_a),
        service_point_hours=OpeningHoursFactory(site=None, service_point=service_point),
        theme=theme,
        solution_space=solution_space,
        card=ServiceSynergyCardFactory(project=project, service=service),
        term=TermFactory(project=project, name="Nye pensionister"),
        criterion=ScreeningCriterionFactory(project=project, name="Værdi for borgerne"),
        interview=interview,
        quote=quote,
        idea_a=idea_a,
        idea_presented=IdeaFactory(
            project=project, title="Arrangement for 18-årige", phase=IdeaPhase.PRESENTED
        ),
        idea_selected=selected,
        initiative=initiative,
        timeline_item=TimelineItemFactory(project=project, title="Testguide og -skema"),
    )


def _testing_world(project, initiative, site_a, users):
    """A guide, a schema, a run at site A with a draft, a submitted schema and a photo."""
    guide = TestGuideFactory(initiative=initiative)
    testing_services.guide_publish(
        guide=guide, user=users["consultant"], change_note=""
    )
    run = TestRunFactory(initiative=initiative, project=project, site=site_a)
    run.coordinators.set([users["coordinator_a"]])
    testing_services.run_sync_submissions(run=run)
    section = SectionFactory(version__template=run.template, title="Ugens aktivitet")
    count = QuestionFactory(
        section=section, key="antal", text="Antal henvisninger", required=True
    )
    photo_question = QuestionFactory(
        section=section, key="foto", text="Foto", kind=QuestionKind.PHOTO
    )
    personal_question = QuestionFactory(
        section=section,
        key="citater",
        text="Citater fra borgere",
        kind=QuestionKind.LONG_TEXT,
        holds_personal_data=True,
    )
    draft, submitted = list(run.submissions.order_by("week")[:2])
    draft = testing_services.submission_save_draft(
        submission=draft,
        values={"antal": 3},
        user=users["coordinator_a"],
        expected_version=0,
    )
    photo = testing_services.photo_add(
        submission=draft,
        question=photo_question,
        upload=image_upload(),
        user=users["coordinator_a"],
    )
    submitted = testing_services.submission_save_draft(
        submission=submitted,
        values={"antal": 5},
        user=users["coordinator_a"],
        expected_version=0,
    )
    submitted = testing_services.submission_submit(
        submission=submitted,
        values={"antal": 5, "citater": PERSONAL_ANSWER},
        user=users["coordinator_a"],
        expected_version=submitted.version,
    )
    assert (draft.status, submitted.status) == (
        SubmissionStatus.DRAFT,
        SubmissionStatus.SUBMITTED,
    )
    question = InterviewQuestionFactory(project=project)
    return {
        "guide": guide,
        "run": run,
        "schema": run.template,
        "section": section,
        "count_question": count,
        "photo_question": photo_question,
        "personal_question": personal_question,
        "personal_answer": submitted.answers.get(question=personal_question),
        "draft": draft,
        "submitted": submitted,
        "photo": photo,
        "visit": AdvisoryVisitFactory(project=project, site=site_a),
        "interview_question": question,
        "phone_interview": PhoneInterviewFactory(
            project=project, site=site_a, coordinator=users["coordinator_a"]
        ),
    }


def _catalogue_world(project, initiative, users):
    """The results catalogue with a chapter and one finished PDF."""
    catalogue = reporting_services.catalogue_create(project=project)
    chapter = reporting_services.chapter_add(catalogue=catalogue, initiative=initiative)
    render = CatalogueRender.objects.create(
        catalogue=catalogue,
        status=RenderStatus.DONE,
        progress=100,
        requested_by=users["consultant"],
        finished_at=timezone.now(),
        pages=1,
        content_hash="0" * 64,
    )
    render.file.save("katalog.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return {"catalogue": catalogue, "chapter": chapter, "render": render}


@pytest.fixture
def client_for(client, world):
    """client_for(role) → a test client signed in as that role (anonymous: not signed in)."""

    def _client_for(role):
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        return client

    return _client_for


@pytest.fixture
def count_queries():
    """count_queries(callable) → (number of SQL queries it ran, its return value)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def _count(func):
        with CaptureQueriesContext(connection) as context:
            result = func()
        return len(context.captured_queries), result

    return _count
