"""Showing the result of a merged save on a schema page (see core.merge).

After a save the page must show, per answer: what the person typed where it was saved;
the value stored elsewhere where the page was out of date and the person had not
touched it; and, where both sides changed the same answer, both versions side by side
with a choice. These helpers build that for the whole page (a form shown again after a
POST) and for the autosave answer (a small JSON the page script applies).
"""

from typing import Any

from core.merge_forms import (
    ConflictShown,
    conflict_shown,
    data_after_merge,
    field_data,
)

from .. import selectors
from ..forms import AnswersForm


def conflicts_shown(form: AnswersForm, result) -> dict[str, ConflictShown]:
    """{field name: ConflictShown} for the merge's conflicts, with who saved the other
    version and when."""
    if not result.conflicts:
        return {}
    saves = selectors.answer_last_saves(
        submission=result.submission, keys=list(result.conflicts)
    )
    shown = {}
    for key, conflict in result.conflicts.items():
        saved_by, saved_at = saves.get(key, (None, None))
        shown[f"q_{key}"] = conflict_shown(
            form, f"q_{key}", conflict, saved_by=saved_by, saved_at=saved_at
        )
    return shown


def form_after_merge(*, data, context, result, require: bool) -> AnswersForm:
    """The form to show again after a merged save of the whole page.

    The person's values stay where they typed them; answers stored elsewhere replace
    the page's out-of-date ones the person had not changed; base tokens follow what
    the page now shows; the version moves on only when no conflict is left (a page
    in conflict stays in conflict until its person chooses)."""
    submission = result.submission
    fields = AnswersForm(
        sections=context["sections"],
        answers=context["answers"],
        version=submission.version,
        period=submission.kind,
        site_id=submission.run.site_id,
        entries=context["entries"],
        entry_answers=context["entry_answers"],
    ).fields
    data = data_after_merge(
        data, fields=fields, merge=result.merge, name_of=lambda key: f"q_{key}"
    )
    if not result.conflicts:
        data["version"] = str(submission.version)
    form = AnswersForm(
        data,
        sections=context["sections"],
        answers=context["answers"],
        version=submission.version,
        require=require,
        period=submission.kind,
        site_id=submission.run.site_id,
        entries=context["entries"],
        entry_answers=context["entry_answers"],
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
