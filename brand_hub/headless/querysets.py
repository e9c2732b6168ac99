"""The pages an anonymous API consumer may see, with the tree facts cached per content generation."""

from dataclasses import dataclass

from ninja.errors import HttpError

from django.conf import settings
from django.contrib.auth import get_user
from django.core.cache import cache
from django.db.models import Q

from wagtail.api.v3.querysets import get_pages_queryset
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import APIToken, Page, PageViewRestriction, Site

from brand_hub.core.selectors import passed_by, passed_restrictions, public_pages
from brand_hub.users.auth import optional_user

from .caching import reads_as_someone
from .memo import GenerationMemo
from .models import ContentGeneration

PUBLIC_TREE_CACHE_SECONDS = 24 * 3600


@dataclass
class PublicTree:
    root_paths: list[str]
    restrictions: list[PageViewRestriction]


def request_generation(request) -> ContentGeneration:
    """The generation the caching middleware already read for this request, or a fresh read."""
    generation = getattr(request, "content_generation", None)
    if generation is None:
        generation = request.content_generation = ContentGeneration.current()
    return generation


#: (?site=, host, port): the id of the site a request reads, or None for no site. Hosts are
#: ALLOWED_HOSTS, but ports and ?site= are the client's, hence the bound.
_site_ids = GenerationMemo(max_entries=1_000)


def requested_site_id(request, generation: ContentGeneration) -> int | None:
    """The site the request reads (its `?site=`, else its host, as Wagtail's API finds it), remembered
    in this process until the generation changes: a change to any site bumps it.

    It saves every read of the public pages a query for the sites. An unknown `?site=` is not
    remembered: Wagtail's 404 is raised each time.
    """
    site_filter = request.GET.get("site")

    def find() -> int | None:
        site = SiteFilterValidator(site=site_filter, request=request).site_obj
        return site.pk if site is not None else None

    return _site_ids.get(generation.number, (site_filter, request.get_host(), request.get_port()), find)


def public_tree(site_id: int, generation: ContentGeneration) -> PublicTree:
    """The site's root paths in every language and all view restrictions.

    Both only change when content does, and every such change bumps the generation, so an entry
    is never stale; it expires after a day all the same, so that the entries of past generations do
    not pile up in the shared cache (CACHE_URL), which outlives every web process.
    """
    key = f"brand_hub:public-tree:{generation.number}:{site_id}"
    tree = cache.get(key)
    if tree is None:
        site = Site.objects.select_related("root_page").get(pk=site_id)
        roots = [site.root_page]
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            roots += list(site.root_page.get_translations())
        tree = PublicTree(
            root_paths=[root.path for root in roots],
            restrictions=list(PageViewRestriction.objects.select_related("page")),
        )
        cache.set(key, tree, timeout=PUBLIC_TREE_CACHE_SECONDS)
    return tree


def public_pages_queryset(request, model=Page, *, reader=None, reader_passes_login=False):
    """Public pages of the requested site in any language, with the branches the request has passed.

    Gives the same answer as Wagtail's get_public_pages_queryset, in one query fewer
    than four per call. `reader` is the person signed in some other way than the session (the
    project API's session token): the group restrictions their account passes open their branches
    too, and with `reader_passes_login` the login restrictions as well, as Wagtail's content APIs
    open them to any signed-in reader (the community API does not: brand_hub.core.selectors).
    """
    generation = request_generation(request)
    site_id = requested_site_id(request, generation)
    if site_id is None:
        return model._default_manager.none()
    tree = public_tree(site_id, generation)
    passed = passed_restrictions(request, tree.restrictions)
    if reader is not None and reader != getattr(request, "user", None) and tree.restrictions:
        passed = set(passed) | set(passed_by(reader))
        if reader_passes_login:
            login = PageViewRestriction.LOGIN
            passed |= {each.pk for each in tree.restrictions if each.restriction_type == login}
        passed = sorted(passed)
    # Wagtail's search backends translate plain field lookups only, not the rule's NOT EXISTS:
    # the rule goes in as a subquery of ids, which they pass to the database as it is.
    queryset = model._default_manager.filter(pk__in=public_pages(passed=passed).values("pk"))
    in_site = Q()
    for path in tree.root_paths:
        in_site |= Q(path__startswith=path)
    return queryset.filter(in_site)


def v3_reader(request):
    """Who reads through Wagtail v3, which sees a token of its own only: a browser's signed-in session
    (its cookie) or an app's X-Session-Token. v3 resets `request.user` to anonymous without its token
    (so a cookie cannot make a write); for reading, the session still says whose groups' spaces open."""
    if reads_as_someone(request):
        user = get_user(request)
        if user.is_authenticated:
            return user
    return optional_user(request)


def v3_pages_queryset(request, model=Page):
    """What Wagtail v3's pages endpoints read (listing, detail, find, page cards).

    Wagtail's own rule (wagtail.api.v3.querysets.get_pages_queryset) gives an anonymous reader the
    public pages and a token holder the pages they may edit in the admin. The token tier stays
    Wagtail's; every other reader gets the project's one rule for a public page, with what a
    signed-in reader passes as v2 reads it with their session: the internal spaces (group
    restrictions) of their groups, and the pages that only ask to be signed in.
    """
    if isinstance(getattr(request, "auth", None), APIToken):
        return get_pages_queryset(request, model)
    try:
        queryset = public_pages_queryset(request, model, reader=v3_reader(request), reader_passes_login=True)
    except ValueError as error:  # ?site= names several sites, as Wagtail answers it
        raise HttpError(400, str(error)) from error
    return queryset.select_related("content_type", "locale").order_by("pk")


def read_pages_as_readers_in_v3() -> None:
    """Wagtail v3's pages router reads pages through v3_pages_queryset. Called once from ready()."""
    from wagtail.api.v3.routers import pages

    pages.get_pages_queryset = v3_pages_queryset
