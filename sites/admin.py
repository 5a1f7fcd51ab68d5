from django.contrib import admin

from core.admin import OwnedStateAdmin, OwnedStateTabularInline

from .models import (
    ChangeProposal,
    CitizenService,
    Municipality,
    OpeningHours,
    ServiceOffering,
    ServicePoint,
    Site,
)


class OpeningHoursInline(OwnedStateTabularInline):
    model = OpeningHours
    extra = 0


class ServiceOfferingInline(OwnedStateTabularInline):
    model = ServiceOffering
    extra = 0
    autocomplete_fields = ["service"]


@admin.register(Municipality)
class MunicipalityAdmin(OwnedStateAdmin):
    list_display = ["name", "code"]
    search_fields = ["name"]


@admin.register(Site)
class SiteAdmin(OwnedStateAdmin):
    list_display = ["name", "municipality", "integration_degree", "borgerservice_since"]
    list_filter = ["municipality", "integration_degree"]
    search_fields = ["name"]
    inlines = [OpeningHoursInline, ServiceOfferingInline]


@admin.register(ServicePoint)
class ServicePointAdmin(OwnedStateAdmin):
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name"]
    inlines = [OpeningHoursInline, ServiceOfferingInline]


@admin.register(OpeningHours)
class OpeningHoursAdmin(OwnedStateAdmin):
    list_display = ["__str__", "site", "service_point", "weekday", "kind"]
    list_filter = ["kind", "weekday", "site", "service_point"]


@admin.register(CitizenService)
class CitizenServiceAdmin(OwnedStateAdmin):
    list_display = ["name", "category", "requires_attendance", "self_service_online"]
    list_filter = ["category", "requires_attendance", "self_service_online"]
    search_fields = ["name"]


@admin.register(ServiceOffering)
class ServiceOfferingAdmin(OwnedStateAdmin):
    list_display = ["service", "site", "service_point", "level"]
    list_filter = ["level", "site", "service_point"]
    autocomplete_fields = ["service"]


@admin.register(ChangeProposal)
class ChangeProposalAdmin(OwnedStateAdmin):
    """Read-only: proposals are made, accepted and rejected in the app (the services
    own their state); they go with their record when it is deleted."""

    list_display = ["__str__", "status", "proposed_by", "created_at", "decided_by"]
    list_filter = ["status", "content_type"]
    list_select_related = ["content_type", "proposed_by", "decided_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
