"""The task worker that survives its own failures, and what the web tier asks about it.

django-tasks-db's own worker (`db_worker`) exits for good when the database is
unreachable for a moment, and a worker killed while it runs a task leaves that task
"running" for ever. `manage.py run_worker` (core/management/commands/run_worker.py)
runs the same worker under these rules:

- **A heartbeat.** A thread writes the worker's `WorkerHeartbeat` row every
  WORKER_HEARTBEAT_SECONDS, also while a long task runs. A worker is alive while its
  heartbeat is younger than WORKER_HEARTBEAT_TIMEOUT and, on the same machine, while
  its process exists (so a worker killed with `kill -9` is known dead at once there).
- **Lost tasks are failed.** Each beat fails the running tasks whose worker is dead and
  sends `worker_tick`, on which apps mend their own records (reporting fails a catalogue
  render whose task was lost, so it can be requested again).
- **The database may go away.** When a query fails because the connection is gone, the
  worker closes its connections and tries again after 1, 2, 4 … 30 seconds; once back,
  it fails the task it was running when the connection went (it can no longer finish).

Every way a process ends is covered: an exception in the task (the task's own handler),
a second SIGTERM or Ctrl+C (SystemExit raised inside the task: the same handler, which
must catch BaseException), `kill -9` or a lost machine (the heartbeat).
"""

from __future__ import annotations

import datetime
import logging
import os
import random
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import (
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)
from django.db.models.functions import Now
from django.dispatch import Signal
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from core.models import WorkerHeartbeat

logger = logging.getLogger("core.worker")

HOSTNAME = socket.gethostname()

# The errors of a database that cannot be reached (or a connection that was cut).
CONNECTION_ERRORS = (OperationalError, InterfaceError)

# Sent by every live worker each heartbeat (and after it reconnects), from the worker's
# heartbeat thread: receivers fail their own records whose task was lost.
worker_tick = Signal()

LOST_CLASS_PATH = "core.worker.WorkerLost"


class TaskState:
    """What became of a queued task, as far as the web tier can tell."""

    QUEUED = "queued"  # waiting for a worker
    RUNNING = "running"  # a live worker runs it
    LOST = (
        "lost"  # will never finish: its worker died, or it ended without doing its work
    )
    UNKNOWN = "unknown"  # not in the database queue (tests run tasks at once)


def heartbeat_timeout() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.WORKER_HEARTBEAT_TIMEOUT)


def _process_gone(heartbeat: WorkerHeartbeat) -> bool:
    """True when the heartbeat's process is known not to exist: only on this machine."""
    if heartbeat.hostname != HOSTNAME:
        return False
    try:
        os.kill(heartbeat.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, as another user
        return False
    return False


def heartbeat_alive(
    heartbeat: WorkerHeartbeat | None, *, now: datetime.datetime | None = None
) -> bool:
    if heartbeat is None:
        return False
    now = now or timezone.now()
    return heartbeat.last_seen >= now - heartbeat_timeout() and not _process_gone(
        heartbeat
    )


def _task_worker_dead(
    task: DBTaskResult,
    heartbeats: Mapping[str, WorkerHeartbeat],
    now: datetime.datetime,
) -> bool:
    worker_id = task.worker_ids[-1] if task.worker_ids else None
    heartbeat = heartbeats.get(worker_id) if worker_id is not None else None
    if heartbeat is None:
        # Not a supervised worker (or its row was pruned): dead once it could have
        # written a heartbeat.
        return task.started_at is None or task.started_at < now - heartbeat_timeout()
    return not heartbeat_alive(heartbeat, now=now)


def task_state(task_id: str) -> str:
    """The state of one task in the database queue (see TaskState)."""
    if not task_id:
        return TaskState.UNKNOWN
    task = (
        DBTaskResult.objects.filter(pk=task_id)
        .only("status", "worker_ids", "started_at")
        .first()
    )
    if task is None:
        return TaskState.UNKNOWN
    if task.status == TaskResultStatus.READY:
        return TaskState.QUEUED
    if task.status == TaskResultStatus.RUNNING:
        worker_id = task.worker_ids[-1] if task.worker_ids else None
        heartbeats = {
            h.worker_id: h for h in WorkerHeartbeat.objects.filter(worker_id=worker_id)
        }
        if _task_worker_dead(task, heartbeats, timezone.now()):
            return TaskState.LOST
        return TaskState.RUNNING
    # Finished (successful or failed) while the record that waits for it is still
    # pending: the task ended without doing its work.
    return TaskState.LOST


def _fail_tasks(ids: list, reason: str) -> int:
    if not ids:
        return 0
    return DBTaskResult.objects.filter(
        pk__in=ids, status=TaskResultStatus.RUNNING
    ).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path=LOST_CLASS_PATH,
        traceback=f"WorkerLost: {reason}",
        return_value=None,
    )


def fail_tasks_of_dead_workers(*, alive: str | None = None) -> int:
    """Fail the running tasks whose worker is dead. Returns how many.

    `alive` is the calling worker's own id: it knows it is alive, even when its own
    heartbeat is old because the database hung under it for a while."""
    now = timezone.now()
    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
            "worker_ids", "started_at"
        )
    )
    if not running:
        return 0
    worker_ids = {task.worker_ids[-1] for task in running if task.worker_ids}
    heartbeats = {
        h.worker_id: h for h in WorkerHeartbeat.objects.filter(worker_id__in=worker_ids)
    }
    lost = [
        task.pk
        for task in running
        if not (alive and task.worker_ids and task.worker_ids[-1] == alive)
        and _task_worker_dead(task, heartbeats, now)
    ]
    count = _fail_tasks(lost, "the worker running this task stopped")
    if count:
        logger.warning("failed %d task(s) whose worker stopped", count)
    return count


def fail_tasks_of(worker_id: str) -> int:
    """Fail the tasks this worker left running (it is alive, but runs none of them)."""
    mine = [
        task.pk
        for task in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
            "worker_ids"
        )
        if task.worker_ids and task.worker_ids[-1] == worker_id
    ]
    count = _fail_tasks(mine, "the database connection was lost while it ran")
    if count:
        logger.warning("failed %d task(s) interrupted by a lost connection", count)
    return count


@dataclass(frozen=True)
class QueueHealth:
    workers_alive: int
    last_heartbeat_age: float | None  # seconds; None when no worker ever beat
    queued: int
    oldest_queued_age: float | None  # seconds
    running: int

    @property
    def ok(self) -> bool:
        return self.workers_alive > 0 and (
            self.oldest_queued_age is None
            or self.oldest_queued_age <= settings.TASK_QUEUE_MAX_WAIT
        )

    def as_dict(self) -> dict:
        return {
            "status": "ok" if self.ok else "unavailable",
            "workers_alive": self.workers_alive,
            "last_heartbeat_age_seconds": _rounded(self.last_heartbeat_age),
            "queued": self.queued,
            "oldest_queued_age_seconds": _rounded(self.oldest_queued_age),
            "running": self.running,
        }


def _rounded(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 1)


def queue_health() -> QueueHealth:
    """The workers' heartbeats and the queue's age, for /healthz/worker and the pages."""
    now = timezone.now()
    alive = live_heartbeats(now=now)
    last = WorkerHeartbeat.objects.order_by("-last_seen").values_list(
        "last_seen", flat=True
    )[:1]
    queued = DBTaskResult.objects.ready()
    oldest = queued.order_by("enqueued_at").values_list("enqueued_at", flat=True)[:1]
    return QueueHealth(
        workers_alive=len(alive),
        last_heartbeat_age=(now - last[0]).total_seconds() if last else None,
        queued=queued.count(),
        oldest_queued_age=(now - oldest[0]).total_seconds() if oldest else None,
        running=DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count(),
    )


def live_heartbeats(*, now: datetime.datetime | None = None) -> list[WorkerHeartbeat]:
    """The heartbeats of the workers alive now (see heartbeat_alive)."""
    now = now or timezone.now()
    recent = WorkerHeartbeat.objects.filter(last_seen__gte=now - heartbeat_timeout())
    return [h for h in recent if heartbeat_alive(h, now=now)]


def workers_alive() -> bool:
    return bool(live_heartbeats())


# The worker


class Backoff:
    """1, 2, 4 … `cap` seconds (with a little jitter); starts again at 1 once the last
    failure is longer ago than `reset_after`."""

    def __init__(self, *, cap: float = 30.0, reset_after: float = 60.0):
        self.cap = cap
        self.reset_after = reset_after
        self.attempt = 0
        self.last_failure: float | None = None

    def next_delay(self, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        if self.last_failure is not None and now - self.last_failure > self.reset_after:
            self.attempt = 0
        self.last_failure = now
        delay = min(self.cap, 2.0 ** min(self.attempt, 16))
        self.attempt += 1
        return delay * (1 + random.random() * 0.1)  # noqa: S311 (not for security)


class Heartbeat(threading.Thread):
    """Writes the worker's heartbeat every `interval` seconds, fails the tasks of dead
    workers and sends `worker_tick`. Uses its own database connection; a database error
    is logged and tried again at the next beat."""

    def __init__(self, worker: SupervisedWorker, interval: float):
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker = worker
        self.interval = interval
        self.started_at = timezone.now()
        self.stopping = threading.Event()
        self.failing = False

    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker.worker_id,
            defaults={
                "hostname": HOSTNAME,
                "pid": os.getpid(),
                "started_at": self.started_at,
                # The database's clock when the row is written, not ours before the
                # query: after a connection that hung, the heartbeat is still fresh.
                "last_seen": Now(),
                "task_id": self.worker.current_task_id or "",
            },
        )
        now = timezone.now()
        fail_tasks_of_dead_workers(alive=self.worker.worker_id)
        worker_tick.send(sender=Heartbeat)
        # Heartbeats of workers stopped more than a day ago are of no use.
        WorkerHeartbeat.objects.filter(
            last_seen__lt=now - datetime.timedelta(days=1)
        ).delete()

    def run(self) -> None:
        try:
            while True:
                try:
                    close_old_connections()  # this thread's own connection
                    self.beat()
                    if self.failing:
                        logger.warning("heartbeat: the database answers again")
                    self.failing = False
                except CONNECTION_ERRORS as error:
                    if not self.failing:
                        logger.warning(
                            "heartbeat: database unavailable (%s)", _first_line(error)
                        )
                    self.failing = True
                    connections.close_all()
                except Exception:
                    logger.exception("heartbeat failed")
                if self.stopping.wait(self.interval):
                    break
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.stopping.set()


class SupervisedWorker(Worker):
    """django-tasks-db's worker with a heartbeat and reconnection (see the module)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.current_task_id: str | None = None
        self.backoff = Backoff(cap=settings.WORKER_RECONNECT_MAX_SECONDS)
        self.heartbeat = Heartbeat(self, settings.WORKER_HEARTBEAT_SECONDS)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.current_task_id = str(db_task_result.pk)
        try:
            super().run_task(db_task_result)
        finally:
            self.current_task_id = None

    def run(self) -> None:
        # The thread beats at once: the worker is known alive from its first moment.
        self.heartbeat.start()
        reconnecting = False
        try:
            while True:
                try:
                    if reconnecting:
                        # Back: what this worker was running when the connection went
                        # can no longer finish.
                        fail_tasks_of(self.worker_id)
                        worker_tick.send(sender=SupervisedWorker)
                        logger.warning(
                            "worker %s: the database answers again", self.worker_id
                        )
                        reconnecting = False
                    return super().run()
                except CONNECTION_ERRORS as error:
                    if not self.running:
                        raise
                    self.running_task = False
                    self.current_task_id = None
                    self.startup_delay = False
                    connections.close_all()
                    delay = self.backoff.next_delay()
                    logger.warning(
                        "worker %s: database unavailable (%s); trying again in %.0f s",
                        self.worker_id,
                        _first_line(error),
                        delay,
                    )
                    reconnecting = True
                    time.sleep(delay)
        finally:
            self.heartbeat.stop()


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
