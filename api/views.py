"""The read API's views: thin, as every view here. Each names its permission (a rule
of projects/permissions.py), reads through one selector of api/selectors.py (which
starts from `visible_to`), and is read-only: GET, HEAD and OPTIONS; anything else
is 405. Lists are paged by a cursor over the id (api/pagination.py); figures and
verdicts are paged by initiative (a page holds every row of its initiatives).

Each CSV variant (`…/<table>.csv`) is the whole table with the same filters and the
same visibility, streamed, for Power BI's web connector (README, "API
(læseadgang)")."""

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from dashboards.exports import csv_stream
from initiatives.models import Initiative

from . import selectors, serializers
from .filters import ApiFilters, apply_filters, iso_week, read_filters
from .pagination import IdCursorPagination


class ApiMixin:
    """Read-only, in Danish unless the request asks for English (Accept-Language;
    the pages follow the language switch only)."""

    http_method_names = ["get", "head", "options"]
    permission_required = "synergy.use_app"
    filter_backends = [ApiFilters]
    filters: tuple[str, ...] = ()
    filter_paths: dict[str, str] = {}

    def initialize_request(self, request: Any, *args: Any, **kwargs: Any) -> Request:
        language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return super().initialize_request(request, *args, **kwargs)  # type: ignore[misc]

    def finalize_response(
        self, request: Request, response: Any, *args: Any, **kwargs: Any
    ) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        response["Content-Language"] = translation.get_language()
        patch_vary_headers(response, ["Accept-Language", "Authorization", "Cookie"])
        return response


class ApiList(ApiMixin, generics.ListAPIView):
    pagination_class = IdCursorPagination


class ApiDetail(ApiMixin, generics.RetrieveAPIView):
    filter_backends: list[Any] = []


# Projects, sites, services


class ProjectListView(ApiList):
    """The projects (forløb) the caller is a member of."""

    summary = _("Forløbene, du er med i.")

    permission_required = "synergy.view_project"
    serializer_class = serializers.ProjectSerializer
    filters = ("updated_since",)
    filter_paths = {"updated_since": "updated_at"}

    def get_queryset(self):
        return selectors.project_list(user=self.request.user)


class ProjectDetailView(ApiDetail):
    summary = _("Ét forløb.")
    permission_required = "synergy.view_project"
    serializer_class = serializers.ProjectSerializer

    def get_queryset(self):
        return selectors.project_list(user=self.request.user)


class SiteListView(ApiList):
    """The sites (the shared catalogue every member reads); `project` gives one
    project's participating sites."""

    summary = _(
        "Stederne (det fælles katalog, som alle deltagere læser); project giver ét forløbs deltagende steder."
    )

    permission_required = "sites.view_site"
    serializer_class = serializers.SiteSerializer
    filters = ("project", "updated_since")
    filter_paths = {"project": "many:projects", "updated_since": "updated_at"}

    def get_queryset(self):
        return selectors.site_list(user=self.request.user)


class SiteDetailView(ApiDetail):
    summary = _("Ét sted.")
    permission_required = "sites.view_site"
    serializer_class = serializers.SiteSerializer

    def get_queryset(self):
        return selectors.site_list(user=self.request.user)


class ServiceListView(ApiList):
    """The citizen services and where each is offered (full or light service)."""

    summary = _(
        "Borgerserviceydelserne, og hvor hver tilbydes (fuld borgerservice eller light)."
    )

    permission_required = "sites.view_citizenservice"
    serializer_class = serializers.ServiceSerializer
    filters = ("project", "site", "updated_since")
    filter_paths = {
        "project": "many:offerings__site__projects",
        "site": "many:offerings__site",
        "updated_since": "updated_at",
    }

    def get_queryset(self):
        return selectors.service_list(user=self.request.user)


# Initiatives and their tests


class InitiativeListView(ApiList):
    summary = _("Tiltagene i dine forløb, med de steder, de afprøves.")
    permission_required = "initiatives.view_initiative"
    serializer_class = serializers.InitiativeSerializer
    filters = ("project", "site", "updated_since")
    filter_paths = {
        "project": "project",
        "site": "many:test_sites__site",
        "updated_since": "updated_at",
    }

    def get_queryset(self):
        return selectors.initiative_list(user=self.request.user)


class InitiativeDetailView(ApiDetail):
    summary = _("Ét tiltag.")
    permission_required = "initiatives.view_initiative"
    serializer_class = serializers.InitiativeSerializer

    def get_queryset(self):
        return selectors.initiative_list(user=self.request.user)


class TestRunListView(ApiList):
    """Test runs: an initiative tested at a site over a range of ISO weeks; `week`
    gives the runs whose weeks include it."""

    summary = _(
        "Afprøvningerne: et tiltag på et sted i en række ISO-uger; week giver dem, hvis uger omfatter ugen."
    )

    permission_required = "testing.view_testrun"
    serializer_class = serializers.TestRunSerializer
    filters = ("project", "site", "initiative", "week", "updated_since")
    filter_paths = {
        "project": "project",
        "site": "site",
        "initiative": "initiative",
        "week": "range:starts_week,ends_week",
        "updated_since": "updated_at",
    }

    def get_queryset(self):
        return selectors.test_run_list(user=self.request.user)


class TestRunDetailView(ApiDetail):
    summary = _("Én afprøvning.")
    permission_required = "testing.view_testrun"
    serializer_class = serializers.TestRunSerializer

    def get_queryset(self):
        return selectors.test_run_list(user=self.request.user)


SUBMISSION_FILTERS = (
    "project",
    "site",
    "initiative",
    "week",
    "status",
    "updated_since",
)
SUBMISSION_PATHS = {
    "project": "run__project",
    "site": "run__site",
    "initiative": "run__initiative",
    "week": "week",
    "status": "status",
    "updated_since": "updated_at",
}


class SubmissionListView(ApiList):
    """Test schemas with their answers as typed values. Answers to questions that
    may hold personal data are left out for those who may not read them (the
    steering group); answers hidden by a condition are left out for everyone."""

    summary = _(
        "Testskemaerne med deres svar som typede værdier (tal som tal, ja/nej som true/false, valg som value og label, datoer i ISO 8601). Svar på spørgsmål, der kan rumme persondata, er udeladt for dem, der ikke må læse dem (styregruppen); svar skjult af en betingelse er udeladt for alle."
    )

    permission_required = "testing.view_testrun"  # a member; rows: visible_to
    serializer_class = serializers.SubmissionSerializer
    filters = SUBMISSION_FILTERS
    filter_paths = SUBMISSION_PATHS

    def get_queryset(self):
        return selectors.submission_list(user=self.request.user)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else selectors.with_answers(page)


class SubmissionDetailView(ApiDetail):
    summary = _("Ét testskema med dets svar.")
    permission_required = "testing.view_testrun"  # a member; rows: visible_to
    serializer_class = serializers.SubmissionSerializer

    def get_queryset(self):
        return selectors.submission_list(user=self.request.user)

    def get_object(self):
        return selectors.with_answers([super().get_object()])[0]


class DecisionListView(ApiList):
    """The steering group's decision log: decisions on ideas and verdicts on tested
    initiatives."""

    summary = _(
        "Styregruppens beslutningslog: beslutninger om idéer og afgørelser om afprøvede tiltag."
    )

    permission_required = "initiatives.view_decision"
    serializer_class = serializers.DecisionSerializer
    filters = ("project", "initiative", "updated_since")
    filter_paths = {
        "project": "project",
        "initiative": "initiative",
        "updated_since": "updated_at",
    }

    def get_queryset(self):
        return selectors.decision_list(user=self.request.user)


class QuoteListView(ApiList):
    """Citizens' quotes that are consented to and reviewed, and no others."""

    summary = _(
        "Borgernes citater med samtykke, som konsulenten har gennemgået – ingen andre."
    )

    permission_required = "initiatives.view_quote"
    serializer_class = serializers.QuoteSerializer
    filters = ("project", "site", "initiative", "week", "updated_since")
    filter_paths = {
        "project": "project",
        "site": "site",
        "initiative": "many:initiatives",
        "week": "test_week",
        "updated_since": "updated_at",
    }

    def get_queryset(self):
        return selectors.quote_list(user=self.request.user)


# Figures and verdicts: computed per initiative, paged by initiative


class InitiativeRowsView(ApiList):
    """A list computed per initiative: the page is a page of initiatives (by id),
    and its rows are all the rows of those initiatives."""

    filter_paths = {"project": "project", "initiative": "pk"}

    def get_queryset(self):
        return Initiative.objects.visible_to(self.request.user).select_related(
            "project"
        )

    def rows(self, initiatives: list[Initiative]) -> list[Any]:
        raise NotImplementedError

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset) or []
        rows = self.rows(list(page))
        serializer = self.get_serializer(rows, many=True)
        return self.get_paginated_response(serializer.data)


class FigureListView(InitiativeRowsView):
    """The figures per initiative × site × ISO week, as the results page counts them
    (submitted and approved schemas): a count's sum, a scale's mean, a computed
    value's mean, with the number of answers and the figure per open hour. `page_size`
    counts initiatives."""

    summary = _(
        "Tallene pr. tiltag × sted × ISO-uge, som resultatsiden tæller dem (indsendte og godkendte skemaer): summen af et antal, gennemsnittet af en skala, med antal svar og tallet pr. åbningstime. Siderne deles efter tiltag: page_size tæller tiltag."
    )

    permission_required = "reporting.view_dashboard"
    serializer_class = serializers.FigureSerializer
    filters = ("project", "site", "initiative", "week")

    def rows(self, initiatives: list[Initiative]) -> list[Any]:
        cleaned = getattr(self, "cleaned_filters", {})
        return selectors.figure_rows(
            user=self.request.user,
            initiatives=initiatives,
            site=cleaned.get("site"),
            week=cleaned.get("week"),
        )


class VerdictListView(InitiativeRowsView):
    """Each success criterion judged per site (and for all sites together, site_id
    null), with each week's judgement, as the results page judges them.
    `page_size` counts initiatives."""

    summary = _(
        "Succeskriterierne vurderet pr. sted (og for alle steder samlet: site_id er null) med hver uges vurdering, som på resultatsiden. Siderne deles efter tiltag: page_size tæller tiltag."
    )

    permission_required = "reporting.view_dashboard"
    serializer_class = serializers.VerdictSerializer
    filters = ("project", "site", "initiative")

    def rows(self, initiatives: list[Initiative]) -> list[Any]:
        cleaned = getattr(self, "cleaned_filters", {})
        return selectors.verdict_rows(
            user=self.request.user, initiatives=initiatives, site=cleaned.get("site")
        )


# CSV for Power BI


CSV_RESPONSE = OpenApiResponse(
    response={"type": "string"},
    description=(
        "CSV (UTF-8 med BOM, komma mellem felter, decimalpunktum, datoer og tider i "
        "ISO 8601, true/false). Tekst, der begynder med = + - @, tab eller CR, får "
        "en apostrof foran, så intet regneark læser den som en formel."
    ),
)


class CsvView(ApiMixin, generics.GenericAPIView):
    """The whole table (with the list's filters), streamed as CSV."""

    filename = "synergi.csv"
    pagination_class = None
    filter_backends: list[Any] = []
    is_csv = True

    def header(self) -> list[str]:
        raise NotImplementedError

    def csv_rows(self) -> Iterator[list[Any]]:
        raise NotImplementedError

    @extend_schema(responses={(200, "text/csv"): CSV_RESPONSE}, filters=False)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        cleaned = read_filters(request, self.filters)
        self.cleaned_filters = cleaned
        response = StreamingHttpResponse(
            csv_stream(self.header(), self.csv_rows(), iso=True),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response

    def filtered(self, queryset: Any) -> Any:
        return apply_filters(queryset, self.cleaned_filters, self.filter_paths)


class InitiativeCsvView(CsvView):
    summary = _("Tiltagene som CSV til Power BI.")
    permission_required = "initiatives.view_initiative"
    filename = "tiltag.csv"
    filters = InitiativeListView.filters
    filter_paths = InitiativeListView.filter_paths

    def header(self) -> list[str]:
        return [
            "id",
            "project_id",
            "name",
            "status",
            "status_label",
            "solution_space",
            "theme",
            "sites",
            "updated_at",
        ]

    def csv_rows(self) -> Iterator[list[Any]]:
        queryset = self.filtered(selectors.initiative_list(user=self.request.user))
        for batch in selectors.initiative_batches(queryset):
            for initiative in batch:
                space = initiative.solution_space
                yield [
                    initiative.pk,
                    initiative.project_id,
                    initiative.name,
                    initiative.status,
                    initiative.get_status_display(),
                    space.name if space else None,
                    space.theme.name if space else None,
                    " ".join(
                        str(s)
                        for s in sorted(
                            {r.site_id for r in initiative.test_sites.all()}
                        )
                    ),
                    initiative.updated_at,
                ]


class SubmissionCsvView(CsvView):
    """One row per answer (a schema without answers: one row with empty answer
    columns), typed: numbers in value_number, yes/no in value_boolean, dates in
    value_date, text and choices (separated by "; ") in value_text."""

    summary = _(
        'Testskemaernes svar som CSV til Power BI: én række pr. svar; tal i value_number, ja/nej i value_boolean, datoer i value_date, tekst og valg (adskilt af "; ") i value_text.'
    )

    permission_required = "testing.view_testrun"  # a member; rows: visible_to
    filename = "testskemaer.csv"
    filters = SUBMISSION_FILTERS
    filter_paths = SUBMISSION_PATHS

    def header(self) -> list[str]:
        return [
            "submission_id",
            "project_id",
            "initiative_id",
            "site_id",
            "period",
            "week",
            "status",
            "submitted_at",
            "question",
            "question_text",
            "kind",
            "entry",
            "value_number",
            "value_boolean",
            "value_date",
            "value_text",
        ]

    def csv_rows(self) -> Iterator[list[Any]]:
        user = self.request.user
        queryset = self.filtered(selectors.submission_list(user=user))
        for batch in selectors.submission_batches(queryset):
            for submission in batch:
                first = [
                    submission.pk,
                    submission.run.project_id,
                    submission.run.initiative_id,
                    submission.run.site_id,
                    submission.kind,
                    iso_week(submission.week),
                    submission.status,
                    submission.submitted_at,
                ]
                answers = selectors.typed_answers(submission=submission, user=user)
                if not answers:
                    yield first + [None] * 8
                for answer in answers:
                    yield first + [
                        answer.question,
                        answer.text,
                        answer.kind,
                        answer.entry,
                        *_typed_columns(answer.value),
                    ]


def _typed_columns(value: Any) -> list[Any]:
    """[number, boolean, date, text] with the value in its own column."""
    if isinstance(value, bool):
        return [None, value, None, None]
    if isinstance(value, int | float | Decimal):
        return [value, None, None, None]
    if isinstance(value, datetime.date):
        return [None, None, value, None]
    if isinstance(value, dict):
        return [None, None, None, value["value"]]
    if isinstance(value, list):
        return [None, None, None, "; ".join(choice["value"] for choice in value)]
    return [None, None, None, value]


class QuoteCsvView(CsvView):
    summary = _("Citaterne med samtykke, der er gennemgået, som CSV til Power BI.")
    permission_required = "initiatives.view_quote"
    filename = "citater.csv"
    filters = QuoteListView.filters
    filter_paths = QuoteListView.filter_paths

    def header(self) -> list[str]:
        return [
            "id",
            "project_id",
            "text",
            "speaker",
            "age_band",
            "service",
            "site_id",
            "site_name",
            "initiatives",
            "test_week",
            "updated_at",
        ]

    def csv_rows(self) -> Iterator[list[Any]]:
        user = self.request.user
        queryset = self.filtered(selectors.quote_list(user=user)).order_by("pk")
        for quote in queryset.iterator(chunk_size=500):
            yield [
                quote.pk,
                quote.project_id,
                quote.text,
                quote.speaker_label
                if user.has_perm("initiatives.view_quote_speaker", quote)
                else None,
                quote.age_band,
                quote.service.name if quote.service else None,
                quote.site_id,
                quote.site.name if quote.site else None,
                " ".join(str(i.pk) for i in quote.initiatives.all()),
                iso_week(quote.test_week),
                quote.updated_at,
            ]


class FigureCsvView(CsvView):
    summary = _("Tallene pr. tiltag × sted × ISO-uge som CSV til Power BI.")
    permission_required = "reporting.view_dashboard"
    filename = "tal.csv"
    filters = FigureListView.filters
    filter_paths = FigureListView.filter_paths

    def header(self) -> list[str]:
        return list(serializers.FigureSerializer().fields)

    def csv_rows(self) -> Iterator[list[Any]]:
        user = self.request.user
        queryset = self.filtered(
            Initiative.objects.visible_to(user).select_related("project")
        )
        fields = self.header()
        for batch in selectors.initiative_batches(queryset):
            rows = selectors.figure_rows(
                user=user,
                initiatives=batch,
                site=self.cleaned_filters.get("site"),
                week=self.cleaned_filters.get("week"),
            )
            for row in rows:
                data = serializers.FigureSerializer(row).data
                yield [data[name] for name in fields]


class VerdictCsvView(CsvView):
    """One row per criterion, site (empty: all sites together) and period (each
    week, and "overall" for the whole test)."""

    summary = _(
        "Succeskriterierne som CSV til Power BI: én række pr. kriterium, sted (tomt: alle steder) og periode (hver uge og overall for hele testen)."
    )

    permission_required = "reporting.view_dashboard"
    filename = "kriterier.csv"
    filters = VerdictListView.filters
    filter_paths = VerdictListView.filter_paths

    def header(self) -> list[str]:
        return [
            "project_id",
            "initiative_id",
            "criterion",
            "sentence",
            "site_id",
            "site_name",
            "period",
            "week",
            "status",
            "status_label",
            "value",
            "answers",
            "reason",
        ]

    def csv_rows(self) -> Iterator[list[Any]]:
        user = self.request.user
        queryset = self.filtered(
            Initiative.objects.visible_to(user).select_related("project")
        )
        for batch in selectors.initiative_batches(queryset):
            for row in selectors.verdict_rows(
                user=user, initiatives=batch, site=self.cleaned_filters.get("site")
            ):
                first = [
                    row.project,
                    row.initiative,
                    row.criterion,
                    row.sentence,
                    row.site,
                    row.site_name,
                ]
                for period, week, judged in [
                    ("overall", None, row.overall),
                    *[(period, week, judged) for week, period, judged in row.weeks],
                ]:
                    yield first + [
                        period,
                        week,
                        judged.status,
                        judged.status_label,
                        judged.value,
                        judged.answers,
                        judged.reason,
                    ]


# The OpenAPI document and its browsable docs


# The root: where everything is


# The tables of the API, by their URL names (api/urls.py), in the order of the docs.
TABLES = (
    ("projects", "api:project_list", None),
    ("sites", "api:site_list", None),
    ("services", "api:service_list", None),
    ("initiatives", "api:initiative_list", "api:initiative_csv"),
    ("test_runs", "api:testrun_list", None),
    ("submissions", "api:submission_list", "api:submission_csv"),
    ("figures", "api:figure_list", "api:figure_csv"),
    ("verdicts", "api:verdict_list", "api:verdict_csv"),
    ("decisions", "api:decision_list", None),
    ("quotes", "api:quote_list", "api:quote_csv"),
)


class RootView(ApiMixin, generics.GenericAPIView):
    """/api/v1/: the tables (each list, and its CSV file where there is one), the
    OpenAPI document and the docs, as links."""

    filter_backends: list[Any] = []
    pagination_class = None

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        def url(name: str) -> str:
            return request.build_absolute_uri(reverse(name))

        return Response(
            {
                "version": "v1",
                "docs": url("api:docs"),
                "schema": url("api:schema"),
                "tables": {
                    table: {"list": url(name), "csv": url(csv) if csv else None}
                    for table, name, csv in TABLES
                },
            }
        )


class SchemaView(ApiMixin, SpectacularAPIView):
    """The OpenAPI 3 document of the API (YAML, or JSON with ?format=json)."""

    permission_required = "synergy.use_app"
    filter_backends: list[Any] = []


class DocsView(ApiMixin, SpectacularSwaggerSplitView):
    """Swagger UI, served by the app (drf-spectacular-sidecar), its start script a
    file of its own, so the page runs under the app's Content-Security-Policy."""

    permission_required = "synergy.use_app"
    filter_backends: list[Any] = []
    url_name = "api:schema"
    template_name = "api/swagger_ui.html"
