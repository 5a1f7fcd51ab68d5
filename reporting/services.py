"""Writes of the results catalogue: curating it, and making its PDF in the background."""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import worker
from core.form_saves import model_form_merge_save
from core.services import ActionRefused, MergedSave
from initiatives.models import Initiative, InitiativeStatus

from . import pdf
from .models import (
    Catalogue,
    CatalogueChapter,
    CatalogueRender,
    RenderFailure,
    RenderStatus,
)

logger = logging.getLogger(__name__)

# Initiatives that have been (or are being) tested get a chapter when the catalogue
# is created; others can be added by hand.
TESTED = [
    InitiativeStatus.IN_TEST,
    InitiativeStatus.EVALUATED,
    InitiativeStatus.RECOMMENDED,
    InitiativeStatus.ADJUSTED,
    InitiativeStatus.STOPPED,
]


@transaction.atomic
def catalogue_create(*, project):
    """The project's catalogue with a chapter per tested initiative (idempotent)."""
    catalogue, created = Catalogue.objects.get_or_create(
        project=project,
        defaults={
            "introduction": "\n\n".join(
                part for part in (project.guiding_question, project.purpose) if part
            ),
        },
    )
    if created:
        CatalogueChapter.objects.bulk_create(
            CatalogueChapter(
                catalogue=catalogue,
                initiative=initiative,
                position=position,
                why_and_what=initiative.description,
            )
            for position, initiative in enumerate(
                Initiative.objects.filter(project=project, status__in=TESTED).order_by(
                    "name"
                ),
                start=1,
            )
        )
    return catalogue


@transaction.atomic
def curated_save(*, form) -> MergedSave:
    """Save the catalogue's or a chapter's form, merged per field with what was saved
    after the form was loaded (core.merge): a field both changed is not written
    but comes back as a conflict, so nobody's text is overwritten without a choice."""
    instance = form.instance
    current = (
        type(instance)
        .objects.select_for_update()
        .filter(pk=instance.pk)
        .values_list("updated_at", flat=True)
        .first()
    )
    if current is None:
        raise ActionRefused(_("Det, du redigerer, findes ikke længere."))
    return model_form_merge_save(
        form=form,
        same_version=form.cleaned_data.get("loaded_at") == current.isoformat(),
    )


def chapter_add(*, catalogue, initiative):
    if initiative.project_id != catalogue.project_id:
        raise ActionRefused(_("Tiltaget hører ikke til dette forløb."))
    last = catalogue.chapters.aggregate(last=Max("position"))["last"] or 0
    chapter, created = CatalogueChapter.objects.get_or_create(
        catalogue=catalogue,
        initiative=initiative,
        defaults={"position": last + 1, "why_and_what": initiative.description},
    )
    if not created:
        raise ActionRefused(_("Tiltaget har allerede et kapitel."))
    return chapter


@transaction.atomic
def chapter_move(*, chapter, direction):
    """Swap the chapter with its neighbour above (-1) or below (+1)."""
    siblings = list(
        CatalogueChapter.objects.select_for_update()
        .filter(catalogue_id=chapter.catalogue_id)
        .order_by("position", "pk")
    )
    index = next(i for i, c in enumerate(siblings) if c.pk == chapter.pk)
    other = index + direction
    if not 0 <= other < len(siblings):
        raise ActionRefused(
            _("Kapitlet er allerede først.")
            if direction < 0
            else _("Kapitlet er allerede sidst.")
        )
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            CatalogueChapter.objects.filter(pk=sibling.pk).update(position=position)


# The PDF


def render_request(*, catalogue, user):
    """Queue a new PDF unless one is already queued or running (then return that one).

    A pending PDF whose task was lost (its worker died) or that has stalled is failed
    first, so a new one can always be requested."""
    with transaction.atomic():
        Catalogue.objects.select_for_update().filter(pk=catalogue.pk).first()
        render_fail_stuck(catalogue=catalogue)
        pending = catalogue.renders.filter(
            status__in=[RenderStatus.QUEUED, RenderStatus.RUNNING]
        ).first()
        if pending:
            return pending
        render = CatalogueRender.objects.create(
            catalogue=catalogue, requested_by=user, step=gettext_noop("I kø")
        )
        transaction.on_commit(lambda: _enqueue(render.pk))
    return render


def _enqueue(render_id):
    from .tasks import render_catalogue

    result = render_catalogue.enqueue(render_id)
    # The task's id tells the page whether its worker is still alive (core/worker.py).
    CatalogueRender.objects.filter(pk=render_id).update(task_id=str(result.id))


def _progress(render_id, progress, step):
    CatalogueRender.objects.filter(pk=render_id).update(
        progress=progress, step=step, progress_at=timezone.now()
    )


def render_fail_stuck(*, catalogue=None) -> int:
    """Fail the pending PDFs that will never finish (selectors.render_stuck_reason):
    their task was lost or they stopped making progress. Returns how many."""
    from . import selectors

    pending = CatalogueRender.objects.filter(
        status__in=[RenderStatus.QUEUED, RenderStatus.RUNNING]
    )
    if catalogue is not None:
        pending = pending.filter(catalogue=catalogue)
    failed = 0
    for render in pending:
        reason = selectors.render_stuck_reason(render)
        if reason is None:
            continue
        # Conditional: a render that finished meanwhile stays finished.
        failed += CatalogueRender.objects.filter(
            pk=render.pk, status=render.status
        ).update(
            status=RenderStatus.FAILED,
            failure=reason,
            step=gettext_noop("Fejlede"),
            finished_at=timezone.now(),
        )
        logger.warning("catalogue %s: failed as %s", render.pk, reason)
    if failed:
        # The lost tasks too, so the queue's health says no task runs (a worker does
        # the same at its next heartbeat).
        worker.fail_tasks_of_dead_workers()
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


def render_run(*, render_id):
    """Make the PDF of one queued render (called by the task worker).

    The HTML is built first and hashed: when it is the same as a finished PDF's, that
    file is served again without laying it out. A failure is recorded on the render
    with its message; earlier PDFs stay as they were.
    """
    try:
        # Claimed inside the try: a stop right after the claim still fails the render
        # (and one before it leaves the render queued: nothing is RUNNING to fail).
        claimed = CatalogueRender.objects.filter(
            pk=render_id, status=RenderStatus.QUEUED
        ).update(
            status=RenderStatus.RUNNING,
            started_at=timezone.now(),
            progress=5,
            step=gettext_noop("Samler tal, tekster og billeder"),
            progress_at=timezone.now(),
        )
        if not claimed:
            return None
        render = CatalogueRender.objects.select_related("catalogue__project").get(
            pk=render_id
        )
        html = pdf.catalogue_html(catalogue=render.catalogue)
        digest = pdf.content_hash(html)
        _progress(render_id, 20, gettext_noop("Sammenligner med det seneste katalog"))
        same = (
            CatalogueRender.objects.filter(
                catalogue=render.catalogue,
                status=RenderStatus.DONE,
                content_hash=digest,
            )
            .exclude(file="")
            .order_by("-finished_at")
            .first()
        )
        if same and same.file.storage.exists(same.file.name):
            _still_running(render_id).update(
                status=RenderStatus.DONE,
                progress=100,
                step=gettext_noop("Uændret: det seneste katalog genbruges"),
                content_hash=digest,
                file=same.file.name,
                pages=same.pages,
                size=same.size,
                reused=True,
                finished_at=timezone.now(),
            )
            return render_id

        def on_step(step, _message):
            progress, text = WEASYPRINT_STEPS.get(step, (None, None))
            if progress:
                _progress(render_id, progress, text)

        content, pages, refused = pdf.html_to_pdf(html, on_step=on_step)
        if refused:
            logger.warning(
                "catalogue %s: %d resources refused", render_id, len(refused)
            )
        render.file.save(
            f"katalog-{timezone.localdate():%Y-%m-%d}-{digest[:8]}.pdf",
            ContentFile(content),
            save=False,
        )
        finished = _still_running(render_id).update(
            status=RenderStatus.DONE,
            progress=100,
            step=gettext_noop("Færdig"),
            content_hash=digest,
            file=render.file.name,
            pages=pages,
            size=len(content),
            finished_at=timezone.now(),
        )
        if not finished:
            # Failed meanwhile (stalled, or its worker judged lost): no row points at
            # the file, so nothing would ever delete it (nor gdpr_erase / gdpr_purge).
            render.file.delete(save=False)
            logger.warning("catalogue %s: finished after it was failed", render_id)
    except BaseException as error:
        # Every way out: an error in the layout, and the worker being stopped inside it
        # (a second SIGTERM or Ctrl+C raise SystemExit / KeyboardInterrupt here).
        stopped = not isinstance(error, Exception)
        if stopped:
            logger.warning("catalogue %s interrupted: %r", render_id, error)
        else:
            logger.exception("catalogue %s failed", render_id)
        _still_running(render_id).update(
            status=RenderStatus.FAILED,
            failure=RenderFailure.INTERRUPTED if stopped else RenderFailure.ERROR,
            step=gettext_noop("Fejlede"),
            error="" if stopped else f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        if stopped:
            raise
    return render_id


def _still_running(render_id):
    # A render failed meanwhile (as stalled, by another process) stays failed.
    return CatalogueRender.objects.filter(pk=render_id, status=RenderStatus.RUNNING)
