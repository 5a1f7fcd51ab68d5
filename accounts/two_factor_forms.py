"""The forms of the second factor: a code from the app or a recovery code."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import two_factor


class CodeField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update(
            {
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        )
        return attrs


class FocusOnErrorMixin:
    """A refused code: the field takes the focus when the page comes back, so a
    keyboard or screen-reader user lands on it and its message."""

    def add_error(self, field: Any, error: Any) -> None:
        super().add_error(field, error)  # type: ignore[misc]
        if field in self.fields:  # type: ignore[attr-defined]
            self.fields[field].widget.attrs["autofocus"] = True  # type: ignore[attr-defined]


class SecondFactorForm(FocusOnErrorMixin, forms.Form):
    """A code from the user's app, or one of their recovery codes (used up when it
    fits). Checking counts towards django-otp's throttling, as a sign-in form's check
    of a password does; `device` is the device that accepted the code."""

    code = CodeField(
        label=_("Kode fra din app"),
        help_text=_(
            "Seks cifre fra din autentificeringsapp, eller en af dine "
            "gendannelseskoder."
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.device: Any = None

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        check = two_factor.second_factor_check(user=self.user, token=code)
        if check.wait_seconds:
            raise forms.ValidationError(
                two_factor.throttled_message(check.wait_seconds), code="throttled"
            )
        if not check.ok:
            raise forms.ValidationError(
                _("Koden passer ikke. Prøv igen med den kode, appen viser nu."),
                code="invalid",
            )
        self.device = check.device
        return code


class EnrolForm(FocusOnErrorMixin, forms.Form):
    """The first code from the app, made from the secret being set up."""

    code = CodeField(
        label=_("Kode fra din app"),
        help_text=_("De seks cifre, appen viser, efter du har tilføjet Synergi."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, hex_key: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hex_key = hex_key
        self.step: int | None = None

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        self.step = two_factor.totp_step(hex_key=self.hex_key, token=code)
        if self.step is None:
            raise forms.ValidationError(
                _(
                    "Koden passer ikke. Tjek, at du har tilføjet den viste nøgle, og "
                    "skriv den kode, appen viser nu."
                ),
                code="invalid",
            )
        return code
