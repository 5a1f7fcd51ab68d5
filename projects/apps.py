from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """Projects (forløb), their members and roles, the permission rules built on them,
    and the audit trail. The app label stays "synergy": the tables, migrations and
    permission names were made when this app was called synergy, and stay so."""

    name = "projects"
    label = "synergy"
    verbose_name = _("Synergi: forløb og roller")

    def ready(self):
        from django.core import checks

        from projects import permissions  # noqa: F401  (registers the rules)
        from projects.scoping import check_scopes

        checks.register(check_scopes)
