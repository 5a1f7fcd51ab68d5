"""Writes for test guides: publishing the draft as a version."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import ActionRefused

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
