from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Rapportering")

    def ready(self):
        from . import tasks  # noqa: F401  (fails lost PDFs on the worker's heartbeat)
