"""Forms for the catalogue: every rule is checked here and reported beside its field."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import TimeInput, UniqueNameMixin
from core.merge import canonical, token
from core.merge_forms import MergeModelFormMixin, shown_value, stored_value

from . import selectors
from .models import (
    CitizenService,
    Municipality,
    OpeningHours,
    ProposalStatus,
    ServiceLevel,
    ServicePoint,
    Site,
)


class MunicipalityForm(UniqueNameMixin, forms.ModelForm):
    duplicate_name_message = _("Der findes allerede en kommune med dette navn.")

    class Meta:
        model = Municipality
        fields = ["name", "code"]


class SiteForm(UniqueNameMixin, forms.ModelForm):
    duplicate_name_message = _("Der findes allerede et sted med dette navn.")

    class Meta:
        model = Site
        fields = [
            "name",
            "municipality",
            "integration_degree",
            "borgerservice_since",
            "staff_count",
            "staffing",
            "address",
            "description",
        ]
        widgets = {
            "staffing": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class ServicePointForm(UniqueNameMixin, forms.ModelForm):
    unique_name_scope = ("municipality",)
    duplicate_name_message = _(
        "Kommunen har allerede et betjeningssted med dette navn."
    )

    class Meta:
        model = ServicePoint
        fields = ["name", "municipality", "address", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class CitizenServiceForm(UniqueNameMixin, forms.ModelForm):
    duplicate_name_message = _("Der findes allerede en ydelse med dette navn.")

    class Meta:
        model = CitizenService
        fields = [
            "name",
            "category",
            "description",
            "requires_attendance",
            "self_service_online",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class OpeningHoursForm(forms.ModelForm):
    """One interval; the place (site or service point) is set by the view."""

    class Meta:
        model = OpeningHours
        fields = ["weekday", "kind", "opens_at", "closes_at", "note"]
        widgets = {"opens_at": TimeInput(), "closes_at": TimeInput()}

    def __init__(self, *args, place, **kwargs):
        super().__init__(*args, **kwargs)
        self.place = place
        self.instance.place = place

    def clean(self):
        cleaned_data = super().clean()
        opens_at, closes_at = (
            cleaned_data.get("opens_at"),
            cleaned_data.get("closes_at"),
        )
        if opens_at is None or closes_at is None:
            return cleaned_data
        if closes_at <= opens_at:
            self.add_error(
                "closes_at",
                ValidationError(
                    _("Lukketiden skal ligge efter åbningstiden."),
                    code="closes_before_opening",
                ),
            )
            return cleaned_data
        weekday, kind = cleaned_data.get("weekday"), cleaned_data.get("kind")
        if weekday and kind:
            clash = selectors.opening_hours_overlapping(
                place=self.place,
                weekday=weekday,
                kind=kind,
                opens_at=opens_at,
                closes_at=closes_at,
                exclude_pk=self.instance.pk,
            )
            if clash is not None:
                self.add_error(
                    "opens_at",
                    ValidationError(
                        _("Tidsrummet overlapper %(other)s."),
                        code="overlap",
                        params={"other": clash},
                    ),
                )
        return cleaned_data


class ServiceOfferingsForm(forms.Form):
    """Which services a place offers: one level and note field per catalogue service."""

    NOT_OFFERED = ""

    def __init__(self, *args, services, current, **kwargs):
        """`services`: the catalogue; `current`: {service_id: offering} at this place."""
        super().__init__(*args, **kwargs)
        self.services = list(services)
        self.rows = []
        level_choices = [(self.NOT_OFFERED, _("Tilbydes ikke")), *ServiceLevel.choices]
        for service in self.services:
            offering = current.get(service.pk)
            level_name, note_name = f"level_{service.pk}", f"note_{service.pk}"
            self.fields[level_name] = forms.ChoiceField(
                label=_("Niveau for %(service)s") % {"service": service.name},
                choices=level_choices,
                required=False,
                initial=offering.level if offering else self.NOT_OFFERED,
            )
            self.fields[note_name] = forms.CharField(
                label=_("Bemærkning til %(service)s") % {"service": service.name},
                max_length=200,
                required=False,
                initial=offering.note if offering else "",
            )
            self.rows.append((service, self[level_name], self[note_name]))

    def clean(self):
        cleaned_data = super().clean()
        for service in self.services:
            level = cleaned_data.get(f"level_{service.pk}")
            if not level and cleaned_data.get(f"note_{service.pk}"):
                self.add_error(
                    f"note_{service.pk}",
                    ValidationError(
                        _("En bemærkning kræver, at ydelsen tilbydes."),
                        code="note_without_level",
                    ),
                )
        return cleaned_data

    def offered_levels(self):
        """{service_id: (level, note)} for the services ticked as offered."""
        return {
            service.pk: (
                self.cleaned_data[f"level_{service.pk}"],
                self.cleaned_data[f"note_{service.pk}"],
            )
            for service in self.services
            if self.cleaned_data.get(f"level_{service.pk}")
        }


# Proposed changes to shared records (sites.services.change_proposal_*)


class ProposalFormMixin(MergeModelFormMixin):
    """A catalogue record's own form, filled in as a proposal: the record is not
    changed. The page carries the token of each value it showed (as merged forms do),
    so the proposal holds only the fields the proposer changed, and accepting it
    later merges with what was saved since."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"] = forms.CharField(
            label=_("Begrundelse"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Hvorfor skal det ændres? Den, der afgør forslaget, ser det."),
        )
        self.stored_tokens = {
            name: token(stored_value(self.instance, name))
            for name in self.merge_field_names()
        }

    def proposed(self) -> tuple[dict[str, Any], dict[str, str]]:
        """(changes, bases): the proposed values of the fields the proposer changed
        (canonical, so they can be stored as JSON) and the tokens of the values the
        page showed them."""
        bases = {**self.stored_tokens, **self.bases()}
        changes = {
            name: canonical(value)
            for name, value in self.merge_values().items()
            if token(value) != bases[name]
        }
        return changes, {name: bases[name] for name in changes}

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors and not self.proposed()[0]:
            raise ValidationError(_("Du har ikke ændret noget."), code="no_changes")
        return cleaned_data


class MunicipalityProposalForm(ProposalFormMixin, MunicipalityForm):
    pass


class SiteProposalForm(ProposalFormMixin, SiteForm):
    pass


class ServicePointProposalForm(ProposalFormMixin, ServicePointForm):
    pass


class CitizenServiceProposalForm(ProposalFormMixin, CitizenServiceForm):
    pass


# The form that edits each kind of record that can be proposed changed, and the form
# that proposes a change to it.
EDIT_FORMS = {
    Municipality: MunicipalityForm,
    Site: SiteForm,
    ServicePoint: ServicePointForm,
    CitizenService: CitizenServiceForm,
}
PROPOSAL_FORMS = {
    Municipality: MunicipalityProposalForm,
    Site: SiteProposalForm,
    ServicePoint: ServicePointProposalForm,
    CitizenService: CitizenServiceProposalForm,
}


class ProposalDecisionForm(forms.Form):
    """Accept or reject a proposal, with an answer to the proposer."""

    ACCEPT, REJECT = "accept", "reject"

    decision = forms.ChoiceField(
        label=_("Din afgørelse"),
        choices=[
            (ACCEPT, _("Godkend: ændringen gennemføres")),
            (REJECT, _("Afvis: intet ændres")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Svar til forslagsstilleren"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@dataclass(frozen=True)
class ProposedChange:
    """One field of a proposal as a person reads it."""

    label: str
    current: str
    proposed: str
    changed_since: bool


def proposal_rows(proposal) -> list[ProposedChange]:
    """The proposal's fields: label, the value stored now, the proposed value, and
    whether the stored value has changed since the proposal was made."""
    record = proposal.record
    model = proposal.content_type.model_class()
    if record is None or model not in EDIT_FORMS:
        return []
    fields = EDIT_FORMS[model](instance=record).fields
    rows = []
    for name, value in proposal.changes.items():
        field = fields.get(name)
        if field is None:
            continue
        if (
            isinstance(field, forms.ModelChoiceField)
            and field.queryset is not None
            and value is not None
        ):
            value = field.queryset.filter(pk=value).first() or value
        stored = stored_value(record, name)
        rows.append(
            ProposedChange(
                label=str(field.label),
                current=shown_value(field, getattr(record, name)),
                proposed=shown_value(field, value),
                changed_since=proposal.status == ProposalStatus.PENDING
                and token(stored) != proposal.bases.get(name),
            )
        )
    return rows
