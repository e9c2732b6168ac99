"""Admin for the event log: editors read what happened, page by page and kind by kind; nobody edits it."""

from django.utils.translation import gettext_lazy as _

from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Event

#: The log is written only by the changes it records.
WRITES = {"add", "change", "delete", "publish", "lock", "unlock"}


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, less every write: even a superuser only views events."""

    def user_has_permission(self, user, action):
        return action not in WRITES and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action not in WRITES])


# Before the viewset: registering it would make the model's default policy.
register_permission_policy(Event, ReadOnlyPermissionPolicy(Event))


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "history"
    menu_label = _("Events")
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["id", "kind", "occurred_at", "page", "object_id", "audience", "actor"]
    list_filter = ["kind", "audience"]
    list_per_page = 50
    ordering = ["-id"]
    inspect_view_enabled = True
    copy_view_enabled = False
    search_fields = None

    def get_queryset(self, request):
        return Event.objects.select_related("page", "actor")


register_snippet(EventViewSet)
