"""The form that makes an API key."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import ApiTokenKind
from accounts.services import API_TOKEN_DEFAULT_DAYS, API_TOKEN_LONGEST_DAYS
from core.forms import DateInput
from core.validators import no_direction_controls
from projects.models import Project, Role

ROLE_CHOICES = [
    (Role.STEERING.value, _("Som styregruppen (fx til Power BI)")),
    (Role.CONSULTANT.value, _("Som konsulent (alt i forløbet)")),
]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Navn"),
        max_length=100,
        validators=[no_direction_controls],
        help_text=_("Hvad nøglen bruges til, fx “Power BI, økonomiafdelingen”."),
    )
    kind = forms.ChoiceField(
        label=_("Hvad må nøglen læse?"),
        choices=ApiTokenKind.choices,
        initial=ApiTokenKind.PERSONAL,
        widget=forms.RadioSelect,
        help_text=_(
            "En personlig nøgle læser det samme som du, i alle dine forløb. En "
            "forløbsnøgle læser kun ét forløb, som den rolle du vælger – giv den til "
            "en analytiker, der ikke selv har en konto."
        ),
    )
    project = forms.ModelChoiceField(
        label=_("Forløb"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=_("Vælg forløb"),
        help_text=_("Kun for en forløbsnøgle."),
    )
    role = forms.ChoiceField(
        label=_("Læser som"),
        choices=ROLE_CHOICES,
        initial=Role.STEERING.value,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Styregruppen ser ikke svar på spørgsmål med personoplysninger. Kun for "
            "en forløbsnøgle."
        ),
    )
    expires_on = forms.DateField(
        label=_("Udløber"),
        widget=DateInput(),
        help_text=_("Højst et år frem. Nøglen holder op med at virke den dag."),
    )

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        project_field = cast(forms.ModelChoiceField, self.fields["project"])
        project_field.queryset = projects
        if not projects.exists():
            # Only consultants make project keys.
            del self.fields["project"]
            del self.fields["role"]
            kind_field = cast(forms.ChoiceField, self.fields["kind"])
            kind_field.choices = [(ApiTokenKind.PERSONAL, ApiTokenKind.PERSONAL.label)]
            kind_field.widget = forms.HiddenInput()
        self.fields["expires_on"].initial = timezone.localdate() + datetime.timedelta(
            days=API_TOKEN_DEFAULT_DAYS
        )

    def clean_expires_on(self) -> datetime.date:
        value = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if value <= today:
            raise forms.ValidationError(_("Udløbsdatoen skal ligge efter i dag."))
        if value > today + datetime.timedelta(days=API_TOKEN_LONGEST_DAYS - 1):
            raise forms.ValidationError(_("En nøgle kan højst gælde et år."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == ApiTokenKind.PROJECT:
            if not data.get("project"):
                self.add_error("project", _("Vælg det forløb, nøglen må læse."))
            if not data.get("role"):
                self.add_error("role", _("Vælg, hvem nøglen læser som."))
        else:
            data["project"] = None
            data["role"] = ""
        return data

    def expires_at(self) -> datetime.datetime:
        """The end of the chosen day's start: the key stops working that day."""
        day = self.cleaned_data["expires_on"]
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
