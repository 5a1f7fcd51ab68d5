"""Sign-in with single sign-on and the second factor; the keys to the read API."""

from django.urls import path

from accounts import api_token_views, oidc_views, two_factor_views

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
    # Keys to the read API (accounts/api_tokens.py).
    path("api-noegler/", api_token_views.ApiTokenListView.as_view(), name="api_tokens"),
    path(
        "api-noegler/<int:pk>/tilbagekald/",
        api_token_views.ApiTokenRevokeView.as_view(),
        name="api_token_revoke",
    ),
]
