"""The figures behind the dashboard, the drill-down pages and the exports, which the
results catalogue (reporting) reads too: the progress matrix and the key figures.

Everything is counted and summed in SQL (annotate / values / aggregate); Python only
arranges the aggregated rows for the page. A page of the dashboard costs the same
number of queries however many initiatives, sites and schemas the project has.

scope: which sites and initiatives a user's pages show; progress: the matrix of
schemas by week, their counts and how many were sent on time; buckets: the one
aggregation of counted answers every figure comes from; summaries: every question
summarised as its kind says, per site and week, with figures per open hour and per
staff member; figures: the key figures and weekly series the charts draw; pages:
an initiative's rows and results, and what the steering group reads beside the
numbers; exports: the rows of the CSV/XLSX exports.
"""

from .exports import (
    EXPORT_SUBMISSION_FIELDS,
    export_answers,
    export_columns,
    export_entries,
    export_submissions,
    repeated_section_titles,
)
from .figures import (
    NUMBER,
    NUMERIC,
    Figure,
    figure_weeks,
    figures,
    figures_from_buckets,
    first_count_question,
    question_labels,
    weekly_answers,
    weekly_series,
)
from .pages import (
    InitiativeEvidence,
    InitiativeResults,
    InitiativeRow,
    initiative_evidence,
    initiative_figures,
    initiative_results,
    initiative_rows,
    latest_decisions,
    latest_quotes,
    latest_visits,
    personal_answer_site_ids,
    publishable,
    publishable_quotes,
)
from .progress import (
    COUNTED,
    WEEK_STATES,
    OnTime,
    RunProgress,
    matrix,
    on_time_rates,
    progress_totals,
    week_legend,
    week_states,
)
from .scope import (
    dashboard_initiatives,
    results_initiatives,
    site_filter,
    site_initiatives,
    visible_site_ids,
    visible_sites,
)
from .summaries import (
    ChoiceShare,
    InitiativeSummary,
    QuestionSummary,
    Rate,
    SiteFacts,
    SiteSummary,
    Summary,
    TextAnswer,
    WeekSummary,
    initiative_summaries,
    summarise,
)
from .verdicts import InitiativeVerdicts, Status, initiative_verdicts

__all__ = [
    "InitiativeEvidence",
    "initiative_evidence",
    "InitiativeVerdicts",
    "Status",
    "initiative_verdicts",
    "COUNTED",
    "ChoiceShare",
    "InitiativeSummary",
    "OnTime",
    "QuestionSummary",
    "Rate",
    "SiteFacts",
    "SiteSummary",
    "Summary",
    "TextAnswer",
    "WeekSummary",
    "EXPORT_SUBMISSION_FIELDS",
    "Figure",
    "InitiativeResults",
    "InitiativeRow",
    "NUMBER",
    "NUMERIC",
    "RunProgress",
    "WEEK_STATES",
    "dashboard_initiatives",
    "export_answers",
    "export_columns",
    "export_entries",
    "export_submissions",
    "repeated_section_titles",
    "figure_weeks",
    "figures",
    "figures_from_buckets",
    "initiative_summaries",
    "on_time_rates",
    "personal_answer_site_ids",
    "summarise",
    "first_count_question",
    "initiative_figures",
    "initiative_results",
    "initiative_rows",
    "latest_decisions",
    "latest_quotes",
    "latest_visits",
    "matrix",
    "progress_totals",
    "publishable",
    "publishable_quotes",
    "question_labels",
    "results_initiatives",
    "site_filter",
    "site_initiatives",
    "visible_site_ids",
    "visible_sites",
    "week_legend",
    "week_states",
    "weekly_answers",
    "weekly_series",
]
