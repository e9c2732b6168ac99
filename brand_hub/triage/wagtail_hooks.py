"""Triage in the Wagtail admin: the reviewers' list of scored ideas."""

from wagtail import hooks

from .views import IdeaTriageViewSet


@hooks.register("register_admin_viewset")
def register_idea_triage():
    return IdeaTriageViewSet()
