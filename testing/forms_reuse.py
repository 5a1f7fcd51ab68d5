"""Forms of reuse: a new project from an earlier one, and the library of test kits."""

import datetime
import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import WeekField
from projects.models import Project, Role

from . import kits
from .reuse import GROUPS

KEY = re.compile(r"[0-9a-f]{32}\Z")
FIRST_YEAR, LAST_YEAR = 2000, 2100


def new_key() -> str:
    """A one-time key for a copy page: the copy it confirms is made once."""
    return secrets.token_hex(16)


class OneTimeKeyMixin(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=32)

    def clean_key(self):
        key = self.cleaned_data["key"]
        if not KEY.fullmatch(key):
            raise ValidationError(
                _("Siden var forældet. Se oversigten igennem, og prøv igen."),
                code="stale",
            )
        return key


class StartWeekField(WeekField):
    """An ISO week; a week the year does not have (2021-W53) is said so."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().upper().replace(" ", "")
        match = re.fullmatch(r"(\d{4})-W(\d{1,2})", text)
        if match:
            year, week = int(match[1]), int(match[2])
            if not FIRST_YEAR <= year <= LAST_YEAR:
                raise ValidationError(
                    _("Vælg en uge mellem år %(first)s og %(last)s."),
                    code="year",
                    params={"first": FIRST_YEAR, "last": LAST_YEAR},
                )
            if week == 53 and datetime.date(year, 12, 28).isocalendar().week != 53:
                raise ValidationError(
                    _(
                        "%(year)s har ikke nogen uge 53; vælg uge 52 eller uge 1 %(next)s."
                    ),
                    code="no_week_53",
                    params={"year": year, "next": year + 1},
                )
        return super().to_python(value)


class ProjectCopyForm(OneTimeKeyMixin, forms.Form):
    """A new project from an earlier one: its name, its first week and what to copy.
    `plan` is the fingerprint of the preview the consultant saw (testing/reuse.py)."""

    name = forms.CharField(label=_("Navn på det nye forløb"), max_length=200)
    starts_week = StartWeekField(
        label=_("Tidsplanen begynder i uge"),
        help_text=_(
            "Det første punkt i tidsplanen lægges i denne uge; de andre beholder "
            "deres afstand til det."
        ),
    )
    groups = forms.MultipleChoiceField(
        label=_("Det skal kopieres"),
        choices=list(GROUPS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    plan = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Project.objects.filter(name=name).exists():
            raise ValidationError(
                _("Der findes allerede et forløb med dette navn."), code="unique"
            )
        return name


class TestKitForm(forms.Form):
    __test__ = False  # not a pytest test class, whatever its name

    name = forms.CharField(label=_("Navn på testkittet"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hvad tiltaget afprøver, og hvornår kittet passer."),
    )


class TestKitImportForm(forms.Form):
    __test__ = False  # not a pytest test class, whatever its name

    file = forms.FileField(
        label=_("Fil med et testkit (JSON)"),
        help_text=_("En fil, der er hentet med “Hent som fil” i Synergi (højst 1 MB)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > kits.MAX_BYTES:
            raise ValidationError(
                _(
                    "Filen er for stor (%(size)s kB); et testkit fylder højst %(max)s kB."
                ),
                code="too_big",
                params={"size": upload.size // 1000, "max": kits.MAX_BYTES // 1000},
            )
        raw = upload.read(kits.MAX_BYTES + 1)
        try:
            self.document = kits.read_file(raw)
        except kits.KitProblems as problems:
            raise ValidationError(
                [ValidationError(p, code="kit") for p in problems.problems]
            ) from None
        return upload


class TestKitStartForm(OneTimeKeyMixin, forms.Form):
    __test__ = False  # not a pytest test class, whatever its name

    project = forms.ModelChoiceField(
        label=_("Forløb"),
        queryset=Project.objects.none(),
        help_text=_("Forløb, du er konsulent i."),
    )
    name = forms.CharField(label=_("Navn på tiltaget"), max_length=200)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        projects = Project.objects.order_by("-starts_on", "name")
        if not (user.is_active and user.is_superuser):
            projects = projects.filter(
                memberships__user=user, memberships__role=Role.CONSULTANT
            ).distinct()
        self.fields["project"].queryset = projects
