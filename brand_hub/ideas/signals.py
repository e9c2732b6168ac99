"""Signals other apps listen to: notifications on a status change, comments and followers on a merge,
credit for a referred member's first ideas and votes."""

from django.dispatch import Signal

#: Sent with `idea` (IdeaPage) and `change` (IdeaStatusChange) once the change is recorded.
idea_status_changed = Signal()

#: Sent with `source` and `target` (IdeaPage) after the source's votes moved to the target.
ideas_merged = Signal()

#: Sent with `idea` (IdeaPage, a draft in review) once a prosumer submitted it, inside its transaction.
idea_submitted = Signal()

#: Sent with `vote` (IdeaVote) once it is stored, inside its transaction.
vote_cast = Signal()
