"""State that only a service may change, declared once per app; Django admin reads it.

An app declares `OWNED_STATE = {Model: ("field", …)}` in its `services` module, next
to the services that own those fields (a status, a version, who decided and when), or
`{Model: ALL}` for a log whose rows only services write (transitions, events). Apps
whose services module is being reorganised may declare it in their `admin` module.

Admin classes take core.admin.OwnedStateAdmin (or its inlines): the owned fields
are read-only, and a log can be viewed but not added to or changed.
synergy/tests/test_admin_owned_state.py walks the admin registry and checks it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import import_module
from importlib.util import find_spec
from typing import Final

from django.apps import apps
from django.db import models

ALL: Final = "__all__"
"""Every field: the model is a log written only by services."""

Declaration = tuple[str, ...] | str
MODULES = ("services", "admin")


@functools.cache
def declarations() -> Mapping[type[models.Model], Declaration]:
    """{model: owned fields or ALL} from every installed app's declaration."""
    found: dict[type[models.Model], Declaration] = {}
    for app_config in apps.get_app_configs():
        for name in MODULES:
            module_name = f"{app_config.name}.{name}"
            if find_spec(module_name) is None:
                continue
            found.update(getattr(import_module(module_name), "OWNED_STATE", {}))
    return found


def is_log(model: type[models.Model]) -> bool:
    return declarations().get(model) == ALL


def owned_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The names of `model`'s fields that only a service changes."""
    declared = declarations().get(model, ())
    if declared == ALL:
        return tuple(
            f.name
            for f in model._meta.get_fields()
            if f.concrete and not f.auto_created and not f.many_to_many
        )
    return tuple(declared)
