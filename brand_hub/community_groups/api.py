"""Community groups: membership and member lists."""

from datetime import datetime

from ninja import Query, Schema, Status
from pydantic import Field

from django.utils.translation import gettext as _

from brand_hub.core.errors import Refused
from brand_hub.core.rate_limits import limit
from brand_hub.headless.pagination import paginated
from brand_hub.headless.public_urls import public_page_url
from brand_hub.headless.router import ProjectRouter
from brand_hub.headless.schemas import ErrorSchema, Id
from brand_hub.users.auth import optional_user, prosumer_auth, signed_in_user

from . import services
from .models import CommunityGroupPage, GroupMembership

router = ProjectRouter(tags=["community: groups"])


class GroupSchema(Schema):
    id: int
    title: str
    url: str | None
    locale: str
    member_count: int
    is_member: bool
    role: str | None = Field(description="The signed-in person's role in the group, if a member")
    is_moderator: bool = Field(description="Whether the signed-in person may moderate the discussion")


class MembershipSchema(Schema):
    group_id: int
    role: str
    joined_at: datetime
    member_count: int

    @staticmethod
    def resolve_member_count(membership) -> int:
        return membership.group.memberships.count()


class MemberSchema(Schema):
    # Read from a membership: its member's id and name.
    id: int
    display_name: str
    role: str
    joined_at: datetime

    @staticmethod
    def resolve_id(membership) -> int:
        return membership.member_id

    @staticmethod
    def resolve_display_name(membership) -> str:
        return membership.member.display_name or _("Community member")


class MembersQuery(Schema):
    role: GroupMembership.Role | None = Field(default=None, description="Only members with this role")


def open_group(group_id: int, reader=None) -> CommunityGroupPage:
    group = services.open_groups(reader).select_related("locale").filter(pk=group_id).first()
    if group is None:
        raise Refused(_("No such community group."), field="id", status=404)
    return group


@router.get(
    "/{group_id}/", response={200: GroupSchema, 404: ErrorSchema}, summary="A group and my place in it"
)
def group_detail(request, group_id: Id):
    user = optional_user(request)
    group = open_group(group_id, user)
    membership = GroupMembership.objects.filter(group=group, member=user).first() if user else None
    return {
        "id": group.pk,
        "title": group.title,
        "url": public_page_url(group, request),
        "locale": group.locale.language_code,
        "member_count": group.memberships.count(),
        "is_member": membership is not None,
        "role": membership.role if membership else None,
        "is_moderator": services.is_group_moderator(user, group),
    }


@router.post(
    "/{group_id}/membership",
    response={201: MembershipSchema, 401: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema},
    auth=prosumer_auth,
    summary="Join a group",
)
def join_group(request, group_id: Id):
    user = signed_in_user(request)
    limit(request, "membership", user=user)
    group = open_group(group_id, user)
    return Status(201, services.join_group(group=group, member=user))


@router.delete(
    "/{group_id}/membership",
    response={204: None, 401: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema},
    auth=prosumer_auth,
    summary="Leave a group",
)
def leave_group(request, group_id: Id):
    user = signed_in_user(request)
    limit(request, "membership", user=user)
    services.leave_group(group=open_group(group_id, user), member=user)
    return Status(204, None)


@router.get(
    "/{group_id}/members",
    response={200: list[MemberSchema], 400: ErrorSchema, 404: ErrorSchema},
    summary="The members of a group, oldest first",
)
@paginated
def group_members(request, group_id: Id, query: Query[MembersQuery]):
    group = open_group(group_id, optional_user(request))
    memberships = GroupMembership.objects.filter(group=group)
    if query.role:
        memberships = memberships.filter(role=query.role)
    return (
        memberships.select_related("member")
        .only("role", "joined_at", "member", "member__display_name")
        .order_by("joined_at", "pk")
    )
