"""The results catalogue (the consultant's).

synergy/urls.py puts these patterns and the dashboards' in one "reporting" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "projects/<int:project_pk>/catalogue/",
        views.CatalogueView.as_view(),
        name="catalogue",
    ),
    path(
        "projects/<int:project_pk>/catalogue/create/",
        views.CatalogueCreateView.as_view(),
        name="catalogue_create",
    ),
    path(
        "projects/<int:project_pk>/catalogue/edit/",
        views.CatalogueUpdateView.as_view(),
        name="catalogue_update",
    ),
    path(
        "projects/<int:project_pk>/catalogue/chapters/add/",
        views.ChapterAddView.as_view(),
        name="chapter_add",
    ),
    path(
        "projects/<int:project_pk>/catalogue/preview/",
        views.CataloguePreviewView.as_view(),
        name="catalogue_preview",
    ),
    path(
        "projects/<int:project_pk>/catalogue/pdf/",
        views.RenderRequestView.as_view(),
        name="render_request",
    ),
    path(
        "projects/<int:project_pk>/catalogue/pdf/status/",
        views.RenderStatusView.as_view(),
        name="render_status",
    ),
    path(
        "projects/<int:project_pk>/catalogue/pdf/<int:pk>/",
        views.RenderDownloadView.as_view(),
        name="render_download",
    ),
    path(
        "projects/<int:project_pk>/catalogue/web/",
        views.PublicationReadView.as_view(),
        name="publication_read",
    ),
    path(
        "projects/<int:project_pk>/catalogue/web/publish/",
        views.PublicationPublishView.as_view(),
        name="publication_publish",
    ),
    path(
        "projects/<int:project_pk>/catalogue/web/revoke/",
        views.PublicationRevokeView.as_view(),
        name="publication_revoke",
    ),
    # The published web edition: no login, the token is the key (views.Publication*).
    path("k/<str:token>/", views.PublicationView.as_view(), name="publication"),
    path(
        "k/<str:token>/pdf/",
        views.PublicationPdfView.as_view(),
        name="publication_pdf",
    ),
    path(
        "k/<str:token>/foto/<int:photo_id>/",
        views.PublicationPhotoView.as_view(),
        name="publication_photo",
    ),
    path(
        "meetings/<int:meeting_pk>/pack/",
        views.MeetingPackView.as_view(),
        name="meeting_pack",
    ),
    path(
        "meetings/<int:meeting_pk>/pack/pdf/",
        views.PackRenderRequestView.as_view(),
        name="pack_request",
    ),
    path(
        "meetings/<int:meeting_pk>/pack/pdf/status/",
        views.PackRenderStatusView.as_view(),
        name="pack_status",
    ),
    path(
        "meetings/<int:meeting_pk>/pack/pdf/<int:pk>/",
        views.PackRenderDownloadView.as_view(),
        name="pack_download",
    ),
    path(
        "catalogue/chapters/<int:pk>/edit/",
        views.ChapterUpdateView.as_view(),
        name="chapter_edit",
    ),
    path(
        "catalogue/chapters/<int:pk>/sources/",
        views.ChapterSourcesView.as_view(),
        name="chapter_sources",
    ),
    path(
        "projects/<int:project_pk>/catalogue/logos/",
        views.CatalogueLogosView.as_view(),
        name="catalogue_logos",
    ),
    path(
        "catalogue/chapters/<int:pk>/move/",
        views.ChapterMoveView.as_view(),
        name="chapter_move",
    ),
]
