from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SynergyConfig(AppConfig):
    name = "synergy"
    verbose_name = _("Synergi: forløb og roller")

    def ready(self):
        from django.core import checks

        from . import (
            lookups,  # noqa: F401  (`in` on integer columns ignores overflowing ids)
            permissions,  # noqa: F401  (registers the rules)
            security,  # noqa: F401  (logs sign-ins and failures)
            sessions,  # noqa: F401  (records when a session ends)
        )
        from .scoping import check_scopes

        checks.register(check_scopes)
