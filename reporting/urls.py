from django.urls import path, re_path

from . import catalogue_views, views

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
        "initiatives/<int:pk>/trend.svg",
        views.InitiativeChartView.as_view(),
        name="initiative_chart",
    ),
    path(
        "projects/<int:project_pk>/sites/<int:site_pk>/results/",
        views.SiteOverviewView.as_view(),
        name="site_overview",
    ),
    # The results catalogue (the consultant's)
    path(
        "projects/<int:project_pk>/catalogue/",
        catalogue_views.CatalogueView.as_view(),
        name="catalogue",
    ),
    path(
        "projects/<int:project_pk>/catalogue/create/",
        catalogue_views.CatalogueCreateView.as_view(),
        name="catalogue_create",
    ),
    path(
        "projects/<int:project_pk>/catalogue/edit/",
        catalogue_views.CatalogueUpdateView.as_view(),
        name="catalogue_update",
    ),
    path(
        "projects/<int:project_pk>/catalogue/chapters/add/",
        catalogue_views.ChapterAddView.as_view(),
        name="chapter_add",
    ),
    path(
        "projects/<int:project_pk>/catalogue/preview/",
        catalogue_views.CataloguePreviewView.as_view(),
        name="catalogue_preview",
    ),
    path(
        "projects/<int:project_pk>/catalogue/pdf/",
        catalogue_views.RenderRequestView.as_view(),
        name="render_request",
    ),
    path(
        "projects/<int:project_pk>/catalogue/pdf/status/",
        catalogue_views.RenderStatusView.as_view(),
        name="render_status",
    ),
    path(
        "projects/<int:project_pk>/catalogue/pdf/<int:pk>/",
        catalogue_views.RenderDownloadView.as_view(),
        name="render_download",
    ),
    path(
        "catalogue/chapters/<int:pk>/edit/",
        catalogue_views.ChapterUpdateView.as_view(),
        name="chapter_edit",
    ),
    path(
        "catalogue/chapters/<int:pk>/move/",
        catalogue_views.ChapterMoveView.as_view(),
        name="chapter_move",
    ),
    re_path(
        r"^projects/(?P<project_pk>\d+)/export/(?P<table>submissions|matrix)\.(?P<fmt>csv|xlsx)$",
        views.ExportView.as_view(),
        name="export",
    ),
]
