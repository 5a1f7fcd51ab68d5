from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read API (/api/v1/): no models of its own; it reads through the
    selectors and the row visibility of the apps below it."""

    name = "api"
    verbose_name = _("API (læseadgang)")
