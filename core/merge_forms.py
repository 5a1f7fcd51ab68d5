"""Forms and pages that save by three-way merge (the rules are in core.merge).

A page that edits shared text carries, per field, the token of the value it showed
(`base-<field name>`). After a save it is shown again with: the person's values where
they were saved; values saved elsewhere where the page was out of date and the person
had not changed them; and, beside each field both sides changed, both versions and the
choice "Behold min" / "Behold den gemte" (`resolve-<name>`, made against the stored
value it names: `seen-<name>`).
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.db import models
from django.http import QueryDict
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from core.merge import Conflict, Merge, posted_bases, posted_choices, token

if TYPE_CHECKING:
    # MergeModelFormMixin completes a ModelForm; for the type checker it extends one.
    _ModelFormBase = forms.ModelForm[Any]
else:
    _ModelFormBase = object


@dataclass(frozen=True)
class ConflictShown:
    """One field both sides changed, as the page shows it beside the field."""

    name: str
    label: str
    mine: str
    theirs: str
    seen: str
    saved_by: Any
    saved_at: datetime.datetime | None
    again: bool


def field_data(field: forms.Field, value: Any) -> list[str]:
    """What a browser would post for `value` in `field`, so that a form can be shown
    again with a value that was stored meanwhile."""
    if isinstance(field.widget, forms.CheckboxInput):
        return ["on"] if value else []
    if value in (None, "", []):
        return []
    prepared = field.prepare_value(value)
    if isinstance(prepared, list | tuple):
        return [str(item) for item in prepared]
    shown = field.widget.format_value(prepared)
    if isinstance(shown, list | tuple):  # choice widgets give a list of values
        return [str(item) for item in shown]
    return [] if shown is None else [str(shown)]


def shown_value(field: forms.Field, value: Any) -> str:
    """A value as a person reads it (choices by their label, Danish numbers)."""
    if isinstance(value, models.QuerySet):
        value = list(value)
    if value in (None, "", []):
        return _("(tomt)")
    if isinstance(value, list | tuple):
        return ", ".join(shown_value(field, item) for item in value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    choices = getattr(field, "choices", None)
    if choices is not None and not isinstance(field, forms.ModelChoiceField):
        labels = {str(key): label for key, label in choices}
        if str(value) in labels:
            return str(labels[str(value)])
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, int | float) or hasattr(value, "as_tuple"):
        return number_format(field.prepare_value(value), force_grouping=True)
    return str(value)


def conflict_shown(
    form: forms.Form,
    name: str,
    conflict: Conflict,
    *,
    saved_by: Any = None,
    saved_at: datetime.datetime | None = None,
) -> ConflictShown:
    field = form.fields[name]
    return ConflictShown(
        name=name,
        label=str(field.label),
        mine=shown_value(field, conflict.mine),
        theirs=shown_value(field, conflict.theirs),
        seen=conflict.theirs_token,
        saved_by=saved_by,
        saved_at=saved_at,
        again=bool(form.data.get(f"resolve-{name}")),
    )


def data_after_merge(
    data: QueryDict,
    *,
    fields: Mapping[str, forms.Field],
    merge: Merge,
    name_of: Callable[[str], str] = lambda key: key,
) -> QueryDict:
    """The posted data brought up to date after a merged save: values stored elsewhere
    where the page was out of date, base tokens of what the page now shows, and the
    choices that were made taken away (kept where a conflict remains)."""
    data = data.copy()
    for key, value in merge.refresh.items():
        data.setlist(name_of(key), field_data(fields[name_of(key)], value))
    for key, value in merge.tokens.items():
        name = name_of(key)
        data[f"base-{name}"] = value
        data.pop(f"resolve-{name}", None)
        data.pop(f"seen-{name}", None)
    return data


def stored_value(instance: models.Model, name: str) -> Any:
    """A model field's stored value as its form field compares it (many-to-many: the
    related objects; a foreign key: its id)."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return list(getattr(instance, name).all()) if instance.pk else []
    if not isinstance(field, models.Field):
        raise ValueError(f"{name} is a reverse relation, not a stored value")
    return getattr(instance, field.attname)


class MergeModelFormMixin(_ModelFormBase):
    """A ModelForm saved by three-way merge (core.services.instance_merge_save).

    `merge_fields` names the fields merged (default: the model fields of the form).
    Unbound, the form knows the token of each field's stored value; bound, the tokens
    the page posted. `conflicts` is filled after a save that met conflicts.
    """

    merge_fields: list[str] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = self.merge_field_names()
        if self.is_bound:
            self.base_tokens = posted_bases(self.data, names)
        else:
            self.base_tokens = {
                name: token(stored_value(self.instance, name)) for name in names
            }
        self.conflicts: dict[str, ConflictShown] = {}

    def merge_field_names(self) -> list[str]:
        if self.merge_fields is not None:
            return list(self.merge_fields)
        if self._meta.fields is None:
            # Meta says "__all__" or only `exclude`: the form's fields of the model.
            stored = {field.name for field in self._meta.model._meta.get_fields()}
            return [name for name in self.fields if name in stored]
        return [name for name in self._meta.fields if name in self.fields]

    def merge_values(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in self.merge_field_names()
            if name in self.cleaned_data
        }

    def bases(self) -> dict[str, str]:
        return {name: value for name, value in self.base_tokens.items() if value}

    def choices(self) -> dict[str, tuple[str, str]]:
        return posted_choices(self.data, self.merge_field_names())
