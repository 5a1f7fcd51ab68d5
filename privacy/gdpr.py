"""GDPR: export what is stored about a person, erase it, and purge citizens' data after
each project's retention period. Driven by the data inventory (core/inventory.py).

Models are looked up by label (apps.get_model), so the core does not import the apps
built on it. Files are deleted from storage after the transaction commits.
"""

import datetime
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from core import inventory
from projects import audit
from projects.models import AuditAction
from projects.scoping import scope_of

# How each model with citizens' data is purged: its rows are deleted or only its
# citizen fields emptied. Which project a row belongs to is the path the model
# declares (projects.scoping). A test checks that every model with CITIZEN/PURGE
# fields in the inventory is here.
PURGE_PLAN = {
    "initiatives.Quote": "delete",
    "testing.Photo": "delete",
    "reporting.CatalogueRender": "delete",
    "reporting.MeetingPackRender": "delete",
    "reporting.CataloguePublication": "delete",
    "initiatives.Interview": "blank",
    "testing.PhoneInterview": "blank",
    "testing.PhoneInterviewAnswer": "blank",
    "testing.Answer": "blank",
    "testing.AnswerComment": "blank",
    "testing.AnswerCommentReply": "blank",
    "testing.AdvisoryVisit": "blank",
    "notifications.Notification": "blank",
}
FILE_FIELDS = {
    "testing.Photo": "file",
    "reporting.CatalogueRender": "file",
    "reporting.MeetingPackRender": "file",
}


def _model(label: str) -> Any:
    """The model with this label. Any: looked up by name, its managers and fields
    (`objects`, `project_id`…) are not known to the type checker."""
    return apps.get_model(label)


def _project_path(model: type[models.Model]) -> str:
    """The ORM path from the model to its project, as the model declares it."""
    scope = scope_of(model)
    if scope is None:
        raise TypeError(f"{model._meta.label} declares no scope")
    return scope.project


def _row(instance: models.Model) -> dict[str, Any]:
    """A row as plain JSON values (files as their stored name; no passwords)."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name == "password":
            continue
        value = field.value_from_object(instance)
        if isinstance(value, datetime.date | datetime.datetime):
            value = value.isoformat()
        elif isinstance(field, models.FileField):
            value = value.name if value else ""
        elif not isinstance(value, str | int | float | bool | type(None) | list):
            value = str(value)
        data[field.name] = value
    return {"model": instance._meta.label, "pk": instance.pk, "fields": data}


def _user_reference_fields() -> list[tuple[str, str]]:
    """("app.Model", field name) of every foreign key to the user model."""
    User = get_user_model()
    found = []
    for name in inventory.inventory():
        label, field_name = name.rsplit(".", 1)
        if label == "auth.User" or label.startswith("axes."):
            continue
        field = _model(label)._meta.get_field(field_name)
        if isinstance(field, models.ForeignKey) and field.related_model is User:
            found.append((label, field_name))
    return found


# Finding a person


def _word_pattern(speaker: str) -> re.Pattern[str]:
    """The name as a whole word, any case ("Bo" finds "bo" but not "Bolig"). A blank
    name is refused: it would match every quote and text."""
    if not speaker.strip():
        raise ValueError("A blank name matches every text.")
    return re.compile(rf"(?<!\w){re.escape(speaker.strip())}(?!\w)", re.IGNORECASE)


def quotes_about(speaker: str) -> models.QuerySet[Any]:
    """Quotes whose speaker label or text names the person (whole word, any case)."""
    Quote = _model("initiatives.Quote")
    pattern = _word_pattern(speaker)
    candidates = Quote.objects.filter(
        Q(speaker_label__icontains=speaker.strip()) | Q(text__icontains=speaker.strip())
    ).only("pk", "speaker_label", "text")
    ids = [
        q.pk
        for q in candidates
        if pattern.search(q.speaker_label or "") or pattern.search(q.text or "")
    ]
    return Quote.objects.filter(pk__in=ids)


def _text_fields() -> list[tuple[str, str]]:
    """("app.Model", field) of every text field that may name a citizen, quotes aside:
    citizens' data (interview notes, free-text answers, comments) and staff's texts."""
    found = []
    for name in inventory.fields(category=inventory.CITIZEN) + inventory.fields(
        category=inventory.FREE_TEXT
    ):
        label, field_name = name.rsplit(".", 1)
        if label == "initiatives.Quote":
            continue
        field = _model(label)._meta.get_field(field_name)
        if isinstance(field, models.CharField | models.TextField):
            found.append((label, field_name))
    return found


def mentions_of(speaker: str) -> list[tuple[Any, list[str]]]:
    """Rows outside the quotes whose text names the person: [(instance, [fields])]."""
    pattern = _word_pattern(speaker)
    found: dict[tuple[str, Any], tuple[Any, list[str]]] = {}
    for label, field_name in _text_fields():
        rows = _model(label).objects.filter(
            **{f"{field_name}__icontains": speaker.strip()}
        )
        for row in rows:
            if pattern.search(getattr(row, field_name) or ""):
                found.setdefault((label, row.pk), (row, []))[1].append(field_name)
    return list(found.values())


def export_user(user: Any) -> dict[str, Any]:
    """Everything stored about a user of the app, as a JSON-ready dict."""
    references = []
    for label, field_name in _user_reference_fields():
        for instance in _model(label).objects.filter(**{field_name: user}):
            references.append({"as": field_name, **_row(instance)})
    attempts = _model("axes.AccessAttempt").objects.filter(username=user.username)
    return {
        "subject": {"kind": "user", "username": user.username},
        "exported_at": timezone.now().isoformat(),
        "account": _row(user),
        "memberships": [_row(m) for m in user.memberships.all()],
        "rows_that_name_the_user": references,
        "failed_logins": [_row(a) for a in attempts],
    }


def export_speaker(speaker: str) -> dict[str, Any]:
    """Everything stored about a citizen found by a name or label in quotes."""
    quotes = list(quotes_about(speaker).select_related("interview"))
    chapters = (
        _model("reporting.CatalogueChapter")
        .objects.filter(quotes__in=quotes)
        .distinct()
    )
    return {
        "subject": {"kind": "speaker", "search": speaker},
        "exported_at": timezone.now().isoformat(),
        "quotes": [_row(q) for q in quotes],
        "interviews": [_row(q.interview) for q in quotes if q.interview_id],
        "other_texts_naming_them": [
            {**_row(row), "naming_fields": names} for row, names in mentions_of(speaker)
        ],
        "catalogue_chapters_that_pick_them": [
            {"pk": c.pk, "initiative": str(c.initiative)} for c in chapters
        ],
    }


def as_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


# Erasing

ERASED = "[slettet]"


def _delete_files_after_commit(label: str, instances: Iterable[Any]) -> int:
    field_name = FILE_FIELDS[label]
    names = [getattr(i, field_name).name for i in instances if getattr(i, field_name)]
    storage = _model(label)._meta.get_field(field_name).storage

    def delete() -> None:
        for name in set(names):
            storage.delete(name)

    transaction.on_commit(delete)
    return len(set(names))


def _drop_catalogue_pdfs(project_ids: Iterable[int]) -> int:
    """Every stored PDF of these projects (catalogues, meeting packs): it may print
    erased data."""
    files = 0
    project_ids = list(project_ids)
    for label in ("reporting.CatalogueRender", "reporting.MeetingPackRender"):
        Render = _model(label)
        in_projects = {f"{_project_path(Render)}__in": project_ids}
        renders = list(Render.objects.filter(**in_projects))
        files += _delete_files_after_commit(label, renders)
        Render.objects.filter(pk__in=[r.pk for r in renders]).delete()
    # The published web editions print the same texts: their links stop working
    # (the consultant publishes again without the erased data).
    Publication = _model("reporting.CataloguePublication")
    Publication.objects.filter(
        **{f"{_project_path(Publication)}__in": project_ids}
    ).delete()
    return files


@transaction.atomic
def erase_user(user: Any, *, log_erasure: bool = True) -> dict[str, int]:
    """Anonymise a user's account: the rows that say who did what keep pointing at it,
    but it no longer names anyone and cannot sign in. Their sessions and failed-login
    rows go."""
    old_username, old_email = user.username, user.email
    user.username = f"slettet-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    sessions = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now())
        if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    Session.objects.filter(pk__in=sessions).delete()
    attempts, _ = (
        _model("axes.AccessAttempt").objects.filter(username=old_username).delete()
    )
    # The second factor's devices (their secrets and recovery codes) go.
    devices = sum(
        _model(label).objects.filter(user=user).delete()[1].get(label, 0)
        for label in ("otp_totp.TOTPDevice", "otp_static.StaticDevice")
    )
    # Their API keys go (they stop working with the account anyway).
    api_keys = _model("accounts.ApiToken").objects.filter(owner=user).delete()[0]
    # Invitations to the address: open ones end, and none keeps the address.
    invitations = _model("synergy.Invitation").objects.filter(
        Q(accepted_by=user) | (Q(email__iexact=old_email) if old_email else Q(pk=None))
    )
    now = timezone.now()
    invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    invitation_count = invitations.update(email=f"slettet-{user.pk}@slettet.invalid")
    audit.record(
        user=None,
        action=AuditAction.PERSONAL_DATA_ERASED,
        instance=user,
        detail="gdpr_erase --user",
    )
    if log_erasure:  # not when re-applying the log itself
        _log_erasure("user", [user.pk])
    return {
        "account": 1,
        "sessions": len(sessions),
        "failed_logins": attempts,
        "second_factor_devices": devices,
        "invitations": invitation_count,
        "api_keys": api_keys,
    }


@transaction.atomic
def erase_speaker(speaker: str) -> dict[str, int]:
    """Delete the quotes that name a citizen, and every stored catalogue PDF of their
    projects (the consultant makes a new one without them)."""
    quotes = list(quotes_about(speaker))
    project_ids = {q.project_id for q in quotes}
    count = len(quotes)
    Quote = _model("initiatives.Quote")
    Quote.objects.filter(pk__in=[q.pk for q in quotes]).delete()
    # Elsewhere the name is replaced in the text (notes, free-text answers, comments,
    # staff's texts); the rest of the text stays.
    pattern = _word_pattern(speaker)
    mentions = mentions_of(speaker)
    for row, names in mentions:
        type(row).objects.filter(pk=row.pk).update(
            **{name: pattern.sub(ERASED, getattr(row, name)) for name in names}
        )
    if mentions:  # such a text may be printed in any project's catalogue
        project_ids = set(
            _model("synergy.Project").objects.values_list("pk", flat=True)
        )
    files = _drop_catalogue_pdfs(project_ids)
    audit.record(
        user=None,
        action=AuditAction.PERSONAL_DATA_ERASED,
        model=Quote,
        ids=[q.pk for q in quotes],
        detail="gdpr_erase --speaker",
    )
    # Quote ids only, to erase them again after restoring an older backup.
    _log_erasure("quote", [q.pk for q in quotes])
    return {"quotes": count, "texts": len(mentions), "catalogue_pdfs": files}


# The erasure log: a file outside the database (GDPR_ERASURE_LOG), one JSON line per
# erasure with ids only. A backup restored from before an erasure would bring the
# person back; `gdpr_reapply_erasures` reads this log and erases them again.


def _log_erasure(kind: str, ids: Iterable[int]) -> None:
    if not ids:
        return
    line = json.dumps(
        {"at": timezone.now().isoformat(), "kind": kind, "ids": sorted(ids)}
    )

    def append() -> None:
        path = Path(settings.GDPR_ERASURE_LOG)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(line + "\n")

    transaction.on_commit(append)  # only erasures that really happened


def read_erasure_log(path: str | Path | None = None) -> list[dict[str, Any]]:
    path = Path(path or settings.GDPR_ERASURE_LOG)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@transaction.atomic
def reapply_erasures(entries: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Erase again what the log says was erased and is back (after a restore).
    Returns {"quotes": n, "users": n, "catalogue_pdfs": n}."""
    Quote = _model("initiatives.Quote")
    User = get_user_model()
    quote_ids = {i for e in entries if e["kind"] == "quote" for i in e["ids"]}
    user_ids = {i for e in entries if e["kind"] == "user" for i in e["ids"]}
    quotes = list(Quote.objects.filter(pk__in=quote_ids))
    files = _drop_catalogue_pdfs({q.project_id for q in quotes})
    Quote.objects.filter(pk__in=[q.pk for q in quotes]).delete()
    users = [
        u
        for u in User.objects.filter(pk__in=user_ids)
        if u.username != f"slettet-{u.pk}"
    ]
    for user in users:
        erase_user(user, log_erasure=False)
    return {"quotes": len(quotes), "users": len(users), "catalogue_pdfs": files}


# Purging after the retention period


def projects_past_retention(today: datetime.date | None = None) -> list[Any]:
    today = today or timezone.localdate()
    Project = _model("synergy.Project")
    return [
        p
        for p in Project.objects.all()
        if p.ends_on + datetime.timedelta(days=p.personal_data_retention_days) < today
    ]


def _citizen_fields(label: str) -> list[str]:
    prefix = label + "."
    return [
        name.removeprefix(prefix)
        for name in inventory.fields(
            category=inventory.CITIZEN, retention=inventory.PURGE
        )
        if name.startswith(prefix)
    ]


@transaction.atomic
def purge(
    *, today: datetime.date | None = None, dry_run: bool = False
) -> dict[str, dict[str, int]]:
    """Delete or empty citizens' data of every project past its retention period.
    Returns {project name: {model label: rows affected}}."""
    report: dict[str, dict[str, int]] = {}
    for project in projects_past_retention(today):
        counts: dict[str, int] = {}
        for label, action in PURGE_PLAN.items():
            model = _model(label)
            rows = model.objects.filter(**{_project_path(model): project})
            if action == "blank":
                fields = _citizen_fields(label)
                blank = Q()
                for field in fields:
                    blank |= ~Q(**{field: ""})
                rows = rows.filter(blank)
                counts[label] = rows.count()
                if not dry_run and counts[label]:
                    rows.update(**{field: "" for field in fields})
            else:
                instances = list(rows)
                counts[label] = len(instances)
                if not dry_run and instances:
                    if label in FILE_FIELDS:
                        _delete_files_after_commit(label, instances)
                    model.objects.filter(pk__in=[i.pk for i in instances]).delete()
        report[project.name] = counts
        if not dry_run and any(counts.values()):
            audit.record(
                user=None,
                action=AuditAction.PERSONAL_DATA_PURGED,
                instance=project,
                fields=[label for label, n in counts.items() if n],
                detail="gdpr_purge",
            )
    audit_rows = purge_audit_trail(today=today, dry_run=dry_run)
    if audit_rows:
        report["Log over handlinger"] = {"synergy.AuditEvent": audit_rows}
    return report


def purge_audit_trail(
    *, today: datetime.date | None = None, dry_run: bool = False
) -> int:
    """Delete audit events older than AUDIT_RETENTION_DAYS; returns how many."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS)
    rows = _model("synergy.AuditEvent").objects.filter(at__date__lt=cutoff)
    if dry_run:
        return rows.count()
    return rows.delete()[0]
