"""WorkerHeartbeat moved from the projects app (label "synergy") to core. Its table,
synergy_workerheartbeat, made by synergy 0005, stays: only Django's model state moves."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("synergy", "0005_worker_heartbeat"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="WorkerHeartbeat",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("worker_id", models.CharField(max_length=64, unique=True, verbose_name="arbejdsproces")),
                        ("hostname", models.CharField(max_length=255, verbose_name="maskine")),
                        ("pid", models.PositiveIntegerField(verbose_name="proces-id")),
                        ("started_at", models.DateTimeField(verbose_name="startet")),
                        ("last_seen", models.DateTimeField(db_index=True, verbose_name="sidst set")),
                        ("task_id", models.CharField(blank=True, help_text="Tom, når arbejdsprocessen venter på en opgave.", max_length=64, verbose_name="opgave i gang")),
                    ],
                    options={
                        "verbose_name": "arbejdsproces",
                        "verbose_name_plural": "arbejdsprocesser",
                        "ordering": ["-last_seen"],
                        "db_table": "synergy_workerheartbeat",
                    },
                ),
            ],
        ),
    ]
