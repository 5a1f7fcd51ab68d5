"""The content type of WorkerHeartbeat follows the model to core, so what was granted on
it (the admin's view permission) and what refers to it stays valid. A database made
after the move has no old content type: nothing to do."""

from django.db import migrations


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label="synergy", model="workerheartbeat")
    if not old.exists():
        return
    # A content type made for core already (by a `migrate` that ran the post-migrate
    # signal between the two migrations) is empty: the old one, with its
    # permissions, takes its place.
    ContentType.objects.filter(app_label="core", model="workerheartbeat").delete()
    old.update(app_label="core")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="synergy", model="workerheartbeat").delete()
    ContentType.objects.filter(app_label="core", model="workerheartbeat").update(
        app_label="synergy"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_worker_heartbeat"),
        ("synergy", "0006_worker_heartbeat_moved_to_core"),
    ]

    operations = [migrations.RunPython(move_content_type, move_content_type_back)]
