"""Home, sign-in, health check, and the project (forløb) with its members."""

import logging

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from . import panels, security, selectors, services, sessions, worker
from .forms import MembershipForm, ProjectForm, SignInForm
from .generic import (
    ObjectChildCreateView,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    PermissionRequiredMixin,
    ProjectScopedMixin,
)
from .models import Membership, Project, Role
from .tasks import send_password_reset

logger = logging.getLogger(__name__)


class HomeView(PermissionRequiredMixin, TemplateView):
    """Takes each role to its work in each of the user's projects."""

    permission_required = "synergy.use_app"
    template_name = "synergy/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["home_projects"] = [
            (
                project,
                memberships,
                panels.panels_for(
                    "home", user=user, project=project, memberships=memberships
                ),
            )
            for project, memberships in selectors.home_projects(user=user)
        ]
        context["Role"] = Role
        return context


class LoginView(auth_views.LoginView):
    """Public: the one page (with the health check) anonymous users may see.

    A POST is refused (429) before the form authenticates, and so before any password
    is hashed, while the client's address or the whole app has too many failed
    sign-ins (synergy.security)."""

    public = True
    template_name = "registration/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        refusal = security.sign_in_refusal(request)
        if refusal is not None:
            return sign_in_refused(request, refusal)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        sessions.remember_on_device(
            self.request.session, remember=form.cleaned_data["remember"]
        )
        return response


def sign_in_refused(request, refusal):
    response = render(
        request,
        "registration/sign_in_throttled.html",
        {"refusal": refusal},
        status=429,
    )
    response["Retry-After"] = str(refusal.retry_after)
    return response


# Password reset by e-mail: public (Django marks these views login_not_required). The
# same "sent" page whether or not the address is known, so nobody can probe for users;
# and the same work: the request validates the address, counts it for the throttle and
# queues one task; the task worker looks the address up and sends (synergy.tasks).


class PasswordResetView(auth_views.PasswordResetView):
    public = True
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
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


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    public = True


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    public = True
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    public = True


class LogoutView(PermissionRequiredMixin, auth_views.LogoutView):
    permission_required = "synergy.use_app"


class PasswordChangeView(PermissionRequiredMixin, auth_views.PasswordChangeView):
    permission_required = "synergy.use_app"
    success_url = reverse_lazy("password_change_done")


class PasswordChangeDoneView(
    PermissionRequiredMixin, auth_views.PasswordChangeDoneView
):
    permission_required = "synergy.use_app"


@login_not_required
@never_cache
@require_GET
def healthz(request):
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


def _health_response(body: dict, *, ok: bool) -> JsonResponse:
    response = JsonResponse(body, status=200 if ok else 503)
    # A probe every minute must not fill the error log while something is down: the
    # cause is logged once above (or by the worker); Django's "Service Unavailable"
    # error line for each probe is left out.
    response._has_been_logged = True
    return response


healthz.public = True


@login_not_required
@never_cache
@require_GET
def healthz_worker(request):
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


healthz_worker.public = True


class SessionExtendView(PermissionRequiredMixin, View):
    """POST: the warning's "Forbliv logget ind": a new session key and the idle time
    from now, never past the absolute limit (then only a new sign-in helps)."""

    permission_required = "synergy.use_app"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        return JsonResponse(sessions.extend(request.session))


@method_decorator(never_cache, name="dispatch")
class SessionStatusView(PermissionRequiredMixin, View):
    """GET: when this session ends (the page asks before it warns; another tab may
    have kept the session going). Not counted as activity."""

    permission_required = "synergy.use_app"
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        return JsonResponse(sessions.state(request.session))


@method_decorator(login_not_required, name="dispatch")
class AccessibilityStatementView(TemplateView):
    """Tilgængelighedserklæring: public, as the web accessibility act requires."""

    public = True
    template_name = "synergy/accessibility_statement.html"


# Projects


class ProjectListView(ObjectListView):
    permission_required = "synergy.view_project"
    model = Project
    template_name = "synergy/project_list.html"

    def get_base_queryset(self):
        return selectors.projects_visible_to(user=self.request.user)


class ProjectDetailView(ObjectDetailView):
    permission_required = "synergy.view_project"
    model = Project
    template_name = "synergy/project_detail.html"

    def get_queryset(self):
        return selectors.project_detail(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members_by_role"] = selectors.members_by_role(project=self.object)
        context["project"] = self.object
        context["project_section"] = "overview"
        return context


class ProjectCreateView(ObjectCreateView):
    permission_required = "synergy.add_project"
    model = Project
    form_class = ProjectForm

    def save_form(self, form):
        return services.project_create(
            **form.cleaned_data, consultant=self.request.user
        )


class ProjectUpdateView(ObjectUpdateView):
    permission_required = "synergy.change_project"
    model = Project
    form_class = ProjectForm

    def get_queryset(self):
        return selectors.projects_visible_to(user=self.request.user)

    def save_form(self, form):
        return services.project_update(project=self.object, **form.cleaned_data)


class ProjectDeleteView(ObjectDeleteView):
    permission_required = "synergy.delete_project"
    model = Project

    def get_queryset(self):
        return selectors.projects_visible_to(user=self.request.user)


class MembershipCreateView(ProjectScopedMixin, ObjectChildCreateView):
    permission_required = "synergy.add_membership"
    model = Membership
    form_class = MembershipForm
    parent_kwarg = "project"

    def get_parent(self):
        return self.get_project()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "chooser": self.request.user}

    def get_page_title(self):
        return _("Tilføj medlem til %(project)s") % {"project": self.get_project()}

    def save_form(self, form):
        data = form.cleaned_data
        return services.membership_create(
            project=self.get_project(),
            user=data["user"],
            role=data["role"],
            site=data["site"],
        )


class MembershipQuerysetMixin:
    def get_queryset(self):
        projects = selectors.projects_visible_to(user=self.request.user)
        return Membership.objects.filter(project__in=projects).select_related(
            "project", "user", "site"
        )


class MembershipUpdateView(MembershipQuerysetMixin, ObjectUpdateView):
    permission_required = "synergy.change_membership"
    model = Membership
    form_class = MembershipForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "project": self.object.project,
            "chooser": self.request.user,
        }

    def get_success_url(self):
        return self.object.project.get_absolute_url()

    def save_form(self, form):
        data = form.cleaned_data
        return services.membership_update(
            membership=self.object,
            user=data["user"],
            role=data["role"],
            site=data["site"],
        )


class MembershipDeleteView(MembershipQuerysetMixin, ObjectDeleteView):
    permission_required = "synergy.delete_membership"
    model = Membership

    def get_success_url(self):
        return self.object.project.get_absolute_url()

    def form_valid(self, form):
        if not services.membership_may_delete(membership=self.object):
            messages.error(
                self.request,
                _(
                    "Et forløb skal have mindst én konsulent. Tilføj en anden konsulent først."
                ),
            )
            return HttpResponseRedirect(self.object.project.get_absolute_url())
        return super().form_valid(form)
