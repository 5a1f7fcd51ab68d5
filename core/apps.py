from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The platform every app builds on: base model, generic views, three-way merge,
    sign-in security and sessions, the task worker, and the registries through which
    apps contribute panels, navigation, personal-data inventory and demo data. It
    imports no app above it (see README, Architecture)."""

    name = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from core import (
            lookups,  # noqa: F401  (`in` on integer columns ignores overflowing ids)
            security,  # noqa: F401  (logs sign-ins and failures)
            sessions,  # noqa: F401  (records when a session ends)
        )
