"""Reads: a person's notifications (those whose object they may still see), the
unread count under the bell, and their choices per kind."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from projects.models import Membership

from .models import (
    KINDS_BY_ROLE,
    MAILED_BY_DEFAULT,
    TARGET_MODELS,
    Notification,
    NotificationKind,
    NotificationPreference,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@cache
def target_models() -> tuple[type[Any], ...]:
    """The models notifications may be about (models.TARGET_MODELS), each once."""
    labels = dict.fromkeys(label for kind in TARGET_MODELS.values() for label in kind)
    return tuple(apps.get_model(label) for label in labels)


def _targets_visible_to(user: User) -> Q:
    """Rows whose object the user may see now (each model's own `visible_to`, one
    subquery per model): someone removed from the project, or a coordinator moved to
    another site, no longer finds what they were told about there; a deleted object
    is found by nobody."""
    condition = Q(pk__in=[])
    for model in target_models():
        condition |= Q(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=model.objects.visible_to(user).values("pk"),
        )
    return condition


def notifications_visible(*, user: User) -> QuerySet[Notification]:
    """The user's own notifications whose object they may see (shown or mailed)."""
    return Notification.objects.visible_to(user).filter(
        _targets_visible_to(user), recipient=user
    )


def notification_list(*, user: User) -> QuerySet[Notification]:
    """The notifications under the user's bell, newest first (one query per page:
    the title and address are on the row, no target is read)."""
    return (
        notifications_visible(user=user)
        .filter(in_app=True)
        .only(
            "pk", "kind", "title", "titles", "summary", "created_at", "read_at", "url"
        )
        .order_by("-created_at", "-pk")
    )


def unread_count(*, user: User) -> int:
    """The number by the bell (one query)."""
    if not user.is_authenticated:
        return 0
    return notification_list(user=user).filter(read_at__isnull=True).count()


def preferences_of(
    *, user_ids: Iterable[int], kind: str
) -> dict[int, tuple[bool, bool]]:
    """{user id: (in app, by mail)} for one kind: their choice, else the default."""
    ids = list(user_ids)
    default = (True, kind in MAILED_BY_DEFAULT)
    chosen = {
        user_id: (in_app, by_mail)
        for user_id, in_app, by_mail in NotificationPreference.objects.filter(
            user_id__in=ids, kind=kind
        ).values_list("user_id", "in_app", "by_mail")
    }
    return {user_id: chosen.get(user_id, default) for user_id in ids}


def preferences_for(*, user: User) -> dict[str, tuple[bool, bool]]:
    """{kind: (in app, by mail)} for every kind, in the order of NotificationKind."""
    chosen = {
        kind: (in_app, by_mail)
        for kind, in_app, by_mail in NotificationPreference.objects.filter(
            user=user
        ).values_list("kind", "in_app", "by_mail")
    }
    return {
        kind: chosen.get(kind, (True, kind in MAILED_BY_DEFAULT))
        for kind in NotificationKind.values
    }


def kinds_for(*, user: User) -> list[str]:
    """The kinds the person can be told of, by their roles in any project (in the
    order of NotificationKind): their choices page offers only these."""
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    offered = set().union(*(KINDS_BY_ROLE.get(role, frozenset()) for role in roles))
    return [kind.value for kind in NotificationKind if kind in offered]
