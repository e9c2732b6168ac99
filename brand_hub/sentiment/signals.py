"""Signals other apps listen to: a rescore of every stored sentiment is asked for.

Sentiment computes scores and stores none: comments and ideas keep theirs on their own rows (the
insights and the search read them there), so each owning app rescores its rows on this signal.
"""

from django.dispatch import Signal

#: Sent with `only_missing` (rows without a sentiment yet) and `batch_size`: each app that stores a
#: sentiment scores its rows again with `services.rescore`, saves the changed ones with
#: their search outbox entries, and returns `Rescored`.
rescore_requested = Signal()
