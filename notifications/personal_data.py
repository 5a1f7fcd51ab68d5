"""What notifications' tables hold, for the personal-data inventory (core/inventory.py):
"app.Model.field": (category, retention)."""

from core.inventory import (
    ACCOUNT,
    CITIZEN,
    NONE,
    OPERATIONS,
    PROJECT,
    PURGE,
    STAFF,
    register,
)

register(
    {
        # notifications.Notification: an event told to one person
        "notifications.Notification.id": (NONE, PROJECT),
        "notifications.Notification.created_at": (STAFF, PROJECT),
        "notifications.Notification.updated_at": (NONE, PROJECT),
        "notifications.Notification.recipient": (STAFF, ACCOUNT),
        "notifications.Notification.project": (NONE, PROJECT),
        "notifications.Notification.kind": (NONE, PROJECT),
        "notifications.Notification.content_type": (NONE, PROJECT),
        "notifications.Notification.object_id": (NONE, PROJECT),
        "notifications.Notification.actor": (STAFF, ACCOUNT),
        "notifications.Notification.title": (NONE, PROJECT),
        "notifications.Notification.titles": (NONE, PROJECT),
        "notifications.Notification.url": (NONE, PROJECT),
        # The consultant's comments on a returned schema (as testing.AnswerComment)
        "notifications.Notification.summary": (CITIZEN, PURGE),
        "notifications.Notification.in_app": (NONE, PROJECT),
        "notifications.Notification.by_mail": (NONE, PROJECT),
        "notifications.Notification.read_at": (STAFF, PROJECT),
        "notifications.Notification.mailed_at": (STAFF, PROJECT),
        # notifications.NotificationPreference: a person's choice per kind
        "notifications.NotificationPreference.id": (NONE, ACCOUNT),
        "notifications.NotificationPreference.user": (STAFF, ACCOUNT),
        "notifications.NotificationPreference.kind": (NONE, ACCOUNT),
        "notifications.NotificationPreference.in_app": (STAFF, ACCOUNT),
        "notifications.NotificationPreference.by_mail": (STAFF, ACCOUNT),
        # notifications.MailSchedule: a mail queued for a person (until it is sent)
        "notifications.MailSchedule.user": (STAFF, OPERATIONS),
        "notifications.MailSchedule.due_at": (NONE, OPERATIONS),
    }
)
