"""The worker's side of the catalogue's PDF: making it (claim, progress, done or
failed) and failing the PDFs that will never finish.

The task worker runs these (reporting/tasks.py); services.render_request queues the
task and fails stuck PDFs first. Nothing here imports services or tasks, so the three
modules import one way: services → tasks → rendering.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from core import worker
from notifications.models import NotificationKind
from notifications.services import notify
from projects.models import Role
from projects.selectors import project_members

from . import pdf, selectors
from .models import (
    Catalogue,
    CatalogueRender,
    MeetingPackRender,
    RenderFailure,
    RenderStatus,
)

logger = logging.getLogger(__name__)


# The kinds of PDF made in the background (each a RenderRecord).
RENDER_MODELS: tuple[type[Any], ...] = (CatalogueRender, MeetingPackRender)


def _progress(
    render_id: int,
    progress: int,
    step: str,
    model: type[Any] = CatalogueRender,
) -> None:
    model.objects.filter(pk=render_id).update(
        progress=progress, step=step, progress_at=timezone.now()
    )


def render_fail_stuck(
    *, catalogue: Catalogue | None = None, pending: QuerySet | None = None
) -> int:
    """Fail the pending PDFs that will never finish (selectors.render_stuck_reason):
    their task was lost or they stopped making progress. Returns how many.

    `catalogue`: only that catalogue's; `pending`: only those renders; neither: every
    kind of PDF."""
    if pending is not None:
        querysets = [pending]
    elif catalogue is not None:
        querysets = [CatalogueRender.objects.filter(catalogue=catalogue)]
    else:
        querysets = [model.objects.all() for model in RENDER_MODELS]
    failed = 0
    for queryset in querysets:
        failed += _fail_stuck(
            queryset.filter(status__in=[RenderStatus.QUEUED, RenderStatus.RUNNING])
        )
    if failed:
        # The lost tasks too, so the queue's health says no task runs (a worker does
        # the same at its next heartbeat).
        worker.fail_tasks_of_dead_workers()
    return failed


def _fail_stuck(pending: QuerySet) -> int:
    failed = 0
    for render in pending:
        reason = selectors.render_stuck_reason(render)
        if reason is None:
            continue
        # Conditional: a render that finished meanwhile stays finished.
        failed += (
            type(render)
            .objects.filter(pk=render.pk, status=render.status)
            .update(
                status=RenderStatus.FAILED,
                failure=reason,
                step=gettext_noop("Fejlede"),
                finished_at=timezone.now(),
            )
        )
        logger.warning("%s %s: failed as %s", type(render).__name__, render.pk, reason)
    return failed


# WeasyPrint's own steps: parsing, stylesheets, fonts, …, layout (most of the time),
# writing the PDF, metadata.
WEASYPRINT_STEPS = {
    1: (25, gettext_noop("Læser HTML")),
    2: (30, gettext_noop("Henter stylesheets og skrifttyper")),
    3: (35, gettext_noop("Anvender stylesheets")),
    4: (40, gettext_noop("Forbereder opsætningen")),
    5: (45, gettext_noop("Sætter siderne op")),
    6: (85, gettext_noop("Skriver PDF'en")),
    7: (95, gettext_noop("Tilføjer titel, forfatter og sprog")),
}


def render_run(*, render_id: int) -> int | None:
    """Make the catalogue's PDF of one queued render (called by the task worker)."""
    return run_render(
        model=CatalogueRender,
        render_id=render_id,
        html_of=lambda render: pdf.catalogue_html(catalogue=render.catalogue),
        same_as=lambda render: {"catalogue": render.catalogue},
        name="katalog",
    )


def pack_render_run(*, render_id: int) -> int | None:
    """Make a meeting pack's PDF of one queued render (called by the task worker)."""
    return run_render(
        model=MeetingPackRender,
        render_id=render_id,
        html_of=lambda render: pdf.meeting_pack_html(meeting=render.meeting),
        same_as=lambda render: {"meeting": render.meeting},
        name="moedemappe",
    )


def run_render(
    *,
    model: type[Any],
    render_id: int,
    html_of: Callable[[Any], str],
    same_as: Callable[[Any], dict[str, Any]],
    name: str,
) -> int | None:
    """Make the PDF of one queued render of a kind (`model`): `html_of(render)` is its
    HTML, `same_as(render)` the filter of the renders whose file it may reuse, `name`
    begins the file's name.

    The HTML is built first and hashed: when it is the same as a finished PDF's, that
    file is served again without laying it out. A failure is recorded on the render
    with its message; earlier PDFs stay as they were.
    """
    try:
        # Claimed inside the try: a stop right after the claim still fails the render
        # (and one before it leaves the render queued: nothing is RUNNING to fail).
        claimed = model.objects.filter(pk=render_id, status=RenderStatus.QUEUED).update(
            status=RenderStatus.RUNNING,
            started_at=timezone.now(),
            progress=5,
            step=gettext_noop("Samler tal, tekster og billeder"),
            progress_at=timezone.now(),
        )
        if not claimed:
            return None
        render = model.objects.get(pk=render_id)
        html = html_of(render)
        digest = pdf.content_hash(html)
        _progress(
            render_id, 20, gettext_noop("Sammenligner med den seneste PDF"), model
        )
        same = (
            model.objects.filter(
                **same_as(render),
                status=RenderStatus.DONE,
                content_hash=digest,
            )
            .exclude(file="")
            .order_by("-finished_at")
            .first()
        )
        if same and same.file.name and same.file.storage.exists(same.file.name):
            _still_running(render_id, model).update(
                status=RenderStatus.DONE,
                progress=100,
                step=gettext_noop("Uændret: den seneste PDF genbruges"),
                content_hash=digest,
                file=same.file.name,
                pages=same.pages,
                size=same.size,
                reused=True,
                finished_at=timezone.now(),
            )
            _tell_ready(model, render_id)
            return render_id

        def on_step(step: int, _message: str) -> None:
            known = WEASYPRINT_STEPS.get(step)
            if known is not None and known[0]:
                _progress(render_id, *known, model)

        pdf.check_memory(html)
        content, pages, refused = pdf.html_to_pdf(html, on_step=on_step)
        if refused:
            logger.warning("%s %s: %d resources refused", name, render_id, len(refused))
        render.file.save(
            f"{name}-{timezone.localdate():%Y-%m-%d}-{digest[:8]}.pdf",
            ContentFile(content),
            save=False,
        )
        finished = _still_running(render_id, model).update(
            status=RenderStatus.DONE,
            progress=100,
            step=gettext_noop("Færdig"),
            content_hash=digest,
            file=render.file.name,
            pages=pages,
            size=len(content),
            finished_at=timezone.now(),
        )
        if finished:
            _tell_ready(model, render_id)
        else:
            # Failed meanwhile (stalled, or its worker judged lost): no row points at
            # the file, so nothing would ever delete it (nor gdpr_erase / gdpr_purge).
            render.file.delete(save=False)
            logger.warning("%s %s: finished after it was failed", name, render_id)
    except BaseException as error:
        # Every way out: an error in the layout, and the worker being stopped inside it
        # (a second SIGTERM or Ctrl+C raise SystemExit / KeyboardInterrupt here).
        stopped = not isinstance(error, Exception)
        if stopped:
            logger.warning("%s %s interrupted: %r", name, render_id, error)
        else:
            logger.exception("%s %s failed", name, render_id)
        _still_running(render_id, model).update(
            status=RenderStatus.FAILED,
            failure=RenderFailure.INTERRUPTED if stopped else RenderFailure.ERROR,
            step=gettext_noop("Fejlede"),
            error=""
            if stopped
            else (
                str(error)
                if isinstance(error, pdf.MemoryRefused)
                else f"{type(error).__name__}: {error}"
            )[:2000],
            finished_at=timezone.now(),
        )
        if stopped:
            raise
    return render_id


def _tell_ready(model: type[Any], render_id: int) -> None:
    """Tell the project's consultants that its catalogue's PDF is ready (also the one
    who asked for it: they may have left the page)."""
    if model is not CatalogueRender:
        return
    try:
        render = CatalogueRender.objects.select_related("catalogue__project").get(
            pk=render_id
        )
        catalogue = render.catalogue
        notify(
            kind=NotificationKind.CATALOGUE_READY,
            recipients=project_members(project=catalogue.project, role=Role.CONSULTANT),
            project=catalogue.project,
            target=catalogue,
        )
    except Exception:
        # The PDF is made either way; only the news of it is lost.
        logger.exception("catalogue render %s: notifying failed", render_id)


def _still_running(render_id: int, model: type[Any] = CatalogueRender) -> QuerySet:
    # A render failed meanwhile (as stalled, by another process) stays failed.
    return model.objects.filter(pk=render_id, status=RenderStatus.RUNNING)
