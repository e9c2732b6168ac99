"""Wagtail hooks of the shared core: rich text link handling and the per-locale site settings admin."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import LocalizedSiteSettings
from .rich_text import PrefetchedPageLinkHandler


# Runs after Wagtail's own registration (order 0) so that this handler replaces it.
@hooks.register("register_rich_text_features", order=100)
def register_prefetched_page_links(features):
    features.register_link_type(PrefetchedPageLinkHandler)


class LocalizedSiteSettingsViewSet(SnippetViewSet):
    model = LocalizedSiteSettings
    icon = "cogs"
    menu_label = "Site settings per language"
    menu_order = 800
    add_to_settings_menu = True
    list_display = ["site_name", "locale"]


register_snippet(LocalizedSiteSettingsViewSet)
