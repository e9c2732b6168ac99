"""Segments in the Wagtail admin: build one from a rule, see its size and first members, download it
as CSV; and the log of every download."""

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from brand_hub.core.csv_export import csv_lines
from brand_hub.headless.timestamps import iso_timestamp

from .models import Segment, SegmentExport
from .rules import RULES
from .services import PREVIEW_SIZE, csv_header, member_rows, members, segment_size, start_csv_export

EXPORT_SEGMENTS = "segments.export_segment"


class SegmentCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class SegmentInspectView(generic.InspectView):
    """The segment's definition, its size (and how many it leaves out for want of consent), its first
    members, and the CSV download for those allowed to export."""

    template_name = "segments/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        segment = self.object
        context.update(
            size=segment_size(segment),
            preview=list(member_rows(members(segment)[:PREVIEW_SIZE])),
            preview_size=PREVIEW_SIZE,
            figure=RULES[segment.rule].figure,
            can_export=self.request.user.has_perm(EXPORT_SEGMENTS),
            export_url=reverse("segments:export", args=[segment.pk]),
        )
        return context


def export_csv(request, pk: int):
    """The segment's members as a streamed CSV download, logged before the first line is sent."""
    if not request.user.has_perm(EXPORT_SEGMENTS):
        raise PermissionDenied
    segment = get_object_or_404(Segment, pk=pk)
    _export, rows = start_csv_export(segment=segment, by=request.user)
    lines = csv_lines(_with_header(csv_header(segment), rows))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="segment-{slugify(segment.name) or segment.pk}-{day}.csv"'
    )
    return response


def _with_header(header: list[str], rows):
    yield header
    for member in rows:
        yield [
            member.public_name,
            member.email,
            member.locale,
            iso_timestamp(member.consent_granted_at),
            member.figure,
        ]


class SegmentViewSet(ModelViewSet):
    model = Segment
    icon = "group"
    menu_label = _("Segments")
    url_prefix = "segments"
    name = "segments"
    add_view_class = SegmentCreateView
    inspect_view_class = SegmentInspectView
    inspect_view_enabled = True
    copy_view_enabled = True
    form_fields = [
        "name",
        "description",
        "rule",
        "locale",
        "group",
        "top",
        "complaint_status",
        "idea_status",
        "date_from",
        "date_to",
    ]
    list_display = ["name", "rule", "locale", Column("updated_at", label=_("Updated"), sort_key="updated_at")]
    list_filter = ["rule", "locale"]
    search_fields = ["name", "description"]
    search_backend_name = None

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("<int:pk>/export.csv", export_csv, name="export")]


class ExportLogPermissionPolicy(ModelPermissionPolicy):
    """The log is written by exports only: nobody adds, edits or deletes its lines in the admin."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change", "delete"} and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(
            [action for action in actions if action not in {"add", "change", "delete"}]
        )


class SegmentExportViewSet(ModelViewSet):
    model = SegmentExport
    icon = "download"
    menu_label = _("Export log")
    url_prefix = "segments/exports"
    name = "segment_exports"
    list_display = ["segment_name", "by_name", "at", "format", "row_count"]
    list_filter = ["format"]
    search_fields = ["segment_name", "by_name"]
    search_backend_name = None
    copy_view_enabled = False
    form_fields = []


class SegmentsViewSetGroup(ViewSetGroup):
    items = (SegmentViewSet, SegmentExportViewSet)
    menu_icon = "group"
    menu_label = _("Segments")
    menu_order = 245
