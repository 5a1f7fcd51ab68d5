from django.contrib import admin

from core.models import WorkerHeartbeat


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
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
