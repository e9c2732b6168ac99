"""The Insights dashboard in the Wagtail admin menu, for those allowed to see the insights."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import VIEW_INSIGHTS, dashboard, export


@hooks.register("register_admin_urls")
def insights_urls():
    return [
        path("insights/", dashboard, name="insights_dashboard"),
        path("insights/export/<slug:table>.csv", export, name="insights_export"),
    ]


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_INSIGHTS)


@hooks.register("register_admin_menu_item")
def insights_menu_item():
    return InsightsMenuItem(_("Insights"), reverse("insights_dashboard"), icon_name="table", order=240)
