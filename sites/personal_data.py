"""What sites' tables hold, for the personal-data inventory (core/inventory.py):
"app.Model.field": (category, retention)."""

from core.inventory import ACCOUNT, FREE_TEXT, NONE, PROJECT, STAFF, register

register(
    {
        # sites.Municipality
        "sites.Municipality.id": (NONE, PROJECT),
        "sites.Municipality.created_at": (NONE, PROJECT),
        "sites.Municipality.updated_at": (NONE, PROJECT),
        "sites.Municipality.name": (NONE, PROJECT),
        "sites.Municipality.code": (NONE, PROJECT),
        # sites.Site
        "sites.Site.id": (NONE, PROJECT),
        "sites.Site.created_at": (NONE, PROJECT),
        "sites.Site.updated_at": (NONE, PROJECT),
        "sites.Site.name": (NONE, PROJECT),
        "sites.Site.municipality": (NONE, PROJECT),
        "sites.Site.integration_degree": (NONE, PROJECT),
        "sites.Site.borgerservice_since": (NONE, PROJECT),
        "sites.Site.staff_count": (NONE, PROJECT),
        "sites.Site.staffing": (STAFF, PROJECT),
        "sites.Site.address": (NONE, PROJECT),
        "sites.Site.description": (FREE_TEXT, PROJECT),
        # sites.ServicePoint
        "sites.ServicePoint.id": (NONE, PROJECT),
        "sites.ServicePoint.created_at": (NONE, PROJECT),
        "sites.ServicePoint.updated_at": (NONE, PROJECT),
        "sites.ServicePoint.name": (NONE, PROJECT),
        "sites.ServicePoint.municipality": (NONE, PROJECT),
        "sites.ServicePoint.address": (NONE, PROJECT),
        "sites.ServicePoint.description": (FREE_TEXT, PROJECT),
        # sites.OpeningHours
        "sites.OpeningHours.id": (NONE, PROJECT),
        "sites.OpeningHours.created_at": (NONE, PROJECT),
        "sites.OpeningHours.updated_at": (NONE, PROJECT),
        "sites.OpeningHours.site": (NONE, PROJECT),
        "sites.OpeningHours.service_point": (NONE, PROJECT),
        "sites.OpeningHours.weekday": (NONE, PROJECT),
        "sites.OpeningHours.opens_at": (NONE, PROJECT),
        "sites.OpeningHours.closes_at": (NONE, PROJECT),
        "sites.OpeningHours.kind": (NONE, PROJECT),
        "sites.OpeningHours.note": (NONE, PROJECT),
        # sites.CitizenService
        "sites.CitizenService.id": (NONE, PROJECT),
        "sites.CitizenService.created_at": (NONE, PROJECT),
        "sites.CitizenService.updated_at": (NONE, PROJECT),
        "sites.CitizenService.name": (NONE, PROJECT),
        "sites.CitizenService.category": (NONE, PROJECT),
        "sites.CitizenService.description": (FREE_TEXT, PROJECT),
        "sites.CitizenService.requires_attendance": (NONE, PROJECT),
        "sites.CitizenService.self_service_online": (NONE, PROJECT),
        # sites.ServiceOffering
        "sites.ServiceOffering.id": (NONE, PROJECT),
        "sites.ServiceOffering.created_at": (NONE, PROJECT),
        "sites.ServiceOffering.updated_at": (NONE, PROJECT),
        "sites.ServiceOffering.site": (NONE, PROJECT),
        "sites.ServiceOffering.service_point": (NONE, PROJECT),
        "sites.ServiceOffering.service": (NONE, PROJECT),
        "sites.ServiceOffering.level": (NONE, PROJECT),
        "sites.ServiceOffering.note": (NONE, PROJECT),
        # sites.ChangeProposal: a proposed change to a shared catalogue record (deleted
        # with the record); who proposed and decided it, and their words about it
        "sites.ChangeProposal.id": (NONE, PROJECT),
        "sites.ChangeProposal.created_at": (STAFF, PROJECT),
        "sites.ChangeProposal.updated_at": (STAFF, PROJECT),
        "sites.ChangeProposal.content_type": (NONE, PROJECT),
        "sites.ChangeProposal.object_id": (NONE, PROJECT),
        "sites.ChangeProposal.proposed_by": (STAFF, ACCOUNT),
        "sites.ChangeProposal.changes": (FREE_TEXT, PROJECT),
        "sites.ChangeProposal.bases": (NONE, PROJECT),
        "sites.ChangeProposal.message": (FREE_TEXT, PROJECT),
        "sites.ChangeProposal.status": (NONE, PROJECT),
        "sites.ChangeProposal.decided_by": (STAFF, ACCOUNT),
        "sites.ChangeProposal.decided_at": (STAFF, PROJECT),
        "sites.ChangeProposal.decision_note": (FREE_TEXT, PROJECT),
    }
)
