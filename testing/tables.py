"""The tables of the testing pages (core/tables.py)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import ActionsColumn, DateColumn, Table, TemplateColumn

CELLS = "testing/tables.html#"


class SubmissionTable(Table):
    """The consultant's review list."""

    caption = _("Testskemaer")
    row_header = "initiative"
    empty_filtered_text = _("Ingen skemaer matcher filtret.")

    initiative = tables.Column(
        accessor="run__initiative__name",
        verbose_name=_("Tiltag"),
        orderable=True,
        order_by=("run__initiative__name",),
    )
    site = tables.Column(
        accessor="run__site__name",
        verbose_name=_("Sted"),
        orderable=True,
        order_by=("run__site__name",),
    )
    period = tables.Column(accessor="period_label", verbose_name=_("Periode"))
    status = TemplateColumn(
        template_name=CELLS + "submission_status",
        verbose_name=_("Status"),
        orderable=True,
    )
    submitted_at = DateColumn(
        with_time=True, verbose_name=_("Indsendt"), orderable=True
    )
    actions = ActionsColumn(CELLS + "submission_actions")

    class Meta(Table.Meta):
        empty_text = _("Der er ingen indsendte skemaer at gennemgå.")


class TestKitTable(Table):
    """The library of test kits."""

    __test__ = False  # not a pytest test class, whatever its name

    caption = _("Testkits i biblioteket")
    row_header = "name"

    name = TemplateColumn(
        template_name=CELLS + "testkit_name",
        verbose_name=_("Navn"),
        orderable=True,
    )
    source = tables.Column(verbose_name=_("Kilde"))
    created_at = DateColumn(verbose_name=_("Oprettet"), orderable=True)
    actions = ActionsColumn(CELLS + "testkit_actions")

    class Meta(Table.Meta):
        empty_text = _(
            "Biblioteket har ingen testkits endnu. Gem et tiltags testguide og skemaer "
            "som testkit fra testguidens side, eller importér en fil."
        )
