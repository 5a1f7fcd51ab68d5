"""Fault tests with real processes on PostgreSQL: the task worker killed in the middle of
a catalogue PDF (kill -9, two SIGTERMs) and the database cut away under it.

Each test starts `manage.py run_worker` as a child process on the test database (the
base settings, so the tasks go through the database queue), and the web side through
the test client. The database outage is made by a TCP proxy in front of PostgreSQL that
the test closes and opens again: the worker sees refused and cut connections, as in a
restart of the database server."""

import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from core.models import WorkerHeartbeat
from reporting import services
from reporting.models import RenderFailure, RenderStatus
from reporting.tests.factories import chapter_for

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="real worker processes share the database: PostgreSQL only (make test-postgres)",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("database_queue"),
]

ROOT = Path(__file__).resolve().parents[2]
LONG_TEXT = (
    "Borgerne blev vist videre fra skranken til bibliotekets IT-hjælp, og "
    "medarbejderne fulgte op samme dag. "
) * 40


@pytest.fixture
def database_queue():
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ):
        yield


def database_url(port=None):
    params = connection.settings_dict
    user = params.get("USER") or "postgres"
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host = params.get("HOST") or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{port or params.get('PORT') or 5432}/{params['NAME']}"


class WorkerProcess:
    """`manage.py run_worker` as a child process, its output in a file."""

    def __init__(self, tmp_path, name, *, port=None):
        self.log = tmp_path / f"{name}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "synergy.settings.base",
            "DATABASE_URL": database_url(port),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "CACHE_URL": "locmemcache://",
            "WORKER_HEARTBEAT_SECONDS": "1",
            "WORKER_HEARTBEAT_TIMEOUT": "5",
            "WORKER_RECONNECT_MAX_SECONDS": "4",
            "LOG_LEVEL": "INFO",
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "run_worker",
                "--no-startup-delay",
                "--no-reload",
                "--interval",
                "0.2",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )

    @property
    def output(self):
        return self.log.read_text()

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)


@pytest.fixture
def workers(tmp_path):
    started = []

    def start(name, **kwargs):
        started.append(WorkerProcess(tmp_path, name, **kwargs))
        return started[-1]

    yield start
    for process in started:
        process.stop()


def wait_for(condition, *, timeout, what, interval=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"waited {timeout} s for {what}")


def render_state(render):
    render.refresh_from_db()
    return render.status


@pytest.fixture
def big_catalogue(world):
    """Enough chapters of long text that the layout takes seconds, not milliseconds."""
    for _ in range(12):
        chapter = chapter_for(world)
        for field in ("why_and_what", "where_and_how", "what_worked", "learnings"):
            setattr(chapter, field, LONG_TEXT)
        chapter.save()
    return world.catalogue


def request_pdf(world):
    render = services.render_request(
        catalogue=world.catalogue, user=world.users["consultant"]
    )
    render.refresh_from_db()
    assert render.status == RenderStatus.QUEUED and render.task_id
    return render


def freeze_mid_render(process, render):
    """Wait until the worker runs the render, then freeze it (SIGSTOP) where it is."""
    wait_for(
        lambda: render_state(render) == RenderStatus.RUNNING,
        timeout=60,
        what="the worker to start the PDF",
        interval=0.005,
    )
    os.kill(process.process.pid, signal.SIGSTOP)
    render.refresh_from_db()
    assert render.status == RenderStatus.RUNNING, (
        "the PDF was finished before the worker could be stopped: make the catalogue longer"
    )


def test_a_worker_killed_mid_render_leaves_nothing_stuck(
    client, world, big_catalogue, workers
):
    first = workers("first")
    render = request_pdf(world)
    freeze_mid_render(first, render)
    os.kill(first.process.pid, signal.SIGKILL)
    first.process.wait(timeout=10)
    render.refresh_from_db()
    assert render.status == RenderStatus.RUNNING  # nothing in that process ran again

    # Restarting the worker is enough: it fails the lost render, then takes new work.
    second = workers("second")
    wait_for(
        lambda: render_state(render) == RenderStatus.FAILED,
        timeout=30,
        what="the restarted worker to fail the lost PDF",
    )
    assert render.failure == RenderFailure.INTERRUPTED
    task = DBTaskResult.objects.get(pk=render.task_id)
    assert task.status == TaskResultStatus.FAILED

    client.force_login(world.users["consultant"])
    status_url = reverse("reporting:render_status", args=[world.project.pk])
    assert "Dannelsen blev afbrudt" in client.get(status_url).content.decode()
    response = client.post(reverse("reporting:render_request", args=[world.project.pk]))
    assert response.status_code == 302
    new = world.catalogue.renders.order_by("-pk").first()
    assert new.pk != render.pk
    wait_for(
        lambda: render_state(new) == RenderStatus.DONE,
        timeout=120,
        what=f"the new PDF (worker log: {second.log})",
        interval=0.2,
    )
    assert new.pages and new.pages > 1
    assert "Hent PDF" in client.get(status_url).content.decode()
    assert second.process.poll() is None


def test_two_sigterms_mid_render_fail_the_render_at_once(world, big_catalogue, workers):
    worker = workers("stopped")
    render = request_pdf(world)
    freeze_mid_render(worker, render)
    # "Press Ctrl+C again to force": the first asks the worker to finish its task, the
    # second ends it inside the layout. (Signals sent to a frozen process merge into
    # one: let it take the first before sending the second.)
    os.kill(worker.process.pid, signal.SIGTERM)
    os.kill(worker.process.pid, signal.SIGCONT)
    wait_for(
        lambda: "shutting down gracefully" in worker.output,
        timeout=10,
        what="the first SIGTERM",
    )
    os.kill(worker.process.pid, signal.SIGTERM)
    worker.process.wait(timeout=60)
    render.refresh_from_db()
    # Failed by the stopping process itself: no other worker, no timeout needed.
    assert render.status == RenderStatus.FAILED, worker.output
    assert render.failure == RenderFailure.INTERRUPTED
    assert DBTaskResult.objects.get(pk=render.task_id).status == TaskResultStatus.FAILED
    again = services.render_request(
        catalogue=world.catalogue, user=world.users["consultant"]
    )
    assert again.pk != render.pk and again.status == RenderStatus.QUEUED


class TcpProxy:
    """Forwards 127.0.0.1:<port> to PostgreSQL; `cut()` refuses and severs every
    connection (the database is away), `restore()` listens on the same port again."""

    def __init__(self, target):
        self.target = target
        self.port = None
        self.sockets = []
        self.lock = threading.Lock()
        self.listener = None
        self.restore()

    def restore(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port or 0))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, upstream]
            threading.Thread(
                target=self._pump, args=(client, upstream), daemon=True
            ).start()

    def _pump(self, a, b):
        try:
            while True:
                readable, _, _ = select.select([a, b], [], [], 1)
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    (b if source is a else a).sendall(data)
        except OSError:
            return
        finally:
            for sock in (a, b):
                sock.close()

    def cut(self):
        self.listener.close()
        with self.lock:
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.sockets = []


def test_the_worker_comes_back_after_a_database_outage(client, world, workers):
    params = connection.settings_dict
    proxy = TcpProxy(
        (params.get("HOST") or "127.0.0.1", int(params.get("PORT") or 5432))
    )
    worker = workers("outage", port=proxy.port)
    wait_for(
        lambda: WorkerHeartbeat.objects.exists(),
        timeout=30,
        what="the worker's first heartbeat",
    )

    proxy.cut()  # the database is away for the worker
    time.sleep(3)
    render = request_pdf(world)  # requested meanwhile (the web tier still reaches it)
    time.sleep(4)
    assert worker.process.poll() is None, worker.output  # it did not exit
    assert "database unavailable" in worker.output

    # The page says the worker is not running while the PDF waits.
    client.force_login(world.users["consultant"])
    status_url = reverse("reporting:render_status", args=[world.project.pk])
    with override_settings(RENDER_QUEUE_WARNING_SECONDS=2, WORKER_HEARTBEAT_TIMEOUT=5):
        html = client.get(status_url).content.decode()
    assert "kører ikke lige nu" in html
    assert render_state(render) == RenderStatus.QUEUED

    proxy.restore()
    wait_for(
        lambda: render_state(render) == RenderStatus.DONE,
        timeout=90,
        what=f"the PDF after the outage (worker log: {worker.log})",
        interval=0.2,
    )
    assert worker.process.poll() is None
    assert "the database answers again" in worker.output
    proxy.cut()
