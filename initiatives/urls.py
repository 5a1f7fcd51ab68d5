from django.urls import path

from .views import analysis, evidence, ideas, imports, initiatives, meetings

app_name = "initiatives"

P = "projects/<int:project_pk>/"

urlpatterns = [
    # Analysis
    path(P + "analysis/", analysis.AnalysisView.as_view(), name="analysis"),
    path(P + "themes/add/", analysis.ThemeCreateView.as_view(), name="theme_create"),
    path(
        "themes/<int:pk>/edit/", analysis.ThemeUpdateView.as_view(), name="theme_update"
    ),
    path(
        "themes/<int:pk>/delete/",
        analysis.ThemeDeleteView.as_view(),
        name="theme_delete",
    ),
    path(
        P + "solution-spaces/add/",
        analysis.SolutionSpaceCreateView.as_view(),
        name="solutionspace_create",
    ),
    path(
        "solution-spaces/<int:pk>/",
        analysis.SolutionSpaceDetailView.as_view(),
        name="solutionspace_detail",
    ),
    path(
        "solution-spaces/<int:pk>/edit/",
        analysis.SolutionSpaceUpdateView.as_view(),
        name="solutionspace_update",
    ),
    path(
        "solution-spaces/<int:pk>/delete/",
        analysis.SolutionSpaceDeleteView.as_view(),
        name="solutionspace_delete",
    ),
    path(
        P + "service-cards/add/",
        analysis.ServiceSynergyCardCreateView.as_view(),
        name="servicesynergycard_create",
    ),
    path(
        "service-cards/<int:pk>/",
        analysis.ServiceSynergyCardDetailView.as_view(),
        name="servicesynergycard_detail",
    ),
    path(
        "service-cards/<int:pk>/edit/",
        analysis.ServiceSynergyCardUpdateView.as_view(),
        name="servicesynergycard_update",
    ),
    path(
        "service-cards/<int:pk>/delete/",
        analysis.ServiceSynergyCardDeleteView.as_view(),
        name="servicesynergycard_delete",
    ),
    path(P + "vocabularies/", analysis.TermListView.as_view(), name="term_list"),
    path(
        P + "vocabularies/add/", analysis.TermCreateView.as_view(), name="term_create"
    ),
    path("terms/<int:pk>/edit/", analysis.TermUpdateView.as_view(), name="term_update"),
    path(
        "terms/<int:pk>/delete/", analysis.TermDeleteView.as_view(), name="term_delete"
    ),
    path(
        P + "criteria/",
        analysis.ScreeningCriterionListView.as_view(),
        name="screeningcriterion_list",
    ),
    path(
        P + "criteria/add/",
        analysis.ScreeningCriterionCreateView.as_view(),
        name="screeningcriterion_create",
    ),
    path(
        "criteria/<int:pk>/edit/",
        analysis.ScreeningCriterionUpdateView.as_view(),
        name="screeningcriterion_update",
    ),
    path(
        "criteria/<int:pk>/delete/",
        analysis.ScreeningCriterionDeleteView.as_view(),
        name="screeningcriterion_delete",
    ),
    # Evidence
    path(P + "evidence/", evidence.EvidenceView.as_view(), name="evidence"),
    path(
        P + "interviews/", evidence.InterviewListView.as_view(), name="interview_list"
    ),
    path(
        P + "interviews/add/",
        evidence.InterviewCreateView.as_view(),
        name="interview_create",
    ),
    path(
        "interviews/<int:pk>/edit/",
        evidence.InterviewUpdateView.as_view(),
        name="interview_update",
    ),
    path(
        "interviews/<int:pk>/delete/",
        evidence.InterviewDeleteView.as_view(),
        name="interview_delete",
    ),
    path(P + "quotes/add/", evidence.QuoteCreateView.as_view(), name="quote_create"),
    path(
        "quotes/<int:pk>/edit/", evidence.QuoteUpdateView.as_view(), name="quote_update"
    ),
    path(
        "quotes/<int:pk>/delete/",
        evidence.QuoteDeleteView.as_view(),
        name="quote_delete",
    ),
    # Importing interviews and quotes from a spreadsheet
    path(
        P + "import/<str:kind>/",
        imports.FieldImportCreateView.as_view(),
        name="fieldimport_create",
    ),
    path(
        P + "import/<str:kind>/template.<str:fmt>",
        imports.FieldImportTemplateView.as_view(),
        name="fieldimport_template",
    ),
    path(
        "imports/<int:pk>/",
        imports.FieldImportDetailView.as_view(),
        name="fieldimport_detail",
    ),
    path(
        "imports/<int:pk>/confirm/",
        imports.FieldImportConfirmView.as_view(),
        name="fieldimport_confirm",
    ),
    # Ideas and decisions
    path(P + "ideas/", ideas.IdeaListView.as_view(), name="idea_list"),
    path(P + "ideas/add/", ideas.IdeaCreateView.as_view(), name="idea_create"),
    path("ideas/<int:pk>/", ideas.IdeaDetailView.as_view(), name="idea_detail"),
    path("ideas/<int:pk>/edit/", ideas.IdeaUpdateView.as_view(), name="idea_update"),
    path("ideas/<int:pk>/delete/", ideas.IdeaDeleteView.as_view(), name="idea_delete"),
    path("ideas/<int:pk>/score/", ideas.IdeaScoreView.as_view(), name="idea_score"),
    path("ideas/<int:pk>/move/", ideas.IdeaMoveView.as_view(), name="idea_move"),
    path("ideas/<int:pk>/decide/", ideas.IdeaDecideView.as_view(), name="idea_decide"),
    path(P + "decisions/", ideas.DecisionLogView.as_view(), name="decision_list"),
    # The steering group's meetings
    path(P + "meetings/", meetings.MeetingListView.as_view(), name="meeting_list"),
    path(
        P + "meetings/add/",
        meetings.MeetingCreateView.as_view(),
        name="meeting_create",
    ),
    path(
        "meetings/<int:pk>/",
        meetings.MeetingDetailView.as_view(),
        name="meeting_detail",
    ),
    path(
        "meetings/<int:pk>/edit/",
        meetings.MeetingUpdateView.as_view(),
        name="meeting_update",
    ),
    # Initiatives
    path(
        P + "initiatives/",
        initiatives.InitiativeListView.as_view(),
        name="initiative_list",
    ),
    path(
        "ideas/<int:idea_pk>/initiative/add/",
        initiatives.InitiativeCreateView.as_view(),
        name="initiative_create",
    ),
    path(
        "initiatives/<int:pk>/",
        initiatives.InitiativeDetailView.as_view(),
        name="initiative_detail",
    ),
    path(
        "initiatives/<int:pk>/edit/",
        initiatives.InitiativeUpdateView.as_view(),
        name="initiative_update",
    ),
    path(
        "initiatives/<int:pk>/delete/",
        initiatives.InitiativeDeleteView.as_view(),
        name="initiative_delete",
    ),
    path(
        "initiatives/<int:pk>/status/",
        initiatives.InitiativeStatusView.as_view(),
        name="initiative_status",
    ),
    path(
        "initiatives/<int:pk>/verdict/",
        initiatives.InitiativeVerdictView.as_view(),
        name="initiative_verdict",
    ),
    # Timeline
    path(P + "timeline/", initiatives.TimelineView.as_view(), name="timelineitem_list"),
    path(
        P + "timeline/add/",
        initiatives.TimelineItemCreateView.as_view(),
        name="timelineitem_create",
    ),
    path(
        "timeline/<int:pk>/edit/",
        initiatives.TimelineItemUpdateView.as_view(),
        name="timelineitem_update",
    ),
    path(
        "timeline/<int:pk>/delete/",
        initiatives.TimelineItemDeleteView.as_view(),
        name="timelineitem_delete",
    ),
    path(
        "timeline/<int:pk>/done/",
        initiatives.TimelineItemDoneView.as_view(),
        name="timelineitem_done",
    ),
]
