"""URLs: admin, the APIs, and the locale-prefixed (/es/, /en/, /pl/) site."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from brand_hub.api import api, stock_v2_router, v2_router, v3_api
from brand_hub.users.spec import accounts_document_json, accounts_document_yaml

handler404 = "brand_hub.api.page_not_found"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", v2_router.urls),
    path("api/v3/", v3_api().urls),
    path("api/", api.urls),
    # Accounts keep allauth's own prefix: /_allauth/browser/v1/... and /_allauth/app/v1/...; its
    # document, at its own address, lists the 429s the project's limits add (brand_hub.users.spec).
    path("_allauth/openapi.json", accounts_document_json),
    path("_allauth/openapi.yaml", accounts_document_yaml),
    path("_allauth/", include("allauth.headless.urls")),
    path("s/", include("brand_hub.recommendations.urls")),  # share links: count the visit, redirect
]

if getattr(settings, "BRAND_HUB_STOCK_API", False):
    urlpatterns.append(path("api/v2-stock/", stock_v2_router.urls))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=True)
