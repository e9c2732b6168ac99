"""Community groups: membership and member lists."""

from ninja import Router

router = Router(tags=["community: groups"])
