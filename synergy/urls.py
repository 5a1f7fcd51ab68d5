"""Root URLs. Everything needs a signed-in user except login, the health check and
the language switch (LoginRequiredMiddleware; see synergy/tests/test_urls.py)."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from accounts import oidc_views as accounts_views
from core import views
from dashboards.urls import urlpatterns as dashboards_patterns
from projects import views as projects_views
from reporting.urls import urlpatterns as reporting_patterns

public_set_language = views.mark_public(login_not_required(set_language))

urlpatterns = [
    path("", projects_views.HomeView.as_view(), name="home"),
    path("login/", accounts_views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/worker", views.healthz_worker, name="healthz_worker"),
    path("session/", views.SessionStatusView.as_view(), name="session_status"),
    path("session/extend/", views.SessionExtendView.as_view(), name="session_extend"),
    path(
        "tilgaengelighed/",
        views.AccessibilityStatementView.as_view(),
        name="accessibility_statement",
    ),
    path("i18n/setlang/", public_set_language, name="set_language"),
    path("projects/", include("projects.urls")),
    path("konto/", include("accounts.urls")),
    path("notifikationer/", include("notifications.urls")),
    path("", include("sites.urls")),
    path("", include("initiatives.urls")),
    path("", include("testing.urls")),
    # The steering group's pages and the results catalogue: two apps, one namespace.
    path("", include((dashboards_patterns + reporting_patterns, "reporting"))),
    # The read API (README, "API (læseadgang)"), versioned.
    path("api/v1/", include("api.urls")),
    path("admin/", admin.site.urls),
]


def page_not_found(request, exception):
    """404: the API's JSON under /api/ (a script reads it), the app's page elsewhere."""
    from django.views.defaults import page_not_found as html_page_not_found

    from api.errors import not_found

    if request.path.startswith("/api/"):
        return not_found(request)
    return html_page_not_found(request, exception)


handler404 = page_not_found
