"""A catalogue PDF never stays stuck: a render whose task was lost, that stalled or that
was never queued is failed with a message, and a new one can be requested at once; a
render stopped inside its own process fails itself; a page says when no worker runs.

The same with real processes (kill -9, two SIGTERMs, the database cut away) is in
test_worker_faults.py."""

import datetime
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from core import worker
from core.models import WorkerHeartbeat
from core.tests.test_worker import task as queue_row
from core.tests.test_worker import worker_options
from reporting import rendering, services
from reporting.models import CatalogueRender, RenderFailure, RenderStatus

pytestmark = pytest.mark.django_db


def dead_pid():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def stuck_render(world, *, worker_pid, progress=45):
    """A render "running 45 %" whose worker was killed (kill -9): the state the trial
    left behind."""
    WorkerHeartbeat.objects.create(
        worker_id="killed",
        hostname=worker.HOSTNAME,
        pid=worker_pid,
        started_at=timezone.now(),
        last_seen=timezone.now(),
    )
    task = queue_row(worker_id="killed", started_ago=0)
    return CatalogueRender.objects.create(
        catalogue=world.catalogue,
        status=RenderStatus.RUNNING,
        progress=progress,
        step="Sætter siderne op",
        task_id=str(task.pk),
        started_at=timezone.now(),
        progress_at=timezone.now(),
        requested_by=world.users["consultant"],
    )


def test_a_new_pdf_can_be_requested_when_the_worker_of_the_last_one_was_killed(
    client, world, django_capture_on_commit_callbacks
):
    stuck = stuck_render(world, worker_pid=dead_pid())
    client.force_login(world.users["consultant"])
    page = client.get(reverse("reporting:catalogue", args=[world.project.pk]))
    html = page.content.decode()
    # The page no longer shows "45 %" for ever: it says what happened and offers the button.
    assert "Dannelsen blev afbrudt, fordi baggrundsprocessen stoppede" in html
    assert "Dan katalog som PDF" in html
    assert 'hx-trigger="every 2s"' not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:render_request", args=[world.project.pk])
        )
    assert response.status_code == 302
    stuck.refresh_from_db()
    assert stuck.status == RenderStatus.FAILED
    assert stuck.failure == RenderFailure.INTERRUPTED
    assert stuck.finished_at is not None
    new = world.catalogue.renders.order_by("-pk").first()
    assert new != stuck
    assert new.status == RenderStatus.DONE  # tests run the task at once


def test_a_render_of_a_live_worker_is_left_alone(client, world):
    stuck = stuck_render(world, worker_pid=os.getpid())
    again = services.render_request(
        catalogue=world.catalogue, user=world.users["consultant"]
    )
    assert again == stuck
    stuck.refresh_from_db()
    assert stuck.status == RenderStatus.RUNNING


def test_a_render_without_progress_for_the_stall_time_is_failed(client, world):
    stuck = stuck_render(world, worker_pid=os.getpid())  # worker alive, but hung
    CatalogueRender.objects.filter(pk=stuck.pk).update(
        progress_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    with override_settings(RENDER_STALL_SECONDS=15 * 60):
        client.force_login(world.users["consultant"])
        status = client.get(reverse("reporting:render_status", args=[world.project.pk]))
        assert "Dannelsen gik i stå" in status.content.decode()
        assert rendering.render_fail_stuck() == 1
    stuck.refresh_from_db()
    assert (stuck.status, stuck.failure) == (RenderStatus.FAILED, RenderFailure.STALLED)


def test_a_render_that_was_never_queued_is_failed_after_the_heartbeat_timeout(world):
    # The queue was unreachable just after the request was committed: no task id.
    render = CatalogueRender.objects.create(
        catalogue=world.catalogue, requested_by=world.users["consultant"]
    )
    CatalogueRender.objects.filter(pk=render.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    with override_settings(WORKER_HEARTBEAT_TIMEOUT=60):
        assert rendering.render_fail_stuck(catalogue=world.catalogue) == 1
    render.refresh_from_db()
    assert render.failure == RenderFailure.INTERRUPTED


def test_a_stuck_render_is_failed_on_the_next_worker_heartbeat(world):
    stuck = stuck_render(world, worker_pid=dead_pid())
    supervised = worker.SupervisedWorker(**worker_options(worker_id="new"))
    supervised.heartbeat.beat()  # the restarted worker's first beat
    stuck.refresh_from_db()
    assert stuck.status == RenderStatus.FAILED
    task = DBTaskResult.objects.get(pk=stuck.task_id)
    assert task.status == TaskResultStatus.FAILED


@pytest.mark.parametrize("stop", [SystemExit(1), KeyboardInterrupt()])
def test_a_worker_stopped_inside_the_layout_fails_its_render_and_stops(world, stop):
    render = CatalogueRender.objects.create(
        catalogue=world.catalogue, requested_by=world.users["consultant"]
    )
    with (
        mock.patch("reporting.pdf.html_to_pdf", side_effect=stop),
        pytest.raises(type(stop)),
    ):
        rendering.render_run(render_id=render.pk)
    render.refresh_from_db()
    assert render.status == RenderStatus.FAILED
    assert render.failure == RenderFailure.INTERRUPTED
    assert render.finished_at is not None


@pytest.mark.parametrize("stop", [SystemExit(1), KeyboardInterrupt()])
def test_a_worker_stopped_right_after_claiming_fails_its_render(world, stop):
    # The second SIGTERM arrived between the claim and the layout (seen in the fault
    # test): the render must not stay RUNNING.
    render = CatalogueRender.objects.create(
        catalogue=world.catalogue, requested_by=world.users["consultant"]
    )
    with (
        # The first read after the claim: where the signal arrived.
        mock.patch.object(CatalogueRender.objects, "get", side_effect=stop),
        pytest.raises(type(stop)),
    ):
        rendering.render_run(render_id=render.pk)
    render.refresh_from_db()
    assert (render.status, render.failure) == (RenderStatus.FAILED, "interrupted")


def test_a_render_failed_as_stalled_is_not_marked_done_when_its_layout_ends(world):
    render = CatalogueRender.objects.create(
        catalogue=world.catalogue, requested_by=world.users["consultant"]
    )

    def layout_then_found_stalled(html, on_step):
        CatalogueRender.objects.filter(pk=render.pk).update(
            status=RenderStatus.FAILED, failure=RenderFailure.STALLED
        )
        return b"%PDF-1.7", 1, []

    folder = Path(settings.MEDIA_ROOT) / "catalogues" / str(world.project.pk)
    before = set(folder.glob("*.pdf"))
    with mock.patch("reporting.pdf.html_to_pdf", side_effect=layout_then_found_stalled):
        rendering.render_run(render_id=render.pk)
    render.refresh_from_db()
    assert (render.status, render.failure) == (RenderStatus.FAILED, "stalled")
    # The PDF it made is not left in storage with no row pointing at it.
    assert set(folder.glob("*.pdf")) == before


def test_a_worker_whose_connection_hung_does_not_fail_its_own_task(world):
    # Its heartbeat is older than the timeout (the database hung under it), but it is
    # the caller: alive. Another worker would judge it dead.
    WorkerHeartbeat.objects.create(
        worker_id="me",
        hostname="elsewhere",
        pid=1,
        started_at=timezone.now(),
        last_seen=timezone.now() - datetime.timedelta(minutes=5),
    )
    task = queue_row(worker_id="me", started_ago=0)
    assert worker.fail_tasks_of_dead_workers(alive="me") == 0
    assert worker.fail_tasks_of_dead_workers() == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED


def test_a_heartbeat_is_stamped_when_written_not_before(world):
    supervised = worker.SupervisedWorker(**worker_options(worker_id="slow"))
    real_now = timezone.now
    # The app's clock read before the write is minutes old by the time it is written
    # (a connection that hung): the row must not carry that time.
    with mock.patch.object(
        worker.timezone, "now", lambda: real_now() - datetime.timedelta(minutes=5)
    ):
        supervised.heartbeat.beat()
    row = WorkerHeartbeat.objects.get(worker_id="slow")
    assert row.last_seen > real_now() - datetime.timedelta(seconds=30)


def test_the_page_says_the_worker_is_not_running_when_a_pdf_waits(client, world):
    world.catalogue.renders.update(
        created_at=timezone.now() - datetime.timedelta(days=1)
    )
    task = queue_row(TaskResultStatus.READY, worker_id=None)
    render = CatalogueRender.objects.create(
        catalogue=world.catalogue,
        requested_by=world.users["consultant"],
        task_id=str(task.pk),
        step="I kø",
    )
    client.force_login(world.users["consultant"])
    url = reverse("reporting:render_status", args=[world.project.pk])
    message = "Baggrundsprocessen, der danner PDF'en, kører ikke lige nu."
    with override_settings(RENDER_QUEUE_WARNING_SECONDS=30):
        assert message not in client.get(url).content.decode()  # just queued
        CatalogueRender.objects.filter(pk=render.pk).update(
            created_at=timezone.now() - datetime.timedelta(seconds=31)
        )
        html = client.get(url).content.decode()
        assert message in html
        assert 'hx-trigger="every 2s"' in html  # still waiting, still polling
        WorkerHeartbeat.objects.create(
            worker_id="back",
            hostname=worker.HOSTNAME,
            pid=os.getpid(),
            started_at=timezone.now(),
            last_seen=timezone.now(),
        )
        assert message not in client.get(url).content.decode()
    # In English too.
    with (
        override_settings(RENDER_QUEUE_WARNING_SECONDS=30),
        translation.override("da"),  # the language the requests activate ends here
    ):
        client.post(reverse("set_language"), {"language": "en", "next": url})
        WorkerHeartbeat.objects.all().delete()
        html = client.get(url).content.decode()
    assert "The background process that makes the PDF is not running" in html
