"""The audit's actions registered with Wagtail (so the Site history names them too), its log entry
model, and the Audit log report under Reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .actions import LABELS, formatter_for
from .models import AuditLogEntry
from .views import AuditLogView


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    for action, label in LABELS.items():
        actions.register_action(action)(formatter_for(label))
    # Wagtail's reports read every log entry model registered here. The audit writes its entries
    # itself (services.record), so no other model is mapped to it: Wagtail's own entries about
    # comments, accounts or pages stay in Wagtail's tables.
    actions.register_model(AuditLogEntry, AuditLogEntry)


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("audit.view_auditlogentry")


@hooks.register("register_reports_menu_item")
def register_audit_log_menu_item():
    return AuditLogMenuItem(
        _("Audit log"), reverse("audit_log"), name="audit-log", icon_name="history", order=1010
    )


@hooks.register("register_admin_urls")
def register_audit_log_urls():
    return [
        path("reports/audit-log/", AuditLogView.as_view(), name="audit_log"),
        path("reports/audit-log/results/", AuditLogView.as_view(results_only=True), name="audit_log_results"),
    ]
