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
    # Asked only of new members (their permissions cost a query): the brand's own people are not held.
    if author.is_staff or author.has_perm("community.moderate_comment"):
        return None
    # The detail is stored for moderators: in the site's language, not the author's.
    with translation.override(settings.LANGUAGE_CODE):
        first = settings.TRUST_HOLD_FIRST_CONTRIBUTIONS
        posted = standing_of(author).comments_posted
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
