"""/api/v1/: the read API. Every view answers a token (or the session) itself, so
none goes through the login page's redirect (`login_not_required`; DRF marks its
views so too); the docs page, which a person opens in the browser, does."""

from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import path

from . import views

app_name = "api"


def _api(view_class):
    return login_not_required(view_class.as_view())


urlpatterns = [
    path("", _api(views.RootView), name="root"),
    path("projects/", _api(views.ProjectListView), name="project_list"),
    path("projects/<int:pk>/", _api(views.ProjectDetailView), name="project_detail"),
    path("sites/", _api(views.SiteListView), name="site_list"),
    path("sites/<int:pk>/", _api(views.SiteDetailView), name="site_detail"),
    path("services/", _api(views.ServiceListView), name="service_list"),
    path("initiatives/", _api(views.InitiativeListView), name="initiative_list"),
    path("initiatives.csv", _api(views.InitiativeCsvView), name="initiative_csv"),
    path(
        "initiatives/<int:pk>/",
        _api(views.InitiativeDetailView),
        name="initiative_detail",
    ),
    path("test-runs/", _api(views.TestRunListView), name="testrun_list"),
    path("test-runs/<int:pk>/", _api(views.TestRunDetailView), name="testrun_detail"),
    path("submissions/", _api(views.SubmissionListView), name="submission_list"),
    path("submissions.csv", _api(views.SubmissionCsvView), name="submission_csv"),
    path(
        "submissions/<int:pk>/",
        _api(views.SubmissionDetailView),
        name="submission_detail",
    ),
    path("figures/", _api(views.FigureListView), name="figure_list"),
    path("figures.csv", _api(views.FigureCsvView), name="figure_csv"),
    path("verdicts/", _api(views.VerdictListView), name="verdict_list"),
    path("verdicts.csv", _api(views.VerdictCsvView), name="verdict_csv"),
    path("decisions/", _api(views.DecisionListView), name="decision_list"),
    path("quotes/", _api(views.QuoteListView), name="quote_list"),
    path("quotes.csv", _api(views.QuoteCsvView), name="quote_csv"),
    path("schema/", _api(views.SchemaView), name="schema"),
    # Opened in the browser: anonymous people are sent to the login page.
    path("docs/", login_required(views.DocsView.as_view()), name="docs"),
]
