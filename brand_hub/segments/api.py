"""/api/segments/: campaign segments and their members, for the brand's editors and its systems."""

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from brand_hub.apikeys.auth import ApiKeyAuth
from brand_hub.apikeys.models import ApiKey, ApiScope
from brand_hub.core.errors import NotAllowed
from brand_hub.headless.pagination import paginated
from brand_hub.headless.router import ProjectRouter
from brand_hub.headless.schemas import ErrorSchema, Id
from brand_hub.users.auth import prosumer_auth, signed_in_user

from .models import ExportFormat, Segment, SegmentRule
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
    rule: SegmentRule
    figure: Literal[tuple(rule.figure for rule in RULES.values())] = Field(
        description="What each member's `figure` is under this rule"
    )
    figure_label: str = Field(description="The figure's name in the request's language")
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
        return RULES[segment.rule].figure

    @staticmethod
    def resolve_figure_label(segment) -> str:
        return str(RULES[segment.rule].figure_label)


class SegmentMemberSchema(Schema):
    id: int
    public_name: str
    email: str
    locale: str = Field(description="The language the person chose")
    consent_granted_at: datetime = Field(description="When the person gave the marketing consent in force")
    figure: float = Field(description="The rule's own figure (the segment's `figure` says which)")


#: Editors sign in; a server-to-server client (a CRM) sends an API key allowed segments:read.
reader_auth = [*prosumer_auth, ApiKeyAuth(ApiScope.SEGMENTS_READ)]


def allowed(request, permission: str) -> dict:
    """Who reads: an editor with the permission (`by`) or an API key allowed segments:read (its name)."""
    if isinstance(request.auth, ApiKey):
        return {"by": None, "by_name": _("API key “%(name)s”") % {"name": request.auth.name}}
    user = signed_in_user(request)
    if not user.has_perm(permission):
        raise NotAllowed(_("Only the brand's editors may read campaign segments."))
    return {"by": user}


@router.get(
    "/", response={200: list[SegmentSchema], **READ_ERRORS}, auth=reader_auth, summary="Campaign segments"
)
@paginated
def list_segments(request):
    allowed(request, VIEW_SEGMENTS)
    return Segment.objects.order_by("name", "pk")


@router.get(
    "/{segment_id}/members",
    response={200: list[SegmentMemberSchema], 404: ErrorSchema, **READ_ERRORS},
    auth=reader_auth,
    summary="A segment's members: the prosumers it picks who consented to marketing (each call is logged)",
)
@paginated
def segment_members(request, segment_id: Id):
    reader = allowed(request, EXPORT_SEGMENTS)
    segment = get_object_or_404(Segment, pk=segment_id)

    def window(*, offset: int, limit: int) -> tuple[int, list]:
        people = members(segment)
        page = list(member_rows(people[offset : offset + limit]))
        log_export(segment=segment, **reader, format=ExportFormat.JSON, row_count=len(page))
        return people.count(), page

    return window
