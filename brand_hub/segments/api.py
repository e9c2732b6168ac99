"""/api/segments/: campaign segments and their members, for the brand's editors and its systems."""

from datetime import date, datetime

from ninja import Schema
from pydantic import Field

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from brand_hub.core.errors import NotAllowed
from brand_hub.headless.pagination import paginated
from brand_hub.headless.router import ProjectRouter
from brand_hub.headless.schemas import ErrorSchema, Id
from brand_hub.users.auth import prosumer_auth, signed_in_user

from .models import ExportFormat, Segment
from .rules import RULES
from .services import log_export, member_rows, members

router = ProjectRouter(tags=["segments"])

VIEW_SEGMENTS = "segments.view_segment"
EXPORT_SEGMENTS = "segments.export_segment"
READ_ERRORS = {401: ErrorSchema, 403: ErrorSchema}


class SegmentSchema(Schema):
    id: int
    name: str
    description: str
    rule: str = Field(description="influencers, complaint_authors, idea_authors or referrers")
    figure: str = Field(description="What each member's `figure` counts under this rule")
    locale: str = Field(description="The language the rule is narrowed to (empty: every language)")
    group_id: int | None
    top: int | None
    complaint_status: str
    idea_status: str
    date_from: date | None
    date_to: date | None
    updated_at: datetime

    @staticmethod
    def resolve_figure(segment) -> str:
        return str(RULES[segment.rule].figure)


class MemberSchema(Schema):
    id: int
    public_name: str
    email: str
    locale: str = Field(description="The language the person chose")
    consent_granted_at: datetime = Field(description="When the person gave the marketing consent in force")
    figure: float = Field(description="The rule's own figure (the segment's `figure` says which)")


def allowed(request, permission: str):
    user = signed_in_user(request)
    if not user.has_perm(permission):
        raise NotAllowed(_("Only the brand's editors may read campaign segments."))
    return user


@router.get(
    "/", response={200: list[SegmentSchema], **READ_ERRORS}, auth=prosumer_auth, summary="Campaign segments"
)
@paginated
def list_segments(request):
    allowed(request, VIEW_SEGMENTS)
    return Segment.objects.order_by("name", "pk")


@router.get(
    "/{segment_id}/members",
    response={200: list[MemberSchema], 404: ErrorSchema, **READ_ERRORS},
    auth=prosumer_auth,
    summary="A segment's members: the prosumers it picks who consented to marketing (each call is logged)",
)
@paginated
def segment_members(request, segment_id: Id):
    user = allowed(request, EXPORT_SEGMENTS)
    segment = get_object_or_404(Segment, pk=segment_id)

    def window(*, offset: int, limit: int) -> tuple[int, list]:
        people = members(segment)
        page = list(member_rows(people[offset : offset + limit]))
        log_export(segment=segment, by=user, format=ExportFormat.JSON, row_count=len(page))
        return people.count(), page

    return window
