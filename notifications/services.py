"""Writes: telling people about an event (`notify`), marking
notifications read, and saving each person's choices.

Mails are never sent inside a request. `notify` records the notifications and, for
those who want mail, makes sure one mail task is queued per person
(notifications.tasks.mail_schedule, NOTIFICATION_MAIL_DELAY after the first event):
the events that come before it runs go into the same mail (notifications.mail).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone, translation

from core.owned_state import ALL
from projects.scoping import may_view

from . import selectors, tasks
from .models import (
    TARGET_MODELS,
    MailSchedule,
    Notification,
    NotificationKind,
    NotificationPreference,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from projects.models import Project

# State only the app writes; Django admin shows it read-only (core.owned_state):
# a notification is what happened, a schedule the worker's business.
OWNED_STATE: dict[type[models.Model], tuple[str, ...] | str] = {
    Notification: ALL,
    MailSchedule: ALL,
}


@transaction.atomic
def notify(
    *,
    kind: str,
    recipients: Iterable[User],
    project: Project,
    target: models.Model,
    actor: User | None = None,
    summary: str = "",
) -> list[Notification]:
    """Tell `recipients` that `kind` happened to `target` (an object of `project`).

    Skipped: the actor themself, inactive accounts, anyone who may not see `target`
    (its model's row rule, projects.scoping) and anyone who turned the kind off. The
    others get a notification under the bell and/or a mail, as they chose for the
    kind. Returns the notifications recorded."""
    kind = NotificationKind(kind)
    if target._meta.label not in TARGET_MODELS[kind]:
        raise ValueError(
            f"A {kind} notification is about {TARGET_MODELS[kind] or 'nothing yet'}, "
            f"not {target._meta.label} (notifications.models.TARGET_MODELS)."
        )
    people = {
        person.pk: person
        for person in recipients
        if person.is_active and (actor is None or person.pk != actor.pk)
    }
    people = {pk: p for pk, p in people.items() if may_view(p, target)}
    choices = selectors.preferences_of(user_ids=people, kind=kind)
    content_type = ContentType.objects.get_for_model(target)
    # A target may name itself for notifications (a comment: its schema and
    # question, not its text).
    titles = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            titles[code] = str(getattr(target, "notification_title", None) or target)[
                :300
            ]
    title = titles.get(settings.LANGUAGE_CODE) or next(iter(titles.values()))
    url = target.get_absolute_url()  # type: ignore[attr-defined]
    created = Notification.objects.bulk_create(
        Notification(
            recipient_id=pk,
            project=project,
            kind=kind,
            content_type=content_type,
            object_id=target.pk,
            actor=actor,
            title=title,
            titles=titles,
            url=url,
            summary=summary,
            in_app=in_app,
            by_mail=by_mail,
        )
        for pk, (in_app, by_mail) in choices.items()
        if in_app or by_mail
    )
    for notification in created:
        if notification.by_mail:
            tasks.mail_schedule(user_id=notification.recipient_id)
    return created


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (once: the first time stays)."""
    now = timezone.now()
    if Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=now
    ):
        notification.read_at = now
    return notification


def notifications_mark_all_read(*, user: User, up_to_id: int | None = None) -> int:
    """Mark the user's unread notifications under the bell read: those up to
    `up_to_id`, the newest the page showed (one that came after it, seen in no tab,
    stays unread). Returns how many."""
    rows = selectors.notification_list(user=user).filter(read_at__isnull=True)
    if up_to_id is not None:
        rows = rows.filter(pk__lte=up_to_id)
    # One UPDATE with the list as its subquery (no ids read into Python first).
    return Notification.objects.filter(pk__in=rows.values("pk")).update(
        read_at=timezone.now()
    )


@transaction.atomic
def notification_preferences_save(
    *, user: User, choices: Mapping[str, tuple[bool, bool]]
) -> None:
    """Save the person's choice per kind: {kind: (in app, by mail)}."""
    for kind, (in_app, by_mail) in choices.items():
        NotificationPreference.objects.update_or_create(
            user=user,
            kind=NotificationKind(kind),
            defaults={"in_app": in_app, "by_mail": by_mail},
        )


def notifications_discard_since(*, moment: datetime.datetime) -> int:
    """Delete the notifications made since `moment`, and the mails queued for them
    (the demo's loader: its events are 2017's, told to nobody now). Returns how
    many."""
    deleted, _by_model = Notification.objects.filter(created_at__gte=moment).delete()
    MailSchedule.objects.filter(due_at__gte=moment).delete()
    return deleted
