"""The task worker's heartbeat, what counts as a lost task, reconnection with backoff,
and the health checks of the web tier and the worker (core/worker.py).

The worker killed for real, and the database cut under it, are in
reporting/tests/test_worker_faults.py (PostgreSQL, real processes)."""

import datetime
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.db import OperationalError
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import worker
from core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def dead_pid():
    """The id of a process that has ended (and been reaped) on this machine."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def heartbeat(worker_id="w1", *, age=0, pid=None, hostname=None):
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        hostname=hostname or worker.HOSTNAME,
        pid=pid or os.getpid(),
        started_at=timezone.now() - datetime.timedelta(seconds=age + 5),
        last_seen=timezone.now() - datetime.timedelta(seconds=age),
    )


def task(status=TaskResultStatus.RUNNING, *, worker_id="w1", started_ago=10, **extra):
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="reporting.tasks.render_catalogue",
        backend_name="default",
        run_after=timezone.now(),
        worker_ids=[worker_id] if worker_id else [],
        started_at=timezone.now() - datetime.timedelta(seconds=started_ago)
        if status != TaskResultStatus.READY
        else None,
        **extra,
    )


# What counts as a lost task


def test_a_running_task_of_a_live_worker_is_running():
    heartbeat(age=1)
    assert worker.task_state(str(task().pk)) == worker.TaskState.RUNNING


def test_a_worker_killed_on_this_machine_is_dead_at_once():
    heartbeat(age=1, pid=dead_pid())  # fresh heartbeat, but the process is gone
    assert worker.task_state(str(task().pk)) == worker.TaskState.LOST


def test_a_silent_worker_is_dead_after_the_timeout():
    with override_settings(WORKER_HEARTBEAT_TIMEOUT=60):
        heartbeat(age=61, hostname="another-machine", pid=1)
        assert worker.task_state(str(task().pk)) == worker.TaskState.LOST
        WorkerHeartbeat.objects.update(last_seen=timezone.now())
        # On another machine a fresh heartbeat is all we can know: alive.
        assert worker.task_state(str(task().pk)) == worker.TaskState.RUNNING


def test_a_task_claimed_by_a_worker_without_heartbeat_is_lost_after_the_timeout():
    with override_settings(WORKER_HEARTBEAT_TIMEOUT=60):
        assert (
            worker.task_state(str(task(started_ago=5).pk)) == worker.TaskState.RUNNING
        )
        assert worker.task_state(str(task(started_ago=61).pk)) == worker.TaskState.LOST


def test_queued_finished_and_unknown_tasks():
    assert worker.task_state(str(task(TaskResultStatus.READY).pk)) == "queued"
    # Finished while the record waiting for it is still pending: it never did its work.
    assert worker.task_state(str(task(TaskResultStatus.SUCCESSFUL).pk)) == "lost"
    assert worker.task_state(str(task(TaskResultStatus.FAILED).pk)) == "lost"
    # Not in the database queue (tests run tasks at once) or no task at all.
    assert worker.task_state("8c2e7b9a-1f7e-4a53-9d1c-2b9c8f1d0e11") == "unknown"
    assert worker.task_state("") == "unknown"


def test_the_tasks_of_dead_workers_are_failed_and_the_others_kept():
    heartbeat("alive", age=1)
    heartbeat("killed", age=1, pid=dead_pid())
    kept = task(worker_id="alive")
    lost = task(worker_id="killed")
    assert worker.fail_tasks_of_dead_workers() == 1
    kept.refresh_from_db()
    lost.refresh_from_db()
    assert kept.status == TaskResultStatus.RUNNING
    assert lost.status == TaskResultStatus.FAILED
    assert lost.exception_class_path == worker.LOST_CLASS_PATH
    assert lost.finished_at is not None


def test_after_reconnecting_a_worker_fails_only_its_own_running_tasks():
    heartbeat("me", age=1)
    heartbeat("other", age=1)
    mine = task(worker_id="me")
    theirs = task(worker_id="other")
    assert worker.fail_tasks_of("me") == 1
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == ("FAILED", "RUNNING")


# The heartbeat and reconnection


def test_a_beat_writes_the_heartbeat_fails_lost_tasks_and_tells_the_apps():
    heartbeat("killed", age=1, pid=dead_pid())
    lost = task(worker_id="killed")
    supervised = worker.SupervisedWorker(**worker_options(worker_id="me"))
    supervised.current_task_id = "abc"
    ticks = []
    worker.worker_tick.connect(
        lambda sender, **kw: ticks.append(sender), weak=False, dispatch_uid="t"
    )
    try:
        supervised.heartbeat.beat()
    finally:
        worker.worker_tick.disconnect(dispatch_uid="t")
    row = WorkerHeartbeat.objects.get(worker_id="me")
    assert (row.pid, row.hostname, row.task_id) == (os.getpid(), worker.HOSTNAME, "abc")
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED
    assert ticks == [worker.Heartbeat]


def test_old_heartbeats_are_deleted():
    heartbeat("gone", age=2 * 24 * 3600)
    supervised = worker.SupervisedWorker(**worker_options(worker_id="me"))
    supervised.heartbeat.beat()
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["me"]


def worker_options(**overrides):
    options = {
        "queue_names": ["default"],
        "interval": 0.1,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "w",
        "excluded_queue_names": [],
    }
    return {**options, **overrides}


def test_the_worker_waits_longer_each_time_the_database_is_away_and_goes_on():
    supervised = worker.SupervisedWorker(**worker_options())
    outcomes = [OperationalError("server closed the connection unexpectedly")] * 3
    calls = []

    def library_run(self):
        calls.append("run")
        if outcomes:
            raise outcomes.pop(0)
        return None

    sleeps = []
    with (
        mock.patch.object(worker.Worker, "run", library_run),
        mock.patch.object(worker.Heartbeat, "start"),
        mock.patch.object(worker.time, "sleep", sleeps.append),
        mock.patch.object(worker, "fail_tasks_of") as fail_own,
        # Not the test's own connection (it holds the test's transaction).
        mock.patch.object(worker, "connections") as connections,
    ):
        supervised.run()
    assert calls == ["run"] * 4  # it did not exit after the first failure
    assert [round(s) for s in sleeps] == [1, 2, 4]
    assert fail_own.call_count == 3  # after each reconnection, its interrupted task
    assert connections.close_all.call_count == 3  # a fresh connection each time


def test_the_backoff_is_capped_and_starts_again_after_a_quiet_minute():
    backoff = worker.Backoff(cap=30, reset_after=60)
    delays = [backoff.next_delay(now=float(i)) for i in range(8)]
    # With up to 10 % jitter, so that many workers do not knock at once.
    for delay, base in zip(delays, [1, 2, 4, 8, 16, 30, 30, 30], strict=True):
        assert base <= delay <= base * 1.1
    assert 1 <= backoff.next_delay(now=1000.0) <= 1.1
    for second in range(2000):  # a long outage: still the cap, never an overflow
        delay = backoff.next_delay(now=1000.0 + second)
    assert 30 <= delay <= 33


def test_a_stop_while_the_database_is_away_ends_the_worker():
    supervised = worker.SupervisedWorker(**worker_options())
    supervised.running = False

    def library_run(self):
        raise OperationalError("down")

    with (
        mock.patch.object(worker.Worker, "run", library_run),
        mock.patch.object(worker.Heartbeat, "start"),
        mock.patch.object(worker, "connections"),
        pytest.raises(OperationalError),
    ):
        supervised.run()


# Health checks


def test_the_worker_health_is_503_without_a_heartbeat(client):
    response = client.get(reverse("healthz_worker"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["workers_alive"] == 0
    assert body["last_heartbeat_age_seconds"] is None


def test_the_worker_health_reports_the_heartbeat_and_the_oldest_queued_task(client):
    heartbeat(age=3)
    task(TaskResultStatus.READY)
    DBTaskResult.objects.update(
        enqueued_at=timezone.now() - datetime.timedelta(seconds=40)
    )
    response = client.get(reverse("healthz_worker"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["workers_alive"] == 1
    assert 2.5 <= body["last_heartbeat_age_seconds"] <= 10
    assert body["queued"] == 1 and 39 <= body["oldest_queued_age_seconds"] <= 50
    assert set(body) == {
        "status",
        "workers_alive",
        "last_heartbeat_age_seconds",
        "queued",
        "oldest_queued_age_seconds",
        "running",
    }  # counts and ages only: no host names, process ids or task names


def test_the_worker_health_is_503_when_a_task_has_waited_too_long(client):
    heartbeat(age=1)
    task(TaskResultStatus.READY)
    DBTaskResult.objects.update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=6)
    )
    with override_settings(TASK_QUEUE_MAX_WAIT=300):
        response = client.get(reverse("healthz_worker"))
    assert response.status_code == 503
    assert response.json()["workers_alive"] == 1


def test_the_worker_health_is_503_when_the_only_worker_was_killed(client):
    heartbeat(age=1, pid=dead_pid())
    assert client.get(reverse("healthz_worker")).status_code == 503


def test_the_web_health_is_503_when_the_shared_cache_fails(client):
    with mock.patch("core.views.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "cache": "error",
    }
    assert "redis" not in response.content.decode()
