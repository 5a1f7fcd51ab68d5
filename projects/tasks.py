"""Background tasks of projects (Django's tasks framework; `manage.py db_worker` runs
them)."""

from django.tasks import task

from projects import services


@task
def send_invitation(*, invitation_id: int, domain: str, use_https: bool) -> None:
    """Mail an invitation's link: the request only queued it (the task carries the
    id, never the link)."""
    services.invitation_send(
        invitation_id=invitation_id, domain=domain, use_https=use_https
    )
