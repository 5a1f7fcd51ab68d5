"""The database cache table (CACHES defaults to it), created by `migrate` so no
deployment step can forget it. With CACHE_URL=redis://… there is nothing to create."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command(
        "createcachetable", database=schema_editor.connection.alias, verbosity=0
    )


class Migration(migrations.Migration):
    dependencies = [("synergy", "0002_project_personal_data_retention")]

    operations = [
        migrations.RunPython(create_cache_tables, migrations.RunPython.noop),
    ]
