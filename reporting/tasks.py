"""Background tasks (Django's tasks framework; `manage.py run_worker` runs them)."""

from django.dispatch import receiver
from django.tasks import task

from core.worker import worker_tick

from . import services


@task
def render_catalogue(render_id):
    """Lay out the catalogue's PDF for one queued render."""
    return services.render_run(render_id=render_id)


@receiver(worker_tick, dispatch_uid="reporting.render_fail_stuck")
def fail_stuck_renders(sender, **kwargs):
    """Each worker heartbeat: fail the PDFs whose task was lost or that stalled, so the
    page says so and a new one can be requested."""
    services.render_fail_stuck()
