"""Writes of an import: holding an upload, confirming it (one transaction), and
deleting held uploads that expired. Plain values in, never a form or a request."""

from __future__ import annotations

import datetime
import json
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import ActionRefused, StateConflict
from projects import audit
from projects.models import AuditAction

from ..models import FieldImport, ImportKind, ImportStatus, Interview, Quote
from ..services import quote_create
from .checking import OK, Checker, Preview
from .columns import COLUMNS, match_columns
from .reading import FileRefused, read_table

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from projects.models import Project

__all__ = [
    "FileRefused",
    "ImportAlreadyDone",
    "ImportExpired",
    "field_import_confirm",
    "field_import_preview",
    "field_import_upload",
    "field_imports_purge_expired",
]


class ImportAlreadyDone(ActionRefused):
    """The import was confirmed before (a double click, a second tab)."""


class ImportExpired(ActionRefused):
    """The held upload is past its time (or was emptied by an erasure)."""


def hold_hours() -> int:
    return int(settings.FIELD_IMPORT_HOLD_HOURS)


def field_imports_purge_expired() -> int:
    """Delete held uploads past their time that were never confirmed."""
    return (
        FieldImport.objects.filter(
            status=ImportStatus.PENDING, expires_at__lt=timezone.now()
        )
        .delete()[1]
        .get(FieldImport._meta.label, 0)
    )


@transaction.atomic
def field_import_upload(
    *, project: Project, kind: str, file_name: str, data: bytes, user: User
) -> FieldImport:
    """Read the file and hold its rows until the consultant confirms the preview.
    Raises FileRefused (a Danish message) when the file cannot be imported at all:
    not a spreadsheet, too big, empty, only headers, a required column missing."""
    field_imports_purge_expired()
    table = read_table(data)
    match = match_columns(table.header, kind)
    if match.errors:
        raise FileRefused(" ".join(match.errors))
    columns = [c.key for c in COLUMNS[ImportKind(kind)] if c.key in match.positions]
    rows = [
        [number, *(_cell(cells, match.positions[key]) for key in columns)]
        for number, cells in table.rows
    ]
    rows = [row for row in rows if any(row[1:])]
    if not rows:
        raise FileRefused(
            _("Filen har ingen udfyldte celler under de kendte kolonner.")
        )
    return FieldImport.objects.create(
        project=project,
        kind=kind,
        created_by=user,
        file_name="".join(c for c in file_name if c.isprintable())[:200],
        columns=columns,
        rows=json.dumps([match.ignored, rows], ensure_ascii=False),
        expires_at=timezone.now() + datetime.timedelta(hours=hold_hours()),
    )


def _cell(cells: list[str], position: int) -> str:
    return cells[position] if position < len(cells) else ""


def held_rows(
    field_import: FieldImport,
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """(ignored column names, [(row number, {column key: cell})]) of a held upload;
    ImportExpired when it holds none (confirmed, or emptied)."""
    try:
        ignored, rows = json.loads(field_import.rows)
        parsed = [
            (
                int(row[0]),
                dict(zip(field_import.columns, map(str, row[1:]), strict=True)),
            )
            for row in rows
        ]
    except (ValueError, TypeError):
        raise ImportExpired(_expired_message()) from None
    return [str(name) for name in ignored], parsed


def _expired_message() -> str:
    return _(
        "Forhåndsvisningen er udløbet, og filens rækker er slettet. Upload filen igen."
    )


def field_import_preview(*, field_import: FieldImport) -> Preview:
    """Every held row checked against the project as it is now."""
    if field_import.expires_at <= timezone.now():
        raise ImportExpired(_expired_message())
    _ignored, rows = held_rows(field_import)
    preview = Checker(project=field_import.project, kind=field_import.kind).check(rows)
    preview.columns = [c for c in preview.columns if c.key in field_import.columns]
    for result in preview.results:
        result.shown = [result.cells.get(c.key, "") for c in preview.columns]
    return preview


@transaction.atomic
def field_import_confirm(
    *, field_import: FieldImport, digest: str, user: User
) -> FieldImport:
    """Save the rows the preview said would be imported, all or none.

    Refused with ImportAlreadyDone when it was confirmed before (only one of two
    clicks saves: a conditional UPDATE of the status), ImportExpired past its time,
    and StateConflict when the preview the consultant saw (`digest`) no longer holds
    (the project or the rows imported changed meanwhile): then nothing is saved."""
    now = timezone.now()
    claimed = FieldImport.objects.filter(
        pk=field_import.pk, status=ImportStatus.PENDING, expires_at__gt=now
    ).update(status=ImportStatus.IMPORTED, imported_at=now, updated_at=now)
    if not claimed:
        field_import.refresh_from_db()
        if field_import.status == ImportStatus.IMPORTED:
            raise ImportAlreadyDone(_("Filen er allerede importeret."))
        raise ImportExpired(_expired_message())
    preview = field_import_preview(field_import=field_import)
    if preview.digest != digest:
        raise StateConflict(
            _(
                "Forløbet er ændret, siden forhåndsvisningen blev vist (fx er nogle "
                "af rækkerne importeret fra en anden fane). Se den nye "
                "forhåndsvisning, og bekræft igen."
            )
        )
    valid = [r for r in preview.results if r.status == OK]
    created: list[Interview] | list[Quote]
    if field_import.kind == ImportKind.INTERVIEWS:
        created = [
            _interview(field_import.project, r.values, r.import_key) for r in valid
        ]
        model: Any = Interview
    else:
        created = [
            _quote(field_import.project, r.values, r.import_key, user) for r in valid
        ]
        model = Quote
    FieldImport.objects.filter(pk=field_import.pk).update(
        imported_count=len(created),
        skipped_count=preview.with_errors,
        duplicate_count=preview.duplicates,
        rows="",
        file_name="",
    )
    field_import.refresh_from_db()
    audit.record(
        user=user,
        action=AuditAction.IMPORTED,
        model=model,
        ids=[obj.pk for obj in created],
        project_id=field_import.project_id,
        detail=(
            f"field_import {field_import.pk}: imported={len(created)} "
            f"skipped={preview.with_errors} duplicates={preview.duplicates}"
        ),
    )
    return field_import


def _interview(project: Project, values: dict[str, Any], key: str) -> Interview:
    interview = Interview(project=project, import_key=key, **values)
    # The checks read the sites and services already; the key's uniqueness is the
    # database's (a clash rolls the whole import back).
    interview.full_clean(
        exclude=["project", "site", "service"], validate_constraints=False
    )
    interview.save()
    return interview


def _quote(project: Project, values: dict[str, Any], key: str, user: User) -> Quote:
    """Through the quote service, unreviewed whatever the file says: imported words
    follow the review and consent rules of every quote."""
    return quote_create(
        project=project, user=user, reviewed=False, import_key=key, **values
    )
