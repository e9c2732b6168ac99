"""Signals other apps listen to: a rescore of every stored sentiment is asked for, and one is done.

Sentiment computes scores and stores none: comments and ideas keep theirs on their own rows (the
insights and the search read them there), so each owning app rescores its rows on this signal.
"""

from django.dispatch import Signal

#: Sent with `options` (`services.RescoreOptions`): each app that stores a sentiment scores its rows
#: again with `services.rescore`, passing them on, saves the changed ones with their search outbox
#: entries, and returns `Rescored`.
rescore_requested = Signal()

#: Sent with `changed` (how many stored scores changed) after a rescore changed any: figures
#: counted from the old scores are out of date, whatever their day.
rescored = Signal()
