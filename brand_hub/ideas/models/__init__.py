"""Co-creation models: the pages (index, board, challenges, ideas) and the activity around ideas."""

from .activity import IdeaStatusChange, IdeaVote
from .pages import (
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
