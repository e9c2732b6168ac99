"""The comments desk's bulk actions: approve, remove or resolve the comments ticked on a page of the desk.

Wagtail's bulk actions (the checkboxes, the footer, a confirmation page, then the action), each
comment carried out by `moderation.moderate_many`, so one at a time through the same services as the
desk's own buttons: each change sends its signals, and each comment is checked on its own.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.admin import messages
from wagtail.admin.views.bulk_action import BulkAction

from . import moderation
from .models import CommunityComment


class CommentBulkAction(BulkAction):
    models = [CommunityComment]
    template_name = "community/admin/confirm_bulk_moderation.html"
    #: The confirmation page's question and button, per action.
    question = ""
    confirm_label = ""

    def dispatch(self, request, *args, **kwargs):
        if not moderation.moderates_anything(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Only what the desk's checkboxes send: ids of one page of the desk. "Select all in listing"
        # is not offered (a bulk change of every comment matching a filter is not a desk's action).
        ids = [int(value) for value in object_ids if str(value).isascii() and str(value).isdigit()]
        ids = [value for value in ids if 0 < value <= 2**31 - 1][: moderation.BULK_MAX_COMMENTS]
        return list(
            CommunityComment.objects.select_related("page", "user")
            .filter(pk__in=ids)
            .order_by("-submit_date")
        )

    def get_all_objects_in_listing_query(self, parent_id):
        return []

    def check_perm(self, comment):
        return moderation.can_moderate(self.request.user, comment)

    def object_context(self, comment):
        return {"item": comment, "skip_reason": moderation.bulk_skip_reason(comment, self.action_type)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = self.question
        context["confirm_label"] = self.confirm_label
        context["to_do"] = sum(not item["skip_reason"] for item in context["items"])
        return context

    def prepare_action(self, objects, objects_without_access):
        self.selected_ids = [comment.pk for comment in objects] + [
            comment.pk for comment in objects_without_access["items_with_no_access"]
        ]

    def get_execution_context(self):
        return {"bulk_action": self}

    @classmethod
    def execute_action(cls, objects, bulk_action=None, **kwargs):
        bulk_action.results = moderation.moderate_many(
            comment_ids=bulk_action.selected_ids, by=bulk_action.request.user, action=cls.action_type
        )
        done = sum(result.outcome == moderation.BulkOutcome.DONE for result in bulk_action.results)
        return done, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        summary = moderation.bulk_summary(self.action_type, self.results)
        if num_parent_objects:
            return summary
        messages.warning(self.request, summary)  # nothing changed: not a success
        return None


class ApproveComments(CommentBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    action_priority = 10
    question = _("Approve these comments? They will be published.")
    confirm_label = _("Yes, approve")


class RemoveComments(CommentBulkAction):
    display_name = _("Remove")
    action_type = "remove"
    aria_label = _("Remove the selected comments")
    action_priority = 20
    classes = {"serious"}
    question = _("Remove these comments? Their text will be hidden; replies keep their place.")
    confirm_label = _("Yes, remove")


class ResolveComments(CommentBulkAction):
    display_name = _("Mark resolved")
    action_type = "resolve"
    aria_label = _("Mark the selected complaints and questions resolved")
    action_priority = 30
    question = _("Mark these complaints and questions resolved?")
    confirm_label = _("Yes, mark resolved")
