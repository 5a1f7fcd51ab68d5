"""The navigation each role sees (one query per request, shared with the permission rules)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from . import sessions
from .permissions import (
    coordinator_site_ids,
    is_catalogue_editor,
    is_consultant,
    is_member,
)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    session_end = {"session_warning_seconds": settings.SESSION_WARNING_SECONDS}
    if sessions.SIGNED_IN_AT in request.session:
        session_end["session_expires_at"] = sessions.ends_at(request.session)
        session_end["session_final"] = sessions.is_final(request.session)
    items = [(_("Forside"), reverse("home"))]
    # A catalogue editor in no project still keeps the catalogue.
    editor_only = (
        not is_member(user) and not user.is_superuser and is_catalogue_editor(user)
    )
    if is_member(user) or user.is_superuser or editor_only:
        items.append((_("Forløb"), reverse("synergy:project_list")))
        site_ids = sorted(coordinator_site_ids(user))
        if site_ids:
            items.append((_("Mine skemaer"), reverse("testing:my_submissions")))
        if len(site_ids) == 1 and not is_consultant(user):
            items.append(
                (_("Mit sted"), reverse("sites:site_detail", args=[site_ids[0]]))
            )
        items.append((_("Steder"), reverse("sites:site_list")))
        items.append((_("Ydelser"), reverse("sites:citizenservice_list")))
        if is_consultant(user) or user.is_superuser or editor_only:
            items.append((_("Betjeningssteder"), reverse("sites:servicepoint_list")))
            items.append((_("Kommuner"), reverse("sites:municipality_list")))
            items.append((_("Ændringsforslag"), reverse("sites:changeproposal_list")))
    path = request.path
    # The longest matching prefix is the current page ("/" only matches itself).
    current = max(
        (
            url
            for _label, url in items
            if path == url or (url != "/" and path.startswith(url))
        ),
        key=len,
        default=None,
    )
    return {
        **session_end,
        "nav_items": [
            {"label": label, "url": url, "current": url == current}
            for label, url in items
        ],
    }
