"""Sign-in with single sign-on and the second factor."""

from django.urls import path

from accounts import oidc_views, two_factor_views

app_name = "accounts"

urlpatterns = [
    # Single sign-on (accounts/oidc.py).
    path("oidc/start/", oidc_views.OIDCStartView.as_view(), name="oidc_start"),
    path("oidc/callback/", oidc_views.OIDCCallbackView.as_view(), name="oidc_callback"),
    # The second factor (accounts/two_factor.py).
    path("to-trin/", two_factor_views.TwoFactorView.as_view(), name="two_factor"),
    path(
        "to-trin/opsaet/",
        two_factor_views.TwoFactorEnrolView.as_view(),
        name="two_factor_enrol",
    ),
    path(
        "to-trin/kode/",
        two_factor_views.TwoFactorVerifyView.as_view(),
        name="two_factor_verify",
    ),
    path(
        "to-trin/gendannelseskoder/",
        two_factor_views.RecoveryCodesView.as_view(),
        name="recovery_codes",
    ),
    path(
        "to-trin/slaa-fra/",
        two_factor_views.TwoFactorDisableView.as_view(),
        name="two_factor_disable",
    ),
]
