"""A page found by the path a visitor sees, whose first segment is its locale (/es/, /en/, /pl/)."""

from django.conf import settings
from django.http import Http404, HttpRequest

from wagtail.models import Locale, Page, Site


def page_at_path(*, site: Site, html_path: str, request: HttpRequest) -> Page | None:
    """The live page `html_path` routes to under `site`, or None.

    The site's root page is the default language's home; a path led by another language code
    routes from that home's translation, the way the site's own URLs (i18n_patterns) are built.
    Wagtail's find endpoints route every path from the root page, so /pl/... found nothing.
    """
    components = [component for component in html_path.split("/") if component]
    languages = {code for code, _name in settings.LANGUAGES}
    root = site.root_page
    if components and components[0] in languages:
        locale = Locale.objects.filter(language_code=components.pop(0)).first()
        root = root.get_translation_or_none(locale) if locale else None
        if root is None:
            return None
    try:
        page, _args, _kwargs = root.specific.route(request, components)
    except Http404:
        return None
    return page
