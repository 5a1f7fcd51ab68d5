"""What projects' tables hold, for the personal-data inventory (core/inventory.py):
"app.Model.field": (category, retention)."""

from core.inventory import ACCOUNT, AUDIT, FREE_TEXT, NONE, PROJECT, STAFF, register

register(
    {
        # synergy.AuditEvent: who did what, when (ids and field names, never values)
        "synergy.AuditEvent.id": (NONE, AUDIT),
        "synergy.AuditEvent.at": (STAFF, AUDIT),
        "synergy.AuditEvent.user": (STAFF, AUDIT),
        "synergy.AuditEvent.project": (NONE, AUDIT),
        "synergy.AuditEvent.action": (NONE, AUDIT),
        "synergy.AuditEvent.object_type": (NONE, AUDIT),
        "synergy.AuditEvent.object_ids": (NONE, AUDIT),
        "synergy.AuditEvent.fields": (NONE, AUDIT),
        "synergy.AuditEvent.detail": (NONE, AUDIT),
        # synergy.Project
        "synergy.Project.id": (NONE, PROJECT),
        "synergy.Project.created_at": (NONE, PROJECT),
        "synergy.Project.updated_at": (NONE, PROJECT),
        "synergy.Project.name": (NONE, PROJECT),
        "synergy.Project.guiding_question": (NONE, PROJECT),
        "synergy.Project.purpose": (FREE_TEXT, PROJECT),
        "synergy.Project.starts_on": (NONE, PROJECT),
        "synergy.Project.ends_on": (NONE, PROJECT),
        "synergy.Project.personal_data_retention_days": (NONE, PROJECT),
        # synergy.Membership
        "synergy.Membership.id": (NONE, PROJECT),
        "synergy.Membership.created_at": (NONE, PROJECT),
        "synergy.Membership.updated_at": (NONE, PROJECT),
        "synergy.Membership.user": (STAFF, ACCOUNT),
        "synergy.Membership.project": (NONE, PROJECT),
        "synergy.Membership.role": (NONE, PROJECT),
        "synergy.Membership.site": (NONE, PROJECT),
        # synergy.Invitation: the invited person's work address until they take it
        # (then their account holds it); kept with the project as its member list is.
        "synergy.Invitation.id": (NONE, PROJECT),
        "synergy.Invitation.created_at": (NONE, PROJECT),
        "synergy.Invitation.updated_at": (NONE, PROJECT),
        "synergy.Invitation.project": (NONE, PROJECT),
        "synergy.Invitation.email": (STAFF, PROJECT),
        "synergy.Invitation.role": (NONE, PROJECT),
        "synergy.Invitation.site": (NONE, PROJECT),
        "synergy.Invitation.invited_by": (STAFF, ACCOUNT),
        "synergy.Invitation.nonce": (NONE, PROJECT),
        "synergy.Invitation.expires_at": (NONE, PROJECT),
        "synergy.Invitation.sent_at": (NONE, PROJECT),
        "synergy.Invitation.accepted_at": (NONE, PROJECT),
        "synergy.Invitation.accepted_by": (STAFF, ACCOUNT),
        "synergy.Invitation.revoked_at": (NONE, PROJECT),
    }
)
