"""Whether a new or edited contribution is held for review before anyone else sees it.

Screeners are functions named (by dotted path) in settings.CONTRIBUTION_SCREENERS, each given a
`Contribution` and answering a `Hold` or None; they are asked in order and the first hold wins. The
community's blocklist is one; trust levels and spam and abuse triage add theirs. A screener only
decides: the caller stores the hold with the comment or idea it belongs to, in its own transaction.
"""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Contribution:
    author: object  # the account writing
    text: str  # plain text, markup removed
    language: str  # the page's language code
    kind: str  # "comment" or "idea"
    edit: bool = False  # an edit of a published contribution rather than a new one
    links: int = 0  # how many different addresses it links to (markup.link_count), as text or as links


@dataclass(frozen=True)
class Hold:
    reason: str  # a community.models.HoldReason value
    detail: str = ""  # what moderators read beside the reason in the desk


@cache
def screeners() -> tuple:
    return tuple(import_string(path) for path in settings.CONTRIBUTION_SCREENERS)


@receiver(setting_changed)
def _forget_screeners(*, setting: str, **kwargs) -> None:
    if setting == "CONTRIBUTION_SCREENERS":
        screeners.cache_clear()


def screen(contribution: Contribution) -> Hold | None:
    for screener in screeners():
        hold = screener(contribution)
        if hold is not None:
            return hold
    return None
