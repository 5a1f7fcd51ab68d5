"""The tables of the list pages of ideas, evidence, initiatives and the timeline
(core/tables.py)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.tables import ActionsColumn, DateColumn, Table, TemplateColumn

CELLS = "initiatives/tables.html#"


class ScreeningCriterionTable(Table):
    caption = _("Screeningskriterier")
    row_header = "name"
    actions_permission = "initiatives.change_screeningcriterion"

    name = TemplateColumn(
        template_name=CELLS + "criterion_name",
        verbose_name=_("Kriterie"),
        orderable=True,
    )
    scale = TemplateColumn(
        template_code="{{ record.scale_min }}–{{ record.scale_max }}",
        verbose_name=_("Skala"),
    )
    score_count = tables.Column(verbose_name=_("Afgivne scorer"), orderable=True)
    actions = ActionsColumn(CELLS + "criterion_actions")

    class Meta(Table.Meta):
        empty_text = _(
            "Der er endnu ingen kriterier. Uden kriterier kan idéerne ikke scores."
        )


class DecisionTable(Table):
    """The decision log: decisions on ideas and verdicts on initiatives."""

    caption = _("Styregruppens beslutninger")
    row_header = "idea"

    decided_on = TemplateColumn(
        template_name=CELLS + "decision_date",
        verbose_name=_("Dato"),
        orderable=True,
        attrs={"td": {"class": "text-nowrap"}},
    )
    idea = TemplateColumn(
        template_name=CELLS + "decision_idea",
        verbose_name=_("Idé"),
        orderable=True,
        order_by=("subject_title",),
    )
    initiative = TemplateColumn(
        template_name=CELLS + "decision_initiative",
        verbose_name=_("Tiltag"),
    )
    outcome = TemplateColumn(
        template_name=CELLS + "outcome", verbose_name=_("Beslutning")
    )
    rationale = TemplateColumn(
        template_code="{{ value|linebreaksbr }}", verbose_name=_("Begrundelse")
    )
    meeting = TemplateColumn(
        template_name=CELLS + "decision_meeting", verbose_name=_("Møde")
    )
    decided_by = TemplateColumn(
        template_code="{{ value.get_full_name|default:value.username|default:'–' }}",
        verbose_name=_("Registreret af"),
    )

    class Meta(Table.Meta):
        empty_text = _("Styregruppen har ikke truffet beslutninger endnu.")

    def before_render(self, request):
        super().before_render(request)
        # Coordinators do not see the steering group's meetings.
        project = (getattr(self, "context", None) or {}).get("project")
        self.hide_unless(
            request.user.has_perm("initiatives.view_meeting", project), "meeting"
        )


class MeetingTable(Table):
    caption = _("Styregruppemøder")
    row_header = "title"

    held_on = DateColumn(verbose_name=_("Dato"), orderable=True)
    title = tables.Column(verbose_name=_("Møde"), linkify=True, orderable=True)
    attendee_count = tables.Column(verbose_name=_("Deltagere"))
    decision_count = tables.Column(verbose_name=_("Beslutninger"), orderable=True)

    class Meta(Table.Meta):
        empty_text = _("Der er endnu ingen styregruppemøder.")


class InterviewTable(Table):
    caption = _("Interviews")
    actions_permission = "initiatives.change_interview"

    held_on = DateColumn(verbose_name=_("Dato"), orderable=True)
    site = tables.Column(
        accessor="site__name",
        verbose_name=_("Sted"),
        orderable=True,
        order_by=("site__name",),
    )
    service = tables.Column(
        accessor="service__name",
        verbose_name=_("Ydelse"),
        orderable=True,
        order_by=("service__name",),
    )
    age_band = tables.Column(verbose_name=_("Aldersgruppe"))
    length = tables.Column(verbose_name=_("Længde"))
    quote_count = tables.Column(verbose_name=_("Citater"), orderable=True)
    actions = ActionsColumn(CELLS + "interview_actions")

    class Meta(Table.Meta):
        attrs = {"class": "table table-sm align-middle"}
        empty_text = _("Der er ikke registreret interviews endnu.")


class InitiativeTable(Table):
    caption = pgettext_lazy("plural", "Tiltag")
    row_header = "name"

    name = tables.Column(verbose_name=_("Tiltag"), linkify=True, orderable=True)
    solution_space = tables.Column(
        accessor="solution_space__name",
        verbose_name=_("Løsningsrum"),
        default="–",
        orderable=True,
        order_by=("solution_space__name",),
    )
    test_sites = TemplateColumn(
        template_name=CELLS + "initiative_sites",
        verbose_name=_("Afprøves på (tovholder)"),
    )
    status = TemplateColumn(
        template_name=CELLS + "initiative_status",
        verbose_name=_("Status"),
        orderable=True,
    )

    class Meta(Table.Meta):
        empty_text = _(
            "Der er endnu ingen tiltag. Et tiltag oprettes fra en idé, styregruppen "
            "har udvalgt til afprøvning."
        )


class TimelineTable(Table):
    caption = _("Tidsplan")
    row_header = "title"

    week = TemplateColumn(
        template_name=CELLS + "timeline_week",
        verbose_name=_("Uge"),
        orderable=True,
        order_by=("starts_week", "ends_week"),
        attrs={"td": {"class": "text-nowrap"}},
    )
    title = TemplateColumn(
        template_name=CELLS + "timeline_title", verbose_name=_("Hvad"), orderable=True
    )
    responsible = TemplateColumn(
        template_name=CELLS + "timeline_responsible", verbose_name=_("Ansvarlig")
    )
    status = TemplateColumn(
        template_name=CELLS + "timeline_status", verbose_name=_("Status")
    )
    actions = ActionsColumn(CELLS + "timeline_actions")

    class Meta(Table.Meta):
        attrs = {"class": "table align-middle timeline-table"}
        row_attrs = {"id": lambda record: f"item-{record.pk}"}
        empty_text = _("Tidsplanen er tom.")
