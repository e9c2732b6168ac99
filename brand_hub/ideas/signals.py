"""Signals other apps listen to: notifications on a status change, comments and followers on a merge,
the event log on a submission or a vote."""

from django.dispatch import Signal

#: Sent with `idea` (IdeaPage, a draft under review) inside the transaction that created it.
idea_submitted = Signal()

#: Sent with `idea` (IdeaPage), `voter`, `vote` (the IdeaVote) and `vote_count` (the new count) inside the
#: vote's transaction.
vote_cast = Signal()

#: Sent with `idea` (IdeaPage) and `change` (IdeaStatusChange) once the change is recorded.
idea_status_changed = Signal()

#: Sent with `source` and `target` (IdeaPage) and `by` (the editor) after the source's votes moved to the
#: target.
ideas_merged = Signal()

#: Sent with `idea` (IdeaPage) and `comment_ids` (list of int) once editors linked those complaints
#: or questions to the idea that answers them.
idea_answers_linked = Signal()

#: Sent with `idea` (IdeaPage) and `comment_ids` once those links were taken back.
idea_answers_unlinked = Signal()
