"""The shared catalogue has owners: a consultant changes a site, service point,
municipality or service only when they are a consultant of every project that uses
it (or hold the installation-wide "catalogue editor" permission); others propose a
change, which a consultant of the projects using it (or a catalogue editor) accepts
or rejects. So no consultant can change what another project prints."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from projects.models import AuditEvent, Role
from projects.tests.factories import MembershipFactory, ProjectFactory, UserFactory
from reporting import services as reporting_services
from reporting.pdf import catalogue_html
from sites.models import (
    ChangeProposal,
    CitizenService,
    Municipality,
    OpeningHours,
    ProposalStatus,
    ServiceOffering,
    ServicePoint,
    Site,
)
from sites.tests.factories import (
    CitizenServiceFactory,
    MunicipalityFactory,
    OpeningHoursFactory,
    ServiceOfferingFactory,
    ServicePointFactory,
    SiteFactory,
)

B_TEXT = "Sted C har åbent hus hver torsdag."


@pytest.fixture
def other(world):
    """Project B with its own consultant, a site C only B uses (in a municipality no
    site of the world's project is in), a service only C offers, a service point and
    opening hours there, and B's results catalogue."""
    municipality = MunicipalityFactory(name="Næstved Kommune", code=370)
    site_c = SiteFactory(
        name="Sted C", municipality=municipality, description=B_TEXT, address="Torvet 1"
    )
    project = ProjectFactory(name="Forløb B")
    project.sites.set([site_c])
    consultant = UserFactory(
        username="konsulent-b", first_name="Bodil", last_name="Bertelsen"
    )
    MembershipFactory(user=consultant, project=project, role=Role.CONSULTANT)
    service = CitizenServiceFactory(name="Fiskekort")
    ServiceOfferingFactory(service=service, site=site_c)
    return SimpleNamespace(
        municipality=municipality,
        site=site_c,
        project=project,
        consultant=consultant,
        service=service,
        service_point=ServicePointFactory(
            name="Herlufmagle", municipality=municipality
        ),
        hours=OpeningHoursFactory(site=site_c),
        catalogue=reporting_services.catalogue_create(project=project),
    )


def site_data(site, **overrides):
    return {
        "name": site.name,
        "municipality": site.municipality_id,
        "integration_degree": site.integration_degree,
        "borgerservice_since": site.borgerservice_since or "",
        "staff_count": site.staff_count or "",
        "staffing": site.staffing,
        "address": site.address,
        "description": site.description,
        **overrides,
    }


def b_pages(other):
    """Every page that changes a record only project B uses, with a POST that would."""
    site, service, point = other.site, other.service, other.service_point
    return [
        (
            reverse("sites:site_update", args=[site.pk]),
            site_data(site, description="Overskrevet af A"),
        ),
        (reverse("sites:site_delete", args=[site.pk]), {}),
        (
            reverse("sites:site_services", args=[site.pk]),
            {f"level_{service.pk}": "light"},
        ),
        (
            reverse("sites:site_openinghours_create", args=[site.pk]),
            {"weekday": 3, "kind": "full", "opens_at": "09:00", "closes_at": "12:00"},
        ),
        (
            reverse("sites:openinghours_update", args=[other.hours.pk]),
            {"weekday": 3, "kind": "full", "opens_at": "09:00", "closes_at": "12:00"},
        ),
        (reverse("sites:openinghours_delete", args=[other.hours.pk]), {}),
        (
            reverse("sites:citizenservice_update", args=[service.pk]),
            {"name": "Overskrevet af A", "category": "other"},
        ),
        (reverse("sites:citizenservice_delete", args=[service.pk]), {}),
        (
            reverse("sites:municipality_update", args=[other.municipality.pk]),
            {"name": "Overskrevet af A", "code": 370},
        ),
        (reverse("sites:municipality_delete", args=[other.municipality.pk]), {}),
        (
            reverse("sites:servicepoint_update", args=[point.pk]),
            {"name": "Overskrevet af A", "municipality": other.municipality.pk},
        ),
        (reverse("sites:servicepoint_delete", args=[point.pk]), {}),
    ]


def catalogue_state():
    return [
        list(model.objects.order_by("pk").values())
        for model in (
            Site,
            CitizenService,
            Municipality,
            ServicePoint,
            OpeningHours,
            ServiceOffering,
        )
    ]


def test_a_consultant_of_another_project_cannot_open_or_post_to_bs_records(
    client_for, world, other
):
    """The leak: the world's consultant (project A) gets 403 on every edit and delete
    page of what only project B uses, and a POST changes nothing."""
    client = client_for("consultant")
    before = catalogue_state()
    for url, data in b_pages(other):
        assert client.get(url).status_code == 403, url
        assert client.post(url, data).status_code == 403, url
    assert catalogue_state() == before
    html = catalogue_html(catalogue=other.catalogue, for_pdf=False)
    assert B_TEXT in html and "Overskrevet af A" not in html


def test_bs_consultant_keeps_bs_records(client, world, other):
    client.force_login(other.consultant)
    for url, _data in b_pages(other):
        assert client.get(url).status_code == 200, url
    response = client.post(
        reverse("sites:site_update", args=[other.site.pk]),
        site_data(other.site, description="Ny tekst fra B"),
    )
    assert response.status_code == 302
    assert "Ny tekst fra B" in catalogue_html(catalogue=other.catalogue, for_pdf=False)


def test_a_record_two_projects_use_needs_a_consultant_of_both(client, world, other):
    world.project.sites.add(other.site)
    url = reverse("sites:site_update", args=[other.site.pk])
    client.force_login(other.consultant)
    assert client.get(url).status_code == 403
    MembershipFactory(
        user=other.consultant, project=world.project, role=Role.CONSULTANT
    )
    assert client.get(url).status_code == 200


def test_a_record_no_project_uses_is_kept_by_any_consultant(client_for, world):
    loose = SiteFactory(name="Sted uden forløb")
    client = client_for("consultant")
    assert client.get(reverse("sites:site_update", args=[loose.pk])).status_code == 200
    assert client.get(reverse("sites:site_delete", args=[loose.pk])).status_code == 200
    # Coordinators and the steering group still only read the catalogue.
    for role in ("coordinator_a", "steering", "outsider"):
        assert (
            client_for(role)
            .get(reverse("sites:site_update", args=[loose.pk]))
            .status_code
            == 403
        )


def test_a_site_a_project_refers_to_without_listing_it_counts_as_used(
    client, world, other
):
    """Use is more than the participating sites: a project's rows that name the site
    (a coordinator, an idea, a test run …) tie it to the project as well."""
    from initiatives.tests.factories import IdeaFactory

    loose = SiteFactory(name="Sted D")
    IdeaFactory(project=world.project, site=loose, title="Idé fra D")
    client.force_login(other.consultant)
    assert client.get(reverse("sites:site_update", args=[loose.pk])).status_code == 403


def test_a_catalogue_editor_may_edit_everything(client, world, other):
    editor = UserFactory(username="redaktoer")
    editor.user_permissions.add(
        Permission.objects.get(
            codename="change_shared_catalogue", content_type__app_label="sites"
        )
    )
    client.force_login(editor)
    for url, _data in b_pages(other):
        assert client.get(url).status_code == 200, url
    assert client.get(world.site_a.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("sites:site_update", args=[other.site.pk]),
        site_data(other.site, description="Redaktørens tekst"),
    )
    assert response.status_code == 302
    other.site.refresh_from_db()
    assert other.site.description == "Redaktørens tekst"


def test_buttons_follow_the_rule(client_for, world, other):
    client = client_for("consultant")
    html = client.get(other.site.get_absolute_url()).content.decode()
    assert reverse("sites:site_update", args=[other.site.pk]) not in html
    assert reverse("sites:site_delete", args=[other.site.pk]) not in html
    assert reverse("sites:site_services", args=[other.site.pk]) not in html
    assert reverse("sites:openinghours_update", args=[other.hours.pk]) not in html
    assert reverse("sites:site_propose", args=[other.site.pk]) in html
    own = client.get(world.site_a.get_absolute_url()).content.decode()
    assert reverse("sites:site_update", args=[world.site_a.pk]) in own
    assert reverse("sites:site_propose", args=[world.site_a.pk]) not in own
    listing = client.get(reverse("sites:municipality_list")).content.decode()
    assert reverse("sites:municipality_update", args=[world.municipality.pk]) in listing
    assert (
        reverse("sites:municipality_update", args=[other.municipality.pk])
        not in listing
    )


# Proposals


def propose(client, site, **changes):
    return client.post(
        reverse("sites:site_propose", args=[site.pk]),
        {**site_data(site, **changes), "message": "Adressen er flyttet."},
    )


def test_a_proposal_from_a_accepted_by_bs_consultant_changes_bs_catalogue(
    client_for, client, world, other
):
    a = client_for("consultant")
    form = a.get(reverse("sites:site_propose", args=[other.site.pk]))
    assert form.status_code == 200
    assert "Foreslå ændring" in form.content.decode()
    assert "Send forslag" in form.content.decode()
    response = propose(a, other.site, address="Torvet 2")
    proposal = ChangeProposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert (proposal.record, proposal.proposed_by) == (
        other.site,
        world.users["consultant"],
    )
    assert proposal.changes == {"address": "Torvet 2"}
    assert proposal.status == ProposalStatus.PENDING
    other.site.refresh_from_db()
    assert other.site.address == "Torvet 1"  # nothing changes before it is accepted
    # The proposer cannot decide it.
    decide = reverse("sites:changeproposal_decide", args=[proposal.pk])
    assert a.get(decide).status_code == 403
    assert a.post(decide, {"decision": "accept"}).status_code == 403
    assert a.get(proposal.get_absolute_url()).status_code == 200

    client.force_login(other.consultant)
    listing = client.get(reverse("sites:changeproposal_list")).content.decode()
    assert "Sted C" in listing and decide in listing
    page = client.get(decide).content.decode()
    assert "Torvet 1" in page and "Torvet 2" in page and "Adressen er flyttet." in page
    response = client.post(decide, {"decision": "accept", "note": "Tak!"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    other.site.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert (proposal.decided_by, proposal.decision_note) == (other.consultant, "Tak!")
    assert other.site.address == "Torvet 2"
    assert "Torvet 2" in catalogue_html(catalogue=other.catalogue, for_pdf=False)
    events = AuditEvent.objects.order_by("pk")
    assert [(e.object_type, e.object_ids) for e in events] == [
        ("sites.changeproposal", [proposal.pk]),
        ("sites.site", [other.site.pk]),
        ("sites.changeproposal", [proposal.pk]),
    ]
    assert events[1].fields == ["address"]
    # Decided once: a second decision is refused with a message, not applied twice.
    again = client.post(decide, {"decision": "reject"})
    assert again.status_code == 409
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED


def test_a_rejected_proposal_changes_nothing(client_for, client, world, other):
    propose(client_for("consultant"), other.site, description="Tekst fra A")
    proposal = ChangeProposal.objects.get()
    client.force_login(other.consultant)
    response = client.post(
        reverse("sites:changeproposal_decide", args=[proposal.pk]),
        {"decision": "reject", "note": "Ikke korrekt."},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    other.site.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert other.site.description == B_TEXT
    html = catalogue_html(catalogue=other.catalogue, for_pdf=False)
    assert B_TEXT in html and "Tekst fra A" not in html
    # The proposer sees the answer.
    mine = client_for("consultant").get(reverse("sites:changeproposal_list"))
    assert "Afvist" in mine.content.decode()


def test_accepting_a_proposal_the_record_has_moved_past_is_a_conflict(
    client_for, client, world, other
):
    propose(client_for("consultant"), other.site, description="Tekst fra A")
    proposal = ChangeProposal.objects.get()
    client.force_login(other.consultant)
    client.post(
        reverse("sites:site_update", args=[other.site.pk]),
        site_data(other.site, description="B har skrevet om"),
    )
    response = client.post(
        reverse("sites:changeproposal_decide", args=[proposal.pk]),
        {"decision": "accept"},
    )
    assert response.status_code == 409
    assert "Beskrivelse" in response.content.decode()
    other.site.refresh_from_db()
    proposal.refresh_from_db()
    assert other.site.description == "B har skrevet om"
    assert proposal.status == ProposalStatus.PENDING


def test_a_proposal_that_changes_nothing_or_breaks_a_rule_is_refused(
    client_for, world, other
):
    client = client_for("consultant")
    url = reverse("sites:site_propose", args=[other.site.pk])
    nothing = client.post(url, site_data(other.site))
    assert nothing.status_code == 200
    assert "Du har ikke ændret noget." in nothing.content.decode()
    clash = client.post(url, site_data(other.site, name="sted a"))
    assert clash.status_code == 200
    assert "Der findes allerede et sted med dette navn." in clash.content.decode()
    hostile = client.post(
        url,
        site_data(
            other.site, municipality="x' OR 1=1", integration_degree="99", name=""
        ),
    )
    assert hostile.status_code == 200
    assert not ChangeProposal.objects.exists()


def test_proposal_pages_are_for_the_proposer_and_those_who_decide(
    client_for, client, world, other
):
    propose(client_for("consultant"), other.site, address="Torvet 2")
    proposal = ChangeProposal.objects.get()
    detail = proposal.get_absolute_url()
    decide = reverse("sites:changeproposal_decide", args=[proposal.pk])
    for role in ("coordinator_a", "steering", "outsider"):
        c = client_for(role)
        assert c.get(detail).status_code == 403, role
        assert c.post(decide, {"decision": "accept"}).status_code == 403, role
    bystander = UserFactory(username="konsulent-c")
    MembershipFactory(user=bystander, role=Role.CONSULTANT)
    client.force_login(bystander)
    assert client.get(detail).status_code == 403
    assert (
        "Sted C"
        not in client.get(reverse("sites:changeproposal_list")).content.decode()
    )
    assert client.post(decide, {"decision": "accept"}).status_code == 403
    hostile = client_for("consultant")
    client.force_login(other.consultant)
    bad = client.post(decide, {"decision": "'; DROP TABLE sites_site; --"})
    assert bad.status_code == 200
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    del hostile


def test_empty_proposal_list_says_so(client_for, world):
    html = client_for("consultant").get(reverse("sites:changeproposal_list"))
    assert html.status_code == 200
    assert "Ingen ændringsforslag venter på dig." in html.content.decode()


def test_a_service_proposal_is_accepted_too(client_for, client, world, other):
    client_for("consultant").post(
        reverse("sites:citizenservice_propose", args=[other.service.pk]),
        {"name": "Fiskekort og jagttegn", "category": "other", "message": ""},
    )
    proposal = ChangeProposal.objects.get()
    client.force_login(other.consultant)
    client.post(
        reverse("sites:changeproposal_decide", args=[proposal.pk]),
        {"decision": "accept"},
    )
    other.service.refresh_from_db()
    assert other.service.name == "Fiskekort og jagttegn"
    assert "Fiskekort og jagttegn" in catalogue_html(
        catalogue=other.catalogue, for_pdf=False
    )


def test_deleting_a_record_takes_its_proposals(client_for, client, world, other):
    propose(client_for("consultant"), other.site, address="Torvet 2")
    loose = SiteFactory(name="Sted E")
    client_for("consultant").post(
        reverse("sites:site_propose", args=[loose.pk]),
        {**site_data(loose, address="Ny vej"), "message": ""},
    )
    assert ChangeProposal.objects.count() == 2
    html = client_for("consultant").get(reverse("sites:site_delete", args=[loose.pk]))
    assert "1 ændringsforslag slettes" in html.content.decode()
    client_for("consultant").post(reverse("sites:site_delete", args=[loose.pk]))
    assert ChangeProposal.objects.count() == 1


def test_the_admin_lists_proposals_read_only(client_for, world, other, admin_client):
    propose(client_for("consultant"), other.site, address="Torvet 2")
    proposal = ChangeProposal.objects.get()
    listing = admin_client.get(reverse("admin:sites_changeproposal_changelist"))
    assert listing.status_code == 200 and "Sted C" in listing.content.decode()
    assert (
        admin_client.get(reverse("admin:sites_changeproposal_add")).status_code == 403
    )
    admin_client.post(
        reverse("admin:sites_changeproposal_change", args=[proposal.pk]),
        {"status": "accepted"},
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
