"""The reviewers' list of triaged ideas in the Wagtail admin, flagged ones first."""

import django_filters

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import GroupApprovalTask
from wagtail.permission_policies import ModelPermissionPolicy

from brand_hub.ideas.review import REVIEW_TASK

from .models import IdeaTriage, TriageFlag


class ReviewersPermissionPolicy(ModelPermissionPolicy):
    """Rows only triage writes: the idea reviewers (the groups of the review task) and those given the
    view permission list them; nobody adds, edits or deletes."""

    def user_has_permission(self, user, action):
        if action != "view" or not user.is_active:
            return False
        if super().user_has_permission(user, "view"):
            return True
        return GroupApprovalTask.objects.filter(name=REVIEW_TASK, groups__user=user).exists()

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")


class IdeaTriageFilterSet(WagtailFilterSet):
    flag = django_filters.ChoiceFilter(label=_("Flagged as"), choices=TriageFlag.choices[1:])

    class Meta:
        model = IdeaTriage
        fields = []


def signals_text(triage: IdeaTriage) -> str:
    return "; ".join(triage.signals) or "—"


class IdeaTriageViewSet(ModelViewSet):
    model = IdeaTriage
    icon = "warning"
    menu_label = _("Idea triage")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "triage/ideas"
    name = "triage_ideas"
    list_display = [
        TitleColumn(
            "idea",
            label=_("Idea"),
            accessor=lambda triage: triage.idea.title,
            get_url=lambda triage: reverse("wagtailadmin_pages:edit", args=[triage.idea_id]),
        ),
        Column("flag", label=_("Flagged as"), accessor="get_flag_display"),
        Column("spam", label=_("Spam score"), sort_key="spam"),
        Column("abuse", label=_("Abuse score"), sort_key="abuse"),
        Column("signals", label=_("Signals"), accessor=signals_text),
        Column("scored_at", label=_("Scored at"), sort_key="scored_at"),
    ]
    filterset_class = IdeaTriageFilterSet
    search_fields = ["idea__title"]
    search_backend_name = None
    ordering = ["-flag", "-scored_at"]
    list_per_page = 50
    form_fields = ["flag"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return IdeaTriage.objects.select_related("idea")
