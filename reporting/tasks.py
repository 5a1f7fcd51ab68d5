"""Background tasks (Django's tasks framework; `manage.py db_worker` runs them)."""

from django.tasks import task

from . import services


@task
def render_catalogue(render_id):
    """Lay out the catalogue's PDF for one queued render."""
    return services.render_run(render_id=render_id)
