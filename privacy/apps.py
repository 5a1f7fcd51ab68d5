from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """GDPR tooling: the personal-data inventory each app declares, export, erasure
    and purge after the retention period (manage.py gdpr_*)."""

    name = "privacy"
    verbose_name = _("Personoplysninger")
