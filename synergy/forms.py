"""Form pieces shared by every app, and the project and membership forms."""

import datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import selectors
from .models import Membership, Project, Role


def plain_number(value):
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

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class LinesField(forms.CharField):
    """A list of strings edited as lines of a textarea (one item per line)."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]


class WeekInput(forms.TextInput):
    input_type = "week"


class WeekField(forms.Field):
    """An ISO week, typed as 2017-W34 (the browser's week picker), stored as its Monday."""

    widget = WeekInput
    default_error_messages = {
        "invalid": _("Angiv en uge som år og ugenummer, fx 2017-W34."),
    }

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            iso = value.isocalendar()
            return f"{iso.year}-W{iso.week:02d}"
        return value

    def to_python(self, value):
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


class OptionalPositionMixin:
    """A `position` field (the order things are shown in) that may be left empty: 0."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "position" in self.fields:
            self.fields["position"].required = False
            self.fields["position"].help_text = _("Lavere tal vises først. Tom: 0.")

    def clean_position(self):
        return self.cleaned_data.get("position") or 0


class UniqueNameMixin:
    """Case-insensitive unique names, reported beside the name field.

    The database enforces the same rule with a `UniqueConstraint(Lower("name"))`;
    Django would report that as an error at the top of the form, so the form
    checks first and puts the error where the user typed.
    `unique_name_scope` lists fields the name must be unique together with.
    """

    unique_name_scope = ()
    duplicate_name_message = _("Navnet er allerede i brug.")

    def clean(self):
        cleaned_data = super().clean()
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


class ProjectForm(UniqueNameMixin, forms.ModelForm):
    duplicate_name_message = _("Der findes allerede et forløb med dette navn.")

    class Meta:
        model = Project
        fields = [
            "name",
            "guiding_question",
            "purpose",
            "starts_on",
            "ends_on",
            "personal_data_retention_days",
            "sites",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "sites": forms.CheckboxSelectMultiple(),
            "purpose": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty, the project keeps citizens' data for the default period.
        self.fields["personal_data_retention_days"].required = False

    def clean_personal_data_retention_days(self):
        days = self.cleaned_data.get("personal_data_retention_days")
        if days is None:
            return Project._meta.get_field("personal_data_retention_days").default
        return days

    def clean(self):
        cleaned_data = super().clean()
        starts_on, ends_on = cleaned_data.get("starts_on"), cleaned_data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error(
                "ends_on",
                ValidationError(
                    _("Slutdatoen skal ligge efter startdatoen."),
                    code="ends_before_start",
                ),
            )
        return cleaned_data


class MembershipForm(forms.ModelForm):
    """Adds or changes one person's role in a project (the project comes from the URL).

    The person is picked among those the consultant (`chooser`) already works with
    (selectors.member_candidates), or found by their exact e-mail address: the list
    never shows the installation's other accounts, and a posted id outside the list
    is refused like any invalid choice.
    """

    email = forms.EmailField(
        label=_("… eller personens e-mailadresse"),
        required=False,
        help_text=_(
            "Er personen ikke på listen, så skriv den e-mailadresse, personen er "
            "oprettet med. Hele adressen skal passe."
        ),
    )

    field_order = ["user", "email", "role", "site"]

    class Meta:
        model = Membership
        fields = ["user", "role", "site"]

    def __init__(self, *args, project, chooser, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.instance.project = project
        self.fields["user"].required = False
        self.fields["user"].label = _("Person")
        self.fields["user"].queryset = selectors.member_candidates(
            chooser=chooser, project=project
        )
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.get_full_name()} ({u.get_username()})"
            if u.get_full_name()
            else u.get_username()
        )
        self.fields["site"].queryset = project.sites.all()
        self.fields["site"].help_text = _(
            "Kun for tovholdere. Vælg blandt forløbets deltagende steder."
        )

    def clean_user_or_email(self, cleaned_data):
        """The person: picked on the list, or the one active account with the typed
        e-mail address (the same answer whether no account or an inactive one has
        it, so the form tells nothing about other accounts)."""
        user, email = cleaned_data.get("user"), cleaned_data.get("email")
        if "user" in self.errors or "email" in self.errors:
            return None
        if user and email:
            self.add_error(
                None,
                ValidationError(
                    _("Vælg en person eller skriv en e-mailadresse, ikke begge."),
                    code="person_and_email",
                ),
            )
            return None
        if email:
            user = selectors.active_user_by_email(email=email)
            if user is None:
                self.add_error(
                    "email",
                    ValidationError(
                        _(
                            "Vi kan ikke tilføje en bruger med den e-mailadresse. Tjek "
                            "adressen, eller bed administratoren oprette brugeren."
                        ),
                        code="unknown_email",
                    ),
                )
                return None
            cleaned_data["user"] = user
        elif user is None:
            self.add_error(
                "user",
                ValidationError(
                    _("Vælg en person, eller skriv personens e-mailadresse."),
                    code="required",
                ),
            )
        return user

    def clean(self):
        cleaned_data = super().clean()
        user = self.clean_user_or_email(cleaned_data)
        role, site = cleaned_data.get("role"), cleaned_data.get("site")
        if role == Role.COORDINATOR and site is None:
            self.add_error(
                "site",
                ValidationError(
                    _("Vælg det sted, tovholderen er tovholder for."),
                    code="site_required",
                ),
            )
        elif role and role != Role.COORDINATOR and site is not None:
            self.add_error(
                "site",
                ValidationError(
                    _("Kun tovholdere har et sted. Lad feltet stå tomt."),
                    code="site_not_allowed",
                ),
            )
        if (
            self.instance.pk
            and self.instance.role == Role.CONSULTANT
            and role
            and role != Role.CONSULTANT
            and self.project.memberships.filter(role=Role.CONSULTANT).count() == 1
        ):
            self.add_error(
                "role",
                ValidationError(
                    _("Et forløb skal have mindst én konsulent."),
                    code="last_consultant",
                ),
            )
        if user and role and not self.errors:
            clash = Membership.objects.filter(
                project=self.project, user=user, role=role, site=site
            )
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "user",
                    ValidationError(
                        _("Brugeren har allerede denne rolle i forløbet."),
                        code="duplicate",
                    ),
                )
        return cleaned_data


class SignInForm(AuthenticationForm):
    """Username and password, and whether the cookie may outlive the browser."""

    remember = forms.BooleanField(required=False, label=_("Husk mig på denne enhed"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hours = max(1, round(settings.SESSION_ABSOLUTE_SECONDS / 3600))
        self.fields["remember"].help_text = ngettext(
            "Du forbliver logget ind, selv om browseren lukkes, dog højst en time "
            "efter, du loggede ind. Brug det ikke på en delt computer.",
            "Du forbliver logget ind, selv om browseren lukkes, dog højst %(hours)s "
            "timer efter, du loggede ind. Brug det ikke på en delt computer.",
            hours,
        ) % {"hours": hours}
