"""Language handling for the locale-prefixed site, leaving the APIs' own answers alone."""

from django.middleware.locale import LocaleMiddleware


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that an API 404 stays a 404.

    Django redirects any unprefixed 404 to its /<language>/ twin when that path resolves,
    and the Wagtail catch-all under /es/ resolves everything, so a missing API object
    would turn into a redirect to an HTML page.
    """

    def process_response(self, request, response):
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)
