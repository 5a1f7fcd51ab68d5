"""The second factor's pages: the overview on the account menu, setting up the app,
the code after signing in, recovery codes, and turning it off."""

from typing import Any
from urllib.parse import urlencode

import django_otp
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from accounts import two_factor
from accounts.middleware import pending
from accounts.two_factor_forms import EnrolForm, SecondFactorForm
from core.generic import PermissionRequiredMixin


def next_url(request: HttpRequest) -> str:
    """Where the user was going (`next`, on this site only), else the front page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def _verified(request: HttpRequest, device: Any) -> None:
    """This session has given its second factor (a new session key from now)."""
    django_otp.login(request, device)
    request.session.cycle_key()


class TwoFactorView(PermissionRequiredMixin, TemplateView):
    """To-trinsbekræftelse: whether it is on, and the way to set it up or manage it."""

    permission_required = "synergy.use_app"
    template_name = "accounts/two_factor.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        device = two_factor.app_device(user)
        return super().get_context_data(
            page_title=_("To-trinsbekræftelse"),
            device=device,
            required=two_factor.required_for(user),
            codes_left=two_factor.recovery_codes_left(user) if device else 0,
            provider=two_factor.provider_verified(self.request.session),
            may_disable=two_factor.may_disable(user),
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class TwoFactorEnrolView(PermissionRequiredMixin, FormView[EnrolForm]):
    """Set up an authenticator app: its QR code and the secret as text, confirmed
    with the first code. The secret waits in the session until then (no device row
    for a set-up left half way). The new recovery codes are shown next."""

    permission_required = "synergy.use_app"
    template_name = "accounts/two_factor_enrol.html"
    form_class = EnrolForm
    audit = False  # the service records the enrolment

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        if request.user.is_authenticated and two_factor.app_device(request.user):
            messages.info(request, _("Du har allerede sat to-trinsbekræftelse op."))
            return HttpResponseRedirect(reverse("accounts:two_factor"))
        return super().dispatch(request, *args, **kwargs)

    def hex_key(self) -> str:
        session = self.request.session
        if two_factor.PENDING_KEY not in session:
            session[two_factor.PENDING_KEY] = two_factor.new_secret()
        return str(session[two_factor.PENDING_KEY])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "hex_key": self.hex_key()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        hex_key = self.hex_key()
        user = self.request.user
        return super().get_context_data(
            page_title=_("Sæt to-trinsbekræftelse op"),
            required=two_factor.required_for(user),
            qr_svg=two_factor.qr_svg(
                user=user,
                hex_key=hex_key,
                title=_("QR-kode med nøglen til din autentificeringsapp"),
            ),
            secret=two_factor.secret_for_typing(hex_key),
            next=self.request.GET.get("next", ""),
            **kwargs,
        )

    def form_valid(self, form: EnrolForm) -> HttpResponse:
        assert form.step is not None  # noqa: S101  (a valid form found the step)
        device, codes = two_factor.two_factor_enrol(
            user=self.request.user, hex_key=form.hex_key, step=form.step
        )
        session = self.request.session
        del session[two_factor.PENDING_KEY]
        session[two_factor.SESSION_STATE] = two_factor.VERIFY
        _verified(self.request, device)
        session[two_factor.NEW_CODES] = codes
        messages.success(self.request, _("To-trinsbekræftelse er slået til."))
        url = reverse("accounts:recovery_codes")
        target = self.request.POST.get("next")
        if target:
            url += "?" + urlencode({"next": next_url(self.request)})
        return HttpResponseRedirect(url)


@method_decorator(never_cache, name="dispatch")
class TwoFactorVerifyView(PermissionRequiredMixin, FormView[SecondFactorForm]):
    """Kode fra din app: asked after signing in of a user who has an app, until the
    session has given a code (or a recovery code)."""

    permission_required = "synergy.use_app"
    template_name = "accounts/two_factor_verify.html"
    form_class = SecondFactorForm
    audit = False  # like signing in: the security log has it

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        if pending(request) == "accounts:two_factor_verify":
            if two_factor.app_device(user) is not None:
                return super().dispatch(request, *args, **kwargs)
            # The app was removed since signing in (by an administrator): decide anew.
            request.session[two_factor.SESSION_STATE] = two_factor.state_for(user)
        return HttpResponseRedirect(next_url(request))

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            page_title=_("Kode fra din app"),
            next=self.request.POST.get("next") or self.request.GET.get("next", ""),
            **kwargs,
        )

    def form_valid(self, form: SecondFactorForm) -> HttpResponse:
        _verified(self.request, form.device)
        if not isinstance(form.device, two_factor.TOTPDevice):
            left = two_factor.recovery_codes_left(self.request.user)
            messages.warning(
                self.request,
                ngettext(
                    "Du brugte en gendannelseskode. Du har %(count)s tilbage.",
                    "Du brugte en gendannelseskode. Du har %(count)s tilbage.",
                    left,
                )
                % {"count": left}
                + " "
                + _("Lav nye under To-trinsbekræftelse, før de slipper op."),
            )
        return HttpResponseRedirect(next_url(self.request))


@method_decorator(never_cache, name="dispatch")
class RecoveryCodesView(PermissionRequiredMixin, FormView[SecondFactorForm]):
    """Recovery codes: new ones are shown once, right after they are made; making new
    ones (with a code) makes the old ones stop working."""

    permission_required = "accounts.manage_two_factor"
    template_name = "accounts/recovery_codes.html"
    form_class = SecondFactorForm
    audit = False  # the service records it

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        new_codes = (
            self.request.session.pop(two_factor.NEW_CODES, None)
            if self.request.method == "GET"
            else None
        )
        return super().get_context_data(
            page_title=_("Gendannelseskoder"),
            new_codes=new_codes,
            codes_left=two_factor.recovery_codes_left(self.request.user),
            next=next_url(self.request),
            **kwargs,
        )

    def form_valid(self, form: SecondFactorForm) -> HttpResponse:
        codes = two_factor.recovery_codes_renew(user=self.request.user)
        self.request.session[two_factor.NEW_CODES] = codes
        return HttpResponseRedirect(reverse("accounts:recovery_codes"))


@method_decorator(never_cache, name="dispatch")
class TwoFactorDisableView(PermissionRequiredMixin, FormView[SecondFactorForm]):
    """Turn the second factor off (for someone not required to have one), with a
    code."""

    permission_required = "accounts.disable_two_factor"
    template_name = "accounts/two_factor_disable.html"
    form_class = SecondFactorForm
    audit = False  # the service records it

    def has_permission(self) -> bool:
        return super().has_permission() and two_factor.may_disable(self.request.user)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            page_title=_("Slå to-trinsbekræftelse fra"), **kwargs
        )

    def form_valid(self, form: SecondFactorForm) -> HttpResponse:
        two_factor.two_factor_disable(user=self.request.user)
        session = self.request.session
        session[two_factor.SESSION_STATE] = two_factor.NOT_NEEDED
        session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
        messages.success(self.request, _("To-trinsbekræftelse er slået fra."))
        return HttpResponseRedirect(reverse("accounts:two_factor"))
