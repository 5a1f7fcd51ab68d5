"""Every stored field is in the data inventory with a category and a retention."""

from django.apps import apps

from synergy import data_inventory as inventory


def stored_fields():
    models = [
        m for label in inventory.APPS for m in apps.get_app_config(label).get_models()
    ]
    models += [apps.get_model(label) for label in inventory.EXTRA_MODELS]
    return {
        f"{model._meta.label}.{field.name}"
        for model in models
        for field in model._meta.get_fields()
        if field.concrete
    }


def test_every_field_is_in_the_inventory_and_nothing_else():
    stored = stored_fields()
    missing = sorted(stored - set(inventory.INVENTORY))
    stale = sorted(set(inventory.INVENTORY) - stored)
    assert missing == [], f"add these fields to synergy/data_inventory.py: {missing}"
    assert stale == [], f"these fields no longer exist: {stale}"


def test_every_entry_has_a_known_category_and_retention():
    categories = {
        inventory.NONE,
        inventory.STAFF,
        inventory.CITIZEN,
        inventory.FREE_TEXT,
    }
    retentions = {
        inventory.PROJECT,
        inventory.PURGE,
        inventory.ACCOUNT,
        inventory.LOCKOUT,
        inventory.AUDIT,
        inventory.OPERATIONS,
    }
    for name, (category, retention) in inventory.INVENTORY.items():
        assert category in categories, name
        assert retention in retentions, name


def test_citizen_data_is_purged_and_never_kept_for_the_whole_project():
    for name in inventory.fields(category=inventory.CITIZEN):
        assert inventory.INVENTORY[name][1] == inventory.PURGE, name
    assert "initiatives.Quote.speaker_label" in inventory.fields(
        category=inventory.CITIZEN
    )
