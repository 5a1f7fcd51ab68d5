"""Writes for the testing app, one module per noun (as its views and models):
guides, schemas, runs, submissions (filling in), reviews, answers, photos and the
tally at the counter. Reads
are in testing/selectors.py.

A submission's state (not started → draft → submitted → returned → … → approved)
changes only in `submissions` and `reviews`. Services take plain values (views pass
`form.cleaned_data`), keyword-only, and return what they wrote; the demo loader and
the benchmarks call the same functions.

Everything is re-exported here, so callers write `services.submission_submit(...)`.
"""

from .answers import answer_quote_create
from .entries import MAX_ENTRIES, submission_entry_add, submission_entry_remove
from .guides import (
    CriteriaChanged,
    criteria_token,
    guide_criteria_save,
    guide_publish,
)
from .photos import (
    PHOTO_FORMATS,
    PHOTO_LONG_SIDE,
    PHOTO_MAX_BYTES,
    PHOTO_MAX_PIXELS,
    PhotoStorageFailed,
    photo_add,
    photo_reencode,
    photo_remove,
)
from .reuse import (
    copy_record_for,
    project_copy,
    testkit_create,
    testkit_delete,
    testkit_import,
    testkit_start,
)
from .reviews import (
    REPLY_MAX_LENGTH,
    answer_comment_reply,
    answer_comment_resolve,
    submission_add_review_comments,
    submission_approve,
    submission_return,
)
from .runs import run_save, run_sync_submissions
from .schemas import (
    ConditionChanged,
    condition_token,
    schema_condition_save,
    schema_editable_version,
    schema_question_delete,
    schema_question_save,
    schema_section_delete,
    schema_section_save,
    schema_template_copy,
    schema_template_create,
)
from .submissions import (
    SAVE_EVENTS_MERGE_WITHIN,
    DraftMerge,
    submission_merge_draft,
    submission_save_draft,
    submission_submit,
)
from .tally import (
    MAX_TAPS_PER_BATCH,
    TallyResult,
    tally_count_held,
    tally_record_taps,
)

__all__ = [
    "CriteriaChanged",
    "criteria_token",
    "guide_criteria_save",
    "PHOTO_FORMATS",
    "PHOTO_LONG_SIDE",
    "PHOTO_MAX_BYTES",
    "PHOTO_MAX_PIXELS",
    "SAVE_EVENTS_MERGE_WITHIN",
    "DraftMerge",
    "PhotoStorageFailed",
    "answer_quote_create",
    "guide_publish",
    "photo_add",
    "photo_reencode",
    "photo_remove",
    "copy_record_for",
    "project_copy",
    "testkit_create",
    "testkit_delete",
    "testkit_import",
    "testkit_start",
    "run_save",
    "run_sync_submissions",
    "ConditionChanged",
    "condition_token",
    "schema_condition_save",
    "schema_editable_version",
    "schema_question_delete",
    "schema_question_save",
    "schema_section_delete",
    "schema_section_save",
    "schema_template_copy",
    "schema_template_create",
    "MAX_ENTRIES",
    "submission_entry_add",
    "submission_entry_remove",
    "REPLY_MAX_LENGTH",
    "answer_comment_reply",
    "answer_comment_resolve",
    "submission_add_review_comments",
    "submission_approve",
    "submission_merge_draft",
    "submission_return",
    "submission_save_draft",
    "submission_submit",
    "MAX_TAPS_PER_BATCH",
    "TallyResult",
    "tally_count_held",
    "tally_record_taps",
]
