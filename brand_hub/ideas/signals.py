"""Signals other apps listen to: notifications on a status change, comments and followers on a merge."""

from django.dispatch import Signal

#: Sent with `idea` (IdeaPage) and `change` (IdeaStatusChange) once the change is recorded.
idea_status_changed = Signal()

#: Sent with `source` and `target` (IdeaPage) after the source's votes moved to the target.
ideas_merged = Signal()
