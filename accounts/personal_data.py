"""What accounts' tables hold, for the personal-data inventory (core/inventory.py):
"app.Model.field": (category, retention)."""

from core.inventory import ACCOUNT, NONE, STAFF, register

register(
    {
        # accounts.ApiToken: a person's keys to the read API; go with the account
        # (erased with it: privacy.gdpr.erase_user).
        "accounts.ApiToken.id": (NONE, ACCOUNT),
        "accounts.ApiToken.created_at": (STAFF, ACCOUNT),
        "accounts.ApiToken.updated_at": (NONE, ACCOUNT),
        "accounts.ApiToken.owner": (STAFF, ACCOUNT),
        "accounts.ApiToken.name": (STAFF, ACCOUNT),
        "accounts.ApiToken.kind": (NONE, ACCOUNT),
        "accounts.ApiToken.project": (NONE, ACCOUNT),
        "accounts.ApiToken.role": (NONE, ACCOUNT),
        "accounts.ApiToken.prefix": (NONE, ACCOUNT),
        "accounts.ApiToken.key_digest": (NONE, ACCOUNT),
        "accounts.ApiToken.expires_at": (NONE, ACCOUNT),
        "accounts.ApiToken.last_used_at": (STAFF, ACCOUNT),
        "accounts.ApiToken.revoked_at": (NONE, ACCOUNT),
    }
)
