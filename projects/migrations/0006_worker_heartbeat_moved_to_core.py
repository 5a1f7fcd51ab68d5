"""WorkerHeartbeat now belongs to core (core 0001); its table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("synergy", "0005_worker_heartbeat"),
        ("core", "0001_worker_heartbeat"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="WorkerHeartbeat")],
        ),
    ]
