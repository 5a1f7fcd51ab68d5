"""Writes for test guides: publishing the draft as a version."""

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from core.merge import token
from core.services import ActionRefused
from initiatives.models import Initiative
from projects import audit
from projects.models import AuditAction

from ..criteria import Criterion, with_key
from ..models import TestGuide, TestGuideVersion


@transaction.atomic
def guide_publish(
    *, guide: TestGuide, user: User, change_note: str
) -> TestGuideVersion:
    """Publish the draft as the next version (unchanged drafts are not republished)."""
    latest = guide.versions.first()
    if latest is not None and latest.content() == guide.content():
        raise ActionRefused(
            _("Kladden er ikke ændret siden version %(number)s.")
            % {"number": latest.number}
        )
    return TestGuideVersion.objects.create(
        guide=guide,
        number=(latest.number + 1) if latest else 1,
        change_note=change_note.strip(),
        published_by=user,
        **guide.content(),
    )


def _criteria_token(stored: Any) -> str:
    return token(stored or [])


@transaction.atomic
def guide_criteria_save(
    *,
    initiative: Initiative,
    criteria: Sequence[Criterion],
    user: User,
    base: str,
) -> TestGuide:
    """Keep a guide draft's success criteria (they apply once the guide is published).

    `base` is the token of the criteria the page showed (`criteria_token`); when they
    have changed since (another tab, another person), nothing is written and the page
    is told so. A repeated save of the same criteria (a double click) is no change."""
    guide, _created = TestGuide.objects.select_for_update().get_or_create(
        initiative=initiative
    )
    stored = [with_key(c).to_stored() for c in criteria]
    keys = [c["key"] for c in stored]
    if len(set(keys)) != len(keys):
        raise ActionRefused(_("To kriterier har samme nøgle. Genindlæs siden."))
    if guide.criteria == stored:
        return guide
    if base != _criteria_token(guide.criteria):
        raise CriteriaChanged(guide)
    guide.criteria = stored
    guide.save(update_fields=["criteria", "updated_at"])
    audit.record(
        user=user,
        action=AuditAction.UPDATED,
        instance=guide,
        fields=["criteria"],
        detail=_("%(count)s succeskriterier") % {"count": len(stored)},
    )
    return guide


def criteria_token(guide: TestGuide | None) -> str:
    """The token a page of a guide's criteria posts back as `base`."""
    return _criteria_token(guide.criteria if guide else [])


class CriteriaChanged(ActionRefused):
    """The criteria were changed since the page was loaded: nothing was written."""

    def __init__(self, guide: TestGuide):
        self.guide = guide
        super().__init__(
            _(
                "Succeskriterierne er ændret et andet sted, siden du åbnede siden, så "
                "intet er gemt. Dine ændringer står stadig i formularen; sammenlign med "
                "testguiden, og gem igen, hvis de skal gælde."
            )
        )
