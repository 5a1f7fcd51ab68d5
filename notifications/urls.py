"""The bell, the list of notifications and each person's choices."""

app_name = "notifications"

urlpatterns: list = []
