"""Segments and their export log in the Wagtail admin menu."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import SegmentExport
from .views import ExportLogPermissionPolicy, SegmentsViewSetGroup

register_permission_policy(SegmentExport, ExportLogPermissionPolicy(SegmentExport))


@hooks.register("register_admin_viewset")
def register_segments():
    return SegmentsViewSetGroup()
