from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    name = "sites"
    verbose_name = _("Steder og ydelser")

    def ready(self):
        from projects.permissions import register_catalogue_usage

        from . import selectors

        # Who may change a catalogue record depends on the projects that use it.
        register_catalogue_usage(
            owner=selectors.catalogue_owner,
            ids_used_by=selectors.catalogue_ids_used_by,
        )
