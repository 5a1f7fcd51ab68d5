"""The tables of the list pages of sites and the service catalogue (core/tables.py)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import ActionsColumn, DateColumn, Table, TemplateColumn


class MunicipalityTable(Table):
    caption = _("Kommuner")
    row_header = "name"

    name = tables.Column(verbose_name=_("Navn"), orderable=True)
    code = TemplateColumn(
        template_code='{% load l10n %}{{ value|unlocalize|default:"–" }}',
        verbose_name=_("Kommunekode"),
        orderable=True,
    )
    site_count = TemplateColumn(
        template_name="sites/tables.html#municipality_sites",
        verbose_name=_("Steder"),
        orderable=True,
    )
    service_point_count = TemplateColumn(
        template_name="sites/tables.html#municipality_service_points",
        verbose_name=_("Betjeningssteder"),
        orderable=True,
    )
    actions = ActionsColumn("sites/tables.html#municipality_actions")

    class Meta(Table.Meta):
        attrs = {"class": "table table-striped align-middle"}
        empty_text = _("Der er endnu ingen kommuner.")

    def before_render(self, request):
        user = request.user
        self.hide_unless(
            user.has_perm("sites.change_municipality")
            or user.has_perm("sites.propose_change"),
            "actions",
        )


class SiteTable(Table):
    caption = _("Steder")
    row_header = "name"
    empty_filtered_text = _("Ingen steder matcher filtret.")

    name = tables.Column(verbose_name=_("Navn"), linkify=True, orderable=True)
    municipality = tables.Column(
        verbose_name=_("Kommune"), orderable=True, order_by=("municipality__name",)
    )
    integration_degree = tables.Column(verbose_name=_("Grad af integration"))
    borgerservice_since = TemplateColumn(
        template_code='{% load l10n %}{{ value|unlocalize|default:"–" }}',
        verbose_name=_("Borgerservice siden"),
        orderable=True,
    )
    services = TemplateColumn(
        template_code="{{ record.full_service_count }} / {{ record.light_service_count }}",
        verbose_name=_("Ydelser (fuld / light)"),
    )

    class Meta(Table.Meta):
        attrs = {"class": "table table-striped align-middle"}
        empty_text = _("Der er endnu ingen steder.")


class ServicePointTable(Table):
    caption = _("Betjeningssteder")
    row_header = "name"
    empty_filtered_text = _("Ingen betjeningssteder matcher filtret.")

    name = tables.Column(verbose_name=_("Navn"), linkify=True, orderable=True)
    municipality = tables.Column(
        verbose_name=_("Kommune"), orderable=True, order_by=("municipality__name",)
    )
    service_count = tables.Column(verbose_name=_("Ydelser"), orderable=True)

    class Meta(Table.Meta):
        attrs = {"class": "table table-striped align-middle"}
        empty_text = _("Der er endnu ingen betjeningssteder.")


class CitizenServiceTable(Table):
    """The services of one category (the page shows one table per category)."""

    row_header = "name"
    empty_filtered_text = _("Ingen ydelser matcher filtret.")

    name = tables.Column(
        verbose_name=_("Ydelse"), linkify=True, attrs={"th": {"class": "w-25"}}
    )
    requires_attendance = TemplateColumn(
        template_name="sites/tables.html#yes_no", verbose_name=_("Fysisk fremmøde")
    )
    self_service_online = TemplateColumn(
        template_name="sites/tables.html#yes_no",
        verbose_name=_("Digital selvbetjening"),
    )
    offered_at = TemplateColumn(
        template_name="sites/tables.html#offered_at", verbose_name=_("Tilbydes på")
    )

    class Meta(Table.Meta):
        attrs = {"class": "table table-sm align-middle"}
        empty_text = _("Kataloget er tomt.")


class ChangeProposalTable(Table):
    """The user's own proposals (a table on the page of proposals)."""

    caption = _("Dine forslag")
    row_header = "record"

    record = TemplateColumn(
        template_name="sites/tables.html#proposal_record", verbose_name=_("Gælder")
    )
    created_at = DateColumn(with_time=True, verbose_name=_("Foreslået"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta(Table.Meta):
        attrs = {"class": "table table-sm align-middle"}
