from django.urls import path

from . import views

app_name = "sites"

urlpatterns = [
    path(
        "municipalities/",
        views.MunicipalityListView.as_view(),
        name="municipality_list",
    ),
    path(
        "municipalities/add/",
        views.MunicipalityCreateView.as_view(),
        name="municipality_create",
    ),
    path(
        "municipalities/<int:pk>/edit/",
        views.MunicipalityUpdateView.as_view(),
        name="municipality_update",
    ),
    path(
        "municipalities/<int:pk>/delete/",
        views.MunicipalityDeleteView.as_view(),
        name="municipality_delete",
    ),
    path("sites/", views.SiteListView.as_view(), name="site_list"),
    path("sites/add/", views.SiteCreateView.as_view(), name="site_create"),
    path("sites/<int:pk>/", views.SiteDetailView.as_view(), name="site_detail"),
    path("sites/<int:pk>/edit/", views.SiteUpdateView.as_view(), name="site_update"),
    path("sites/<int:pk>/delete/", views.SiteDeleteView.as_view(), name="site_delete"),
    path(
        "sites/<int:place_pk>/services/",
        views.SiteServicesUpdateView.as_view(),
        name="site_services",
    ),
    path(
        "sites/<int:place_pk>/opening-hours/add/",
        views.SiteOpeningHoursCreateView.as_view(),
        name="site_openinghours_create",
    ),
    path(
        "service-points/",
        views.ServicePointListView.as_view(),
        name="servicepoint_list",
    ),
    path(
        "service-points/add/",
        views.ServicePointCreateView.as_view(),
        name="servicepoint_create",
    ),
    path(
        "service-points/<int:pk>/",
        views.ServicePointDetailView.as_view(),
        name="servicepoint_detail",
    ),
    path(
        "service-points/<int:pk>/edit/",
        views.ServicePointUpdateView.as_view(),
        name="servicepoint_update",
    ),
    path(
        "service-points/<int:pk>/delete/",
        views.ServicePointDeleteView.as_view(),
        name="servicepoint_delete",
    ),
    path(
        "service-points/<int:place_pk>/services/",
        views.ServicePointServicesUpdateView.as_view(),
        name="servicepoint_services",
    ),
    path(
        "service-points/<int:place_pk>/opening-hours/add/",
        views.ServicePointOpeningHoursCreateView.as_view(),
        name="servicepoint_openinghours_create",
    ),
    path(
        "opening-hours/<int:pk>/edit/",
        views.OpeningHoursUpdateView.as_view(),
        name="openinghours_update",
    ),
    path(
        "opening-hours/<int:pk>/delete/",
        views.OpeningHoursDeleteView.as_view(),
        name="openinghours_delete",
    ),
    path(
        "services/", views.CitizenServiceListView.as_view(), name="citizenservice_list"
    ),
    path(
        "services/add/",
        views.CitizenServiceCreateView.as_view(),
        name="citizenservice_create",
    ),
    path(
        "services/<int:pk>/",
        views.CitizenServiceDetailView.as_view(),
        name="citizenservice_detail",
    ),
    path(
        "services/<int:pk>/edit/",
        views.CitizenServiceUpdateView.as_view(),
        name="citizenservice_update",
    ),
    path(
        "services/<int:pk>/delete/",
        views.CitizenServiceDeleteView.as_view(),
        name="citizenservice_delete",
    ),
    # Proposed changes to shared records
    path(
        "municipalities/<int:pk>/propose/",
        views.MunicipalityProposeView.as_view(),
        name="municipality_propose",
    ),
    path(
        "sites/<int:pk>/propose/", views.SiteProposeView.as_view(), name="site_propose"
    ),
    path(
        "service-points/<int:pk>/propose/",
        views.ServicePointProposeView.as_view(),
        name="servicepoint_propose",
    ),
    path(
        "services/<int:pk>/propose/",
        views.CitizenServiceProposeView.as_view(),
        name="citizenservice_propose",
    ),
    path(
        "change-proposals/",
        views.ChangeProposalListView.as_view(),
        name="changeproposal_list",
    ),
    path(
        "change-proposals/<int:pk>/",
        views.ChangeProposalDetailView.as_view(),
        name="changeproposal_detail",
    ),
    path(
        "change-proposals/<int:pk>/decide/",
        views.ChangeProposalDecideView.as_view(),
        name="changeproposal_decide",
    ),
]
