"""Each person's choices: per kind, shown in the app and/or sent by mail."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NotificationKind


def _in_app(kind: str) -> str:
    return f"{kind}_in_app"


def _by_mail(kind: str) -> str:
    return f"{kind}_by_mail"


class NotificationPreferenceForm(forms.Form):
    """Two checkboxes per kind ("I appen", "På mail"), grouped per kind by the page."""

    def __init__(
        self,
        *args: Any,
        initial_choices: dict[str, tuple[bool, bool]],
        kinds: list[str],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.offered = [kind for kind in NotificationKind if kind in kinds]
        for kind in self.offered:
            in_app, by_mail = initial_choices[kind]
            self.fields[_in_app(kind)] = forms.BooleanField(
                label=_("I appen"), required=False, initial=in_app
            )
            self.fields[_by_mail(kind)] = forms.BooleanField(
                label=_("På mail"), required=False, initial=by_mail
            )

    def kinds(self) -> list[tuple[str, Any, forms.BoundField, forms.BoundField]]:
        """[(kind, label, in-app field, mail field)] in the order of NotificationKind."""
        return [
            (kind.value, kind.label, self[_in_app(kind)], self[_by_mail(kind)])
            for kind in self.offered
        ]

    def choices(self) -> dict[str, tuple[bool, bool]]:
        """{kind: (in app, by mail)} from the cleaned data."""
        data = self.cleaned_data
        return {
            kind.value: (data[_in_app(kind)], data[_by_mail(kind)])
            for kind in self.offered
        }
