"""The JSON of each API resource: ids for relations, codes with their label in the
reader's language (`status` and `status_label`), dates and times in ISO 8601, weeks
as ISO weeks ("2017-W39"), answers as typed values (testing.question_kinds)."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from initiatives.models import Decision, Initiative, Quote
from projects.models import Project
from sites.models import CitizenService, ServiceOffering, Site
from testing.models import Submission, TestRun
from testing.question_kinds import DEFINITIONS, QuestionKind, kinds_where

from .filters import iso_week
from .selectors import typed_answers

WEEK_SCHEMA = {
    "type": "string",
    "pattern": "^[0-9]{4}-W[0-9]{2}$",
    "example": "2017-W39",
}


class IsoWeekField(serializers.Field):
    """A Monday as its ISO week, "2017-W39"."""

    def to_representation(self, value: Any) -> str | None:
        return iso_week(value)


extend_schema_field(WEEK_SCHEMA)(IsoWeekField)


class LabelField(serializers.Field):
    """A code's label in the reader's language, from the model field's choices (not
    `get_…_display`, which DRF inspects for every row: a third of a page's time)."""

    def __init__(self, model: Any, field: str, **kwargs: Any) -> None:
        self.labels = dict(model._meta.get_field(field).flatchoices)
        kwargs.setdefault("source", field)
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        return str(self.labels.get(value, value))


extend_schema_field({"type": "string"})(LabelField)


class ProjectSerializer(serializers.ModelSerializer):
    sites = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "name",
            "guiding_question",
            "purpose",
            "starts_on",
            "ends_on",
            "sites",
            "created_at",
            "updated_at",
        ]


class SiteSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.name")
    integration_degree_label = LabelField(Site, "integration_degree")
    projects = serializers.SerializerMethodField(
        help_text="Forløb, du har adgang til, som stedet deltager i."
    )

    class Meta:
        model = Site
        fields = [
            "id",
            "name",
            "municipality_id",
            "municipality",
            "integration_degree",
            "integration_degree_label",
            "borgerservice_since",
            "staff_count",
            "address",
            "projects",
            "updated_at",
        ]

    @extend_schema_field({"type": "array", "items": {"type": "integer"}})
    def get_projects(self, site: Site) -> list[int]:
        return [project.pk for project in getattr(site, "visible_projects", [])]


class OfferingSerializer(serializers.Serializer):
    site = serializers.IntegerField(source="site_id", allow_null=True)
    service_point = serializers.IntegerField(source="service_point_id", allow_null=True)
    place = serializers.CharField(source="place.name")
    level = serializers.CharField()
    level_label = LabelField(ServiceOffering, "level")
    note = serializers.CharField()


class ServiceSerializer(serializers.ModelSerializer):
    category_label = LabelField(CitizenService, "category")
    offered_at = OfferingSerializer(many=True, read_only=True)

    class Meta:
        model = CitizenService
        fields = [
            "id",
            "name",
            "category",
            "category_label",
            "description",
            "requires_attendance",
            "self_service_online",
            "offered_at",
            "updated_at",
        ]


class InitiativeSerializer(serializers.ModelSerializer):
    status_label = LabelField(Initiative, "status")
    solution_space = serializers.SerializerMethodField()
    theme = serializers.SerializerMethodField()
    services = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    sites = serializers.SerializerMethodField(
        help_text="Stederne, hvor tiltaget afprøves."
    )

    class Meta:
        model = Initiative
        fields = [
            "id",
            "project_id",
            "idea_id",
            "name",
            "description",
            "status",
            "status_label",
            "solution_space",
            "theme",
            "services",
            "sites",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_solution_space(self, initiative: Initiative) -> str | None:
        space = initiative.solution_space
        return space.name if space else None

    @extend_schema_field({"type": "string", "nullable": True})
    def get_theme(self, initiative: Initiative) -> str | None:
        space = initiative.solution_space
        return space.theme.name if space else None

    @extend_schema_field({"type": "array", "items": {"type": "integer"}})
    def get_sites(self, initiative: Initiative) -> list[int]:
        return sorted({row.site_id for row in initiative.test_sites.all()})


class TestRunSerializer(serializers.ModelSerializer):
    starts_week = IsoWeekField()
    ends_week = IsoWeekField()
    cadence_label = LabelField(TestRun, "cadence")

    class Meta:
        model = TestRun
        fields = [
            "id",
            "project_id",
            "initiative_id",
            "site_id",
            "starts_week",
            "ends_week",
            "cadence",
            "cadence_label",
            "created_at",
            "updated_at",
        ]


# Answers: one shape per question kind, as testing.question_kinds defines it.
ANSWER_KINDS = kinds_where(takes_photos=False)
ANSWER_VALUE_SCHEMA = {
    "description": (
        "Svarets værdi, typet efter spørgsmålets slags (kind): "
        + "; ".join(
            f"{kind.value}: {DEFINITIONS[kind].api_schema.get('type')}"
            + (" of {value, label}" if DEFINITIONS[kind].has_choices else "")
            for kind in ANSWER_KINDS
        )
        + "."
    ),
    "anyOf": [
        schema
        for schema in {
            repr(DEFINITIONS[kind].api_schema): DEFINITIONS[kind].api_schema
            for kind in ANSWER_KINDS
        }.values()
    ],
}


class AnswerValueField(serializers.Field):
    def to_representation(self, value: Any) -> Any:
        return value


extend_schema_field(ANSWER_VALUE_SCHEMA)(AnswerValueField)


class AnswerSerializer(serializers.Serializer):
    question = serializers.CharField(
        help_text="Spørgsmålets nøgle (samme i alle versioner)."
    )
    text = serializers.CharField(help_text="Spørgsmålet, som det blev stillet.")
    kind = serializers.ChoiceField(choices=[k.value for k in ANSWER_KINDS])
    entry = serializers.CharField(
        allow_null=True,
        help_text="Gentagelsen (et arrangement, et besøg) svaret hører til, ellers null.",
    )
    value = AnswerValueField()


class SubmissionSerializer(serializers.ModelSerializer):
    project_id = serializers.IntegerField(source="run.project_id")
    initiative_id = serializers.IntegerField(source="run.initiative_id")
    site_id = serializers.IntegerField(source="run.site_id")
    test_run_id = serializers.IntegerField(source="run_id")
    period = serializers.CharField(source="kind")
    period_label = LabelField(Submission, "kind")
    week = IsoWeekField()
    status_label = LabelField(Submission, "status")
    answers = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = [
            "id",
            "project_id",
            "initiative_id",
            "site_id",
            "test_run_id",
            "period",
            "period_label",
            "week",
            "due_on",
            "status",
            "status_label",
            "version",
            "submitted_at",
            "reviewed_at",
            "created_at",
            "updated_at",
            "answers",
        ]

    @extend_schema_field(AnswerSerializer(many=True))
    def get_answers(self, submission: Submission) -> list[dict[str, Any]]:
        user = self.context["request"].user
        return [
            {
                "question": answer.question,
                "text": answer.text,
                "kind": answer.kind,
                "entry": answer.entry,
                "value": answer.value,
            }
            for answer in typed_answers(submission=submission, user=user)
        ]


class DecisionSerializer(serializers.ModelSerializer):
    outcome_label = LabelField(Decision, "outcome")
    meeting_id = serializers.SerializerMethodField(
        help_text="Mødet, beslutningen blev truffet på (kun for konsulent og styregruppe)."
    )

    class Meta:
        model = Decision
        fields = [
            "id",
            "project_id",
            "idea_id",
            "initiative_id",
            "meeting_id",
            "outcome",
            "outcome_label",
            "rationale",
            "decided_on",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_meeting_id(self, decision: Decision) -> int | None:
        user = self.context["request"].user
        if decision.meeting_id and user.has_perm("initiatives.view_meeting", decision):
            return decision.meeting_id
        return None


class QuoteSerializer(serializers.ModelSerializer):
    speaker = serializers.SerializerMethodField()
    age_band_label = LabelField(Quote, "age_band")
    service = serializers.CharField(
        source="service.name", allow_null=True, default=None
    )
    site_name = serializers.CharField(source="site.name", allow_null=True, default=None)
    initiatives = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    test_week = IsoWeekField()

    class Meta:
        model = Quote
        fields = [
            "id",
            "project_id",
            "text",
            "speaker",
            "age_band",
            "age_band_label",
            "service_id",
            "service",
            "site_id",
            "site_name",
            "initiatives",
            "test_week",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_speaker(self, quote: Quote) -> str | None:
        user = self.context["request"].user
        if user.has_perm("initiatives.view_quote_speaker", quote):
            return quote.speaker_label
        return None


class JudgedSerializer(serializers.Serializer):
    status = serializers.CharField()
    status_label = serializers.CharField()
    value = serializers.DecimalField(
        max_digits=20, decimal_places=4, allow_null=True, coerce_to_string=False
    )
    answers = serializers.IntegerField()
    reason = serializers.CharField()


class VerdictWeekSerializer(JudgedSerializer):
    week = serializers.CharField(allow_null=True)
    period = serializers.CharField()


class VerdictSerializer(serializers.Serializer):
    project_id = serializers.IntegerField(source="project")
    initiative_id = serializers.IntegerField(source="initiative")
    criterion = serializers.CharField(help_text="Kriteriets nøgle.")
    sentence = serializers.CharField(help_text="Kriteriet i en sætning.")
    site_id = serializers.IntegerField(
        source="site",
        allow_null=True,
        help_text="null: alle tiltagets steder samlet (kun for den, der ser alle forløbets steder).",
    )
    site_name = serializers.CharField()
    status = serializers.CharField(source="overall.status")
    status_label = serializers.CharField(source="overall.status_label")
    value = serializers.DecimalField(
        source="overall.value",
        max_digits=20,
        decimal_places=4,
        allow_null=True,
        coerce_to_string=False,
    )
    answers = serializers.IntegerField(source="overall.answers")
    reason = serializers.CharField(source="overall.reason")
    weeks = serializers.SerializerMethodField()

    @extend_schema_field(VerdictWeekSerializer(many=True))
    def get_weeks(self, row: Any) -> list[dict[str, Any]]:
        return [
            {
                "week": week,
                "period": period,
                "status": judged.status,
                "status_label": judged.status_label,
                "value": judged.value,
                "answers": judged.answers,
                "reason": judged.reason,
            }
            for week, period, judged in row.weeks
        ]


class FigureSerializer(serializers.Serializer):
    project_id = serializers.IntegerField(source="project")
    initiative_id = serializers.IntegerField(source="initiative")
    site_id = serializers.IntegerField(source="site")
    site_name = serializers.CharField()
    question = serializers.CharField(help_text="Spørgsmålets nøgle.")
    text = serializers.CharField()
    kind = serializers.ChoiceField(choices=[k.value for k in QuestionKind])
    period = serializers.ChoiceField(
        choices=["week", "final"],
        help_text="week: ugens skemaer; final: den afsluttende evaluering (dens uge er "
        "den, den blev holdt i: filtrér på period, før der summeres pr. uge).",
    )
    week = serializers.CharField(allow_null=True, help_text="ISO-uge, fx 2017-W39.")
    value = serializers.FloatField(
        allow_null=True,
        help_text="Ugens tal som på resultatsiden: summen af et antal, "
        "gennemsnittet af en skala eller en beregnet værdi.",
    )
    total = serializers.DecimalField(
        max_digits=20, decimal_places=2, coerce_to_string=False
    )
    answers = serializers.IntegerField(help_text="Antal svar bag tallet.")
    per_open_hour = serializers.FloatField(
        allow_null=True,
        help_text="Et antal delt med stedets borgerservicetimer pr. uge (null uden "
        "åbningstider eller for en skala).",
    )
