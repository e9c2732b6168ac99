"""Admin additions for ideas: "Merge into another idea" in the page's action menu, and its screen."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem

from .admin_views import MergeIdeaView
from .models import IdeaPage


class MergeIdeaMenuItem(ActionMenuItem):
    label = _("Merge into another idea")
    name = "action-merge-idea"
    icon_name = "resubmit"
    order = 60

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, IdeaPage)
            and page.live
            and not context["locked_for_user"]
            and self.get_user_page_permissions_tester(context).can_publish()
        )

    def get_url(self, parent_context):
        return reverse("ideas_merge", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def merge_idea_menu_item():
    return MergeIdeaMenuItem()


@hooks.register("register_admin_urls")
def merge_idea_urls():
    return [path("ideas/<int:page_id>/merge/", MergeIdeaView.as_view(), name="ideas_merge")]
