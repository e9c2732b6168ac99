"""Triage in the Wagtail admin: the reviewers' list of scored ideas."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import IdeaTriage
from .views import IdeaTriageViewSet, ReviewersPermissionPolicy

register_permission_policy(IdeaTriage, ReviewersPermissionPolicy(IdeaTriage))


@hooks.register("register_admin_viewset")
def register_idea_triage():
    return IdeaTriageViewSet()
