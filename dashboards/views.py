"""The steering group's dashboard, the drill-down pages and the exports."""

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from core.downloads import attachment
from core.generic import ObjectListView, PermissionRequiredMixin
from core.middleware import cache_privately
from core.params import id_or_404
from initiatives.models import Initiative
from projects.audit import AuditAction
from projects.generic import ProjectScopedMixin

from . import charts, exports, selectors
from .filters import DashboardFilterSet

# How long a browser keeps a chart image of the dashboard (its URL changes with its numbers).
CHART_MAX_AGE = 24 * 60 * 60


@method_decorator(never_cache, name="dispatch")
class DashboardView(ProjectScopedMixin, ObjectListView):
    """Initiatives × sites with progress by week, key figures and a trend chart each,
    and beside them the latest quotes, advisory visits and decisions."""

    permission_required = "reporting.view_dashboard"
    model = Initiative
    filterset_class = DashboardFilterSet
    template_name = "dashboards/dashboard.html"
    paginate_by = 10
    project_section = "dashboard"

    def get_site_ids(self):
        if not hasattr(self, "_site_ids"):
            self._site_ids = selectors.visible_site_ids(
                user=self.request.user, project=self.get_project()
            )
        return self._site_ids

    def get_base_queryset(self):
        return selectors.dashboard_initiatives(
            project=self.get_project(), site_ids=self.get_site_ids()
        )

    def get_filterset_kwargs(self):
        return {"project": self.get_project(), "site_ids": self.get_site_ids()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project, site_ids = self.get_project(), self.get_site_ids()
        rows = selectors.initiative_rows(
            initiatives=list(context["object_list"]), site_ids=site_ids
        )
        per_hour = charts.wants_per_hour(self.request.GET)
        for row in rows:
            row.chart = charts.trend_chart(
                initiative=row.initiative,
                figure_list=row.figures,
                linked=True,
                per_hour=per_hour,
            )
        context.update(
            rows=rows,
            verdicts=[row.verdicts for row in rows],
            per_hour=per_hour,
            totals=selectors.progress_totals(project=project, site_ids=site_ids),
            week_states=selectors.week_states(),
            week_legend=selectors.week_legend(),
            quotes=selectors.latest_quotes(project=project),
            visits=selectors.latest_visits(project=project, site_ids=site_ids),
            decisions=selectors.latest_decisions(project=project),
            today=timezone.localdate(),
            limited_to_sites=site_ids is not None,
        )
        return context


class InitiativeResultsView(PermissionRequiredMixin, TemplateView):
    """One initiative's figures at all its sites side by side, week by week, with charts
    (?visning=pr-time: the charts per open hour). Every question is summarised as its
    kind says; text answers are shown, those that may hold personal data only to
    those who may read them (testing.view_personal_answers).

    Not cached, as every page for a signed-in user (core.middleware); no
    `never_cache` here, which InitiativeChartView would inherit."""

    permission_required = "reporting.view_dashboard"
    template_name = "dashboards/initiative_results.html"

    def get_initiative(self):
        if not hasattr(self, "_initiative"):
            self._initiative = get_object_or_404(
                selectors.results_initiatives(user=self.request.user),
                pk=self.kwargs["pk"],
            )
        return self._initiative

    def get_permission_object(self):
        return self.get_initiative()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        initiative = self.get_initiative()
        results = selectors.initiative_results(
            initiative=initiative, user=self.request.user
        )
        per_hour = charts.wants_per_hour(self.request.GET)
        context.update(
            verdicts=results.verdicts,
            limited_to_sites=selectors.visible_site_ids(
                user=self.request.user, project=initiative.project
            )
            is not None,
            evidence=selectors.initiative_evidence(
                initiative=initiative,
                site_ids=selectors.visible_site_ids(
                    user=self.request.user, project=initiative.project
                ),
            ),
            initiative=initiative,
            project=initiative.project,
            project_section="dashboard",
            runs=results.runs,
            figures=results.figures,
            summary=results.summary,
            weeks=results.weeks,
            per_hour=per_hour,
            charts=charts.figure_charts(
                results.figures, title_for=lambda text: text, per_hour=per_hour
            ),
            week_states=selectors.week_states(),
        )
        return context


@method_decorator(cache_privately(CHART_MAX_AGE), name="dispatch")
class InitiativeChartView(InitiativeResultsView):
    """GET the dashboard's trend chart of an initiative as an SVG image, for the sites
    the user may see. Kept a day by this user's browser only (private): the page's
    link changes with the numbers, so a kept chart is never out of date."""

    def get(self, request, *args, **kwargs):
        initiative = self.get_initiative()
        chart = charts.trend_chart(
            initiative=initiative,
            figure_list=selectors.initiative_figures(
                initiative=initiative, user=request.user
            ),
            per_hour=charts.wants_per_hour(request.GET),
        )
        if chart is None:
            raise Http404(_("Tiltaget har ingen tal at vise endnu."))
        response = HttpResponse(chart.svg, content_type="image/svg+xml; charset=utf-8")
        # Opened on its own, the SVG may style itself but run nothing and load nothing.
        response["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'"
        )
        return response


@method_decorator(never_cache, name="dispatch")
class SiteOverviewView(ProjectScopedMixin, PermissionRequiredMixin, TemplateView):
    """Every initiative tested at one site: progress and figures."""

    permission_required = "reporting.view_dashboard"
    template_name = "dashboards/site_overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.get_project()
        site_ids = selectors.visible_site_ids(user=self.request.user, project=project)
        site = get_object_or_404(
            selectors.visible_sites(project=project, site_ids=site_ids),
            pk=self.kwargs["site_pk"],
        )
        rows = selectors.initiative_rows(
            initiatives=list(selectors.site_initiatives(project=project, site=site)),
            site_ids={site.pk},
        )
        context.update(
            site=site,
            project_section="dashboard",
            rows=rows,
            week_states=selectors.week_states(),
            visits=selectors.latest_visits(
                project=project, site_ids={site.pk}, limit=10
            ),
        )
        return context


@method_decorator(never_cache, name="dispatch")
class ExportView(ProjectScopedMixin, PermissionRequiredMixin, View):
    """GET …/export/<table>.<csv|xlsx>: only what the user may see."""

    permission_required = "reporting.export"
    audit_reads = True  # every export is logged (projects/audit.py)
    audit_action = AuditAction.EXPORTED

    def get(self, request, *args, **kwargs):
        project = self.get_project()
        site_ids = selectors.visible_site_ids(user=request.user, project=project)
        table, fmt = self.kwargs["table"], self.kwargs["fmt"]
        more = []
        if table in ("submissions", "entries"):
            initiative = None
            if request.GET.get("initiative"):
                initiative = get_object_or_404(
                    project.initiatives.all(),
                    pk=id_or_404(request.GET["initiative"]),
                )
            entries = exports.entry_table(
                project=project, site_ids=site_ids, initiative=initiative
            )
            if table == "entries":
                header, rows = entries
                name = _("gentagelser")
            else:
                header, rows = exports.submission_table(
                    project=project, site_ids=site_ids, initiative=initiative
                )
                name = _("testskemaer")
                # One row per entry of a repeated section, in a second sheet.
                more = [(_("gentagelser"), *entries)]
        elif table == "summary":
            initiatives = list(
                selectors.dashboard_initiatives(project=project, site_ids=site_ids)
            )
            header, rows = exports.summary_table(
                project=project, site_ids=site_ids, initiatives=initiatives
            )
            name = _("resultater")
        else:
            initiatives = list(
                selectors.dashboard_initiatives(project=project, site_ids=site_ids)
            )
            header, rows = exports.matrix_table(
                project=project, site_ids=site_ids, initiatives=initiatives
            )
            name = _("fremdrift")
        if fmt == "csv":
            response = StreamingHttpResponse(
                exports.csv_stream(header, rows), content_type="text/csv; charset=utf-8"
            )
        else:
            response = FileResponse(
                exports.xlsx_file(header, rows, title=name, more=more),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = attachment(
            project.name, name, f"{timezone.localdate():%Y-%m-%d}", extension=fmt
        )
        return response
