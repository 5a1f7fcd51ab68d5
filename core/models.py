"""The core every app builds on: the base model, the project and its members."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Abstract base: when a row was created and last changed."""

    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        abstract = True


class WorkerHeartbeat(models.Model):
    """A task worker's sign of life (core/worker.py): written every few seconds by a
    thread of `manage.py run_worker`, also while a task runs. A worker whose heartbeat
    is older than WORKER_HEARTBEAT_TIMEOUT, or whose process is gone from this machine,
    is dead: its running task is failed and can be requested again."""

    worker_id = models.CharField(_("arbejdsproces"), max_length=64, unique=True)
    hostname = models.CharField(_("maskine"), max_length=255)
    pid = models.PositiveIntegerField(_("proces-id"))
    started_at = models.DateTimeField(_("startet"))
    last_seen = models.DateTimeField(_("sidst set"), db_index=True)
    task_id = models.CharField(
        _("opgave i gang"),
        max_length=64,
        blank=True,
        help_text=_("Tom, når arbejdsprocessen venter på en opgave."),
    )

    class Meta:
        # Made by the projects app (then "synergy") before the worker moved to core.
        db_table = "synergy_workerheartbeat"
        ordering = ["-last_seen"]
        verbose_name = _("arbejdsproces")
        verbose_name_plural = _("arbejdsprocesser")

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid} ({self.worker_id[:8]})"
