from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications in the app (the bell) and by mail, each person choosing per kind.
    Apps above this one report their events here; the mails are sent by the worker."""

    name = "notifications"
    verbose_name = _("Notifikationer")
