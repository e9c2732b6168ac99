"""Triage in the Wagtail admin: the reviewers' list of scored ideas and, on their dashboard, the flagged
ideas still waiting for review."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField
from django.db.models.functions import Cast

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState
from wagtail.permissions import register_permission_policy

from brand_hub.ideas.models import IdeaPage

from .models import IdeaTriage, TriageFlag
from .views import IdeaTriageViewSet, ReviewersPermissionPolicy

register_permission_policy(IdeaTriage, ReviewersPermissionPolicy(IdeaTriage))
#: How many flagged ideas the dashboard panel lists (the "Idea triage" list has them all).
PANEL_SIZE = 10


@hooks.register("register_admin_viewset")
def register_idea_triage():
    return IdeaTriageViewSet()


class FlaggedIdeasPanel(Component):
    name = "flagged_ideas"
    template_name = "triage/admin/flagged_ideas_panel.html"
    order = 215  # just before Wagtail's "Awaiting your review" (220)

    def __init__(self, triages: list[IdeaTriage]):
        self.triages = triages

    def get_context_data(self, parent_context):
        return {"triages": self.triages}


def flagged_ideas_in_review() -> list[IdeaTriage]:
    in_review = (
        WorkflowState.objects.filter(
            content_type=ContentType.objects.get_for_model(IdeaPage), status=WorkflowState.STATUS_IN_PROGRESS
        )
        .annotate(idea_id=Cast("object_id", IntegerField()))
        .values("idea_id")
    )
    return list(
        IdeaTriage.objects.exclude(flag=TriageFlag.NONE)
        .filter(idea_id__in=in_review)
        .select_related("idea")
        .order_by("-scored_at")[:PANEL_SIZE]
    )


@hooks.register("construct_homepage_panels")
def add_flagged_ideas_panel(request, panels) -> None:
    if not ReviewersPermissionPolicy(IdeaTriage).user_has_permission(request.user, "view"):
        return
    triages = flagged_ideas_in_review()
    if triages:
        panels.append(FlaggedIdeasPanel(triages))
