"""Showing the result of a merged save on a schema page (see synergy.merge).

After a save the page must show, per answer: what the person typed where it was saved;
the value stored elsewhere where the page was out of date and the person had not
touched it; and, where both sides changed the same answer, both versions side by side
with a choice. These helpers build that for the whole page (a form shown again after a
POST) and for the autosave answer (a small JSON the page script applies).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .. import selectors
from ..forms import AnswersForm, field_data


@dataclass(frozen=True)
class ConflictShown:
    """One answer both sides changed, as the page shows it beside its field."""

    name: str
    label: str
    mine: str
    theirs: str
    seen: str
    saved_by: AbstractBaseUser | None
    saved_at: datetime.datetime | None
    again: bool


def shown_value(field: forms.Field, value: Any) -> str:
    """An answer as a person reads it (choices by their label, Danish numbers)."""
    if value in (None, "", []):
        return _("(intet svar)")
    choices = dict(getattr(field, "choices", []) or [])
    if isinstance(value, list | tuple):
        return ", ".join(str(choices.get(item, item)) for item in value)
    if choices:
        return str(choices.get(value, choices.get(str(value), value)))
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, int | float) or hasattr(value, "as_tuple"):
        return number_format(field.prepare_value(value), force_grouping=True)
    return str(value)


def conflicts_shown(form: AnswersForm, result) -> dict[str, ConflictShown]:
    """{field name: ConflictShown} for the merge's conflicts."""
    if not result.conflicts:
        return {}
    saves = selectors.answer_last_saves(
        submission=result.submission, keys=list(result.conflicts)
    )
    chosen = form.choices()
    shown = {}
    for key, conflict in result.conflicts.items():
        name = f"q_{key}"
        field = form.fields[name]
        saved_by, saved_at = saves.get(key, (None, None))
        shown[name] = ConflictShown(
            name=name,
            label=str(field.label),
            mine=shown_value(field, conflict.mine),
            theirs=shown_value(field, conflict.theirs),
            seen=conflict.theirs_token,
            saved_by=saved_by,
            saved_at=saved_at,
            again=key in chosen,
        )
    return shown


def form_after_merge(*, data, context, result, require: bool) -> AnswersForm:
    """The form to show again after a merged save of the whole page.

    The person's values stay where they typed them; answers stored elsewhere replace
    the page's out-of-date ones the person had not changed; base tokens follow what
    the page now shows; the version moves on only when no conflict is left (a page
    in conflict stays in conflict until its person chooses)."""
    submission = result.submission
    template_form = AnswersForm(
        sections=context["sections"],
        answers=context["answers"],
        version=submission.version,
    )
    data = data.copy()
    for key, value in result.refreshed.items():
        name = f"q_{key}"
        data.setlist(name, field_data(template_form.fields[name], value))
    for key, token in result.merge.tokens.items():
        data[f"base-q_{key}"] = token
    for key in list(result.merge.tokens):
        data.pop(f"resolve-q_{key}", None)
        data.pop(f"seen-q_{key}", None)
    if not result.conflicts:
        data["version"] = str(submission.version)
    form = AnswersForm(
        data,
        sections=context["sections"],
        answers=context["answers"],
        version=submission.version,
        require=require,
    )
    form.is_valid()
    form.conflicts = conflicts_shown(form, result)
    return form


def autosave_sync(*, form: AnswersForm, result) -> dict[str, Any]:
    """What the page script applies after an autosave: the base token of each answer the
    page is now up to date on, and the values stored elsewhere for the answers the page
    showed out of date (applied only where the person has not typed since)."""
    merge = result.merge
    return {
        "bases": {
            f"q_{key}": token
            for key, token in merge.tokens.items()
            if key not in merge.refresh
        },
        "refresh": {
            f"q_{key}": {
                "value": field_data(form.fields[f"q_{key}"], value),
                "base": merge.tokens[key],
            }
            for key, value in merge.refresh.items()
        },
        "conflicts": [f"q_{key}" for key in result.conflicts],
    }


def panels_to_send(*, form: AnswersForm, result) -> dict[str, ConflictShown | None]:
    """The conflict panels an autosave answer replaces: new or changed conflicts, and
    empty panels where a conflict the page shows is over. A panel the page already
    shows for the same stored value is left alone (so focus in it is not lost)."""
    shown = conflicts_shown(form, result)
    panels: dict[str, ConflictShown | None] = {}
    for name in form.questions:
        seen = form.data.get(f"seen-{name}")
        if name in shown:
            if seen != shown[name].seen or shown[name].again:
                panels[name] = shown[name]
        elif seen is not None:
            panels[name] = None
    return panels
