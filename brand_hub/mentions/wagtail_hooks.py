"""Mentions in the admin menu, listed only (they leave by erasure)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Mention
from .views import ListOnlyPolicy, MentionViewSet

register_permission_policy(Mention, ListOnlyPolicy(Mention))


@hooks.register("register_admin_viewset")
def register_mentions():
    return MentionViewSet()
