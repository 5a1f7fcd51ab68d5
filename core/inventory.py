"""Data inventory (GDPR art. 30): every stored field, what kind of data it holds and how
long it is kept. Each app lists its own fields in `<app>/personal_data.py`;
`synergy/tests/test_data_inventory.py` fails when a model of any of our apps gets a field
that is not listed, so nobody adds personal data without deciding its retention.

Categories
- NONE: no personal data (structure, figures, dates, states).
- STAFF: about the app's users (municipal staff, consultants): accounts and the
  references that say who did what.
- CITIZEN: about citizens: quotes and who said them, interview notes, photos, free-text
  answers and comments in test schemas. May contain special-category data in free text;
  the consultant reviews quotes before they are shown or printed.
- FREE_TEXT: project texts written by staff; not meant to hold personal data.

Retention
- PROJECT: kept as long as the project; deleted with it.
- PURGE: deleted `Project.personal_data_retention_days` after the project's end date
  by `manage.py gdpr_purge` (run daily), or earlier by `manage.py gdpr_erase`.
- LIBRARY: the library of test kits, shared by the consultants of all projects: kept
  until a consultant deletes the kit (it belongs to no project).
- ACCOUNT: kept while the user account exists; `manage.py gdpr_erase --user`
  anonymises the account (the references then point at "slettet-<id>").

Files: photos (testing.Photo.file) and catalogue PDFs (reporting.CatalogueRender.file)
are deleted from storage with their rows; a PDF that printed an erased quote is deleted.

Outside the models: sessions (django_session, until they end; erasing a user ends
theirs) and the cache (`synergi_cache` table or Redis), which holds password-reset
counters keyed by an HMAC of the e-mail and client address, never the addresses
themselves, for one hour. Logs hold account ids, never names or addresses.
"""

from core.registry import Registry

NONE = "none"
STAFF = "staff"
CITIZEN = "citizen"
FREE_TEXT = "free_text"

PROJECT = "project"
PURGE = "purge"
ACCOUNT = "account"
LOCKOUT = "lockout"  # failed logins: until the cool-off ends or the login succeeds
AUDIT = "audit"  # the audit trail: AUDIT_RETENTION_DAYS (3 years), then gdpr_purge
OPERATIONS = "operations"
LIBRARY = "library"  # test kits: kept until a consultant deletes the kit  # worker heartbeats: deleted a day after the worker stopped

# Models of the libraries we use whose rows hold personal data (the rest of theirs
# hold none of ours: sessions and the cache are described above).
EXTRA_MODELS = ["auth.User", "axes.AccessAttempt"]

_registry: Registry[dict[str, tuple[str, str]]] = Registry("personal_data")


def register(entries: dict[str, tuple[str, str]]) -> None:
    """An app's fields: {"app.Model.field": (category, retention)}."""
    _registry.register(entries)


def inventory() -> dict[str, tuple[str, str]]:
    """Every app's entries: {"app.Model.field": (category, retention)}."""
    merged: dict[str, tuple[str, str]] = {}
    for entries in _registry:
        merged.update(entries)
    return merged


def fields(category: str | None = None, retention: str | None = None) -> list[str]:
    """The "app.Model.field" names with this category and/or retention."""
    return [
        name
        for name, (kind, keep) in inventory().items()
        if (category is None or kind == category)
        and (retention is None or keep == retention)
    ]
