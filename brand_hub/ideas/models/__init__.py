"""Co-creation models: the pages (index, board, challenges, ideas) and the activity around ideas."""

from .activity import IdeaAnswerLink, IdeaStatusChange, IdeaVote
from .pages import (
    ANSWERING_STATUSES,
    CLOSING_THE_LOOP_STATUSES,
    ChallengePhase,
    IdeaBoardPage,
    IdeaChallengePage,
    IdeaPage,
    IdeasIndexPage,
    IdeaStatus,
    IdeaTopic,
    ValueKind,
)

__all__ = [
    "ANSWERING_STATUSES",
    "CLOSING_THE_LOOP_STATUSES",
    "IdeaAnswerLink",
    "ChallengePhase",
    "IdeaBoardPage",
    "IdeaChallengePage",
    "IdeaPage",
    "IdeaStatus",
    "IdeaStatusChange",
    "IdeaTopic",
    "IdeaVote",
    "IdeasIndexPage",
    "ValueKind",
]
