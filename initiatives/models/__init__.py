"""The initiatives app's models, one module per part of the chain:
analysis → evidence → ideas → initiatives (and the project timeline), and the
steering group's meetings and decisions."""

from .analysis import (
    CommunicationChannel,
    ServiceSynergyCard,
    SolutionSpace,
    Term,
    Theme,
    Vocabulary,
)
from .decisions import DEFAULT_MEETING_TITLE, Decision, Meeting, Verdict
from .evidence import IMPORT_KEY_LENGTH, AgeBand, Interview, InterviewLength, Quote
from .ideas import (
    DecisionOutcome,
    Idea,
    IdeaPhase,
    IdeaScore,
    IdeaTransition,
    ScreeningCriterion,
)
from .imports import FieldImport, ImportKind, ImportStatus
from .initiatives import (
    STATUS_NEXT,
    STATUS_RANK,
    Initiative,
    InitiativeSite,
    InitiativeStatus,
    InitiativeTransition,
    ResponsibleRole,
    TimelineItem,
    TimelineKind,
    TimelineTracks,
)

__all__ = [
    "DEFAULT_MEETING_TITLE",
    "IMPORT_KEY_LENGTH",
    "STATUS_NEXT",
    "STATUS_RANK",
    "AgeBand",
    "CommunicationChannel",
    "Decision",
    "DecisionOutcome",
    "FieldImport",
    "Idea",
    "IdeaPhase",
    "IdeaScore",
    "IdeaTransition",
    "ImportKind",
    "ImportStatus",
    "Initiative",
    "InitiativeSite",
    "InitiativeStatus",
    "InitiativeTransition",
    "Interview",
    "InterviewLength",
    "Meeting",
    "Quote",
    "ResponsibleRole",
    "ScreeningCriterion",
    "ServiceSynergyCard",
    "SolutionSpace",
    "Term",
    "Theme",
    "TimelineItem",
    "TimelineKind",
    "TimelineTracks",
    "Verdict",
    "Vocabulary",
]
