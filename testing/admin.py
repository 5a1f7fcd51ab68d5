from django.contrib import admin

from core.admin import OwnedStateAdmin, OwnedStateTabularInline
from core.owned_state import ALL

from .models import (
    AdvisoryVisit,
    Answer,
    AnswerComment,
    CopyRecord,
    InterviewQuestion,
    PhoneInterview,
    PhoneInterviewAnswer,
    Photo,
    Question,
    ReminderLog,
    SchemaTemplate,
    SchemaVersion,
    Section,
    Submission,
    SubmissionEvent,
    Tap,
    TestGuide,
    TestGuideVersion,
    TestKit,
    TestRun,
)

# State only testing's services write (submission_save_draft, submit, return, approve,
# the reminders, publishing a guide); admin shows it read-only (core.owned_state).
# ALL: a log. It belongs next to those services: move it to testing.services (or the
# module that owns submissions) once that module's split is merged.
OWNED_STATE = {
    Submission: (
        "status",
        "version",
        "last_saved_at",
        "last_saved_by",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
        "return_comment",
    ),
    SubmissionEvent: ALL,
    # The taps of the tally at the counter: written once by testing.services.tally.
    Tap: ALL,
    ReminderLog: ALL,
    TestGuideVersion: ALL,
    # A kit is a checked snapshot (testing/kits.py): only its name and description
    # may be changed in admin; what was copied from where is a log.
    TestKit: ("document", "digest", "source", "created_by"),
    CopyRecord: ALL,
}


@admin.register(TestKit)
class TestKitAdmin(OwnedStateAdmin):
    list_display = ["name", "source", "created_at", "created_by"]


@admin.register(CopyRecord)
class CopyRecordAdmin(OwnedStateAdmin):
    list_display = ["kind", "source", "project", "initiative", "created_at"]


@admin.register(TestGuide)
class TestGuideAdmin(OwnedStateAdmin):
    list_display = ["initiative", "updated_at"]


@admin.register(TestGuideVersion)
class TestGuideVersionAdmin(OwnedStateAdmin):
    list_display = ["guide", "number", "published_at", "published_by"]


@admin.register(SchemaTemplate)
class SchemaTemplateAdmin(OwnedStateAdmin):
    list_display = ["name", "initiative"]


@admin.register(SchemaVersion)
class SchemaVersionAdmin(OwnedStateAdmin):
    list_display = ["template", "number"]


class QuestionInline(OwnedStateTabularInline):
    model = Question
    extra = 0


@admin.register(Section)
class SectionAdmin(OwnedStateAdmin):
    list_display = ["title", "version", "position"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(OwnedStateAdmin):
    list_display = ["text", "kind", "key", "section", "required", "holds_personal_data"]
    list_filter = ["kind", "required", "holds_personal_data"]


@admin.register(TestRun)
class TestRunAdmin(OwnedStateAdmin):
    list_display = ["initiative", "site", "starts_week", "ends_week", "cadence"]
    list_filter = ["project", "site"]
    filter_horizontal = ["coordinators"]


class AnswerInline(OwnedStateTabularInline):
    model = Answer
    extra = 0


@admin.register(Submission)
class SubmissionAdmin(OwnedStateAdmin):
    list_display = ["__str__", "status", "version", "due_on", "submitted_at"]
    list_filter = ["status", "kind", "run__site"]
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(OwnedStateAdmin):
    list_display = ["submission", "question"]


@admin.register(AnswerComment)
class AnswerCommentAdmin(OwnedStateAdmin):
    list_display = ["submission", "question", "author", "resolved"]


@admin.register(SubmissionEvent)
class SubmissionEventAdmin(OwnedStateAdmin):
    list_display = ["submission", "action", "by", "at"]
    list_filter = ["action"]


@admin.register(Photo)
class PhotoAdmin(OwnedStateAdmin):
    list_display = ["submission", "question", "content_type", "width", "height"]


@admin.register(AdvisoryVisit)
class AdvisoryVisitAdmin(OwnedStateAdmin):
    list_display = ["site", "visited_on", "project"]


@admin.register(InterviewQuestion)
class InterviewQuestionAdmin(OwnedStateAdmin):
    list_display = ["text", "project", "position"]


class PhoneInterviewAnswerInline(OwnedStateTabularInline):
    model = PhoneInterviewAnswer
    extra = 0


@admin.register(PhoneInterview)
class PhoneInterviewAdmin(OwnedStateAdmin):
    list_display = ["site", "held_on", "coordinator", "project"]
    inlines = [PhoneInterviewAnswerInline]


@admin.register(ReminderLog)
class ReminderLogAdmin(OwnedStateAdmin):
    list_display = ["submission", "recipient", "iso_year", "iso_week", "sent_at"]


@admin.register(Tap)
class TapAdmin(OwnedStateAdmin):
    """Read-only: the taps of the tally at the counter (a log)."""

    list_display = ["submission", "question", "delta", "applied", "tapped_at", "by"]
    list_filter = ["applied", "delta"]
    list_select_related = [
        "submission__run__initiative",
        "submission__run__site",
        "question",
        "by",
    ]
    ordering = ["-received_at"]
