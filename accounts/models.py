"""API keys: how a program (Power BI, Excel, a script) reads the API in a person's name.

A key is shown once when it is made and stored only as its SHA-256 digest: it is 256
random bits, so a fast digest is as safe as a slow one and a database copy opens
nothing. Its first characters (`prefix`) find it and tell the owner which key is
which.

Two kinds:
- a personal key reads what its owner may read on the pages, in every project;
- a project key reads one project only, in the role it was given (steering group or
  consultant), whatever else its owner may see. It stops working when its owner is no
  longer a consultant of the project or is deactivated.

Either kind ends at its expiry, or when revoked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from projects.scoping import Scope, ScopedQuerySet

# The roles a project key may read as (projects.models.Role's values).
PROJECT_KEY_ROLES = ("steering", "consultant")


class ApiTokenKind(models.TextChoices):
    PERSONAL = "personal", _("Personlig nøgle")
    PROJECT = "project", _("Forløbsnøgle")


class ApiToken(TimeStampedModel):
    """A key to the read API (/api/v1/)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("ejer"),
    )
    name = models.CharField(
        _("navn"),
        max_length=100,
        help_text=_("Hvad nøglen bruges til, fx “Power BI, økonomiafdelingen”."),
    )
    kind = models.CharField(_("slags"), max_length=10, choices=ApiTokenKind.choices)
    project = models.ForeignKey(
        "synergy.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forløb"),
    )
    role = models.CharField(
        _("læser som"),
        max_length=20,
        blank=True,
        help_text=_("Den rolle, en forløbsnøgle læser med."),
    )
    prefix = models.CharField(_("nøglens begyndelse"), max_length=16, unique=True)
    key_digest = models.CharField(max_length=64)
    expires_at = models.DateTimeField(_("udløber"))
    last_used_at = models.DateTimeField(_("sidst brugt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)

    scope = Scope.personal(owner="owner", project="project")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")
        constraints = [
            # A project key names its project and role; a personal key neither.
            models.CheckConstraint(
                condition=(
                    Q(
                        kind=ApiTokenKind.PROJECT,
                        project__isnull=False,
                        role__in=PROJECT_KEY_ROLES,
                    )
                    | Q(kind=ApiTokenKind.PERSONAL, project__isnull=True, role="")
                ),
                name="api_token_kind_matches_project",
            ),
            # One live key per name and owner (a double click makes one).
            models.UniqueConstraint(
                fields=["owner", "name"],
                condition=Q(revoked_at__isnull=True),
                name="api_token_live_name_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_project_key(self) -> bool:
        return self.kind == ApiTokenKind.PROJECT

    def get_role_display_text(self) -> str:
        """The role a project key reads as, in words ("styregruppe", "konsulent")."""
        from projects.models import Role

        return str(Role(self.role).label).lower() if self.role else ""

    def is_live(self, now=None) -> bool:
        """Neither revoked nor expired."""
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now
