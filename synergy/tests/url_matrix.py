"""The expected status of every URL for every role: one row per URL name.

`test_urls.py` fails when a URL pattern has no row here, so a new page cannot be
added without deciding who may use it. Roles (see conftest.world): anonymous,
consultant, coordinator of site A, coordinator of site B, steering group, and an
outsider (signed in, member of no project). GET is checked for every row, POST
for rows that mutate (every role that may not use the page gets the same status
on POST as on GET, and nothing changes).
"""


def statuses(anonymous, consultant, coordinator_a, coordinator_b, steering, outsider):
    return {
        "anonymous": anonymous,
        "consultant": consultant,
        "coordinator_a": coordinator_a,
        "coordinator_b": coordinator_b,
        "steering": steering,
        "outsider": outsider,
    }


EVERY_USER = statuses(302, 200, 200, 200, 200, 200)
MEMBERS_READ = statuses(302, 200, 200, 200, 200, 403)
CONSULTANT_ONLY = statuses(302, 200, 403, 403, 403, 403)
# Project objects are invisible (404) to users outside the project.
PROJECT_READ = statuses(302, 200, 200, 200, 200, 404)
PROJECT_CONSULTANT = statuses(302, 200, 403, 403, 403, 404)

# Ideas: coordinators propose and score; coordinator A edits site A's proposed idea.
IDEA_PROPOSE = statuses(302, 200, 200, 200, 403, 404)
IDEA_EDIT_SITE_A = statuses(302, 200, 200, 403, 403, 404)
DECIDE = statuses(302, 200, 403, 403, 200, 404)
# The steering group's meetings: the steering group and the consultant. Coordinators
# may not use the project's meeting pages (403) and do not find a meeting (404, its
# scope: projects.scoping whole_project_only); nor do users outside the project.
MEETINGS = DECIDE
MEETING = statuses(302, 200, 404, 404, 200, 404)
MEETING_POST_ONLY = statuses(302, 405, 404, 404, 405, 404)
POST_ONLY_CONSULTANT = statuses(302, 405, 403, 403, 403, 404)
# Schemas of site A: coordinator B does not see them (404); the consultant reviews,
# the steering group reads; only coordinator A fills them in.
SCHEMA_READ = statuses(302, 200, 200, 404, 200, 404)
SCHEMA_FILL = statuses(302, 403, 200, 404, 403, 404)
SCHEMA_REVIEW_LIST = statuses(302, 200, 403, 403, 403, 404)
SCHEMA_REVIEW = statuses(302, 200, 403, 404, 403, 404)
SCHEMA_POST_ONLY = statuses(302, 403, 405, 404, 403, 404)
# The tally at the counter of site A's week: its coordinator and the consultant count.
TALLY = statuses(302, 200, 200, 404, 403, 404)
TALLY_POST_ONLY = statuses(302, 405, 405, 404, 403, 404)


# The read API (/api/v1/): a token or a session; no login page (401 JSON without
# either); a user in no project is refused (403); rows outside the caller's reach
# are 404 (coordinator B does not find site A's schema). Read-only.
API_READ = statuses(401, 200, 200, 200, 200, 403)
API_SCHEMA_READ = statuses(401, 200, 200, 404, 200, 403)
API_ANY_USER = statuses(401, 200, 200, 200, 200, 200)


def _project(w):
    return {"project_pk": w.project.pk}


def _api_token(w):
    """The consultant's API key (made once per world)."""
    from accounts import services

    if not hasattr(w, "api_token"):
        w.api_token, _key = services.api_token_create(
            owner=w.users["consultant"], name="Matrix"
        )
    return {"pk": w.api_token.pk}


def _proposal(w):
    """The consultant's proposal to change site B's address (made once per world)."""
    from core.merge import token
    from sites.models import ChangeProposal
    from sites.services import change_proposal_create

    proposal = ChangeProposal.objects.filter(object_id=w.site_b.pk).first()
    if proposal is None:
        proposal = change_proposal_create(
            record=w.site_b,
            changes={"address": "Ny vej 1"},
            bases={"address": token(w.site_b.address)},
            message="Stedet er flyttet.",
            user=w.users["consultant"],
        )
    return {"pk": proposal.pk}


def _invitation(w):
    """An open invitation to the project (made once per world)."""
    from projects.models import Invitation
    from projects.services import invitation_create

    invitation = Invitation.objects.filter(project=w.project).first()
    if invitation is None:
        invitation = invitation_create(
            project=w.project,
            email="ny@example.org",
            role="steering",
            site=None,
            invited_by=w.users["consultant"],
        )
    return {"pk": invitation.pk}


def _comment(w):
    """An open comment on the count of site A's draft (made once per world)."""
    from testing.models import AnswerComment

    comment = AnswerComment.objects.filter(resolved=False).first()
    if comment is None:
        comment = AnswerComment.objects.create(
            submission=w.draft,
            question=w.count_question,
            author=w.users["consultant"],
            text="Er tallet rigtigt?",
        )
    return {"pk": comment.pk}


def _field_import(w):
    """A held (unconfirmed) import of one interview (made once per world)."""
    from initiatives.fieldimport.services import field_import_upload
    from initiatives.models import FieldImport

    held = FieldImport.objects.filter(project=w.project).first()
    if held is None:
        held = field_import_upload(
            project=w.project,
            kind="interviews",
            file_name="noter.csv",
            data=b"Sted;Ydelse;Aldersgruppe\r\nSted A;Pas;30-49\r\n",
            user=w.users["consultant"],
        )
    return {"pk": held.pk}


def _initiative(w):
    return {"initiative_pk": w.initiative.pk}


def _pack(w):
    return {"meeting_pk": _meeting(w)["pk"]}


def _pack_render(w):
    """A finished PDF of the meeting's pack."""
    from django.core.files.base import ContentFile

    from reporting.models import MeetingPackRender, RenderStatus

    meeting_pk = _meeting(w)["pk"]
    render = MeetingPackRender.objects.filter(meeting_id=meeting_pk).first()
    if render is None:
        render = MeetingPackRender.objects.create(
            meeting_id=meeting_pk, status=RenderStatus.DONE, content_hash="0" * 64
        )
        render.file.save("pack.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return {"meeting_pk": meeting_pk, "pk": render.pk}


def _publication(w):
    """The catalogue's live web edition, with the world's PDF and photo."""
    import secrets

    from reporting.models import CataloguePublication

    publication = CataloguePublication.objects.filter(
        catalogue=w.catalogue, revoked_at__isnull=True
    ).first()
    if publication is None:
        publication = CataloguePublication.objects.create(
            catalogue=w.catalogue,
            token=secrets.token_urlsafe(32),
            html="<!doctype html><html lang=da><title>Katalog</title></html>",
            render=w.render,
            photo_ids=[w.photo.pk],
            published_by=w.users["consultant"],
        )
    return publication


def _published(w):
    """The project, with its catalogue's web edition published."""
    _publication(w)
    return _project(w)


def _meeting(w):
    """A steering group meeting of the project (made once per world)."""
    from initiatives.models import Meeting
    from initiatives.services import meeting_create

    meeting = Meeting.objects.filter(project=w.project).first()
    if meeting is None:
        meeting = meeting_create(
            project=w.project,
            title="Styregruppemøde",
            held_on=w.project.starts_on,
            attendees=[w.users["steering"]],
            user=w.users["consultant"],
        )
    return {"pk": meeting.pk}


def _consultants_notification(w):
    from notifications.models import Notification

    notification = Notification.objects.get(
        recipient=w.users["consultant"], object_id=w.submitted.pk
    )
    return {"pk": notification.pk}


# The library of test kits is the consultants' (projects.scoping Scope.consultants):
# a kit does not exist for anyone else (404).
KITS = statuses(302, 200, 404, 404, 404, 404)


def _kit(w):
    """A kit in the library made by the consultant from the world's initiative."""
    from testing.models import TestKit
    from testing.services import testkit_create

    kit = TestKit.objects.first()
    if kit is None:
        kit, _created = testkit_create(
            initiative=w.initiative,
            name="IT-hjælp som testkit",
            description="",
            user=w.users["consultant"],
        )
    return {"pk": kit.pk}


# url name: (kwargs from the world fixture, expected GET statuses, mutating?)
MATRIX = {
    "home": (lambda w: {}, EVERY_USER, False),
    "login": (lambda w: {}, statuses(200, 302, 302, 302, 302, 302), True),
    "logout": (lambda w: {}, statuses(302, 405, 405, 405, 405, 405), True),
    "password_change": (lambda w: {}, EVERY_USER, True),
    "password_change_done": (lambda w: {}, EVERY_USER, False),
    "healthz": (lambda w: {}, statuses(200, 200, 200, 200, 200, 200), False),
    # No worker beats in the matrix's world: 503 for everyone, signed in or not.
    "healthz_worker": (lambda w: {}, statuses(503, 503, 503, 503, 503, 503), False),
    "password_reset": (lambda w: {}, statuses(200, 200, 200, 200, 200, 200), True),
    "password_reset_done": (
        lambda w: {},
        statuses(200, 200, 200, 200, 200, 200),
        False,
    ),
    # An unknown link shows "the link is no longer valid" (200).
    "password_reset_confirm": (
        lambda w: {"uidb64": "MA", "token": "ugyldig"},
        statuses(200, 200, 200, 200, 200, 200),
        True,
    ),
    "password_reset_complete": (
        lambda w: {},
        statuses(200, 200, 200, 200, 200, 200),
        False,
    ),
    # Single sign-on is off in the test settings: its pages do not exist (404).
    # accounts/tests/test_oidc.py signs in with a real provider.
    "accounts:oidc_start": (
        lambda w: {},
        statuses(404, 404, 404, 404, 404, 404),
        False,
    ),
    "accounts:oidc_callback": (
        lambda w: {},
        statuses(404, 404, 404, 404, 404, 404),
        False,
    ),
    "session_status": (lambda w: {}, EVERY_USER, False),
    # Each person's own notifications: the list and the choices for everyone signed
    # in; one notification (the consultant's, of the world's submitted schema) opens
    # for its recipient only and does not exist for anyone else.
    "notifications:notification_list": (lambda w: {}, EVERY_USER, False),
    "notifications:notification_preferences": (lambda w: {}, EVERY_USER, True),
    "notifications:notification_mark_all_read": (
        lambda w: {},
        statuses(302, 405, 405, 405, 405, 405),
        True,
        statuses(302, 303, 303, 303, 303, 303),
    ),
    "notifications:notification_open": (
        _consultants_notification,
        # GET (a copied address) goes to the list; POST opens one's own.
        statuses(302, 302, 302, 302, 302, 302),
        True,
        statuses(302, 303, 404, 404, 404, 404),
    ),
    "session_extend": (
        lambda w: {},
        statuses(302, 405, 405, 405, 405, 405),
        True,
        statuses(302, 200, 200, 200, 200, 200),
    ),
    "accessibility_statement": (
        lambda w: {},
        statuses(200, 200, 200, 200, 200, 200),
        False,
    ),
    "set_language": (lambda w: {}, statuses(302, 302, 302, 302, 302, 302), True),
    # The second factor: everyone signed in may set it up; nobody in the world has
    # an app, so the code page sends them on (302) and the pages for managing an
    # app are refused (403). accounts/tests/test_two_factor.py covers the rest.
    "accounts:two_factor": (lambda w: {}, EVERY_USER, False),
    "accounts:two_factor_enrol": (lambda w: {}, EVERY_USER, True),
    "accounts:two_factor_verify": (
        lambda w: {},
        statuses(302, 302, 302, 302, 302, 302),
        True,
    ),
    "accounts:recovery_codes": (
        lambda w: {},
        statuses(302, 403, 403, 403, 403, 403),
        True,
    ),
    "accounts:two_factor_disable": (
        lambda w: {},
        statuses(302, 403, 403, 403, 403, 403),
        True,
    ),
    # API keys: everyone signed in has the page; a key is its owner's alone (the
    # consultant's key here). accounts/tests/test_api_tokens.py covers the rest.
    "accounts:api_tokens": (lambda w: {}, EVERY_USER, True),
    "accounts:api_token_revoke": (
        _api_token,
        statuses(302, 200, 404, 404, 404, 404),
        True,
    ),
    "synergy:project_list": (lambda w: {}, MEMBERS_READ, False),
    "synergy:project_create": (lambda w: {}, CONSULTANT_ONLY, True),
    "synergy:project_detail": (lambda w: {"pk": w.project.pk}, PROJECT_READ, False),
    "synergy:project_update": (
        lambda w: {"pk": w.project.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "synergy:project_delete": (
        lambda w: {"pk": w.project.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "synergy:membership_create": (
        lambda w: {"project_pk": w.project.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "synergy:membership_update": (
        lambda w: {"pk": w.memberships["steering"].pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "synergy:membership_delete": (
        lambda w: {"pk": w.memberships["steering"].pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "synergy:invitation_resend": (_invitation, POST_ONLY_CONSULTANT, True),
    "synergy:invitation_revoke": (_invitation, POST_ONLY_CONSULTANT, True),
    # Public: anyone holding the link; an unknown key is 404 for every role.
    "synergy:invitation_accept": (
        lambda w: {"key": "1-0000"},
        statuses(404, 404, 404, 404, 404, 404),
        False,
    ),
    "sites:municipality_list": (lambda w: {}, MEMBERS_READ, False),
    "sites:municipality_create": (lambda w: {}, CONSULTANT_ONLY, True),
    "sites:municipality_update": (
        lambda w: {"pk": w.municipality.pk},
        CONSULTANT_ONLY,
        True,
    ),
    "sites:municipality_delete": (
        lambda w: {"pk": w.municipality.pk},
        CONSULTANT_ONLY,
        True,
    ),
    "sites:site_list": (lambda w: {}, MEMBERS_READ, False),
    "sites:site_create": (lambda w: {}, CONSULTANT_ONLY, True),
    "sites:site_detail": (lambda w: {"pk": w.site_a.pk}, MEMBERS_READ, False),
    "sites:site_update": (lambda w: {"pk": w.site_a.pk}, CONSULTANT_ONLY, True),
    "sites:site_delete": (lambda w: {"pk": w.site_a.pk}, CONSULTANT_ONLY, True),
    "sites:site_services": (lambda w: {"place_pk": w.site_a.pk}, CONSULTANT_ONLY, True),
    "sites:site_openinghours_create": (
        lambda w: {"place_pk": w.site_a.pk},
        CONSULTANT_ONLY,
        True,
    ),
    "sites:servicepoint_list": (lambda w: {}, MEMBERS_READ, False),
    "sites:servicepoint_create": (lambda w: {}, CONSULTANT_ONLY, True),
    "sites:servicepoint_detail": (
        lambda w: {"pk": w.service_point.pk},
        MEMBERS_READ,
        False,
    ),
    "sites:servicepoint_update": (
        lambda w: {"pk": w.service_point.pk},
        CONSULTANT_ONLY,
        True,
    ),
    "sites:servicepoint_delete": (
        lambda w: {"pk": w.service_point.pk},
        CONSULTANT_ONLY,
        True,
    ),
    "sites:servicepoint_services": (
        lambda w: {"place_pk": w.service_point.pk},
        CONSULTANT_ONLY,
        True,
    ),
    "sites:servicepoint_openinghours_create": (
        lambda w: {"place_pk": w.service_point.pk},
        CONSULTANT_ONLY,
        True,
    ),
    "sites:openinghours_update": (
        lambda w: {"pk": w.opening_hours.pk},
        CONSULTANT_ONLY,
        True,
    ),
    "sites:openinghours_delete": (
        lambda w: {"pk": w.opening_hours.pk},
        CONSULTANT_ONLY,
        True,
    ),
    "sites:citizenservice_list": (lambda w: {}, MEMBERS_READ, False),
    "sites:citizenservice_create": (lambda w: {}, CONSULTANT_ONLY, True),
    "sites:citizenservice_detail": (
        lambda w: {"pk": w.service.pk},
        MEMBERS_READ,
        False,
    ),
    "sites:citizenservice_update": (
        lambda w: {"pk": w.service.pk},
        CONSULTANT_ONLY,
        True,
    ),
    "sites:citizenservice_delete": (
        lambda w: {"pk": w.service.pk},
        CONSULTANT_ONLY,
        True,
    ),
    # Proposed changes to shared records: any consultant proposes; the proposer and
    # those who may change the record read it; those who may change it decide.
    "sites:municipality_propose": (
        lambda w: {"pk": w.municipality.pk},
        CONSULTANT_ONLY,
        True,
    ),
    "sites:site_propose": (lambda w: {"pk": w.site_b.pk}, CONSULTANT_ONLY, True),
    "sites:servicepoint_propose": (
        lambda w: {"pk": w.service_point.pk},
        CONSULTANT_ONLY,
        True,
    ),
    "sites:citizenservice_propose": (
        lambda w: {"pk": w.service.pk},
        CONSULTANT_ONLY,
        True,
    ),
    "sites:changeproposal_list": (lambda w: {}, CONSULTANT_ONLY, False),
    "sites:changeproposal_detail": (_proposal, CONSULTANT_ONLY, False),
    "sites:changeproposal_decide": (_proposal, CONSULTANT_ONLY, True),
    # initiatives: the analysis
    "initiatives:analysis": (_project, PROJECT_READ, False),
    "initiatives:theme_create": (_project, PROJECT_CONSULTANT, True),
    "initiatives:theme_update": (
        lambda w: {"pk": w.theme.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:theme_delete": (
        lambda w: {"pk": w.theme.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:solutionspace_create": (_project, PROJECT_CONSULTANT, True),
    "initiatives:solutionspace_detail": (
        lambda w: {"pk": w.solution_space.pk},
        PROJECT_READ,
        False,
    ),
    "initiatives:solutionspace_update": (
        lambda w: {"pk": w.solution_space.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:solutionspace_delete": (
        lambda w: {"pk": w.solution_space.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:servicesynergycard_create": (_project, PROJECT_CONSULTANT, True),
    "initiatives:servicesynergycard_detail": (
        lambda w: {"pk": w.card.pk},
        PROJECT_READ,
        False,
    ),
    "initiatives:servicesynergycard_update": (
        lambda w: {"pk": w.card.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:servicesynergycard_delete": (
        lambda w: {"pk": w.card.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:term_list": (_project, PROJECT_READ, False),
    "initiatives:term_create": (_project, PROJECT_CONSULTANT, True),
    "initiatives:term_update": (lambda w: {"pk": w.term.pk}, PROJECT_CONSULTANT, True),
    "initiatives:term_delete": (lambda w: {"pk": w.term.pk}, PROJECT_CONSULTANT, True),
    "initiatives:screeningcriterion_list": (_project, PROJECT_READ, False),
    "initiatives:screeningcriterion_create": (_project, PROJECT_CONSULTANT, True),
    "initiatives:screeningcriterion_update": (
        lambda w: {"pk": w.criterion.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:screeningcriterion_delete": (
        lambda w: {"pk": w.criterion.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    # initiatives: evidence
    "initiatives:evidence": (_project, PROJECT_READ, False),
    "initiatives:interview_list": (_project, PROJECT_READ, False),
    "initiatives:interview_create": (_project, PROJECT_CONSULTANT, True),
    "initiatives:interview_update": (
        lambda w: {"pk": w.interview.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:interview_delete": (
        lambda w: {"pk": w.interview.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:quote_create": (_project, PROJECT_CONSULTANT, True),
    "initiatives:quote_update": (
        lambda w: {"pk": w.quote.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:quote_delete": (
        lambda w: {"pk": w.quote.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    # initiatives: importing interviews and quotes from a spreadsheet
    "initiatives:fieldimport_create": (
        lambda w: {"project_pk": w.project.pk, "kind": "interviews"},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:fieldimport_template": (
        lambda w: {"project_pk": w.project.pk, "kind": "quotes", "fmt": "xlsx"},
        PROJECT_CONSULTANT,
        False,
    ),
    "initiatives:fieldimport_detail": (_field_import, PROJECT_CONSULTANT, False),
    "initiatives:fieldimport_confirm": (_field_import, POST_ONLY_CONSULTANT, True),
    # initiatives: ideas and decisions
    "initiatives:idea_list": (_project, PROJECT_READ, False),
    "initiatives:idea_create": (_project, IDEA_PROPOSE, True),
    "initiatives:idea_detail": (lambda w: {"pk": w.idea_a.pk}, PROJECT_READ, False),
    "initiatives:idea_update": (lambda w: {"pk": w.idea_a.pk}, IDEA_EDIT_SITE_A, True),
    "initiatives:idea_delete": (
        lambda w: {"pk": w.idea_a.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:idea_score": (lambda w: {"pk": w.idea_a.pk}, IDEA_PROPOSE, True),
    "initiatives:idea_move": (lambda w: {"pk": w.idea_a.pk}, PROJECT_CONSULTANT, True),
    "initiatives:idea_decide": (lambda w: {"pk": w.idea_presented.pk}, DECIDE, True),
    "initiatives:decision_list": (_project, PROJECT_READ, False),
    "initiatives:meeting_list": (_project, MEETINGS, False),
    "initiatives:meeting_create": (_project, MEETINGS, True),
    "initiatives:meeting_detail": (_meeting, MEETING, False),
    "initiatives:meeting_update": (_meeting, MEETING, True),
    # initiatives: initiatives and the timeline
    "initiatives:initiative_list": (_project, PROJECT_READ, False),
    "initiatives:initiative_create": (
        lambda w: {"idea_pk": w.idea_selected.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:initiative_detail": (
        lambda w: {"pk": w.initiative.pk},
        PROJECT_READ,
        False,
    ),
    "initiatives:initiative_update": (
        lambda w: {"pk": w.initiative.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:initiative_delete": (
        lambda w: {"pk": w.initiative.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:initiative_status": (
        lambda w: {"pk": w.initiative.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:initiative_verdict": (
        lambda w: {"pk": w.initiative.pk},
        DECIDE,
        True,
    ),
    "initiatives:timelineitem_list": (_project, PROJECT_READ, False),
    "initiatives:timelineitem_create": (_project, PROJECT_CONSULTANT, True),
    "initiatives:timelineitem_update": (
        lambda w: {"pk": w.timeline_item.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:timelineitem_delete": (
        lambda w: {"pk": w.timeline_item.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "initiatives:timelineitem_done": (
        lambda w: {"pk": w.timeline_item.pk},
        POST_ONLY_CONSULTANT,
        True,
    ),
    # testing: guides, schema templates, runs
    "testing:overview": (_project, PROJECT_READ, False),
    # Reuse: a new project from an earlier one (its consultant), the kit library.
    "testing:project_copy_start": (lambda w: {}, CONSULTANT_ONLY, False),
    "testing:project_copy": (_project, PROJECT_CONSULTANT, True),
    "testing:testkit_list": (lambda w: {}, CONSULTANT_ONLY, False),
    "testing:testkit_import": (lambda w: {}, CONSULTANT_ONLY, True),
    "testing:testkit_format": (lambda w: {}, CONSULTANT_ONLY, False),
    "testing:testkit_create": (_initiative, PROJECT_CONSULTANT, True),
    "testing:testkit_detail": (_kit, KITS, False),
    "testing:testkit_export": (_kit, KITS, False),
    "testing:testkit_start": (_kit, KITS, True),
    "testing:testkit_delete": (_kit, KITS, True),
    "testing:testguide_detail": (_initiative, PROJECT_READ, False),
    "testing:testguide_update": (_initiative, PROJECT_CONSULTANT, True),
    "testing:testguide_criteria": (_initiative, PROJECT_CONSULTANT, True),
    "testing:testguide_publish": (_initiative, PROJECT_CONSULTANT, True),
    "testing:schematemplate_create": (_initiative, PROJECT_CONSULTANT, True),
    "testing:schematemplate_detail": (
        lambda w: {"pk": w.schema.pk},
        PROJECT_READ,
        False,
    ),
    "testing:schematemplate_update": (
        lambda w: {"pk": w.schema.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:schematemplate_delete": (
        lambda w: {"pk": w.schema.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:schematemplate_preview": (
        lambda w: {"pk": w.schema.pk},
        PROJECT_READ,
        False,
    ),
    "testing:schematemplate_copy": (
        lambda w: {"pk": w.schema.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:section_create": (
        lambda w: {"template_pk": w.schema.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:section_update": (
        lambda w: {"pk": w.section.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:section_delete": (
        lambda w: {"pk": w.section.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:section_condition": (
        lambda w: {"pk": w.section.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:question_create": (
        lambda w: {"section_pk": w.section.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:question_update": (
        lambda w: {"pk": w.count_question.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:question_delete": (
        lambda w: {"pk": w.count_question.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:question_condition": (
        lambda w: {"pk": w.personal_question.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:testrun_create": (_initiative, PROJECT_CONSULTANT, True),
    "testing:testrun_detail": (lambda w: {"pk": w.run.pk}, PROJECT_READ, False),
    "testing:testrun_update": (lambda w: {"pk": w.run.pk}, PROJECT_CONSULTANT, True),
    "testing:testrun_delete": (lambda w: {"pk": w.run.pk}, PROJECT_CONSULTANT, True),
    # testing: the schemas themselves
    "testing:my_submissions": (lambda w: {}, EVERY_USER, False),
    "testing:submission_list": (_project, SCHEMA_REVIEW_LIST, False),
    "testing:submission_detail": (lambda w: {"pk": w.draft.pk}, SCHEMA_READ, False),
    "testing:submission_fill": (lambda w: {"pk": w.draft.pk}, SCHEMA_FILL, True),
    "testing:submission_autosave": (
        lambda w: {"pk": w.draft.pk},
        statuses(405, 405, 405, 405, 405, 405),
        True,
        statuses(401, 403, None, 404, 403, 404),
    ),
    "testing:submission_review": (
        lambda w: {"pk": w.submitted.pk},
        SCHEMA_REVIEW,
        True,
    ),
    "testing:photo_upload": (
        lambda w: {"pk": w.draft.pk, "question_pk": w.photo_question.pk},
        SCHEMA_POST_ONLY,
        True,
    ),
    # The consultant makes a quote of a citizen's words in site A's schema.
    "testing:answer_quote_create": (
        lambda w: {"pk": w.personal_answer.pk},
        SCHEMA_REVIEW,
        True,
    ),
    # A comment's thread on site A's schema: the consultant and coordinator A reply,
    # only the consultant resolves; coordinator B does not find it.
    "testing:answer_comment_reply": (
        _comment,
        statuses(302, 405, 405, 404, 403, 404),
        True,
    ),
    "testing:answer_comment_resolve": (
        _comment,
        statuses(302, 405, 403, 404, 403, 404),
        True,
    ),
    "testing:photo": (lambda w: {"pk": w.photo.pk}, SCHEMA_READ, False),
    "testing:photo_delete": (lambda w: {"pk": w.photo.pk}, SCHEMA_POST_ONLY, True),
    # testing: the tally at the counter (its script's endpoint answers 401 JSON)
    "testing:tally_worker": (lambda w: {}, EVERY_USER, False),
    "testing:submission_tally": (lambda w: {"pk": w.draft.pk}, TALLY, False),
    "testing:submission_taps": (
        lambda w: {"pk": w.draft.pk},
        statuses(405, 405, 405, 405, 405, 405),
        True,
        statuses(401, 400, 400, 404, 403, 404),
    ),
    "testing:submission_tally_held": (
        lambda w: {"pk": w.draft.pk},
        TALLY_POST_ONLY,
        True,
    ),
    # The run has no schema this week: a page that says so.
    "testing:testrun_tally": (lambda w: {"pk": w.run.pk}, TALLY, False),
    # testing: advisory visits and phone interviews
    "testing:advisoryvisit_list": (_project, PROJECT_READ, False),
    "testing:advisoryvisit_create": (_project, PROJECT_CONSULTANT, True),
    "testing:advisoryvisit_detail": (lambda w: {"pk": w.visit.pk}, PROJECT_READ, False),
    "testing:advisoryvisit_update": (
        lambda w: {"pk": w.visit.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:advisoryvisit_delete": (
        lambda w: {"pk": w.visit.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:interviewquestion_list": (_project, PROJECT_READ, False),
    "testing:interviewquestion_create": (_project, PROJECT_CONSULTANT, True),
    "testing:interviewquestion_update": (
        lambda w: {"pk": w.interview_question.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:interviewquestion_delete": (
        lambda w: {"pk": w.interview_question.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:phoneinterview_list": (_project, PROJECT_READ, False),
    "testing:phoneinterview_create": (_project, PROJECT_CONSULTANT, True),
    "testing:phoneinterview_detail": (
        lambda w: {"pk": w.phone_interview.pk},
        PROJECT_READ,
        False,
    ),
    "testing:phoneinterview_update": (
        lambda w: {"pk": w.phone_interview.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "testing:phoneinterview_delete": (
        lambda w: {"pk": w.phone_interview.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    # reporting
    "reporting:dashboard": (_project, PROJECT_READ, False),
    "reporting:initiative_results": (
        lambda w: {"pk": w.initiative.pk},
        PROJECT_READ,
        False,
    ),
    # Site A's figures: coordinator B has no chart to see (404).
    "reporting:initiative_chart": (
        lambda w: {"pk": w.initiative.pk},
        SCHEMA_READ,
        False,
    ),
    "reporting:site_overview": (
        lambda w: {"project_pk": w.project.pk, "site_pk": w.site_a.pk},
        SCHEMA_READ,
        False,
    ),
    "reporting:export": (
        lambda w: {"project_pk": w.project.pk, "table": "submissions", "fmt": "csv"},
        PROJECT_READ,
        False,
    ),
    # The results catalogue: the consultant's alone.
    "reporting:catalogue": (_project, PROJECT_CONSULTANT, False),
    "reporting:catalogue_create": (_project, POST_ONLY_CONSULTANT, True),
    "reporting:catalogue_update": (_project, PROJECT_CONSULTANT, True),
    "reporting:chapter_add": (_project, POST_ONLY_CONSULTANT, True),
    "reporting:catalogue_preview": (_project, PROJECT_CONSULTANT, False),
    "reporting:render_request": (_project, POST_ONLY_CONSULTANT, True),
    "reporting:meeting_pack": (_pack, MEETING, False),
    "reporting:pack_request": (_pack, MEETING_POST_ONLY, True),
    "reporting:pack_status": (_pack, MEETING, False),
    "reporting:pack_download": (_pack_render, MEETING, False),
    "reporting:render_status": (_project, PROJECT_CONSULTANT, False),
    "reporting:render_download": (
        lambda w: {"project_pk": w.project.pk, "pk": w.render.pk},
        PROJECT_CONSULTANT,
        False,
    ),
    # Its web edition: members read it in the app; the consultant publishes and
    # revokes it; its link, PDF and photos need no login (the token is the key).
    "reporting:publication_read": (_project, PROJECT_READ, False),
    "reporting:publication_publish": (_project, PROJECT_CONSULTANT, True),
    "reporting:publication_revoke": (_published, PROJECT_CONSULTANT, True),
    "reporting:publication": (
        lambda w: {"token": _publication(w).token},
        statuses(200, 200, 200, 200, 200, 200),
        False,
    ),
    "reporting:publication_pdf": (
        lambda w: {"token": _publication(w).token},
        statuses(200, 200, 200, 200, 200, 200),
        False,
    ),
    "reporting:publication_photo": (
        lambda w: {"token": _publication(w).token, "photo_id": w.photo.pk},
        statuses(200, 200, 200, 200, 200, 200),
        False,
    ),
    "reporting:chapter_edit": (
        lambda w: {"pk": w.chapter.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "reporting:chapter_move": (
        lambda w: {"pk": w.chapter.pk},
        POST_ONLY_CONSULTANT,
        True,
    ),
    "reporting:chapter_sources": (
        lambda w: {"pk": w.chapter.pk},
        PROJECT_CONSULTANT,
        True,
    ),
    "reporting:catalogue_logos": (_project, PROJECT_CONSULTANT, True),
    # The read API (api/urls.py)
    "api:project_list": (lambda w: {}, API_READ, False),
    "api:project_detail": (lambda w: {"pk": w.project.pk}, API_READ, False),
    "api:site_list": (lambda w: {}, API_READ, False),
    "api:site_detail": (lambda w: {"pk": w.site_a.pk}, API_READ, False),
    "api:service_list": (lambda w: {}, API_READ, False),
    "api:initiative_list": (lambda w: {}, API_READ, False),
    "api:initiative_csv": (lambda w: {}, API_READ, False),
    "api:initiative_detail": (lambda w: {"pk": w.initiative.pk}, API_READ, False),
    "api:testrun_list": (lambda w: {}, API_READ, False),
    "api:testrun_detail": (lambda w: {"pk": w.run.pk}, API_READ, False),
    "api:submission_list": (lambda w: {}, API_READ, False),
    "api:submission_csv": (lambda w: {}, API_READ, False),
    "api:submission_detail": (
        lambda w: {"pk": w.submitted.pk},
        API_SCHEMA_READ,
        False,
    ),
    "api:figure_list": (lambda w: {}, API_READ, False),
    "api:figure_csv": (lambda w: {}, API_READ, False),
    "api:verdict_list": (lambda w: {}, API_READ, False),
    "api:verdict_csv": (lambda w: {}, API_READ, False),
    "api:decision_list": (lambda w: {}, API_READ, False),
    "api:quote_list": (lambda w: {}, API_READ, False),
    "api:quote_csv": (lambda w: {}, API_READ, False),
    "api:root": (lambda w: {}, API_ANY_USER, False),
    "api:schema": (lambda w: {}, API_ANY_USER, False),
    "api:docs": (lambda w: {}, EVERY_USER, False),
}

# Public URLs: reachable without signing in (everything else needs a login).
PUBLIC = {
    "login",
    "healthz",
    "healthz_worker",
    "set_language",
    "accessibility_statement",
    "reporting:publication",
    "reporting:publication_pdf",
    "reporting:publication_photo",
    "synergy:invitation_accept",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "accounts:oidc_start",
    "accounts:oidc_callback",
}

# Called by scripts in the page, not opened by people: an anonymous POST gets 401 JSON
# (so the page can keep the user's text) instead of a redirect to the login page.
ANSWERS_401 = {"testing:submission_autosave", "testing:submission_taps"}
# The read API answers a missing token with 401 JSON (no login page), GET included.
API_401 = {
    name
    for name, row in MATRIX.items()
    if name.startswith("api:") and row[1]["anonymous"] == 401
}
