from django.contrib import admin

from core.admin import (
    OwnedStateAdmin,
    OwnedStateStackedInline,
    OwnedStateTabularInline,
)

from .models import (
    Decision,
    FieldImport,
    Idea,
    IdeaScore,
    IdeaTransition,
    Initiative,
    InitiativeSite,
    InitiativeTransition,
    Interview,
    Meeting,
    Quote,
    ScreeningCriterion,
    ServiceSynergyCard,
    SolutionSpace,
    Term,
    Theme,
    TimelineItem,
)


@admin.register(Term)
class TermAdmin(OwnedStateAdmin):
    list_display = ["name", "vocabulary", "project", "position"]
    list_filter = ["project", "vocabulary"]
    search_fields = ["name"]


class SolutionSpaceInline(OwnedStateStackedInline):
    model = SolutionSpace
    extra = 0
    fields = ["name", "guiding_question", "position"]


@admin.register(Theme)
class ThemeAdmin(OwnedStateAdmin):
    list_display = ["name", "project", "position"]
    list_filter = ["project"]
    inlines = [SolutionSpaceInline]


@admin.register(SolutionSpace)
class SolutionSpaceAdmin(OwnedStateAdmin):
    list_display = ["name", "theme", "project"]
    list_filter = ["project", "theme"]
    filter_horizontal = ["sites", "services"]


@admin.register(ServiceSynergyCard)
class ServiceSynergyCardAdmin(OwnedStateAdmin):
    list_display = ["title", "service", "project"]
    list_filter = ["project"]


@admin.register(Interview)
class InterviewAdmin(OwnedStateAdmin):
    list_display = [
        "__str__",
        "project",
        "site",
        "service",
        "age_band",
        "length",
        "held_on",
    ]
    list_filter = ["project", "site", "age_band", "length"]


@admin.register(Quote)
class QuoteAdmin(OwnedStateAdmin):
    list_display = [
        "__str__",
        "speaker_label",
        "site",
        "consent_to_publish",
        "reviewed",
    ]
    list_filter = ["project", "consent_to_publish", "reviewed", "site"]
    search_fields = ["text", "speaker_label"]
    filter_horizontal = ["tags", "initiatives"]


@admin.register(ScreeningCriterion)
class ScreeningCriterionAdmin(OwnedStateAdmin):
    list_display = ["name", "project", "scale_min", "scale_max", "position"]
    list_filter = ["project"]


class IdeaScoreInline(OwnedStateTabularInline):
    model = IdeaScore
    extra = 0


class IdeaTransitionInline(OwnedStateTabularInline):
    model = IdeaTransition
    extra = 0
    readonly_fields = ["from_state", "to_state", "by", "at", "reason"]


@admin.register(Idea)
class IdeaAdmin(OwnedStateAdmin):
    list_display = ["title", "project", "phase", "outcome", "site", "proposer"]
    list_filter = ["project", "phase", "outcome", "site"]
    search_fields = ["title", "description"]
    inlines = [IdeaScoreInline, IdeaTransitionInline]


@admin.register(IdeaScore)
class IdeaScoreAdmin(OwnedStateAdmin):
    list_display = ["idea", "criterion", "scorer", "value"]


@admin.register(IdeaTransition)
class IdeaTransitionAdmin(OwnedStateAdmin):
    list_display = ["idea", "from_state", "to_state", "by", "at"]


@admin.register(Decision)
class DecisionAdmin(OwnedStateAdmin):
    list_display = [
        "__str__",
        "project",
        "outcome",
        "meeting",
        "decided_on",
        "decided_by",
    ]
    list_filter = ["project", "outcome"]
    list_select_related = ["idea", "initiative", "project", "meeting", "decided_by"]


@admin.register(Meeting)
class MeetingAdmin(OwnedStateAdmin):
    list_display = ["title", "project", "held_on", "created_by"]
    list_filter = ["project"]
    filter_horizontal = ["attendees"]


class InitiativeSiteInline(OwnedStateTabularInline):
    model = InitiativeSite
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(OwnedStateAdmin):
    list_display = ["name", "project", "status", "idea"]
    list_filter = ["project", "status"]
    inlines = [InitiativeSiteInline]


@admin.register(InitiativeSite)
class InitiativeSiteAdmin(OwnedStateAdmin):
    list_display = ["initiative", "site", "coordinator"]


@admin.register(InitiativeTransition)
class InitiativeTransitionAdmin(OwnedStateAdmin):
    list_display = ["initiative", "from_state", "to_state", "by", "at"]


@admin.register(TimelineItem)
class TimelineItemAdmin(OwnedStateAdmin):
    list_display = [
        "title",
        "project",
        "starts_week",
        "ends_week",
        "responsible_role",
        "done",
    ]
    list_filter = ["project", "kind", "responsible_role", "done"]


@admin.register(FieldImport)
class FieldImportAdmin(OwnedStateAdmin):
    """Read-only: uploads of field notes held for their preview, and what confirmed
    ones imported. The held rows (citizens' words) are not shown here."""

    list_display = [
        "project",
        "kind",
        "status",
        "created_at",
        "expires_at",
        "imported_count",
        "skipped_count",
        "duplicate_count",
    ]
    list_filter = ["project", "kind", "status"]
    exclude = ["rows", "file_name"]
