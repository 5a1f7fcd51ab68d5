"""Background tasks (Django's tasks framework; `manage.py run_worker` runs them).

Only the task definitions: the work is in rendering.py, and services.py queues the
task (services → tasks → rendering; nothing here imports services)."""

from typing import Any

from django.dispatch import receiver
from django.tasks import task

from core.worker import worker_tick

from . import rendering


@task
def render_catalogue(render_id: int) -> int | None:
    """Lay out the catalogue's PDF for one queued render."""
    return rendering.render_run(render_id=render_id)


@task
def render_meeting_pack(render_id: int) -> int | None:
    """Lay out a meeting pack's PDF for one queued render."""
    return rendering.pack_render_run(render_id=render_id)


@receiver(worker_tick, dispatch_uid="reporting.render_fail_stuck")
def fail_stuck_renders(sender: Any, **kwargs: Any) -> None:
    """Each worker heartbeat: fail the PDFs whose task was lost or that stalled, so the
    page says so and a new one can be requested."""
    rendering.render_fail_stuck()
