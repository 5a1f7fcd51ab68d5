from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """`manage.py load_demo`: the demo project from the source deck, loaded through
    the demo data each app registers."""

    name = "demo"
    verbose_name = _("Demodata")
