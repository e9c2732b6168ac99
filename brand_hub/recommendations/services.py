"""Creating share links, counting the visitors they bring, crediting the members they bring, and the
reach editors read."""

import re
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from wagtail.models import Page

from brand_hub.core.errors import Refused
from brand_hub.core.selectors import public_pages
from brand_hub.headless.timestamps import iso_timestamp

from .models import ContributionKind, Referral, ReferredContribution, ShareChannel, ShareLink, ShareVisit
from .signals import referral_credited

#: Link previews fetched by the apps people share into are not visitors.
PREVIEW_AGENTS = re.compile(
    # Twitterbot/1.0, LinkedInBot/1.0, Slackbot-LinkExpanding, TelegramBot (like TwitterBot),
    # SkypeUriPreview, WhatsApp/2.x; a bare "bot" would also match phones such as the CUBOT X19.
    r"bot/|bot-|bot\)|crawl|spider|preview|facebookexternalhit|facebookcatalog|embedly|^whatsapp/",
    re.IGNORECASE,
)


def shareable_pages() -> QuerySet[Page]:
    """Pages anyone can open: published and not behind a privacy restriction."""
    return public_pages().filter(depth__gt=1)


def share_page(*, sharer: AbstractBaseUser, page_id: int, channel: str) -> tuple[ShareLink, bool]:
    """The sharer's link to a page on a channel, created on the first share; (link, created)."""
    if channel not in ShareChannel.values:
        raise Refused(
            _("Unknown channel '%(channel)s'; use one of %(channels)s.")
            % {"channel": channel, "channels": ", ".join(ShareChannel.values)},
            field="channel",
        )
    page = shareable_pages().filter(pk=page_id).first()
    if page is None:
        raise Refused(_("No published page has this id."), field="page_id")
    # get_or_create meets a concurrent request's insert at the unique constraint and reads its row.
    return ShareLink.objects.get_or_create(sharer=sharer, page=page, channel=channel)


def visitor_key_for(visitor_id: str) -> str:
    """What is stored for a visitor: a SHA-256 HMAC of their id, keyed with SECRET_KEY."""
    return salted_hmac("brand_hub.recommendations.visitor", visitor_id, algorithm="sha256").hexdigest()


def visitor_id_of_client(*, ip: str, user_agent: str) -> str:
    """A visitor id for a browser without one, derived from its IP and User-Agent.

    The redirect stores it in the visitor cookie, so the visit counted now under IP and
    User-Agent and later ones under the cookie are the same visitor, and a browser that
    refuses cookies still counts once. Keyed, so the cookie does not reveal the IP.
    """
    return salted_hmac(
        "brand_hub.recommendations.client", f"{ip}\n{user_agent}", algorithm="sha256"
    ).hexdigest()[:32]


def is_link_preview(user_agent: str) -> bool:
    return bool(PREVIEW_AGENTS.search(user_agent or ""))


def record_visit(*, link: ShareLink, visitor_key: str) -> bool:
    """Count the visitor once per link; whether this visit was new."""
    with transaction.atomic():
        _visit, created = ShareVisit.objects.get_or_create(link=link, visitor_key=visitor_key)
        if created:
            # In the same transaction as the insert, and in SQL, so concurrent visits all count.
            ShareLink.objects.filter(pk=link.pk).update(visit_count=F("visit_count") + 1)
    return created


REFERRAL_SALT = "brand_hub.recommendations.referral"


def referral_window() -> timedelta:
    return timedelta(days=settings.REFERRAL_WINDOW_DAYS)


def attribution_for(link: ShareLink) -> str:
    """The signed value a visit through the link gives the visitor: the link and the time of the click.

    The frontend keeps it and sends it with the sign-up; nothing about the visitor is in it, and it
    cannot be made for another link or time without SECRET_KEY.
    """
    return signing.dumps({"link": link.code, "at": int(timezone.now().timestamp())}, salt=REFERRAL_SALT)


def _click(attribution: str) -> tuple[str, datetime] | None:
    """The link code and the time of the click of a valid attribution made within the window."""
    try:
        payload = signing.loads(attribution, salt=REFERRAL_SALT, max_age=referral_window())
        return str(payload["link"]), datetime.fromtimestamp(int(payload["at"]), tz=UTC)
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        return None


def credit_sign_up(*, member: AbstractBaseUser, attributions: list[str]) -> Referral | None:
    """Credit the sharer whose link the new member came through last within the window.

    `attributions` are what the frontend sent and what the share URL's cookie held: the latest valid
    click wins. Nobody is credited for their own sign-up, through a link of an erased account, or
    twice for one member.
    """
    clicks = sorted(filter(None, map(_click, attributions)), key=lambda click: click[1], reverse=True)
    now = timezone.now()
    for code, visited_at in clicks:
        link = ShareLink.objects.filter(code=code, sharer__isnull=False).first()
        if link is None or link.sharer_id == member.pk:
            continue
        try:
            with transaction.atomic():
                return Referral.objects.create(
                    sharer_id=link.sharer_id,
                    member=member,
                    share_link=link,
                    channel=link.channel,
                    visited_at=visited_at,
                    signed_up_at=now,
                )
        except IntegrityError:  # the member was credited already
            return None
    return None


def credit_contribution(*, member_id: int | None, kind: ContributionKind, object_id, at: datetime) -> bool:
    """Credit the referred member's contribution to their sharer if it is one of their first within the
    window; whether it was credited."""
    if member_id is None:
        return False
    # No savepoint of its own (two queries on every contribution): a failure fails the contribution.
    with transaction.atomic(savepoint=False):
        # Locked, so that concurrent contributions do not both take the last place.
        referral = (
            Referral.objects.select_for_update()
            .filter(member_id=member_id, signed_up_at__gte=at - referral_window())
            .first()
        )
        if referral is None or referral.contributions.count() >= settings.REFERRAL_FIRST_CONTRIBUTIONS:
            return False
        _credit, created = ReferredContribution.objects.get_or_create(
            referral=referral, kind=kind, object_id=str(object_id), defaults={"created_at": at}
        )
        if created:
            referral_credited.send(sender=Referral, referral=referral)
    return created


def reach(
    *, page_id: int | None = None, channel: str | None = None, sharer_id: int | None = None, top: int = 20
) -> dict:
    """Shares and unique visits in total, per channel, per sharer and per page (the `top` by visits).

    Four aggregate queries whatever the number of links.
    """
    links = ShareLink.objects.all()
    if page_id is not None:
        links = links.filter(page_id=page_id)
    if channel is not None:
        links = links.filter(channel=channel)
    if sharer_id is not None:
        links = links.filter(sharer_id=sharer_id)
    totals = {"shares": Count("pk"), "visits": Coalesce(Sum("visit_count"), 0)}
    return {
        "totals": links.aggregate(**totals),
        "by_channel": list(links.values("channel").annotate(**totals).order_by("-visits", "channel")),
        "by_sharer": list(
            links.values("sharer_id", "sharer__display_name", "sharer__username")
            .annotate(**totals)
            .order_by("-visits", "-shares", "sharer_id")[:top]
        ),
        "by_page": list(
            links.values("page_id", "page__title")
            .annotate(**totals)
            .order_by("-visits", "-shares", "page_id")[:top]
        ),
    }


def personal_data(user: AbstractBaseUser) -> dict:
    """The person's share links and the visits each brought, for the account export."""
    links = ShareLink.objects.filter(sharer=user).select_related("page").order_by("created_at", "pk")
    return {
        "share_links": [
            {
                "code": link.code,
                "page_id": link.page_id,
                "page": link.page.title,
                "channel": link.channel,
                "created_at": iso_timestamp(link.created_at),
                "visit_count": link.visit_count,
            }
            for link in links
        ],
        "referrals": {
            "referred_by_a_share": Referral.objects.filter(member=user)
            .values("channel", "visited_at", "signed_up_at")
            .first(),
            "members_brought": list(
                Referral.objects.filter(sharer=user)
                .order_by("signed_up_at", "pk")
                .values("channel", "signed_up_at")
                .annotate(first_contributions=Count("contributions"))
            ),
        },
    }
