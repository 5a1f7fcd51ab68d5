"""Admin of projects, memberships and the audit trail (read-only)."""

from django.contrib import admin

from core.admin import OwnedStateAdmin, OwnedStateTabularInline
from projects.models import AuditEvent, Invitation, Membership, Project


class MembershipInline(OwnedStateTabularInline):
    model = Membership
    extra = 0


@admin.register(Project)
class ProjectAdmin(OwnedStateAdmin):
    list_display = ["name", "starts_on", "ends_on"]
    search_fields = ["name"]
    filter_horizontal = ["sites"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(OwnedStateAdmin):
    list_display = ["user", "project", "role", "site"]
    list_filter = ["project", "role", "site"]


@admin.register(Invitation)
class InvitationAdmin(OwnedStateAdmin):
    """Invitations are made on the project's member list (the link is mailed by the
    worker); here they are read, and their address, role and site corrected."""

    list_display = ["email", "project", "role", "site", "expires_at", "accepted_at"]
    list_filter = ["project", "role"]
    search_fields = ["email"]

    def has_add_permission(self, request):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(OwnedStateAdmin):
    """Read-only: the trail is written by the app, never edited by hand."""

    list_display = ["at", "user", "action", "object_type", "object_ids", "detail"]
    list_filter = ["action", "object_type", "project"]
    date_hierarchy = "at"
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
