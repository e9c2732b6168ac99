"""The audit log in the admin (Reports, administrators only): Wagtail's report view over the audit's
entries, filtered by action, person, date, object type, object and name, exported to CSV or Excel with
the state before and after each action."""

import json

import django_filters

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import ContentTypeFilter
from wagtail.admin.views.generic.history import HistoryFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_content_type_label
from wagtail.log_actions import registry as log_action_registry
from wagtail.permission_policies import ModelPermissionPolicy

from brand_hub.core.csv_export import defused
from brand_hub.headless.timestamps import iso_timestamp

from .models import AuditLogEntry


def audit_content_types(request):
    used = AuditLogEntry.objects.viewable_by_user(request.user).get_content_type_ids()
    return ContentType.objects.filter(pk__in=used).order_by("model")


class AuditLogFilterSet(HistoryFilterSet):
    object_type = ContentTypeFilter(label=_("Type"), queryset=audit_content_types, field_name="content_type")
    object_id = django_filters.CharFilter(
        label=_("Object ID"), help_text=_("The account's, comment's, idea's or segment's number.")
    )
    label = django_filters.CharFilter(label=_("Name"), lookup_expr="icontains")

    class Meta:
        model = AuditLogEntry
        fields = []


def as_json(value) -> str:
    return "" if value is None else json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def action_label(action: str) -> str:
    return str(log_action_registry.get_action_label(action))


class AuditLogView(ReportView):
    page_title = _("Audit log")
    header_icon = "history"
    results_template_name = "wagtailadmin/reports/site_history_results.html"
    filterset_class = AuditLogFilterSet
    index_url_name = "audit_log"
    index_results_url_name = "audit_log_results"
    permission_policy = ModelPermissionPolicy(AuditLogEntry)
    permission_required = "view"

    list_export = [
        "timestamp",
        "action",
        "user_display_name",
        "user_id",
        "content_type",
        "object_id",
        "label",
        "before",
        "after",
        "data",
    ]
    export_headings = {
        "timestamp": _("Date/Time (UTC)"),
        "action": _("Action"),
        "user_display_name": _("User"),
        "user_id": _("User ID"),
        "content_type": _("Type"),
        "object_id": _("Object ID"),
        "label": _("Name"),
        "before": _("Before"),
        "after": _("After"),
        "data": _("Details"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        as_text = {self.FORMAT_CSV: as_json, self.FORMAT_XLSX: as_json}
        self.custom_field_preprocess = {
            "timestamp": {self.FORMAT_CSV: iso_timestamp},
            "action": {self.FORMAT_CSV: action_label, self.FORMAT_XLSX: action_label},
            "content_type": {
                self.FORMAT_CSV: get_content_type_label,
                self.FORMAT_XLSX: get_content_type_label,
            },
            "before": as_text,
            "after": as_text,
            "data": as_text,
        }

    def get_filename(self):
        return "audit-log"

    def stream_csv(self, queryset):
        # The rows are written after the view has returned, when the admin's language (the reader's
        # own) is no longer active: headings and action names would come out in the default language.
        language = translation.get_language()
        rows = super().stream_csv(queryset)

        def in_the_readers_language():
            with translation.override(language):
                yield from rows

        return in_the_readers_language()

    def get_queryset(self):
        return AuditLogEntry.objects.viewable_by_user(self.request.user).select_related(
            "user", "content_type"
        )

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        row["data"] = {key: value for key, value in item.data.items() if key not in ("before", "after")}
        return row

    def preprocess_field_value(self, field, value, export_format):
        # Names, reasons and comments' words are people's text: no cell may start a formula.
        return defused(super().preprocess_field_value(field, value, export_format))

    def decorate_paginated_queryset(self, object_list):
        """Each entry links to its object's edit view in the admin, when it still exists."""
        if self.is_export:
            return object_list
        entries = list(object_list)
        url_finder = AdminURLFinder(self.request.user)
        with_instances = AuditLogEntry.objects.filter(pk__in=[entry.pk for entry in entries]).with_instances()
        urls = {
            entry.pk: url_finder.get_edit_url(instance) if instance else None
            for entry, instance in with_instances
        }
        for entry in entries:
            entry.edit_url = urls.get(entry.pk)
        return entries
