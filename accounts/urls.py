"""Sign-in with single sign-on and the second factor."""

from django.urls import path

from accounts import oidc_views as views

app_name = "accounts"

urlpatterns = [
    path("oidc/start/", views.OIDCStartView.as_view(), name="oidc_start"),
    path("oidc/callback/", views.OIDCCallbackView.as_view(), name="oidc_callback"),
]
