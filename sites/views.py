"""Pages for municipalities, sites, service points, opening hours and the service catalogue."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from core.generic import (
    ObjectActionView,
    ObjectChildCreateView,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    OneObjectMixin,
    PermissionRequiredMixin,
)
from projects import audit

from . import selectors, services, tables
from .filters import CitizenServiceFilterSet, ServicePointFilterSet, SiteFilterSet
from .forms import (
    PROPOSAL_FORMS,
    CitizenServiceForm,
    MunicipalityForm,
    OpeningHoursForm,
    ProposalDecisionForm,
    ServiceOfferingsForm,
    ServicePointForm,
    SiteForm,
    proposal_rows,
)
from .models import (
    ChangeProposal,
    CitizenService,
    IntegrationDegree,
    Municipality,
    OpeningHours,
    ServicePoint,
    Site,
)

# Municipalities


class MunicipalityListView(ObjectListView):
    permission_required = "sites.view_municipality"
    model = Municipality
    table_class = tables.MunicipalityTable
    page_title = gettext_lazy("Kommuner")
    create_label = gettext_lazy("Opret kommune")

    def get_base_queryset(self):
        return selectors.municipality_list()


class MunicipalityCreateView(ObjectCreateView):
    permission_required = "sites.add_municipality"
    model = Municipality
    form_class = MunicipalityForm

    def get_success_url(self):
        return self.get_list_url()


class MunicipalityUpdateView(ObjectUpdateView):
    permission_required = "sites.change_municipality"
    model = Municipality
    form_class = MunicipalityForm

    def get_success_url(self):
        return self.get_list_url()


class MunicipalityDeleteView(ObjectDeleteView):
    permission_required = "sites.delete_municipality"
    model = Municipality


# Places: what sites and service points share (opening hours, services offered)


class PlaceDetailMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["week"] = selectors.week_table(place=self.object)
        context["offerings"] = selectors.place_offerings(place=self.object)
        return context


class PlaceFromUrlMixin:
    """Views nested under a site or service point: `place_model` says which."""

    place_model: type[Site] | type[ServicePoint] | None = None

    def get_place(self):
        if not hasattr(self, "_place"):
            self._place = get_object_or_404(
                self.place_model, pk=self.kwargs["place_pk"]
            )
        return self._place


@method_decorator(never_cache, name="dispatch")
class PlaceServicesUpdateView(PermissionRequiredMixin, PlaceFromUrlMixin, FormView):
    """Tick which catalogue services a place offers, full or light."""

    permission_required = "sites.change_serviceoffering"
    form_class = ServiceOfferingsForm
    template_name = "sites/place_services_form.html"

    def get_permission_object(self):
        return self.get_place()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["services"] = selectors.citizen_services_in_category_order()
        kwargs["current"] = selectors.place_offerings_by_service(place=self.get_place())
        return kwargs

    def form_valid(self, form):
        place = self.get_place()
        services.place_offerings_set(place=place, levels=form.offered_levels())
        messages.success(
            self.request, _("Ydelserne for %(place)s er gemt.") % {"place": place}
        )
        return HttpResponseRedirect(place.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["place"] = self.get_place()
        return context


# Sites


class SiteListView(ObjectListView):
    permission_required = "sites.view_site"
    model = Site
    filterset_class = SiteFilterSet
    table_class = tables.SiteTable
    page_title = gettext_lazy("Steder")
    lead = gettext_lazy("Biblioteker, der huser en kommunal borgerservice.")
    create_label = gettext_lazy("Opret sted")
    empty_create_label = gettext_lazy("Opret det første sted.")

    def get_base_queryset(self):
        return selectors.site_list()


class SiteDetailView(PlaceDetailMixin, ObjectDetailView):
    permission_required = "sites.view_site"
    model = Site
    template_name = "sites/site_detail.html"

    def get_queryset(self):
        return Site.objects.select_related("municipality")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["service_points"] = selectors.service_points_of(
            municipality=self.object.municipality
        )
        context["integration_degrees"] = IntegrationDegree.choices
        context["other_sites"] = selectors.sites_of(
            municipality=self.object.municipality, exclude=self.object
        )
        return context


class SiteCreateView(ObjectCreateView):
    permission_required = "sites.add_site"
    model = Site
    form_class = SiteForm


class SiteUpdateView(ObjectUpdateView):
    permission_required = "sites.change_site"
    model = Site
    form_class = SiteForm


class SiteDeleteView(ObjectDeleteView):
    permission_required = "sites.delete_site"
    model = Site

    def get_extra_impact(self):
        projects = list(self.object.projects.all())
        if not projects:
            return []
        return [
            _("Stedet fjernes fra forløbene: %(projects)s.")
            % {"projects": ", ".join(str(p) for p in projects)}
        ]


class SiteServicesUpdateView(PlaceServicesUpdateView):
    place_model = Site


# Service points


class ServicePointListView(ObjectListView):
    permission_required = "sites.view_servicepoint"
    model = ServicePoint
    filterset_class = ServicePointFilterSet
    table_class = tables.ServicePointTable
    page_title = gettext_lazy("Betjeningssteder")
    lead = gettext_lazy(
        "Kommunernes øvrige steder med borgerservice: rådhuse og lokalbiblioteker."
    )
    create_label = gettext_lazy("Opret betjeningssted")

    def get_base_queryset(self):
        return selectors.service_point_list()


class ServicePointDetailView(PlaceDetailMixin, ObjectDetailView):
    permission_required = "sites.view_servicepoint"
    model = ServicePoint
    template_name = "sites/servicepoint_detail.html"

    def get_queryset(self):
        return ServicePoint.objects.select_related("municipality")


class ServicePointCreateView(ObjectCreateView):
    permission_required = "sites.add_servicepoint"
    model = ServicePoint
    form_class = ServicePointForm


class ServicePointUpdateView(ObjectUpdateView):
    permission_required = "sites.change_servicepoint"
    model = ServicePoint
    form_class = ServicePointForm


class ServicePointDeleteView(ObjectDeleteView):
    permission_required = "sites.delete_servicepoint"
    model = ServicePoint


class ServicePointServicesUpdateView(PlaceServicesUpdateView):
    place_model = ServicePoint


# Opening hours (always edited from their site or service point)


class OpeningHoursCreateView(PlaceFromUrlMixin, ObjectChildCreateView):
    permission_required = "sites.add_openinghours"
    model = OpeningHours
    form_class = OpeningHoursForm
    parent_kwarg = "place"

    def get_parent(self):
        return self.get_place()

    def get_permission_object(self):
        return self.get_place()

    def get_page_title(self):
        return _("Ny åbningstid for %(place)s") % {"place": self.get_place()}


class SiteOpeningHoursCreateView(OpeningHoursCreateView):
    place_model = Site


class ServicePointOpeningHoursCreateView(OpeningHoursCreateView):
    place_model = ServicePoint


class OpeningHoursUpdateView(ObjectUpdateView):
    permission_required = "sites.change_openinghours"
    model = OpeningHours
    form_class = OpeningHoursForm

    def get_queryset(self):
        return OpeningHours.objects.select_related("site", "service_point")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "place": self.object.place}

    def get_page_title(self):
        return _("Redigér åbningstid for %(place)s") % {"place": self.object.place}


class OpeningHoursDeleteView(ObjectDeleteView):
    permission_required = "sites.delete_openinghours"
    model = OpeningHours

    def get_queryset(self):
        return OpeningHours.objects.select_related("site", "service_point")

    def get_success_url(self):
        return self.object.place.get_absolute_url()


# The service catalogue


class CitizenServiceListView(ObjectListView):
    permission_required = "sites.view_citizenservice"
    model = CitizenService
    filterset_class = CitizenServiceFilterSet
    table_class = tables.CitizenServiceTable
    template_name = "sites/citizenservice_list.html"
    paginate_by = 50
    page_title = gettext_lazy("Ydelseskatalog")
    lead = gettext_lazy(
        "Borgerservicens ydelser, og hvor de tilbydes som fuld borgerservice eller "
        "borgerservice light."
    )
    create_label = gettext_lazy("Opret ydelse")
    empty_create_label = gettext_lazy("Opret den første ydelse.")

    def get_base_queryset(self):
        return selectors.citizen_service_list()

    def get_context_data(self, **kwargs):
        """One table per category, in the catalogue's order (the rows of the page)."""
        context = super().get_context_data(**kwargs)
        groups = {}
        for service in context["object_list"]:
            groups.setdefault(service.get_category_display(), []).append(service)
        context["category_tables"] = [
            (category, self.get_table(services, caption=category))
            for category, services in groups.items()
        ]
        return context


class CitizenServiceDetailView(ObjectDetailView):
    permission_required = "sites.view_citizenservice"
    model = CitizenService
    template_name = "sites/citizenservice_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["offerings"] = selectors.citizen_service_detail_offerings(
            service=self.object
        )
        return context


class CitizenServiceCreateView(ObjectCreateView):
    permission_required = "sites.add_citizenservice"
    model = CitizenService
    form_class = CitizenServiceForm


class CitizenServiceUpdateView(ObjectUpdateView):
    permission_required = "sites.change_citizenservice"
    model = CitizenService
    form_class = CitizenServiceForm


class CitizenServiceDeleteView(ObjectDeleteView):
    permission_required = "sites.delete_citizenservice"
    model = CitizenService


# Proposed changes to shared records: for consultants who may not change a record
# because another project uses it (projects/permissions.py).


class ChangeProposalCreateView(ObjectUpdateView):
    """The record's own form; saving records a proposal and leaves the record as it is."""

    permission_required = "sites.propose_change"
    template_name = "sites/changeproposal_form.html"
    audit_action = audit.AuditAction.CREATED

    def get_form_class(self):
        return PROPOSAL_FORMS[self.model]

    def save_form(self, form):
        changes, bases = form.proposed()
        return services.change_proposal_create(
            record=form.instance,
            changes=changes,
            bases=bases,
            message=form.cleaned_data["message"],
            user=self.request.user,
        )

    def get_page_title(self):
        return _("Foreslå ændring af %(record)s") % {"record": self.object}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "submit_label": _("Send forslag")}

    def get_success_message(self):
        return _(
            "Dit forslag er sendt. Det gennemføres, når en, der må ændre "
            "%(record)s, har godkendt det."
        ) % {"record": self.object.record}


class SiteProposeView(ChangeProposalCreateView):
    model = Site


class ServicePointProposeView(ChangeProposalCreateView):
    model = ServicePoint


class CitizenServiceProposeView(ChangeProposalCreateView):
    model = CitizenService


class MunicipalityProposeView(ChangeProposalCreateView):
    model = Municipality


class ChangeProposalListView(PermissionRequiredMixin, TemplateView):
    """Proposals waiting for the user's decision, and the user's own proposals."""

    permission_required = "sites.view_changeproposal"
    template_name = "sites/changeproposal_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["to_decide"] = selectors.change_proposals_to_decide(
            user=user,
            may_decide=lambda u, p: u.has_perm("sites.decide_changeproposal", p),
        )
        context["mine"] = tables.ChangeProposalTable(
            list(selectors.change_proposals_by(user=user))
        )
        return context


class ChangeProposalMixin(OneObjectMixin):
    model = ChangeProposal

    def get_queryset(self):
        return ChangeProposal.objects.select_related(
            "content_type", "proposed_by", "decided_by"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = proposal_rows(self.object)
        return context


class ChangeProposalDetailView(ChangeProposalMixin, ObjectDetailView):
    permission_required = "sites.view_changeproposal"
    template_name = "sites/changeproposal_detail.html"


class ChangeProposalDecideView(ChangeProposalMixin, ObjectActionView):
    """Accept (the change is made through the record's own form) or reject."""

    permission_required = "sites.decide_changeproposal"
    form_class = ProposalDecisionForm
    template_name = "sites/changeproposal_decide.html"
    submit_label = gettext_lazy("Afgør forslaget")

    def get_page_title(self):
        return _("Afgør ændringsforslag til %(record)s") % {
            "record": self.object.record
        }

    def act(self, form):
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        user = self.request.user
        if decision == ProposalDecisionForm.REJECT:
            services.change_proposal_reject(proposal=self.object, user=user, note=note)
            self.success_message = _("Forslaget er afvist. Intet er ændret.")
            return
        accepted = services.change_proposal_accept(
            proposal=self.object, user=user, note=note
        )
        # The record changed too: its own event in the audit trail (the middleware
        # writes the proposal's).
        audit.record(
            user=user,
            action=audit.AuditAction.UPDATED,
            instance=accepted.record,
            fields=accepted.fields,
            detail=f"sites:changeproposal_decide pk={self.object.pk}",
        )
        self.success_message = _("Forslaget er godkendt, og %(record)s er ændret.") % {
            "record": accepted.record
        }

    def get_success_message(self):
        return self.success_message
