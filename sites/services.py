"""Writes for the catalogue that are more than saving one form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from core.form_saves import model_form_save
from core.merge import three_way
from core.merge_forms import field_data, stored_value
from core.owned_state import ALL
from core.services import ActionRefused, StateConflict

from .forms import EDIT_FORMS
from .models import ChangeProposal, ProposalStatus, ServiceOffering, ServicePoint, Site

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# State whose every change goes through a service of this module; Django admin
# shows it read-only (core.owned_state). ALL: rows only these services write.
OWNED_STATE: dict[type[models.Model], tuple[str, ...] | str] = {ChangeProposal: ALL}


@transaction.atomic
def place_offerings_set(
    *, place: Site | ServicePoint, levels: Mapping[int, tuple[str, str]]
) -> int:
    """Make the services offered at `place` exactly `levels`.

    `levels` maps service id → (level, note). Offerings not in it are removed,
    changed ones updated, new ones created. Returns the number of rows changed.
    """
    current = {o.service_id: o for o in ServiceOffering.objects.for_place(place)}
    removed = [o.pk for service_id, o in current.items() if service_id not in levels]
    ServiceOffering.objects.filter(pk__in=removed).delete()
    changed = len(removed)
    to_create, to_update = [], []
    for service_id, (level, note) in levels.items():
        offering = current.get(service_id)
        if offering is None:
            offering = ServiceOffering(service_id=service_id, level=level, note=note)
            offering.place = place
            to_create.append(offering)
        elif (offering.level, offering.note) != (level, note):
            offering.level, offering.note = level, note
            offering.updated_at = timezone.now()
            to_update.append(offering)
    ServiceOffering.objects.bulk_create(to_create)
    ServiceOffering.objects.bulk_update(to_update, ["level", "note", "updated_at"])
    return changed + len(to_create) + len(to_update)


# Proposed changes to shared records


def change_proposal_create(
    *,
    record: models.Model,
    changes: dict[str, Any],
    bases: dict[str, str],
    message: str,
    user: User,
) -> ChangeProposal:
    """Record a proposed change to a catalogue record; the record itself is unchanged.

    `changes`: {field name: proposed value (canonical)}; `bases`: {field name: token
    of the value the proposer saw}."""
    if type(record) not in EDIT_FORMS:
        raise ActionRefused(_("Der kan ikke foreslås ændringer til denne slags data."))
    if not changes:
        raise ActionRefused(_("Du har ikke ændret noget."))
    proposal = ChangeProposal(
        record=record,
        changes=changes,
        bases=bases,
        message=message.strip(),
        proposed_by=user,
    )
    proposal.full_clean()
    proposal.save()
    return proposal


def _pending(proposal: ChangeProposal) -> ChangeProposal:
    """The proposal, locked, if it is still pending (otherwise a clear refusal)."""
    locked = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.PENDING:
        raise StateConflict(
            _("Forslaget er allerede afgjort (%(status)s). Intet er ændret.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


def _decide(proposal: ChangeProposal, *, status: str, user: User, note: str) -> None:
    proposal.status = status
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.decision_note = note.strip()
    proposal.save(
        update_fields=[
            "status",
            "decided_by",
            "decided_at",
            "decision_note",
            "updated_at",
        ]
    )


@dataclass
class AcceptedProposal:
    """A proposal accepted: the record as now stored and the fields that changed."""

    proposal: ChangeProposal
    record: models.Model
    fields: list[str]


@transaction.atomic
def change_proposal_accept(
    *, proposal: ChangeProposal, user: User, note: str = ""
) -> AcceptedProposal:
    """Make the proposed change through the record's own form (its rules hold) and
    mark the proposal accepted.

    The proposal is merged with what was saved since it was made (core.merge): a
    field someone else has changed to something else meanwhile is a conflict, and
    nothing is changed (StateConflict names the fields); a rule the change would break
    now (a name taken since) refuses it (ActionRefused)."""
    locked = _pending(proposal)
    model = locked.content_type.model_class()
    if model is None or model not in EDIT_FORMS:
        raise ActionRefused(_("Der kan ikke foreslås ændringer til denne slags data."))
    form_class = EDIT_FORMS[model]
    record = model._default_manager.select_for_update().get(pk=locked.object_id)
    fields = form_class(instance=record).fields
    names = [name for name in locked.changes if name in fields]
    merge = three_way(
        mine={name: locked.changes[name] for name in names},
        theirs={name: stored_value(record, name) for name in names},
        base=locked.bases,
    )
    if merge.conflicts:
        labels = [str(fields[name].label) for name in merge.conflicts]
        raise StateConflict(
            _(
                "%(fields)s er ændret på en anden måde, siden forslaget blev lavet. "
                "Intet er ændret: afvis forslaget, eller ret selv i %(record)s."
            )
            % {"fields": get_text_list(labels, _("og")).capitalize(), "record": record}
        )
    data = QueryDict(mutable=True)
    for name, field in fields.items():
        value = merge.apply[name] if name in merge.apply else stored_value(record, name)
        data.setlist(name, field_data(field, value))
    form = form_class(data=data, instance=record)
    if not form.is_valid():
        errors = [str(e) for errors in form.errors.values() for e in errors]
        raise ActionRefused(
            _("Ændringen kan ikke gennemføres: %(errors)s")
            % {"errors": " ".join(errors)}
        )
    record = model_form_save(form=form)
    _decide(locked, status=ProposalStatus.ACCEPTED, user=user, note=note)
    return AcceptedProposal(proposal=locked, record=record, fields=sorted(merge.apply))


@transaction.atomic
def change_proposal_reject(
    *, proposal: ChangeProposal, user: User, note: str = ""
) -> ChangeProposal:
    """Mark the proposal rejected; the record is not touched."""
    locked = _pending(proposal)
    _decide(locked, status=ProposalStatus.REJECTED, user=user, note=note)
    return locked
