from django.urls import path

from .views import answers, guides, reuse, runs, schemas, submissions, tally, visits

app_name = "testing"

P = "projects/<int:project_pk>/"
I = "initiatives/<int:initiative_pk>/"  # noqa: E741

urlpatterns = [
    # Reuse: a new project from an earlier one, and the library of test kits
    path(
        "projects/copy/",
        reuse.ProjectCopyStartView.as_view(),
        name="project_copy_start",
    ),
    path(P + "copy/", reuse.ProjectCopyView.as_view(), name="project_copy"),
    path("kits/", reuse.TestKitListView.as_view(), name="testkit_list"),
    path("kits/import/", reuse.TestKitImportView.as_view(), name="testkit_import"),
    path("kits/format/", reuse.TestKitFormatView.as_view(), name="testkit_format"),
    path("kits/<int:pk>/", reuse.TestKitDetailView.as_view(), name="testkit_detail"),
    path(
        "kits/<int:pk>/export/",
        reuse.TestKitExportView.as_view(),
        name="testkit_export",
    ),
    path(
        "kits/<int:pk>/start/", reuse.TestKitStartView.as_view(), name="testkit_start"
    ),
    path(
        "kits/<int:pk>/delete/",
        reuse.TestKitDeleteView.as_view(),
        name="testkit_delete",
    ),
    path(I + "kit/", reuse.TestKitCreateView.as_view(), name="testkit_create"),
    path(P + "testing/", runs.TestingOverviewView.as_view(), name="overview"),
    # Test guides
    path(I + "guide/", guides.TestGuideDetailView.as_view(), name="testguide_detail"),
    path(
        I + "guide/edit/", guides.TestGuideUpdateView.as_view(), name="testguide_update"
    ),
    path(
        I + "guide/criteria/",
        guides.TestGuideCriteriaView.as_view(),
        name="testguide_criteria",
    ),
    path(
        I + "guide/publish/",
        guides.TestGuidePublishView.as_view(),
        name="testguide_publish",
    ),
    # Schema templates, their sections and questions
    path(
        I + "schemas/add/",
        schemas.SchemaTemplateCreateView.as_view(),
        name="schematemplate_create",
    ),
    path(
        "schemas/<int:pk>/",
        schemas.SchemaTemplateDetailView.as_view(),
        name="schematemplate_detail",
    ),
    path(
        "schemas/<int:pk>/edit/",
        schemas.SchemaTemplateUpdateView.as_view(),
        name="schematemplate_update",
    ),
    path(
        "schemas/<int:pk>/delete/",
        schemas.SchemaTemplateDeleteView.as_view(),
        name="schematemplate_delete",
    ),
    path(
        "schemas/<int:pk>/preview/",
        schemas.SchemaTemplatePreviewView.as_view(),
        name="schematemplate_preview",
    ),
    path(
        "schemas/<int:pk>/copy/",
        schemas.SchemaTemplateCopyView.as_view(),
        name="schematemplate_copy",
    ),
    path(
        "schemas/<int:template_pk>/sections/add/",
        schemas.SectionCreateView.as_view(),
        name="section_create",
    ),
    path(
        "sections/<int:pk>/edit/",
        schemas.SectionUpdateView.as_view(),
        name="section_update",
    ),
    path(
        "sections/<int:pk>/condition/",
        schemas.SectionConditionView.as_view(),
        name="section_condition",
    ),
    path(
        "sections/<int:pk>/delete/",
        schemas.SectionDeleteView.as_view(),
        name="section_delete",
    ),
    path(
        "sections/<int:section_pk>/questions/add/",
        schemas.QuestionCreateView.as_view(),
        name="question_create",
    ),
    path(
        "questions/<int:pk>/edit/",
        schemas.QuestionUpdateView.as_view(),
        name="question_update",
    ),
    path(
        "questions/<int:pk>/condition/",
        schemas.QuestionConditionView.as_view(),
        name="question_condition",
    ),
    path(
        "questions/<int:pk>/delete/",
        schemas.QuestionDeleteView.as_view(),
        name="question_delete",
    ),
    # Test runs
    path(I + "runs/add/", runs.TestRunCreateView.as_view(), name="testrun_create"),
    path("runs/<int:pk>/", runs.TestRunDetailView.as_view(), name="testrun_detail"),
    path(
        "runs/<int:pk>/edit/", runs.TestRunUpdateView.as_view(), name="testrun_update"
    ),
    path(
        "runs/<int:pk>/delete/", runs.TestRunDeleteView.as_view(), name="testrun_delete"
    ),
    # Schemas being filled in, reviewed, and their photos
    path("my-schemas/", submissions.MySubmissionsView.as_view(), name="my_submissions"),
    path(
        P + "submissions/",
        submissions.SubmissionListView.as_view(),
        name="submission_list",
    ),
    path(
        "submissions/<int:pk>/",
        submissions.SubmissionDetailView.as_view(),
        name="submission_detail",
    ),
    path(
        "submissions/<int:pk>/fill/",
        submissions.SubmissionFillView.as_view(),
        name="submission_fill",
    ),
    path(
        "submissions/<int:pk>/autosave/",
        submissions.SubmissionAutosaveView.as_view(),
        name="submission_autosave",
    ),
    path(
        "submissions/<int:pk>/review/",
        submissions.SubmissionReviewView.as_view(),
        name="submission_review",
    ),
    path(
        "submissions/<int:pk>/photos/<int:question_pk>/",
        submissions.PhotoUploadView.as_view(),
        name="photo_upload",
    ),
    path(
        "answers/<int:pk>/quote/",
        answers.AnswerQuoteCreateView.as_view(),
        name="answer_quote_create",
    ),
    path(
        "comments/<int:pk>/reply/",
        submissions.AnswerCommentReplyView.as_view(),
        name="answer_comment_reply",
    ),
    path(
        "comments/<int:pk>/resolve/",
        submissions.AnswerCommentResolveView.as_view(),
        name="answer_comment_resolve",
    ),
    path("photos/<int:pk>/", submissions.PhotoView.as_view(), name="photo"),
    path(
        "photos/<int:pk>/delete/",
        submissions.PhotoDeleteView.as_view(),
        name="photo_delete",
    ),
    # The tally at the counter (its service worker's scope is tally/)
    path("tally/sw.js", tally.TallyWorkerView.as_view(), name="tally_worker"),
    path(
        "tally/schemas/<int:pk>/",
        tally.SubmissionTallyView.as_view(),
        name="submission_tally",
    ),
    path(
        "tally/schemas/<int:pk>/taps/",
        tally.SubmissionTapsView.as_view(),
        name="submission_taps",
    ),
    path(
        "tally/schemas/<int:pk>/held/",
        tally.SubmissionTallyHeldView.as_view(),
        name="submission_tally_held",
    ),
    path(
        "tally/runs/<int:pk>/", tally.TestRunTallyView.as_view(), name="testrun_tally"
    ),
    # Advisory visits and phone interviews
    path(
        P + "visits/", visits.AdvisoryVisitListView.as_view(), name="advisoryvisit_list"
    ),
    path(
        P + "visits/add/",
        visits.AdvisoryVisitCreateView.as_view(),
        name="advisoryvisit_create",
    ),
    path(
        "visits/<int:pk>/",
        visits.AdvisoryVisitDetailView.as_view(),
        name="advisoryvisit_detail",
    ),
    path(
        "visits/<int:pk>/edit/",
        visits.AdvisoryVisitUpdateView.as_view(),
        name="advisoryvisit_update",
    ),
    path(
        "visits/<int:pk>/delete/",
        visits.AdvisoryVisitDeleteView.as_view(),
        name="advisoryvisit_delete",
    ),
    path(
        P + "interview-guide/",
        visits.InterviewQuestionListView.as_view(),
        name="interviewquestion_list",
    ),
    path(
        P + "interview-guide/add/",
        visits.InterviewQuestionCreateView.as_view(),
        name="interviewquestion_create",
    ),
    path(
        "interview-questions/<int:pk>/edit/",
        visits.InterviewQuestionUpdateView.as_view(),
        name="interviewquestion_update",
    ),
    path(
        "interview-questions/<int:pk>/delete/",
        visits.InterviewQuestionDeleteView.as_view(),
        name="interviewquestion_delete",
    ),
    path(
        P + "phone-interviews/",
        visits.PhoneInterviewListView.as_view(),
        name="phoneinterview_list",
    ),
    path(
        P + "phone-interviews/add/",
        visits.PhoneInterviewCreateView.as_view(),
        name="phoneinterview_create",
    ),
    path(
        "phone-interviews/<int:pk>/",
        visits.PhoneInterviewDetailView.as_view(),
        name="phoneinterview_detail",
    ),
    path(
        "phone-interviews/<int:pk>/edit/",
        visits.PhoneInterviewUpdateView.as_view(),
        name="phoneinterview_update",
    ),
    path(
        "phone-interviews/<int:pk>/delete/",
        visits.PhoneInterviewDeleteView.as_view(),
        name="phoneinterview_delete",
    ),
]
