"""Row counts of every table Django knows, as JSON: run it against a database and its
restored copy, and compare (scripts/restore-check)."""

import json
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = "Antal rækker i hver tabel som JSON (til at bevise en genindlæst backup)."

    def handle(self, *args: Any, **options: Any) -> None:
        tables = set(connection.introspection.table_names())
        counts: dict[str, int] = {}
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in tables and table not in counts:
                counts[table] = model._base_manager.count()
        self.stdout.write(json.dumps(dict(sorted(counts.items())), indent=1))
