"""Form pieces shared by every app, and the project and membership forms."""

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    # The mixins below complete a form; for the type checker they extend one.
    _FormBase = forms.BaseForm
    _ModelFormBase = forms.ModelForm[Any]
else:
    _FormBase = object
    _ModelFormBase = object


def plain_number(value: Any) -> int | Decimal | None:
    """A number as it is meant, for showing: a whole number as an int, otherwise a
    decimal without trailing zeros (500.00 → 500, 2.50 → 2.5). None stays None."""
    if value is None:
        return None
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return int(number)
    return number.normalize()


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as ISO 8601."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


class LinesField(forms.CharField):
    """A list of strings edited as lines of a textarea (one item per line)."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        # A list of lines where CharField gives a str: the field's point.
        text = super().to_python(value)
        if not text:  # empty, or None when empty_value is None
            return []
        return [line.strip() for line in text.splitlines() if line.strip()]


class WeekInput(forms.TextInput):
    input_type = "week"


class WeekField(forms.Field):
    """An ISO week, typed as 2017-W34 (the browser's week picker), stored as its Monday."""

    widget = WeekInput
    default_error_messages = {
        "invalid": _("Angiv en uge som år og ugenummer, fx 2017-W34."),
    }

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime.date):
            iso = value.isocalendar()
            return f"{iso.year}-W{iso.week:02d}"
        return value

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip().upper().replace(" ", "")
        try:
            year, week = text.split("-W")
            return datetime.date.fromisocalendar(int(year), int(week), 1)
        except ValueError as error:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from error


class OptionalPositionMixin(_FormBase):
    """A `position` field (the order things are shown in) that may be left empty: 0."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "position" in self.fields:
            self.fields["position"].required = False
            self.fields["position"].help_text = _("Lavere tal vises først. Tom: 0.")

    def clean_position(self) -> int:
        return self.cleaned_data.get("position") or 0


class UniqueNameMixin(_ModelFormBase):
    """Case-insensitive unique names, reported beside the name field.

    The database enforces the same rule with a `UniqueConstraint(Lower("name"))`;
    Django would report that as an error at the top of the form, so the form
    checks first and puts the error where the user typed.
    `unique_name_scope` lists fields the name must be unique together with.
    """

    unique_name_scope: tuple[str, ...] = ()
    duplicate_name_message = _("Navnet er allerede i brug.")

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        if cleaned_data is None:  # a clean() may return None: Django keeps the data
            cleaned_data = self.cleaned_data
        name = cleaned_data.get("name")
        # A scope field is read from the form, or from the instance when the view
        # sets it (the project of a theme, say).
        scope = {
            f: cleaned_data.get(f)
            if f in self.fields
            else getattr(self.instance, f, None)
            for f in self.unique_name_scope
        }
        if not name or any(value is None for value in scope.values()):
            return cleaned_data
        others = self._meta.model._default_manager.filter(**scope)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        # Compared in Python with casefold(): SQLite's LOWER() knows only ASCII, and
        # "GLUMSØ" must clash with "Glumsø". Catalogue tables hold tens of rows.
        if any(
            n.casefold() == name.casefold()
            for n in others.values_list("name", flat=True)
        ):
            self.add_error(
                "name", ValidationError(self.duplicate_name_message, code="duplicate")
            )
        return cleaned_data


class SignInForm(AuthenticationForm):
    """Username and password, and whether the cookie may outlive the browser."""

    remember = forms.BooleanField(required=False, label=_("Husk mig på denne enhed"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hours = max(1, round(settings.SESSION_ABSOLUTE_SECONDS / 3600))
        self.fields["remember"].help_text = ngettext(
            "Du forbliver logget ind, selv om browseren lukkes, dog højst en time "
            "efter, du loggede ind. Brug det ikke på en delt computer.",
            "Du forbliver logget ind, selv om browseren lukkes, dog højst %(hours)s "
            "timer efter, du loggede ind. Brug det ikke på en delt computer.",
            hours,
        ) % {"hours": hours}
