"""What every search shares: running a request, faceting, pagination, highlighting and who sees what."""

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from elasticsearch import ApiError, TransportError

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from wagtail.models import Page

from brand_hub.community.models import CommentState, CommunityComment
from brand_hub.community.mutes import muted_ids
from brand_hub.core.db_router import replica_reads
from brand_hub.core.errors import Refused
from brand_hub.core.selectors import public_page_q, readable_page_q
from brand_hub.headless.public_urls import frontend_url
from brand_hub.ideas.models import IdeaPage
from search.client import failover_retries, get_client

logger = logging.getLogger(__name__)

#: Elasticsearch's index.max_result_window: deeper pages need search_after, which no screen uses.
MAX_RESULT_WINDOW = 10_000
#: A search waits this long at most: a stalled node answers 503 instead of holding a worker.
SEARCH_TIMEOUT_SECONDS = 10


def publicly_visible(reader=None) -> list[dict]:
    """Filters for what everyone may find: published documents, less those on pages that are no
    longer public (unpublished or restricted since, brand_hub.core.selectors), whose documents stay
    indexed as they were. One read of the few such pages per search, instead of re-sending every
    comment of a branch when a view restriction changes.

    A signed-in `reader` also finds those of the restricted pages they may read (an internal
    challenge or group of their groups): one more query, for them only. Nor do they find the comments
    and ideas of the people they muted (brand_hub.community.mutes): one more."""
    signed_in = reader is not None and reader.is_authenticated
    hidden = hidden_page_ids()
    if hidden and signed_in:
        readable = set(
            Page.objects.filter(pk__in=hidden).filter(readable_page_q(reader)).values_list("pk", flat=True)
        )
        hidden = [pk for pk in hidden if pk not in readable]
    filters = [{"term": {"state": "published"}}]
    left_out = []
    if hidden:
        # A comment names its page, an idea itself; comments on an idea name the idea.
        left_out += [{"terms": {"page_id": hidden}}, {"terms": {"idea_id": hidden}}]
    muted = sorted(muted_ids(reader.pk)) if signed_in else []
    if muted:
        left_out.append({"terms": {"author_id": muted}})  # mentions have no author_id: never left out
    if left_out:
        filters.append({"bool": {"must_not": left_out}})
    return filters


@replica_reads()
def hidden_page_ids() -> list[int]:
    """Pages that are not public but hold published comments, and published ideas that are not public.

    Read from the replica when there is one, editors' searches included: a page unpublished a moment
    ago may stay findable for as long as the replica lags behind."""
    discussed = Exists(CommunityComment.objects.filter(page=OuterRef("pk"), state=CommentState.PUBLISHED))
    pages = Page.objects.exclude(public_page_q()).filter(discussed).values_list("pk", flat=True)
    ideas = IdeaPage.objects.filter(live=True).exclude(public_page_q()).values_list("pk", flat=True)
    return sorted(set(pages) | set(ideas))


class SearchUnavailable(Refused):
    """Elasticsearch cannot be reached (or is overloaded): the API answers 503, never 500."""

    status = 503
    #: Seconds a client should wait before asking again (the 503's Retry-After): about a node's restart.
    retry_after = 30

    def __init__(self):
        super().__init__(_("Search is unavailable at the moment; please try again shortly."), field="request")


def run_search(indices: Sequence[str], body: dict) -> dict:
    """Search the aliases; one that does not exist yet is an empty index rather than an error."""
    # Once more on one node; in a cluster, on each other node.
    client = get_client().options(
        request_timeout=SEARCH_TIMEOUT_SECONDS, max_retries=max(1, failover_retries())
    )
    try:
        return client.search(index=list(indices), ignore_unavailable=True, allow_no_indices=True, **body).body
    except TransportError as error:
        logger.warning("search: Elasticsearch unreachable: %s", error)
        raise SearchUnavailable() from error
    except ApiError as error:
        if error.meta.status == 429 or error.meta.status >= 500:
            logger.warning("search: Elasticsearch refused: %s", error)
            raise SearchUnavailable() from error
        raise


@dataclass(frozen=True)
class Window:
    """Which slice of the hits to return."""

    offset: int = 0
    size: int = 20

    @classmethod
    def from_params(cls, *, limit: int, offset: int) -> "Window":
        """The API's limit and offset, within the hits Elasticsearch pages to."""
        if offset + limit > MAX_RESULT_WINDOW:
            raise Refused(
                _("Results beyond the first %(max)s cannot be paged to; narrow the search.")
                % {"max": MAX_RESULT_WINDOW},
                field="offset",
            )
        return cls(offset=offset, size=limit)

    def as_response(self) -> dict:
        return {"offset": self.offset, "limit": self.size}


@dataclass(frozen=True)
class Facet:
    """A count of hits per value of `field`; it ignores the filter named `filter` (its own), so a
    screen can show how many hits each other value would give."""

    name: str
    field: str
    filter: str
    kind: str = "terms"  # terms, boolean, month, or named queries (`named`)
    size: int = 20
    named: tuple[tuple[str, dict], ...] = ()
    missing: str | None = None  # the value counted for documents without the field

    def aggregation(self) -> dict:
        if self.named:
            return {"filters": {"filters": dict(self.named)}}
        if self.kind == "month":
            return {
                "date_histogram": {
                    "field": self.field,
                    "calendar_interval": "month",
                    "format": "yyyy-MM",
                    "min_doc_count": 1,
                }
            }
        terms = {"field": self.field, "size": self.size}
        if self.missing is not None:
            terms["missing"] = self.missing
        return {"terms": terms}

    def buckets(self, aggregation: dict) -> list[dict]:
        if self.named:
            return [
                {"value": name, "count": bucket["doc_count"]}
                for name, bucket in aggregation.get("buckets", {}).items()
                if bucket["doc_count"]
            ]
        buckets = aggregation.get("buckets", [])
        if self.kind == "month":
            return [{"value": bucket["key_as_string"], "count": bucket["doc_count"]} for bucket in buckets]
        if self.kind == "boolean":
            return [{"value": bucket["key"] == 1, "count": bucket["doc_count"]} for bucket in buckets]
        return [{"value": bucket["key"], "count": bucket["doc_count"]} for bucket in buckets]


def chosen_facets(names: Iterable[str] | None, available: Mapping[str, Facet]) -> list[Facet]:
    """The facets asked for (all when none were named); an unknown name is a 400 on `facets`."""
    if names is None:
        return list(available.values())
    unknown = [name for name in names if name not in available]
    if unknown:
        raise Refused(
            _("Unknown facet %(names)s; use any of %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(available)},
            field="facets",
        )
    return [available[name] for name in dict.fromkeys(names)]


def term_filter(field_name: str, values) -> dict | None:
    """One value is a term, several are any of them (a facet's values are alternatives)."""
    if values is None:
        return None
    if isinstance(values, (list, tuple, set)):
        values = list(values)
        if not values:
            return None
        return {"term": {field_name: values[0]}} if len(values) == 1 else {"terms": {field_name: values}}
    return {"term": {field_name: values}}


@dataclass
class FacetedRequest:
    """The standard faceted-search request.

    Filters that have a facet go to `post_filter`, which narrows the hits but not the aggregations;
    each facet's aggregation is then filtered by every such filter except its own. Filters without
    a facet (visibility, the page, the author) go into the query and narrow everything.
    """

    query: dict
    query_filters: list[dict] = field(default_factory=list)
    facet_filters: dict[str, dict] = field(default_factory=dict)
    facets: list[Facet] = field(default_factory=list)

    def body(self) -> dict:
        body: dict = {
            "query": {"bool": {"must": [self.query], "filter": self.query_filters}},
            "track_total_hits": True,
        }
        if self.facet_filters:
            body["post_filter"] = {"bool": {"filter": list(self.facet_filters.values())}}
        aggregations = {}
        for facet in self.facets:
            others = [clause for name, clause in self.facet_filters.items() if name != facet.filter]
            aggregations[facet.name] = {
                "filter": {"bool": {"filter": others}},
                "aggs": {"values": facet.aggregation()},
            }
        if aggregations:
            body["aggs"] = aggregations
        return body

    def facet_counts(self, response: dict) -> dict[str, list[dict]]:
        aggregations = response.get("aggregations", {})  # absent when no index exists yet
        return {
            facet.name: facet.buckets(aggregations.get(facet.name, {}).get("values", {}))
            for facet in self.facets
        }


def page_body(request: FacetedRequest, *, sort: list, window: Window) -> Callable[[dict], dict]:
    """The body of a page of hits for any text query: a search may ask twice (typos, a correction)."""

    def body_for(query: dict) -> dict:
        return {
            **replace(request, query=query).body(),
            "sort": sort,
            "from_": window.offset,
            "size": window.size,
        }

    return body_for


def total_hits(response: dict) -> int:
    return response["hits"]["total"]["value"]


def fragments(hit: dict, fields: Sequence[str]) -> list[str]:
    """The first field's fragments in order of preference (search.queries.matching.mark_hits made them)."""
    found = hit.get("highlight", {})
    for name in fields:
        if found.get(name):
            return found[name]
    return []


def page_url_of(path: str | None) -> str | None:
    """A document's page path as the frontend's URL (documents keep the path: the origin may move)."""
    return frontend_url(path) if path else None
