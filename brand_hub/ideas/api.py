"""Ideas from prosumers: submission, votes, listing, status history."""

from ninja import Router

router = Router(tags=["community: ideas"])
