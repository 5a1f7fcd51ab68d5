"""The mail of a person's notifications: one mail listing every event since the last
one (run by the task worker, notifications.tasks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from . import selectors
from .models import MailSchedule, Notification

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def notification_mail_send(*, user_id: int) -> int:
    """Send the person one mail with all their unsent notifications (those whose
    object they may still see), and mark them sent. Returns how many the mail lists
    (0: no mail). Safe to run twice, or twice at the same time: each row is claimed
    by one run only. When sending fails the rows are unclaimed and the error raised."""
    with transaction.atomic():
        MailSchedule.objects.filter(user_id=user_id).delete()
        pending = Notification.objects.filter(
            recipient_id=user_id, by_mail=True, mailed_at__isnull=True
        )
        ids = list(
            pending.select_for_update(skip_locked=True).values_list("pk", flat=True)
        )
        claimed = Notification.objects.filter(
            pk__in=ids, mailed_at__isnull=True
        ).update(mailed_at=timezone.now())
    if not claimed:
        return 0
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return 0
    items = list(
        selectors.notifications_visible(user=user)
        # One already read under the bell before the mail went needs no mail.
        .filter(pk__in=ids, read_at__isnull=True)
        .order_by("created_at", "pk")
    )
    # A kind turned off for mail since the event is not mailed (the choice counts
    # when the mail goes).
    choices = selectors.preferences_for(user=user)
    items = [n for n in items if choices[n.kind][1]]
    if not items:
        return 0
    try:
        _send(user=user, items=items)
    except Exception:
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(mailed_at=None)
        raise
    return len(items)


def absolute_url(path: str) -> str:
    """The address of a page of the app from outside (SITE_URL + path)."""
    return settings.SITE_URL.rstrip("/") + path


def _send(*, user: User, items: list[Notification]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "items": [
                {
                    "notification": n,
                    "url": absolute_url(n.url),
                    "summary_lines": n.summary.splitlines(),
                }
                for n in items
            ],
            "list_url": absolute_url(reverse("notifications:notification_list")),
            "preferences_url": absolute_url(
                reverse("notifications:notification_preferences")
            ),
        }
        subject = ngettext(
            "Synergi: %(count)d ny notifikation",
            "Synergi: %(count)d nye notifikationer",
            len(items),
        ) % {"count": len(items)}
        send_mail(
            subject=subject,
            message=render_to_string("notifications/email/notifications.txt", context),
            html_message=render_to_string(
                "notifications/email/notifications.html", context
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
