"""Share links and their reach."""

from ninja import Router

router = Router(tags=["community: shares"])
