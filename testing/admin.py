from django.contrib import admin

from .models import (
    AdvisoryVisit,
    Answer,
    AnswerComment,
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
    TestGuide,
    TestGuideVersion,
    TestRun,
)


@admin.register(TestGuide)
class TestGuideAdmin(admin.ModelAdmin):
    list_display = ["initiative", "updated_at"]


@admin.register(TestGuideVersion)
class TestGuideVersionAdmin(admin.ModelAdmin):
    list_display = ["guide", "number", "published_at", "published_by"]


@admin.register(SchemaTemplate)
class SchemaTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "initiative"]


@admin.register(SchemaVersion)
class SchemaVersionAdmin(admin.ModelAdmin):
    list_display = ["template", "number"]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "position"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "key", "section", "required", "holds_personal_data"]
    list_filter = ["kind", "required", "holds_personal_data"]


@admin.register(TestRun)
class TestRunAdmin(admin.ModelAdmin):
    list_display = ["initiative", "site", "starts_week", "ends_week", "cadence"]
    list_filter = ["project", "site"]
    filter_horizontal = ["coordinators"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "version", "due_on", "submitted_at"]
    list_filter = ["status", "kind", "run__site"]
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["submission", "question"]


@admin.register(AnswerComment)
class AnswerCommentAdmin(admin.ModelAdmin):
    list_display = ["submission", "question", "author", "resolved"]


@admin.register(SubmissionEvent)
class SubmissionEventAdmin(admin.ModelAdmin):
    list_display = ["submission", "action", "by", "at"]
    list_filter = ["action"]


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["submission", "question", "content_type", "width", "height"]


@admin.register(AdvisoryVisit)
class AdvisoryVisitAdmin(admin.ModelAdmin):
    list_display = ["site", "visited_on", "project"]


@admin.register(InterviewQuestion)
class InterviewQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "project", "position"]


class PhoneInterviewAnswerInline(admin.TabularInline):
    model = PhoneInterviewAnswer
    extra = 0


@admin.register(PhoneInterview)
class PhoneInterviewAdmin(admin.ModelAdmin):
    list_display = ["site", "held_on", "coordinator", "project"]
    inlines = [PhoneInterviewAnswerInline]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["submission", "recipient", "iso_year", "iso_week", "sent_at"]
