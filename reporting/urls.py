from django.urls import path, re_path

from . import views

app_name = "reporting"

urlpatterns = [
    path(
        "projects/<int:project_pk>/dashboard/",
        views.DashboardView.as_view(),
        name="dashboard",
    ),
    path(
        "initiatives/<int:pk>/results/",
        views.InitiativeResultsView.as_view(),
        name="initiative_results",
    ),
    path(
        "projects/<int:project_pk>/sites/<int:site_pk>/results/",
        views.SiteOverviewView.as_view(),
        name="site_overview",
    ),
    re_path(
        r"^projects/(?P<project_pk>\d+)/export/(?P<table>submissions|matrix)\.(?P<fmt>csv|xlsx)$",
        views.ExportView.as_view(),
        name="export",
    ),
]
