"""Every stored field is in the data inventory with a category and a retention."""

import importlib
from pathlib import Path

from django.apps import apps
from django.conf import settings

from core import inventory


def our_apps():
    """The installed apps whose code is in this repository (a new app is covered the
    day it is added to INSTALLED_APPS)."""
    base = Path(settings.BASE_DIR).resolve()
    return [
        config
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and ".venv" not in Path(config.path).parts
    ]


def stored_fields():
    models = [m for config in our_apps() for m in config.get_models()]
    models += [apps.get_model(label) for label in inventory.EXTRA_MODELS]
    return {
        f"{model._meta.label}.{field.name}"
        for model in models
        for field in model._meta.get_fields()
        if field.concrete
    }


def test_every_field_is_in_the_inventory_and_nothing_else():
    stored = stored_fields()
    missing = sorted(stored - set(inventory.inventory()))
    stale = sorted(set(inventory.inventory()) - stored)
    assert missing == [], f"add these fields to their app's personal_data.py: {missing}"
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
        inventory.LIBRARY,
    }
    for name, (category, retention) in inventory.inventory().items():
        assert category in categories, name
        assert retention in retentions, name


def test_citizen_data_is_purged_and_never_kept_for_the_whole_project():
    for name in inventory.fields(category=inventory.CITIZEN):
        assert inventory.inventory()[name][1] == inventory.PURGE, name
    assert "initiatives.Quote.speaker_label" in inventory.fields(
        category=inventory.CITIZEN
    )


def test_our_apps_are_the_layers_of_the_architecture():
    """The completeness check walks the apps it finds; if it found none of ours it
    would pass on nothing."""
    labels = {config.label for config in our_apps()}
    assert {"core", "synergy", "sites", "initiatives", "testing", "reporting"} <= labels


def test_each_app_lists_its_own_fields_only():
    """An app's personal_data.py lists the fields of its own models (and core the
    libraries' user and failed-login rows), so the inventory lives with the models."""
    for config in our_apps():
        try:
            module = importlib.import_module(f"{config.name}.personal_data")
        except ModuleNotFoundError:
            assert not list(config.get_models()), f"{config.name}: no personal_data.py"
            continue
        source = Path(module.__file__).read_text()
        own = {m._meta.label for m in config.get_models()}
        if config.name == "core":
            own |= set(inventory.EXTRA_MODELS)
        listed = {
            name.rsplit(".", 1)[0]
            for name in inventory.inventory()
            if f'"{name}"' in source
        }
        assert listed <= own, f"{config.name}/personal_data.py lists {listed - own}"
