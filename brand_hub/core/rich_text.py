"""Rich text link handling that reads page URLs from the active API prefetch."""

from django.utils.html import escape

from wagtail.rich_text.pages import PageLinkHandler

from brand_hub.headless.prefetch import active_prefetch


class PrefetchedPageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler, without a query when a listing already knows the URLs."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        prefetch = active_prefetch()
        if prefetch is None:
            return super().expand_db_attributes_many(attrs_list)
        tags = []
        for attrs in attrs_list:
            try:
                url = prefetch.page_paths.get(int(attrs.get("id")))
            except (TypeError, ValueError):
                url = None
            tags.append(f'<a href="{escape(url)}">' if url else "<a>")
        return tags
