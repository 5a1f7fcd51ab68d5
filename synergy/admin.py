"""Admin of the core, and the admin base classes every app uses: fields whose state a
service owns (synergy.owned_state) are read-only, and logs cannot be added to or
changed."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from .models import AuditEvent, Membership, Project, WorkerHeartbeat
from .owned_state import is_log, owned_fields


class OwnedStateMixin:
    """Admin (page or inline) that shows owned fields read-only and refuses to add
    or change the rows of a log."""

    model: type[models.Model]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))  # type: ignore[misc]
        return readonly + [f for f in owned_fields(self.model) if f not in readonly]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        if is_log(self.model):
            return False
        return super().has_add_permission(request, *args)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if is_log(self.model):
            return False
        return super().has_change_permission(request, obj)  # type: ignore[misc]


class OwnedStateAdmin(OwnedStateMixin, admin.ModelAdmin):
    pass


class OwnedStateTabularInline(OwnedStateMixin, admin.TabularInline):
    pass


class OwnedStateStackedInline(OwnedStateMixin, admin.StackedInline):
    pass


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


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(OwnedStateAdmin):
    """Read-only: which task workers are alive (written by `run_worker`)."""

    list_display = [
        "worker_id",
        "hostname",
        "pid",
        "started_at",
        "last_seen",
        "task_id",
    ]
    ordering = ["-last_seen"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
