"""The Knowledge base in the Wagtail admin menu, for those who moderate the community."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import knowledge_base


@hooks.register("register_admin_urls")
def knowledge_base_urls():
    return [path("knowledge-base/", knowledge_base, name="knowledge_base")]


class KnowledgeBaseMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("community.moderate_comment")


@hooks.register("register_admin_menu_item")
def knowledge_base_menu_item():
    return KnowledgeBaseMenuItem(
        _("Knowledge base"), reverse("knowledge_base"), icon_name="search", order=260
    )
