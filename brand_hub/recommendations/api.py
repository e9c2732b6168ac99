"""Share links and their reach."""

from datetime import datetime

from ninja import Query, Schema, Status
from pydantic import Field

from django.urls import reverse
from django.utils.translation import gettext as _

from brand_hub.core.errors import NotAllowed, Refused
from brand_hub.core.rate_limits import limit
from brand_hub.headless.pagination import paginated
from brand_hub.headless.public_urls import api_url, public_page_url
from brand_hub.headless.router import ProjectRouter
from brand_hub.headless.schemas import ErrorSchema, Id
from brand_hub.users.auth import prosumer_auth, signed_in_user

from . import services
from .models import ShareChannel, ShareLink

router = ProjectRouter(tags=["community: shares"])


class ShareRequestSchema(Schema):
    page_id: Id
    channel: str = Field(description="One of: " + ", ".join(ShareChannel.values))


class SharedPageSchema(Schema):
    id: int
    title: str
    url: str | None

    @staticmethod
    def resolve_url(page, context) -> str | None:
        return public_page_url(page, context["request"])


class ShareLinkSchema(Schema):
    code: str
    url: str = Field(description="The URL to share: it counts the visit and redirects to the page")
    channel: str
    page: SharedPageSchema
    visit_count: int
    created_at: datetime

    @staticmethod
    def resolve_url(link, context) -> str:
        return api_url(reverse("recommendations:share_redirect", args=[link.code]), context["request"])


class VisitRequestSchema(Schema):
    visitor_id: str = Field(min_length=8, max_length=128, description="The frontend's own id of this visitor")


class VisitSchema(Schema):
    counted: bool = Field(description="False when this visitor had already been counted for this link")
    visit_count: int
    page: SharedPageSchema = Field(description="The shared page, where the visitor lands")
    referral: str | None = Field(
        description=(
            "The visitor's attribution to this share (signed; None for a link preview): keep it, the "
            "latest one, and send it as `referral` with the sign-up to credit the sharer within "
            "REFERRAL_WINDOW_DAYS days"
        )
    )


class ReachQuery(Schema):
    page: Id | None = Field(default=None, description="Only links to this page id")
    channel: ShareChannel | None = None
    sharer: Id | None = Field(default=None, description="Only links shared by this user id")
    top: int = Field(default=20, ge=1, le=100, description="How many sharers and pages to list")


class ReachTotalsSchema(Schema):
    shares: int
    visits: int


class ChannelReachSchema(ReachTotalsSchema):
    channel: str


class SharerReachSchema(ReachTotalsSchema):
    sharer_id: int | None = Field(description="None for people who deleted their account")
    display_name: str


class PageReachSchema(ReachTotalsSchema):
    page_id: int
    title: str


class ReachSchema(Schema):
    totals: ReachTotalsSchema
    by_channel: list[ChannelReachSchema]
    by_sharer: list[SharerReachSchema]
    by_page: list[PageReachSchema]


@router.post(
    "/",
    response={
        200: ShareLinkSchema,
        201: ShareLinkSchema,
        400: ErrorSchema,
        401: ErrorSchema,
        429: ErrorSchema,
    },
    auth=prosumer_auth,
    summary="Share a page or an idea on a channel",
    description="201 with a new link; 200 with the same link when this person shared the page there before.",
)
def share(request, body: ShareRequestSchema):
    user = signed_in_user(request)
    limit(request, "share", user=user)
    link, created = services.share_page(sharer=user, page_id=body.page_id, channel=body.channel)
    return Status(201 if created else 200, link)


@router.get(
    "/mine",
    response={200: list[ShareLinkSchema], 400: ErrorSchema, 401: ErrorSchema},
    auth=prosumer_auth,
    summary="My links",
)
@paginated
def my_links(request):
    links = ShareLink.objects.filter(sharer=signed_in_user(request))
    return links.select_related("page", "page__locale").order_by("-created_at", "-pk")


@router.get(
    "/reach",
    response={200: ReachSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema},
    auth=prosumer_auth,
    summary="Shares and unique visits per channel, sharer and page (editors)",
)
def reach(request, query: Query[ReachQuery]):
    # The brand's figures, as the insights: editors and administrators, not moderators of the desk.
    if not signed_in_user(request).has_perm("insights.view_insights"):
        raise NotAllowed(_("Only editors may see the reach of shares."))
    found = services.reach(page_id=query.page, channel=query.channel, sharer_id=query.sharer, top=query.top)
    return {
        "totals": found["totals"],
        "by_channel": found["by_channel"],
        "by_sharer": [
            {
                "sharer_id": row["sharer_id"],
                "display_name": row["sharer__display_name"]
                or row["sharer__username"]
                or _("Deleted account"),
                "shares": row["shares"],
                "visits": row["visits"],
            }
            for row in found["by_sharer"]
        ],
        "by_page": [
            {
                "page_id": row["page_id"],
                "title": row["page__title"],
                "shares": row["shares"],
                "visits": row["visits"],
            }
            for row in found["by_page"]
        ],
    }


@router.post(
    "/{code}/visits",
    response={200: VisitSchema, 400: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema},
    summary="Count a visit for a frontend that opens the shared page itself",
    description="Send the visitor's own User-Agent: a link preview (WhatsApp, X...) is not counted.",
)
def record_visit(request, code: str, body: VisitRequestSchema):
    limit(request, "share_visit")
    link = (
        ShareLink.objects.filter(code=code, page__in=services.shareable_pages())
        .select_related("page", "page__locale")
        .first()
    )
    if link is None:
        raise Refused(_("No share link has this code."), field="code", status=404)
    # A frontend passes its visitor's User-Agent on: the apps' link previews are not visitors.
    preview = services.is_link_preview(request.headers.get("User-Agent", ""))
    counted = not preview and services.record_visit(
        link=link, visitor_key=services.visitor_key_for(body.visitor_id)
    )
    link.refresh_from_db(fields=["visit_count"])
    # Every visit, counted before or not, is a new click: the latest one gets the credit.
    referral = None if preview else services.attribution_for(link)
    return {"counted": counted, "visit_count": link.visit_count, "page": link.page, "referral": referral}
