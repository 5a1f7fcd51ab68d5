"""API-nøgler: a person's keys to the read API (accounts/api_tokens.py), made and
revoked here. The key is shown once, right after it is made."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from accounts import selectors, services
from accounts.api_token_forms import ApiTokenForm
from accounts.models import ApiToken
from core.generic import PermissionRequiredMixin
from core.services import ActionRefused

# The new key waits in the session for the one page that shows it.
NEW_KEY_SESSION = "api_token_new_key"


@method_decorator(never_cache, name="dispatch")
class ApiTokenListView(PermissionRequiredMixin, FormView[ApiTokenForm]):
    """The person's keys, and the form that makes one."""

    permission_required = "synergy.use_app"
    template_name = "accounts/api_tokens.html"
    form_class = ApiTokenForm
    audit = False  # the service records the key

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "projects": selectors.projects_for_project_keys(user=self.request.user),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        new_key = self.request.session.pop(NEW_KEY_SESSION, None)
        tokens = list(selectors.api_tokens_of(user=self.request.user))
        new_token = None
        if new_key:
            new_token = next((t for t in tokens if t.pk == new_key["id"]), None)
        return super().get_context_data(
            page_title=_("API-nøgler"),
            tokens=tokens,
            new_key=new_key["key"] if new_token else None,
            new_token=new_token,
            api_docs_url=_api_docs_url(),
            **kwargs,
        )

    def form_valid(self, form: ApiTokenForm) -> HttpResponse:
        try:
            token, key = services.api_token_create(
                owner=self.request.user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                project=form.cleaned_data.get("project"),
                role=form.cleaned_data.get("role") or "",
                expires_at=form.expires_at(),
            )
        except ActionRefused as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        self.request.session[NEW_KEY_SESSION] = {"id": token.pk, "key": key}
        return HttpResponseRedirect(reverse("accounts:api_tokens") + "#ny-noegle")


def _api_docs_url() -> str | None:
    try:
        return reverse("api:docs")
    except Exception:  # the API's URLs are not installed
        return None


@method_decorator(never_cache, name="dispatch")
class ApiTokenRevokeView(PermissionRequiredMixin, TemplateView):
    """Revoke one of one's keys (a page that asks first; the POST revokes)."""

    permission_required = "synergy.use_app"
    template_name = "accounts/api_token_revoke.html"
    audit = False  # the service records the revocation

    def get_token(self) -> ApiToken:
        return get_object_or_404(
            selectors.api_tokens_of(user=self.request.user), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        token = self.get_token()
        return super().get_context_data(
            page_title=_("Tilbagekald API-nøgle"), token=token, **kwargs
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = self.get_token()
        try:
            services.api_token_revoke(token=token, by=request.user)  # type: ignore[arg-type]
        except ActionRefused as refusal:
            messages.info(request, str(refusal))
        else:
            messages.success(
                request,
                _("Nøglen “%(name)s” er tilbagekaldt og virker ikke længere.")
                % {"name": token.name},
            )
        return HttpResponseRedirect(reverse("accounts:api_tokens"))
