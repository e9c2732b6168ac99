"""Wagtail's v2 content API with constant-query listings, locale-aware find, draft previews,
listing parameters bounded to what the database can run, and errors in the project's shape."""

from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response

from django.conf import settings
from django.urls import path
from django.utils.translation import gettext as _

from wagtail.api.v2.filters import LocaleFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Site

from .errors import BadParameter, ProjectErrorsMixin, v2_error
from .limits import offset_problem, search_problem
from .prefetch import prefetch_for_api, prefetch_scope
from .preview import PreviewTokenError, load_preview
from .querysets import public_pages_queryset
from .routing import page_at_path
from .timestamps import TimestampDRFJSONRenderer

#: Wagtail's renderers, JSON writing the one timestamp format of the APIs.
RENDERERS = [TimestampDRFJSONRenderer, BrowsableAPIRenderer]


class KnownLocaleFilter(LocaleFilter):
    """`?locale=` as in Wagtail, but an unknown locale is a bad request rather than a 404."""

    def filter_queryset(self, request, queryset, view):
        code = request.GET.get("locale")
        if code is None:
            return queryset
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            codes = ", ".join(code for code, _name in settings.LANGUAGES)
            raise BadParameter(
                _("locale '%(locale)s' does not exist; use one of %(codes)s")
                % {"locale": code, "codes": codes},
                field="locale",
            )
        filtered_by_child_of = getattr(queryset, "_filtered_by_child_of", None)
        queryset = queryset.filter(locale=locale)
        if filtered_by_child_of:
            queryset._filtered_by_child_of = filtered_by_child_of
        return queryset


class BoundedSearchFilter(SearchFilter):
    """`?search=` as in Wagtail, refusing the queries its search backend cannot run."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            problem = search_problem(request.GET["search"])
            if problem:
                raise BadParameter(problem, field="search")
            if request.GET.get("search_operator", "and") not in ("and", "or"):
                raise BadParameter(_("search_operator must be 'and' or 'or'"), field="search_operator")
        return super().filter_queryset(request, queryset, view)


class BoundedPagination(WagtailPagination):
    """Wagtail's offset pagination, refusing an offset the database cannot hold."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            problem = offset_problem(int(request.GET.get("offset", 0)))
        except ValueError:
            problem = None  # not a number: Wagtail's paginator says so
        if problem:
            raise BadParameter(problem, field="offset")
        return super().paginate_queryset(queryset, request, view)


def with_project_filters(backends: list) -> list:
    replacements = {LocaleFilter: KnownLocaleFilter, SearchFilter: BoundedSearchFilter}
    return [replacements.get(backend, backend) for backend in backends]


class BrandImagesAPIViewSet(ProjectErrorsMixin, ImagesAPIViewSet):
    renderer_classes = RENDERERS
    pagination_class = BoundedPagination
    filter_backends = with_project_filters(ImagesAPIViewSet.filter_backends)


class BrandDocumentsAPIViewSet(ProjectErrorsMixin, DocumentsAPIViewSet):
    renderer_classes = RENDERERS
    pagination_class = BoundedPagination
    filter_backends = with_project_filters(DocumentsAPIViewSet.filter_backends)


class BrandPagesAPIViewSet(ProjectErrorsMixin, PagesAPIViewSet):
    """Pages through v2, with each listing's related data loaded once for all its items."""

    renderer_classes = RENDERERS
    pagination_class = BoundedPagination
    filter_backends = with_project_filters(PagesAPIViewSet.filter_backends)

    def get_base_queryset(self):
        # Wagtail builds this again for the serializer context; once per request is enough.
        if not hasattr(self, "_base_queryset"):
            try:
                self._base_queryset = public_pages_queryset(self.request)
            except ValueError as error:
                raise BadRequestError(str(error)) from error
        return self._base_queryset

    def get_queryset(self):
        queryset = super().get_queryset()
        optimise = getattr(queryset.model, "optimise_api_queryset", None)
        return optimise(queryset) if optimise else queryset.select_related("locale")

    def get_renderer_context(self):
        # Wagtail pretty-prints with indent=4, which forces Python's slow pure-Python JSON
        # encoder; frontends get compact JSON (the browsable renderer still indents).
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        pages = list(self.paginate_queryset(queryset))
        with prefetch_scope(prefetch_for_api(pages, request=request)):
            serializer = self.get_serializer(pages, many=True)
            return self.get_paginated_response(serializer.data)

    def detail_view(self, request, pk):
        page = self.get_object()
        with prefetch_scope(prefetch_for_api([page], request=request)):
            return Response(self.get_serializer(page).data)

    def find_view(self, request):
        response = super().find_view(request)
        # Wagtail writes `<detail_url>?<the query left>`, a stray "?" when none is left.
        response["Location"] = response["Location"].removesuffix("?")
        return response

    def find_object(self, queryset, request):
        """Find by `html_path`, understanding the locale prefix (/es/, /en/, /pl/) of our URLs."""
        site = Site.find_for_request(request)
        path = request.GET.get("html_path")
        if path is None or site is None:
            return super().find_object(queryset, request)
        page = page_at_path(site=site, html_path=path, request=request)
        return page if page is not None and queryset.filter(id=page.id).exists() else None

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("preview/", cls.as_view({"get": "preview_view"}), name="preview"),
            *super().get_urlpatterns(),
        ]

    def preview_view(self, request):
        """The draft behind a signed preview token, in the same shape as the detail view."""
        try:
            page = load_preview(request.GET.get("token", ""))
        except PreviewTokenError as error:
            return v2_error(str(error), field="token", status=400)
        # The serializer is chosen as for a detail view, from the previewed page itself.
        self.action = "detail_view"
        self._preview_page = page
        with prefetch_scope(prefetch_for_api([page], request=request, live_only=False)):
            serializer = self.get_serializer(page)
            return Response(serializer.data, headers={"Cache-Control": "private, no-store"})

    def get_object(self):
        preview_page = getattr(self, "_preview_page", None)
        return preview_page if preview_page is not None else super().get_object()
