"""The mail task and its queueing (Django's tasks framework; `manage.py run_worker`
runs it).

One mail task at most is queued per person (MailSchedule): the first event that
wants a mail queues it NOTIFICATION_MAIL_DELAY ahead, the next ones find it queued
and join the same mail. The mail itself is notifications.mail (services → tasks →
mail; nothing here imports services)."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.tasks import default_task_backend, task
from django.utils import timezone

from . import mail
from .models import MailSchedule


def mail_delay() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.NOTIFICATION_MAIL_DELAY)


@task
def send_notification_mail(user_id: int) -> int:
    """One mail with the person's unsent notifications. When it cannot be sent, they
    wait for the next one, queued again."""
    try:
        return mail.notification_mail_send(user_id=user_id)
    except Exception:
        mail_schedule(user_id=user_id)
        raise


def mail_schedule(*, user_id: int) -> None:
    """Queue the person's mail task NOTIFICATION_MAIL_DELAY from now, unless one is
    queued already (their next events join it). A schedule older than the delay is
    taken to be lost (its task was never queued, or the worker is behind) and queued
    again: a second run finds nothing left to send."""
    now = timezone.now()
    due = now + mail_delay()
    with transaction.atomic():
        # Locked: the task deletes the schedule before it claims the rows, so it
        # waits for this transaction and then sees the notification just made.
        existing = (
            MailSchedule.objects.select_for_update().filter(user_id=user_id).first()
        )
        if existing is not None and existing.due_at >= now - mail_delay():
            return
        if existing is not None:
            existing.due_at = due
            existing.save(update_fields=["due_at"])
        else:
            try:
                with transaction.atomic():
                    MailSchedule.objects.create(user_id=user_id, due_at=due)
            except IntegrityError:
                return  # another event queued it at the same moment
    transaction.on_commit(lambda: _enqueue(user_id=user_id, due=due))


def _enqueue(*, user_id: int, due: datetime.datetime) -> None:
    queued = send_notification_mail
    if default_task_backend.supports_defer:
        queued = queued.using(run_after=due)
    queued.enqueue(user_id=user_id)
