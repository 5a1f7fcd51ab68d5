"""Admin of the core, and the admin base classes every app uses: fields whose state a
service owns (core.owned_state) are read-only, and logs cannot be added to or
changed."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from core.models import WorkerHeartbeat
from core.owned_state import is_log, owned_fields


class OwnedStateMixin:
    """Admin (page or inline) that shows owned fields read-only and refuses to add,
    change or delete the rows of a log (a history cut short by hand is no history)."""

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

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if is_log(self.model):
            return False
        return super().has_delete_permission(request, obj)  # type: ignore[misc]


class OwnedStateAdmin(OwnedStateMixin, admin.ModelAdmin):
    pass


class OwnedStateTabularInline(OwnedStateMixin, admin.TabularInline):
    pass


class OwnedStateStackedInline(OwnedStateMixin, admin.StackedInline):
    pass


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
