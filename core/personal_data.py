"""What the platform's tables hold, for the personal-data inventory (core/inventory.py):
"app.Model.field": (category, retention)."""

from core.inventory import ACCOUNT, LOCKOUT, NONE, OPERATIONS, STAFF, register

register(
    {
        # core.WorkerHeartbeat: a task worker's machine, process and last sign of life
        "core.WorkerHeartbeat.id": (NONE, OPERATIONS),
        "core.WorkerHeartbeat.worker_id": (NONE, OPERATIONS),
        "core.WorkerHeartbeat.hostname": (NONE, OPERATIONS),
        "core.WorkerHeartbeat.pid": (NONE, OPERATIONS),
        "core.WorkerHeartbeat.started_at": (NONE, OPERATIONS),
        "core.WorkerHeartbeat.last_seen": (NONE, OPERATIONS),
        "core.WorkerHeartbeat.task_id": (NONE, OPERATIONS),
        # auth.User
        "auth.User.id": (STAFF, ACCOUNT),
        "auth.User.password": (STAFF, ACCOUNT),
        "auth.User.last_login": (STAFF, ACCOUNT),
        "auth.User.is_superuser": (STAFF, ACCOUNT),
        "auth.User.username": (STAFF, ACCOUNT),
        "auth.User.first_name": (STAFF, ACCOUNT),
        "auth.User.last_name": (STAFF, ACCOUNT),
        "auth.User.email": (STAFF, ACCOUNT),
        "auth.User.is_staff": (STAFF, ACCOUNT),
        "auth.User.is_active": (STAFF, ACCOUNT),
        "auth.User.date_joined": (STAFF, ACCOUNT),
        # axes.AccessAttempt
        "axes.AccessAttempt.id": (NONE, LOCKOUT),
        "axes.AccessAttempt.user_agent": (STAFF, LOCKOUT),
        "axes.AccessAttempt.ip_address": (STAFF, LOCKOUT),
        "axes.AccessAttempt.username": (STAFF, LOCKOUT),
        "axes.AccessAttempt.http_accept": (NONE, LOCKOUT),
        "axes.AccessAttempt.path_info": (NONE, LOCKOUT),
        "axes.AccessAttempt.attempt_time": (STAFF, LOCKOUT),
        "axes.AccessAttempt.get_data": (STAFF, LOCKOUT),
        "axes.AccessAttempt.post_data": (STAFF, LOCKOUT),
        "axes.AccessAttempt.failures_since_start": (STAFF, LOCKOUT),
    }
)
