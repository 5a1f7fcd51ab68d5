from django.contrib import admin

from core.admin import OwnedStateAdmin

from .models import MailSchedule, Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(OwnedStateAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at", "mailed_at"]
    list_filter = ["kind", "project"]
    search_fields = ["title", "recipient__username"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(OwnedStateAdmin):
    list_display = ["user", "kind", "in_app", "by_mail"]
    list_filter = ["kind"]
    search_fields = ["user__username"]


@admin.register(MailSchedule)
class MailScheduleAdmin(OwnedStateAdmin):
    list_display = ["user", "due_at"]
