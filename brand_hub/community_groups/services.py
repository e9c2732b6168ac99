"""Joining, leaving and moderating community groups, for the API, the admin and the account export."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from brand_hub.core.errors import Conflict, Refused
from brand_hub.core.selectors import readable_pages
from brand_hub.headless.timestamps import iso_timestamp
from brand_hub.users.roles import COMMUNITY_MODERATORS

from .models import CommunityGroupPage, GroupMembership
from .signals import member_joined


def open_groups(reader=None):
    """Groups `reader` may see and join: published and public, or behind a restriction they pass
    (an internal group of their groups); anonymous readers and outsiders get the public ones."""
    return readable_pages(reader, CommunityGroupPage.objects.all())


def join_group(*, group: CommunityGroupPage, member: AbstractBaseUser) -> GroupMembership:
    if GroupMembership.objects.filter(group=group, member=member).exists():
        raise Conflict(_("You are already a member of this group."), field="group")
    try:
        # A second request racing past the check above meets the unique constraint here.
        with transaction.atomic():
            membership = GroupMembership.objects.create(group=group, member=member)
            member_joined.send(sender=GroupMembership, membership=membership)
            return membership
    except IntegrityError:
        raise Conflict(_("You are already a member of this group."), field="group") from None


def leave_group(*, group: CommunityGroupPage, member: AbstractBaseUser) -> None:
    deleted, _details = GroupMembership.objects.filter(group=group, member=member).delete()
    if not deleted:
        raise Refused(_("You are not a member of this group."), field="group", status=404)


@transaction.atomic
def set_group_moderator(
    *, group: CommunityGroupPage, member: AbstractBaseUser, moderator: bool = True
) -> GroupMembership:
    """Make `member` a moderator of `group` (joining them if needed), or a plain member again."""
    role = GroupMembership.Role.MODERATOR if moderator else GroupMembership.Role.MEMBER
    membership, _created = GroupMembership.objects.update_or_create(
        group=group, member=member, defaults={"role": role}
    )
    return membership


def is_group_moderator(user: AbstractBaseUser | None, group: CommunityGroupPage) -> bool:
    """Whether `user` may moderate `group`'s discussion (pin, lock): its moderators, the site's
    community moderators and superusers."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if user.groups.filter(name=COMMUNITY_MODERATORS).exists():
        return True
    return GroupMembership.objects.filter(
        group=group, member=user, role=GroupMembership.Role.MODERATOR
    ).exists()


def personal_data(user: AbstractBaseUser) -> dict:
    """The person's group memberships, for the account export."""
    memberships = (
        GroupMembership.objects.filter(member=user).select_related("group").order_by("joined_at", "pk")
    )
    return {
        "group_memberships": [
            {
                "group_id": membership.group_id,
                "group": membership.group.title,
                "role": membership.role,
                "joined_at": iso_timestamp(membership.joined_at),
            }
            for membership in memberships
        ]
    }
