"""The trust screener (settings.CONTRIBUTION_SCREENERS): a new member's first comments, and any of
theirs with many links, wait for a moderator."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from brand_hub.community.markup import BARE_URL
from brand_hub.community.models import HoldReason
from brand_hub.community.screening import Contribution, Hold

from .models import TrustLevel
from .services import level_of, standing_of


def new_member_screener(contribution: Contribution) -> Hold | None:
    """Hold a level-0 account's first TRUST_HOLD_FIRST_CONTRIBUTIONS comments, and any contribution of
    theirs linking to more than TRUST_NEW_MEMBER_MAX_LINKS addresses (edits included)."""
    author = contribution.author
    if author is None or not author.is_authenticated or level_of(author) != TrustLevel.NEW:
        return None
    hold = _new_member_hold(contribution, posted=standing_of(author).comments_posted)
    # Asked only of what would be held (their permissions cost two queries): the brand's own people
    # are not held.
    if hold is None or author.is_staff or author.has_perm("community.moderate_comment"):
        return None
    return hold


def _new_member_hold(contribution: Contribution, *, posted: int) -> Hold | None:
    # The detail is stored for moderators: in the site's language, not the author's.
    with translation.override(settings.LANGUAGE_CODE):
        first = settings.TRUST_HOLD_FIRST_CONTRIBUTIONS
        if contribution.kind == "comment" and not contribution.edit and posted < first:
            detail = ngettext(
                "One of a new member's first %(first)s comment.",
                "One of a new member's first %(first)s comments.",
                first,
            ) % {"first": first}
            return Hold(HoldReason.NEW_MEMBER, detail)
        links = max(contribution.links, len(set(BARE_URL.findall(contribution.text))))
        most = settings.TRUST_NEW_MEMBER_MAX_LINKS
        if links > most:
            detail = _("%(links)s links; a new member may post at most %(most)s.") % {
                "links": links,
                "most": most,
            }
            return Hold(HoldReason.NEW_MEMBER, detail)
    return None
