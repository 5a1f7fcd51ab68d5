"""Home, sign-in, health check, and the project (forløb) with its members."""

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from core import security, sessions, worker
from core.forms import SignInForm
from core.generic import PermissionRequiredMixin
from core.tasks import send_password_reset

logger = logging.getLogger(__name__)


def mark_public[V: Callable[..., Any]](view: V) -> V:
    """A function view anonymous users may open (with login_not_required): marked
    `public` for the test that walks every URL (synergy/tests/test_urls.py)."""
    view.public = True  # type: ignore[attr-defined]  # a function attribute
    return view


class LoginView(auth_views.LoginView):
    """Public: the one page (with the health check) anonymous users may see.

    A POST is refused (429) before the form authenticates, and so before any password
    is hashed, while the client's address or the whole app has too many failed
    sign-ins (core.security)."""

    public = True
    template_name = "registration/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["password_login"] = settings.PASSWORD_LOGIN_ENABLED
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.PASSWORD_LOGIN_ENABLED:
            return HttpResponseNotAllowed(["GET"])
        refusal = security.sign_in_refusal(request)
        if refusal is not None:
            return sign_in_refused(request, refusal)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        # The page's form_class is SignInForm (Django types it as AuthenticationForm).
        response = super().form_valid(form)
        sessions.remember_on_device(
            self.request.session, remember=form.cleaned_data["remember"]
        )
        return response


def sign_in_refused(
    request: HttpRequest, refusal: security.SignInRefusal
) -> HttpResponse:
    response = render(
        request,
        "registration/sign_in_throttled.html",
        {"refusal": refusal},
        status=429,
    )
    response["Retry-After"] = str(refusal.retry_after)
    return response


class PasswordLoginOnlyMixin:
    """The page exists only while people may sign in with a password
    (PASSWORD_LOGIN_ENABLED)."""

    # In setup(), not dispatch(): the views' own dispatch carries login_not_required.
    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        if not settings.PASSWORD_LOGIN_ENABLED:
            raise Http404
        super().setup(request, *args, **kwargs)  # type: ignore[misc]


class PasswordResetView(PasswordLoginOnlyMixin, auth_views.PasswordResetView):
    public = True
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        # Throttled per e-mail address and per client (shared cache), so the page cannot
        # be used to flood someone's inbox or the SMTP relay.
        email = form.cleaned_data["email"]
        if not security.password_reset_allowed(self.request, email):
            return render(
                self.request, "registration/password_reset_throttled.html", status=429
            )
        send_password_reset.enqueue(
            email=email,
            domain=self.request.get_host(),
            use_https=self.request.is_secure(),
            language=translation.get_language(),
        )
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(PasswordLoginOnlyMixin, auth_views.PasswordResetDoneView):
    public = True


class PasswordResetConfirmView(
    PasswordLoginOnlyMixin, auth_views.PasswordResetConfirmView
):
    public = True
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(
    PasswordLoginOnlyMixin, auth_views.PasswordResetCompleteView
):
    public = True


class LogoutView(PermissionRequiredMixin, auth_views.LogoutView):  # type: ignore[misc]
    # django-stubs says LogoutView.dispatch returns HttpResponse, the permission
    # mixin's HttpResponseBase (which it is).

    permission_required = "synergy.use_app"


class PasswordChangeView(PermissionRequiredMixin, auth_views.PasswordChangeView):
    permission_required = "synergy.use_app"
    success_url = reverse_lazy("password_change_done")


class PasswordChangeDoneView(
    PermissionRequiredMixin, auth_views.PasswordChangeDoneView
):
    permission_required = "synergy.use_app"


@mark_public
@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The web tier: 200 when the database and the shared cache answer, else 503.
    Public, no personal data (for the load balancer and the supervisor)."""
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: database unavailable")
        checks["database"] = "error"
    try:
        cache.set("healthz", 1, timeout=10)
        if cache.get("healthz") != 1:
            raise RuntimeError("the cache did not keep a value")
    except Exception:
        logger.exception("Health check: cache unavailable")
        checks["cache"] = "error"
    ok = all(value == "ok" for value in checks.values())
    return _health_response({"status": "ok" if ok else "unavailable", **checks}, ok=ok)


def _health_response(body: dict[str, Any], *, ok: bool) -> JsonResponse:
    response = JsonResponse(body, status=200 if ok else 503)
    # A probe every minute must not fill the error log while something is down: the
    # cause is logged once above (or by the worker); Django's "Service Unavailable"
    # error line for each probe is left out.
    response._has_been_logged = True  # type: ignore[attr-defined]  # Django's own flag
    return response


@mark_public
@login_not_required
@never_cache
@require_GET
def healthz_worker(request: HttpRequest) -> JsonResponse:
    """The task worker: its last heartbeat and the age of the oldest queued task.
    503 when no worker is alive or a task has waited longer than TASK_QUEUE_MAX_WAIT,
    or the database does not answer. Public, counts and ages only."""
    try:
        health = worker.queue_health()
    except Exception:
        logger.exception("Worker health check: database unavailable")
        return _health_response(
            {"status": "unavailable", "database": "error"}, ok=False
        )
    if not health.ok:
        logger.warning("Worker health check: %s", health.as_dict())
    return _health_response(health.as_dict(), ok=health.ok)


class SessionExtendView(PermissionRequiredMixin, View):
    """POST: the warning's "Forbliv logget ind": a new session key and the idle time
    from now, never past the absolute limit (then only a new sign-in helps)."""

    permission_required = "synergy.use_app"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        return JsonResponse(sessions.extend(request.session))


@method_decorator(never_cache, name="dispatch")
class SessionStatusView(PermissionRequiredMixin, View):
    """GET: when this session ends (the page asks before it warns; another tab may
    have kept the session going). Not counted as activity."""

    permission_required = "synergy.use_app"
    http_method_names = ["get"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        return JsonResponse(sessions.state(request.session))


@method_decorator(login_not_required, name="dispatch")
class AccessibilityStatementView(TemplateView):
    """Tilgængelighedserklæring: public, as the web accessibility act requires."""

    public = True
    template_name = "core/accessibility_statement.html"


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from a page that went stale: its security token no longer matches,
    because someone signed in in another tab (Django gives a new token at sign-in).
    Said in words they can act on (settings.CSRF_FAILURE_VIEW), not "CSRF
    verification failed"."""
    return render(request, "403_csrf.html", status=403)
