"""One search box for everything: comments, ideas and (for the brand's team) mentions, each with its type."""

from dataclasses import dataclass

from search.indices.comments import COMMENTS
from search.indices.ideas import IDEAS
from search.indices.mentions import MENTIONS

from .base import (
    Facet,
    FacetedRequest,
    Window,
    chosen_facets,
    fragments,
    page_body,
    page_url_of,
    publicly_visible,
    term_filter,
    total_hits,
)
from .comments import TEXT_FIELDS, full_text
from .ideas import SEARCHED_FIELDS
from .matching import mark_hits, search_forgiving_typos

#: Which index a document comes from, told by a field only that index has (the hit's `_index` is
#: the versioned index behind the alias, whose name changes with every rebuild).
TYPES = {
    "comment": {"exists": {"field": "comment_id"}},
    "idea": {"exists": {"field": "idea_id"}},
    "mention": {"exists": {"field": "mention_id"}},
}
#: Comments and ideas come from the brand's own site; a mention names its network in `source`.
SITE = "site"
SORTS = {
    "relevance": ["_score", {"created_at": {"order": "desc", "missing": "_last"}}],
    "newest": [{"created_at": {"order": "desc", "missing": "_last"}}],
}
FACETS = {
    facet.name: facet
    for facet in (
        Facet("type", "", "type", named=tuple(TYPES.items())),
        Facet("locale", "locale", "locale"),
        Facet("language", "language", "language"),
        Facet("source", "source", "source", missing=SITE),
    )
}


@dataclass(frozen=True)
class EverythingFilters:
    type: list[str] | None = None
    locale: list[str] | None = None
    language: list[str] | None = None
    source: list[str] | None = None


def source_filter(values: list[str] | None) -> dict | None:
    """`site` is every document without a network (comments and ideas); other values are networks."""
    if not values:
        return None
    networks = [value for value in values if value != SITE]
    alternatives = [{"terms": {"source": networks}}] if networks else []
    if SITE in values:
        alternatives.append({"bool": {"must_not": {"exists": {"field": "source"}}}})
    return {"bool": {"should": alternatives, "minimum_should_match": 1}}


def everything_item(hit: dict) -> dict:
    source = hit["_source"]
    language = source.get("language")
    common = {
        "locale": source.get("locale"),
        "language": language,
        "state": source.get("state"),
        "created_at": source.get("created_at"),
        "score": hit.get("_score"),
        "source": source.get("source") or SITE,
        "reach": source.get("reach"),
        "author_handle": source.get("author_handle"),
    }
    if "mention_id" in source:
        return {
            "type": "mention",
            "id": source["mention_id"],
            "title": None,
            "text": source["text"],
            "highlight": fragments(hit, [f"text_{language}", "text"]),
            "kind": None,
            "status": None,
            "url": source.get("url"),
            **common,
        }
    if "idea_id" in source:
        title_fragments = fragments(hit, [f"title_{language}", "title"])
        return {
            "type": "idea",
            "id": source["idea_id"],
            "title": source["title"],
            "text": source.get("description") or "",
            "highlight": title_fragments + fragments(hit, [f"description_{language}", "description"]),
            "kind": None,
            "status": source.get("status"),
            "url": page_url_of(source.get("url")),
            **common,
        }
    return {
        "type": "comment",
        "id": source["comment_id"],
        "title": source.get("page_title"),  # the page the comment is on
        "text": source["text"],
        "highlight": fragments(hit, [f"text_{language}", "text"]),
        "kind": source.get("kind"),
        "status": None,
        "url": page_url_of(source.get("page_url")),
        **common,
    }


def search_everything(
    *,
    q: str | None,
    filters: EverythingFilters,
    sort: str | None,
    window: Window,
    facets: list[str] | None,
    everything_visible: bool,
    reader=None,
) -> dict:
    """Comments, ideas and, for moderators and editors, mentions ranked together; the `type` facet
    counts each kind of hit, the `source` facet the site and each network."""
    sort = sort or ("relevance" if q else "newest")
    facet_filters = {
        name: clause
        for name, clause in {
            "type": {"bool": {"should": [TYPES[name] for name in filters.type]}} if filters.type else None,
            "locale": term_filter("locale", filters.locale),
            "language": term_filter("language", filters.language),
            "source": source_filter(filters.source),
        }.items()
        if clause is not None
    }
    request = FacetedRequest(
        query=full_text(q, TEXT_FIELDS + SEARCHED_FIELDS),
        # Both indices call a visible document `published`; moderators see the rest as well.
        query_filters=[] if everything_visible else publicly_visible(reader),
        facet_filters=facet_filters,
        facets=chosen_facets(facets, FACETS),
    )
    body_for = page_body(request, sort=SORTS[sort], window=window)
    indices = {COMMENTS.alias_name(): TEXT_FIELDS, IDEAS.alias_name(): SEARCHED_FIELDS}
    if everything_visible:
        # Mentions carry other people's handles from other networks: the brand's team searches them,
        # the public site does not republish them.
        indices[MENTIONS.alias_name()] = TEXT_FIELDS
    response, suggestion = search_forgiving_typos(indices, q, body_for)
    mark_hits(response, suggestion or q, {"text": False, "title": False, "description": False})
    return {
        "count": total_hits(response),
        **window.as_response(),
        "sort": sort,
        "items": [everything_item(hit) for hit in response["hits"]["hits"]],
        "facets": request.facet_counts(response),
        "took_ms": response.get("took", 0),
        "suggestion": suggestion,
    }
