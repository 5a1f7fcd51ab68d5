"""The testing app's models: guides, schema templates, runs and submissions, visits."""

from .guides import GUIDE_FIELDS, TestGuide, TestGuideVersion
from .kits import CopyKind, CopyRecord, TestKit
from .runs import (
    EDITABLE_STATUSES,
    OPEN_STATUSES,
    Answer,
    AnswerComment,
    AnswerCommentReply,
    Cadence,
    PeriodKind,
    Photo,
    RepeatEntry,
    Submission,
    SubmissionAction,
    SubmissionEvent,
    SubmissionStatus,
    TestRun,
)
from .schemas import (
    Question,
    QuestionKind,
    SchemaTemplate,
    SchemaVersion,
    Section,
)
from .tally import Tap
from .visits import (
    AdvisoryVisit,
    InterviewQuestion,
    PhoneInterview,
    PhoneInterviewAnswer,
    ReminderLog,
)

__all__ = [
    "EDITABLE_STATUSES",
    "GUIDE_FIELDS",
    "OPEN_STATUSES",
    "AdvisoryVisit",
    "Answer",
    "AnswerComment",
    "AnswerCommentReply",
    "Cadence",
    "CopyKind",
    "CopyRecord",
    "InterviewQuestion",
    "PeriodKind",
    "PhoneInterview",
    "PhoneInterviewAnswer",
    "Photo",
    "Question",
    "QuestionKind",
    "ReminderLog",
    "RepeatEntry",
    "SchemaTemplate",
    "SchemaVersion",
    "Section",
    "Submission",
    "SubmissionAction",
    "SubmissionEvent",
    "SubmissionStatus",
    "Tap",
    "TestGuide",
    "TestGuideVersion",
    "TestKit",
    "TestRun",
]
