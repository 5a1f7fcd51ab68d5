"""Writes for the catalogue that are more than saving one form."""

from django.db import transaction
from django.utils import timezone

from .models import ServiceOffering


@transaction.atomic
def place_offerings_set(*, place, levels):
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
