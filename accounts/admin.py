from django.contrib import admin

from core.admin import OwnedStateAdmin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(OwnedStateAdmin):
    """API keys: who owns which, and when each was last used. Only the owner makes a
    key (the key is shown once); here a key can be revoked or shortened."""

    list_display = [
        "name",
        "prefix",
        "owner",
        "kind",
        "project",
        "role",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["kind", "project"]
    search_fields = ["name", "prefix", "owner__username"]
    list_select_related = ["owner", "project"]
    exclude = ["key_digest"]

    def has_add_permission(self, request, *args):
        return False
