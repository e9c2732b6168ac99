"""The moderators' desk in the Wagtail admin: comments by state, kind, page, language and flags; one
comment's actions here, a selection's in bulk_actions.py."""

import django_filters

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import strip_tags
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.actions.edit import EditAction, EditPermissionError
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from brand_hub.core.errors import NotAllowed, Refused
from brand_hub.sentiment.labels import Sentiment
from brand_hub.trust.services import explain

from . import moderation, selectors
from .models import CommentKind, CommentState, CommunityComment, DigestSent, HoldReason

#: The desk's buttons: the moderation service's actions that make sense from a list.
ACTION_LABELS = {
    "approve": _("Approve"),
    "remove": _("Remove"),
    "resolve": _("Mark resolved"),
    "reopen": _("Reopen"),
}


def available_actions(comment: CommunityComment) -> list[tuple[str, str]]:
    names = []
    if comment.state != CommentState.PUBLISHED:
        names.append("approve")
    if comment.state != CommentState.REMOVED:
        names.append("remove")
    if comment.kind in moderation.RESOLVABLE_KINDS:
        names.append("reopen" if comment.resolved_at else "resolve")
    return [(name, ACTION_LABELS[name]) for name in names]


class CommentFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=CommentState.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=CommentKind.choices)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)
    page = django_filters.ModelChoiceFilter(
        label=_("Page"),
        queryset=Page.objects.filter(community_comments__isnull=False).distinct().order_by("title"),
    )
    min_flags = django_filters.NumberFilter(
        label=_("At least this many flags"), field_name="flag_count", lookup_expr="gte"
    )
    resolved = django_filters.BooleanFilter(
        label=_("Resolved"), field_name="resolved_at", lookup_expr="isnull", exclude=True
    )
    sentiment = django_filters.ChoiceFilter(label=_("Sentiment"), choices=Sentiment.choices)
    hold_reason = django_filters.ChoiceFilter(label=_("Held because"), choices=HoldReason.choices[1:])
    alerts = django_filters.BooleanFilter(
        label=_("Alerts: negative complaints left unanswered"),
        method="filter_alerts",
        help_text=_("Published, unresolved and without a reply from the brand after the alert delay"),
    )

    def filter_alerts(self, queryset, name, value):
        if value is None:
            return queryset
        alerts = selectors.unanswered_negative_complaints().values("pk")
        return queryset.filter(pk__in=alerts) if value else queryset.exclude(pk__in=alerts)

    class Meta:
        model = CommunityComment
        fields = []


class ModerationColumn(Column):
    cell_template_name = "community/admin/moderation_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["actions"] = [
            (name, label, reverse("community_comments:moderate", args=[instance.pk, name]))
            for name, label in available_actions(instance)
        ]
        context["next_url"] = parent_context["request"].get_full_path()
        if instance.kind in moderation.RESOLVABLE_KINDS and instance.state == CommentState.PUBLISHED:
            context["answer_url"] = reverse("ideas_answer_comment", args=[instance.pk])
        return context


class AuthorColumn(Column):
    """The author's name; beside a held comment's, their trust level and why (brand_hub.trust), with a
    link to change it."""

    cell_template_name = "community/admin/author_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if instance.state == CommentState.HELD and instance.user_id is not None:
            context["trust"] = explain(instance.user)
            context["trust_url"] = reverse("trust_levels:person", args=[instance.user_id])
        return context


def excerpt(comment: CommunityComment) -> str:
    return Truncator(strip_tags(comment.comment)).chars(120)


def hold(comment: CommunityComment) -> str:
    """Why a screener held the comment and what it found ("Spam: spam 0.88 (threshold 0.50): 2 links")."""
    if not comment.hold_reason:
        return ""
    reason = comment.get_hold_reason_display()
    return f"{reason}: {comment.hold_detail}" if comment.hold_detail else str(reason)


@require_POST
@permission_required("community.moderate_comment", raise_exception=True)
def moderate_view(request, pk: int, action: str):
    comment = get_object_or_404(CommunityComment.objects.select_related("page"), pk=pk)
    if action not in ACTION_LABELS:
        messages.error(request, _("Unknown moderation action."))
    else:
        try:
            moderation.moderate(comment=comment, by=request.user, action=action)
            messages.success(
                request, _("Comment %(id)s: %(action)s.") % {"id": pk, "action": ACTION_LABELS[action]}
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("community_comments:index")
    return redirect(next_url)


class DeskPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds or deletes comments at the desk, superusers included: prosumers post them through
    the API, and the desk's "Remove" hides one through the moderation service, which tells the search
    index (a plain delete would leave the comment findable there)."""

    def user_has_permission(self, user, action):
        return action not in ("add", "delete") and super().user_has_permission(user, action)


class ChangeCommentKind(EditAction):
    """The desk's edit form, whose one field is the kind, saved by the moderation service.

    `set_kind` drops the resolution of a comment that is no longer a complaint or a question and
    records the change for the search index; the form's own save would do neither.
    """

    def _edit(self, skip_permission_checks=False):
        self._clean_instance()
        try:
            # The form has put the new kind on the instance in memory only.
            self.instance = moderation.set_kind(
                comment=self.instance, by=self.user, kind=self.form.cleaned_data["kind"]
            )
        except NotAllowed as refusal:
            raise EditPermissionError(refusal.message) from refusal
        if self.log_action:
            log(instance=self.instance, action=self.log_action, user=self.user, content_changed=True)
        return self.instance


class CommentModerationViewSet(ModelViewSet):
    model = CommunityComment
    icon = "comment"
    menu_label = _("Comments")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "community/comments"
    name = "community_comments"
    index_template_name = "community/admin/comments_index.html"
    list_display = [
        # The checkboxes of the bulk actions (bulk_actions.py), described by the excerpt's id.
        BulkActionsCheckboxColumn("bulk_actions", obj_type="comment"),
        TitleColumn(
            "excerpt",
            label=_("Comment"),
            accessor=excerpt,
            get_title_id=lambda comment: f"comment_{comment.pk}_title",
        ),
        AuthorColumn("user_name", label=_("Author")),
        Column("page", label=_("Page")),
        "language",
        "kind",
        "sentiment",
        "state",
        Column("hold", label=_("Held because"), accessor=hold),
        Column("flag_count", label=_("Flags"), sort_key="flag_count"),
        Column("resolved_at", label=_("Resolved")),
        Column("submit_date", label=_("Posted"), sort_key="submit_date"),
        ModerationColumn("moderation", label=_("Actions")),
    ]
    filterset_class = CommentFilterSet
    search_fields = ["comment", "user_name"]
    search_backend_name = None
    ordering = ["-submit_date"]
    list_per_page = 50
    form_fields = ["kind"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        # The authors' standings too: the trust level beside a held comment's author costs no query.
        return CommunityComment.objects.select_related("page", "user", "user__trust_standing")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/moderate/<str:action>/", moderate_view, name="moderate"),
        ]


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Rows only the system writes: those who may view them list them; nobody adds, edits or deletes."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


class DigestSentViewSet(ModelViewSet):
    """Who got which digest, claimed when and sent when: a claim without a send is a run that died
    (a later run sends it once DIGEST_CLAIM_LEASE_SECONDS have passed)."""

    model = DigestSent
    icon = "mail"
    menu_label = _("Digests sent")
    add_to_settings_menu = True
    url_prefix = "community/digests"
    name = "community_digests"
    list_display = ["user", "frequency", "period_start", "claimed_at", "sent_at"]
    list_filter = ["frequency", "period_start"]
    search_fields = ["user__email", "user__username"]
    search_backend_name = None
    ordering = ["-period_start", "-claimed_at"]
    list_per_page = 50
    form_fields = ["frequency"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return DigestSent.objects.select_related("user")
