"""The bell, the list of notifications and each person's choices."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="notification_list"),
    path(
        "<int:pk>/aabn/",
        views.NotificationOpenView.as_view(),
        name="notification_open",
    ),
    path(
        "marker-alle-laest/",
        views.NotificationMarkAllReadView.as_view(),
        name="notification_mark_all_read",
    ),
    path(
        "valg/",
        views.NotificationPreferencesView.as_view(),
        name="notification_preferences",
    ),
]
