"""Form pieces shared by every app, and the project and membership forms."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, UniqueNameMixin
from core.validators import no_direction_controls
from projects import selectors
from projects.models import Membership, Project, Role


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
        # An account's address holds at most 254 characters (auth.User.email).
        max_length=254,
        help_text=_(
            "Er personen ikke på listen, så skriv den e-mailadresse, personen er "
            "oprettet med. Hele adressen skal passe."
        ),
    )

    field_order = ["user", "email", "role", "site"]

    class Meta:
        model = Membership
        fields = ["user", "role", "site"]

    def __init__(self, *args, project, chooser, allow_invite=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.allow_invite = allow_invite
        if allow_invite:
            self.fields["email"].help_text = _(
                "Er personen ikke på listen, så skriv personens e-mailadresse. Har "
                "personen en konto med den adresse, bliver de tilføjet med det samme; "
                "ellers får de en invitation på mail."
            )
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
            if user is None and self.allow_invite:
                # No account has the address: the view sends an invitation.
                cleaned_data["invite_email"] = email
                return None
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
        elif user is None and not cleaned_data.get("invite_email"):
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


class InvitationAcceptForm(forms.Form):
    """The invited person's name and password (the installation's password rules)."""

    first_name = forms.CharField(
        label=_("Fornavn"), max_length=150, validators=[no_direction_controls]
    )
    last_name = forms.CharField(
        label=_("Efternavn"),
        max_length=150,
        required=False,
        validators=[no_direction_controls],
    )
    password1 = forms.CharField(
        label=_("Adgangskode"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Gentag adgangskoden"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned_data = super().clean()
        password1 = cleaned_data.get("password1")
        password2 = cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error(
                "password2",
                ValidationError(
                    _("De to adgangskoder er ikke ens."), code="password_mismatch"
                ),
            )
        elif password1:
            person = get_user_model()(
                username=self.email,
                email=self.email,
                first_name=cleaned_data.get("first_name", ""),
                last_name=cleaned_data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, person)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned_data
