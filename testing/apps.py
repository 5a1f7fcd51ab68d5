from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TestingConfig(AppConfig):
    name = "testing"
    verbose_name = _("Afprøvning")

    def ready(self):
        from . import panels  # noqa: F401  (registers the home and initiative panels)
