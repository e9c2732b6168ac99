"""Admin for group memberships: editors see who belongs to each group and appoint its moderators."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GroupMembership


class GroupMembershipViewSet(SnippetViewSet):
    model = GroupMembership
    icon = "group"
    menu_label = _("Group members")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["member", "group", "role", "joined_at"]
    list_filter = ["group", "role"]
    list_per_page = 50
    ordering = ["group", "-role", "joined_at"]  # "moderator" sorts after "member": moderators first
    search_fields = ["member__display_name", "member__email", "group__title"]
    search_backend_name = None
    copy_view_enabled = False

    def get_queryset(self, request):
        return GroupMembership.objects.select_related("member", "group")


register_snippet(GroupMembershipViewSet)
