"""The tables of the project pages (core/tables.py)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import Table, TemplateColumn


class ProjectTable(Table):
    caption = _("Forløb")
    row_header = "name"

    name = tables.Column(verbose_name=_("Navn"), linkify=True, orderable=True)
    period = TemplateColumn(
        template_name="projects/tables.html#period",
        verbose_name=_("Periode"),
        orderable=True,
        order_by=("starts_on", "ends_on"),
    )
    site_count = tables.Column(verbose_name=_("Steder"), orderable=True)
    member_count = tables.Column(verbose_name=_("Deltagere"), orderable=True)

    class Meta(Table.Meta):
        attrs = {"class": "table table-striped align-middle"}
        empty_text = _("Du er ikke med i noget forløb.")
