"""Knowledge search over the API: comments, ideas, similar ideas and trending topics."""

from ninja import Router

router = Router(tags=["search"])
