"""The audit trail: who changed, exported or downloaded what, and when.

`AuditMiddleware` writes one AuditEvent for every request that changed something (a
successful POST by a signed-in user) and for every read a view marks as worth logging
(`audit_reads = True`: exports, the catalogue PDF). A new page is therefore logged
without anyone remembering to. Views with a history of their own say `audit = False`
(the test schemas: testing.SubmissionEvent). Views may say more by setting `request.audit_instance`
(the object they created or changed) and `request.audit_fields` (the names of the
changed fields), or `request.audit_skip` when a redirect changed nothing (a delete
refused because other rows protect the object); management commands call `record`
themselves.

Django admin's pages are audited from the admin's own change log (LogEntry): each
add, change or delete made by the request is one event with the model, the ids and
the names of the changed fields, for every ModelAdmin at once. An admin request that
changed nothing (signing in, a form shown again) writes none.

Only ids and field names are stored, never values: the trail holds no citizen's data.
"""

import json
import logging

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import override

from projects.models import AuditAction, AuditEvent

security_log = logging.getLogger("security")

__all__ = ["AuditAction", "AuditMiddleware", "record"]

# Sign-in, language and session keep-alive are not changes to data (the security log
# has sign-ins and sign-outs).
NOT_AUDITED = {"login", "logout", "set_language", "session_extend"}


def object_type(model):
    return model._meta.label_lower


def _project_id(instance):
    if instance is None or instance.pk is None:
        return None
    if instance._meta.label_lower == "synergy.project":
        return instance.pk
    return getattr(instance, "project_id", None)


def record(
    *,
    user,
    action,
    instance=None,
    model=None,
    ids=None,
    project_id=None,
    fields=(),
    detail="",
):
    """Write one audit event. `instance` (or `model` with `ids`) says what it was about;
    `user` is None for management commands."""
    if instance is not None:
        model = type(instance)
        ids = [instance.pk] if ids is None and instance.pk is not None else ids
        project_id = project_id or _project_id(instance)
    return AuditEvent.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        project_id=project_id,
        action=action,
        object_type=object_type(model) if model is not None else "",
        object_ids=sorted(ids or []),
        fields=sorted(fields),
        detail=detail[:100],
    )


def _action_for(view_name, view_class, method):
    if method == "GET":
        return getattr(view_class, "audit_action", AuditAction.EXPORTED)
    suffix = view_name.rsplit("_", 1)[-1]
    return {
        "create": AuditAction.CREATED,
        "add": AuditAction.CREATED,
        "upload": AuditAction.CREATED,
        "update": AuditAction.UPDATED,
        "edit": AuditAction.UPDATED,
        "delete": AuditAction.DELETED,
    }.get(suffix, getattr(view_class, "audit_action", AuditAction.ACTED))


def _admin_log_mark():
    """The newest admin LogEntry id now (the entries after it are this request's)."""
    from django.contrib.admin.models import LogEntry

    return LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _field_names(model, change_message):
    """The changed fields an admin LogEntry names (by their untranslated labels), as
    field names; inline rows' changes and anything unknown are left out."""
    try:
        message = json.loads(change_message or "[]")
    except ValueError:
        return set()
    labels = set()
    for part in message if isinstance(message, list) else []:
        changed = part.get("changed") if isinstance(part, dict) else None
        if isinstance(changed, dict) and "name" not in changed:
            labels.update(changed.get("fields", []))
    if model is None or not labels:
        return set()
    with override(None):
        by_label = {}
        for field in model._meta.get_fields():
            verbose = getattr(field, "verbose_name", None)
            if verbose is not None:
                by_label[str(capfirst(verbose))] = field.name
            by_label.setdefault(field.name, field.name)
    return {by_label[label] for label in labels if label in by_label}


def _admin_project_id(model, ids):
    if model is None or len(ids) != 1:
        return None
    if model._meta.label_lower == "synergy.project":
        return ids[0]
    if not any(f.name == "project" for f in model._meta.concrete_fields):
        return None
    return (
        model._default_manager.filter(pk=ids[0])
        .values_list("project_id", flat=True)
        .first()
    )


def _record_admin_changes(request, view_name, after_pk):
    """One event per model and kind of change the admin logged during the request."""
    from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry

    actions = {
        ADDITION: AuditAction.CREATED,
        CHANGE: AuditAction.UPDATED,
        DELETION: AuditAction.DELETED,
    }
    groups = {}
    entries = (
        LogEntry.objects.filter(user_id=request.user.pk, pk__gt=after_pk)
        .select_related("content_type")
        .order_by("pk")
    )
    for entry in entries:
        if entry.action_flag not in actions:
            continue
        model = entry.content_type.model_class() if entry.content_type else None
        ids, fields = groups.setdefault(
            (entry.content_type_id, entry.action_flag, model), ([], set())
        )
        object_id = entry.object_id or ""
        ids.append(int(object_id) if object_id.isdigit() else object_id)
        fields |= _field_names(model, entry.change_message)
    for (_type, flag, model), (ids, fields) in groups.items():
        record(
            user=request.user,
            action=actions[flag],
            model=model,
            ids=ids,
            project_id=(_admin_project_id(model, ids) if flag != DELETION else None),
            fields=fields,
            detail=view_name,
        )


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefix = None

    def _is_admin(self, request):
        if self._admin_prefix is None:
            self._admin_prefix = reverse("admin:index")
        return request.path_info.startswith(self._admin_prefix)

    def __call__(self, request):
        admin_mark = None
        if request.method == "POST" and self._is_admin(request):
            admin_mark = _admin_log_mark()
        response = self.get_response(request)
        match = request.resolver_match
        user = getattr(request, "user", None)
        if response.status_code in (403, 404) and user and user.is_authenticated:
            # Refused or invisible (another site's object): the security log, by id.
            security_log.warning(
                "access refused",
                extra={
                    "user_id": user.pk,
                    "status": response.status_code,
                    "method": request.method,
                    "path": request.path,
                },
            )
        if (
            match is None
            or user is None
            or not user.is_authenticated
            or response.status_code >= 400
            or match.view_name in NOT_AUDITED
        ):
            return response
        if admin_mark is not None or "admin" in match.namespaces:
            # Django admin: from its own change log (the view names no model).
            if admin_mark is not None:
                _record_admin_changes(request, match.view_name, admin_mark)
            return response
        view_class = getattr(match.func, "view_class", None)
        if getattr(view_class, "audit", True) is False or getattr(
            request, "audit_skip", False
        ):
            return response
        if request.method == "POST":
            # A change answers with a redirect (post/redirect/get); a form shown again
            # with its errors (200) changed nothing. Views that answer a change
            # otherwise say so by setting request.audit_instance.
            if 300 <= response.status_code < 400 or hasattr(request, "audit_instance"):
                self._record(request, match, view_class)
        elif request.method == "GET" and getattr(view_class, "audit_reads", False):
            self._record(request, match, view_class)
        return response

    def _record(self, request, match, view_class):
        instance = getattr(request, "audit_instance", None)
        ids = None
        model = getattr(view_class, "audit_model", None) or getattr(
            view_class, "model", None
        )
        if instance is None:
            ids = [int(v) for k, v in match.kwargs.items() if k == "pk"]
        project_pk = match.kwargs.get("project_pk")
        others = " ".join(
            f"{k}={v}" for k, v in match.kwargs.items() if k not in ("pk", "project_pk")
        )
        record(
            user=request.user,
            action=_action_for(match.view_name, view_class, request.method),
            instance=instance,
            model=model,
            ids=ids,
            project_id=int(project_pk) if project_pk else None,
            fields=getattr(request, "audit_fields", ()),
            detail=f"{match.view_name} {others}".strip(),
        )
