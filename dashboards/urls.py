"""The steering group's pages and the exports.

Their URL names are in the "reporting" namespace, beside the results catalogue's
(synergy/urls.py puts both apps' patterns under it), so no link changed when the
dashboards left the reporting app."""

from django.urls import path, re_path

from . import views

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
        "initiatives/<int:pk>/trend.svg",
        views.InitiativeChartView.as_view(),
        name="initiative_chart",
    ),
    path(
        "projects/<int:project_pk>/sites/<int:site_pk>/results/",
        views.SiteOverviewView.as_view(),
        name="site_overview",
    ),
    re_path(
        r"^projects/(?P<project_pk>\d+)/export/(?P<table>submissions|entries|matrix|summary)\.(?P<fmt>csv|xlsx)$",
        views.ExportView.as_view(),
        name="export",
    ),
]
