"""Writes for answers: a quote made of an answer that holds a citizen's words."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import ActionRefused
from initiatives.models import Quote
from initiatives.services import quote_create

from ..models import Answer


@transaction.atomic
def answer_quote_create(
    *,
    answer: Answer,
    user: User,
    text: str,
    speaker_label: str = "",
    age_band: str = "",
    service: Any = None,
    site: Any = None,
    interview: Any = None,
    tags: Iterable[Any] = (),
) -> Quote:
    """Make a quote of (part of) an answer that may hold a citizen's words, in the
    answer's project. The quote is saved without consent and not reviewed, whatever
    was sent: like every quote, it reaches the dashboard and the catalogue only once
    the consultant has recorded the citizen's consent and reviewed it."""
    if not answer.question.holds_personal_data or not answer.value_text:
        raise ActionRefused(_("Kun svar med borgeres ord kan blive til et citat."))
    return quote_create(
        project=answer.submission.run.project,
        text=text,
        speaker_label=speaker_label,
        age_band=age_band,
        service=service,
        site=site if site is not None else answer.submission.run.site,
        interview=interview,
        tags=tags,
        # The quote says something about the initiative whose schema it comes from.
        initiatives=[answer.submission.run.initiative],
        consent_to_publish=False,
        reviewed=False,
        test_week=answer.submission.week,
        user=user,
    )
