"""Sign-in with single sign-on and the second factor."""

app_name = "accounts"

urlpatterns: list = []
