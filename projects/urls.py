"""Projects and their members (URL names `synergy:…`, kept from when this app was
called synergy)."""

from django.urls import path

from projects import views

app_name = "synergy"

urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project_list"),
    path("add/", views.ProjectCreateView.as_view(), name="project_create"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("<int:pk>/edit/", views.ProjectUpdateView.as_view(), name="project_update"),
    path("<int:pk>/delete/", views.ProjectDeleteView.as_view(), name="project_delete"),
    path(
        "<int:project_pk>/members/add/",
        views.MembershipCreateView.as_view(),
        name="membership_create",
    ),
    path(
        "members/<int:pk>/edit/",
        views.MembershipUpdateView.as_view(),
        name="membership_update",
    ),
    path(
        "members/<int:pk>/delete/",
        views.MembershipDeleteView.as_view(),
        name="membership_delete",
    ),
    path(
        "invitations/<int:pk>/resend/",
        views.InvitationResendView.as_view(),
        name="invitation_resend",
    ),
    path(
        "invitations/<int:pk>/revoke/",
        views.InvitationRevokeView.as_view(),
        name="invitation_revoke",
    ),
    path(
        "invitation/<str:key>/",
        views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
]
