"""Background tasks of the shared app (Django's tasks framework; `manage.py db_worker`
runs them)."""

from django.tasks import task

from core import services


@task
def send_password_reset(
    *, email: str, domain: str, use_https: bool, language: str
) -> None:
    """E-mail a reset link to every active account with this address (none for an
    unknown one): the request only queued this, so it took as long either way."""
    services.send_password_reset_links(
        email=email, domain=domain, use_https=use_https, language=language
    )
