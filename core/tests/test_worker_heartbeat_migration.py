"""A database made before WorkerHeartbeat moved to core keeps its table, rows and the
permissions granted on it (core 0001 moves the model's state, core 0002 its content
type)."""

import pytest
from django.contrib.contenttypes.models import ContentType as DjangoContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("synergy", "0005_worker_heartbeat"),
    ("contenttypes", "0002_remove_content_type_name"),
    ("auth", "0012_alter_user_first_name_max_length"),
]
AFTER = [("core", "0002_worker_heartbeat_content_type")]


@pytest.mark.django_db(transaction=True)
def test_an_old_database_keeps_its_heartbeats_and_the_view_permission():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    Heartbeat = old.get_model("synergy", "WorkerHeartbeat")
    # As before the move: the only content type of the model is synergy's.
    ContentType.objects.filter(model="workerheartbeat").delete()
    content_type = ContentType.objects.create(
        app_label="synergy", model="workerheartbeat"
    )
    permission = Permission.objects.create(
        content_type=content_type, codename="view_workerheartbeat", name="Can view"
    )
    Heartbeat.objects.create(
        worker_id="w1",
        hostname="h",
        pid=1,
        started_at="2026-12-01T10:00Z",
        last_seen="2026-12-01T10:00Z",
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    assert new.get_model("core", "WorkerHeartbeat").objects.get().worker_id == "w1"
    moved = new.get_model("contenttypes", "ContentType").objects.get(pk=content_type.pk)
    assert moved.app_label == "core"
    assert (
        new.get_model("auth", "Permission")
        .objects.get(pk=permission.pk)
        .content_type_id
        == moved.pk
    )

    # Back to the latest state for the tests after this one.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    DjangoContentType.objects.clear_cache()
