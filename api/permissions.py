"""Who may read the API: any signed-in principal (a person's token, a project's token
or, for the browsable docs, the session) whose role gives the view's permission
(`permission_required`, a rule of projects/permissions.py, asked without an object:
"a member of some project"). Which rows they read is the rows' own visibility
(`Model.objects.visible_to`), never a rule of the API's."""

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request


class MayRead(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if user is None or not user.is_authenticated:
            return False
        permission = getattr(view, "permission_required", None)
        return bool(permission) and user.has_perm(permission)
