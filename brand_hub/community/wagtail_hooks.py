"""Community moderation in the Wagtail admin: the comments desk (with its bulk actions) and the blocklist;
the digests sent."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .bulk_actions import ApproveComments, RemoveComments, ResolveComments
from .models import BlockedTerm, CommunityComment, DigestSent
from .views import (
    ChangeCommentKind,
    CommentModerationViewSet,
    DeskPermissionPolicy,
    DigestSentViewSet,
    ReadOnlyPermissionPolicy,
)

register_permission_policy(CommunityComment, DeskPermissionPolicy(CommunityComment))
register_permission_policy(DigestSent, ReadOnlyPermissionPolicy(DigestSent))


@hooks.register("register_actions")
def register_comment_actions(registry):
    """A comment edited in the admin changes through the moderation services (see ChangeCommentKind)."""
    registry.register(CommunityComment, ChangeCommentKind)


for bulk_action in (ApproveComments, RemoveComments, ResolveComments):
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("register_admin_viewset")
def register_comment_moderation():
    return CommentModerationViewSet()


@hooks.register("register_admin_viewset")
def register_digests_sent():
    return DigestSentViewSet()


class BlocklistViewSet(SnippetViewSet):
    model = BlockedTerm
    icon = "warning"
    menu_label = _("Blocklist")
    list_display = ["term", "created_at"]
    search_fields = ["term"]
    search_backend_name = None
    copy_view_enabled = False


register_snippet(BlocklistViewSet)
