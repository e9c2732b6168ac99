"""Admin additions for ideas: "Merge into another idea" and "Complaints it answers" in the page's action
menu, and their screens; the comments desk links to "Answered by idea…" for each complaint or question."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem

from .admin_views import AnswerCommentView, IdeaAnswersView, MergeIdeaView
from .models import IdeaPage


class IdeaScreenMenuItem(ActionMenuItem):
    """An entry of a published idea's action menu leading to one of the ideas' screens (`url_name`)."""

    url_name = ""

    def is_shown(self, context):
        page = context.get("page")
        is_published_idea = isinstance(page, IdeaPage) and page.live
        return context["view"] == "edit" and is_published_idea and self.allowed(context)

    def allowed(self, context) -> bool:
        raise NotImplementedError

    def get_url(self, parent_context):
        return reverse(self.url_name, args=[parent_context["page"].pk])


class MergeIdeaMenuItem(IdeaScreenMenuItem):
    label = _("Merge into another idea")
    name = "action-merge-idea"
    icon_name = "resubmit"
    order = 60
    url_name = "ideas_merge"

    def allowed(self, context) -> bool:
        return not context["locked_for_user"] and self.get_user_page_permissions_tester(context).can_publish()


class IdeaAnswersMenuItem(IdeaScreenMenuItem):
    label = _("Complaints it answers")
    name = "action-idea-answers"
    icon_name = "link"
    order = 61
    url_name = "ideas_answers"

    def allowed(self, context) -> bool:
        return context["request"].user.has_perm("community.moderate_comment")


@hooks.register("register_page_action_menu_item")
def merge_idea_menu_item():
    return MergeIdeaMenuItem()


@hooks.register("register_page_action_menu_item")
def idea_answers_menu_item():
    return IdeaAnswersMenuItem()


@hooks.register("register_admin_urls")
def idea_admin_urls():
    return [
        path("ideas/<int:page_id>/merge/", MergeIdeaView.as_view(), name="ideas_merge"),
        path("ideas/<int:page_id>/answers/", IdeaAnswersView.as_view(), name="ideas_answers"),
        path(
            "ideas/answer-comment/<int:comment_id>/", AnswerCommentView.as_view(), name="ideas_answer_comment"
        ),
    ]
