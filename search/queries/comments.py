"""Full-text and faceted search over customer comments."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from search.indices.comments import COMMENTS
from search.indices.fields import LANGUAGES
from search.page_types import counted_by_label, indexed_spellings, page_type_label

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
from .matching import mark_hits, search_forgiving_typos, text_query

TEXT_FIELDS = ["text", *(f"text_{language}" for language in LANGUAGES)]
SORTS = {
    "newest": [{"created_at": "desc"}, {"comment_id": "desc"}],
    "oldest": [{"created_at": "asc"}, {"comment_id": "asc"}],
    "relevance": ["_score", {"created_at": "desc"}, {"comment_id": "desc"}],
}
FACETS = {
    facet.name: facet
    for facet in (
        Facet("locale", "locale", "locale"),
        Facet("language", "language", "language"),
        Facet("kind", "kind", "kind"),
        Facet("resolved", "resolved", "resolved", kind="boolean"),
        Facet("page_type", "page_type", "page_type"),
        Facet("group", "group_id", "group"),
        Facet("challenge", "challenge_id", "challenge"),
        Facet("board", "board_id", "board"),
        Facet("sentiment", "sentiment", "sentiment"),
        Facet("state", "state", "state"),
        Facet("month", "created_at", "date", kind="month", size=0),
    )
}


@dataclass(frozen=True)
class CommentFilters:
    """Lists are alternatives (kind=question or complaint); different filters all apply."""

    locale: list[str] | None = None
    language: list[str] | None = None
    kind: list[str] | None = None
    resolved: bool | None = None
    page_id: int | None = None
    page_type: list[str] | None = None
    group: list[int] | None = None
    challenge: list[int] | None = None
    board: list[int] | None = None
    author: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    sentiment: list[str] | None = None
    state: list[str] | None = None


def full_text(q: str | None, fields: list[str]) -> dict:
    """Every word must appear in one of the texts, as written (`text`), without its accents
    (`text_folded`), or in another form (`text_stems_<language>`, so `comprar` finds `compraron`)."""
    return text_query(q, fields)


def date_range(field_name: str, date_from: date | None, date_to: date | None) -> dict | None:
    if date_from is None and date_to is None:
        return None
    bounds = {"time_zone": settings.TIME_ZONE}  # days as the brand's team counts them
    if date_from is not None:
        bounds["gte"] = date_from.isoformat()
    if date_to is not None:
        bounds["lte"] = f"{date_to.isoformat()}||/d"
    return {"range": {field_name: bounds}}


def _present(clauses: dict) -> dict:
    return {name: clause for name, clause in clauses.items() if clause is not None}


def comment_request(
    *, q: str | None, filters: CommentFilters, everything_visible: bool, facets: list[Facet], reader=None
) -> FacetedRequest:
    visibility = [] if everything_visible else publicly_visible(reader)
    query_filters = visibility + list(
        _present(
            {
                "page_id": term_filter("page_id", filters.page_id),
                "author": term_filter("author_id", filters.author),
            }
        ).values()
    )
    facet_filters = _present(
        {
            "locale": term_filter("locale", filters.locale),
            "language": term_filter("language", filters.language),
            "kind": term_filter("kind", filters.kind),
            "resolved": term_filter("resolved", filters.resolved),
            "page_type": term_filter("page_type", indexed_spellings(filters.page_type)),
            "group": term_filter("group_id", filters.group),
            "challenge": term_filter("challenge_id", filters.challenge),
            "board": term_filter("board_id", filters.board),
            "sentiment": term_filter("sentiment", filters.sentiment),
            "state": term_filter("state", filters.state),
            "date": date_range("created_at", filters.date_from, filters.date_to),
        }
    )
    return FacetedRequest(
        query=full_text(q, TEXT_FIELDS),
        query_filters=query_filters,
        facet_filters=facet_filters,
        facets=facets,
    )


def comment_item(hit: dict) -> dict:
    source = hit["_source"]
    return {
        "comment_id": source["comment_id"],
        "text": source["text"],
        "highlight": fragments(hit, [f"text_{source.get('language')}", "text"]),
        "kind": source["kind"],
        "state": source["state"],
        "resolved": bool(source.get("resolved")),
        "language": source.get("language"),
        "locale": source.get("locale"),
        "page": {
            "id": source["page_id"],
            "title": source.get("page_title"),
            "url": page_url_of(source.get("page_url")),
            "type": page_type_label(source.get("page_type")),
        },
        "author": {"id": source["author_id"], "name": source.get("author_name")}
        if source.get("author_id")
        else None,
        "like_count": source.get("like_count") or 0,
        "reply_count": source.get("reply_count") or 0,
        "sentiment": source.get("sentiment"),
        "sentiment_score": source.get("sentiment_score"),
        "created_at": source["created_at"],
        "thread_id": source.get("thread_id"),
        "parent_id": source.get("parent_id"),
        "score": hit.get("_score"),
    }


def search_comments(
    *,
    q: str | None,
    filters: CommentFilters,
    sort: str | None,
    window: Window,
    facets: list[str] | None,
    everything_visible: bool,
    reader=None,
) -> dict:
    """One page of comments with facet counts; held and removed ones only for moderators."""
    sort = sort or ("relevance" if q else "newest")
    request = comment_request(
        q=q,
        filters=filters,
        everything_visible=everything_visible,
        facets=chosen_facets(facets, FACETS),
        reader=reader,
    )
    body_for = page_body(request, sort=SORTS[sort], window=window)
    response, suggestion = search_forgiving_typos({COMMENTS.alias_name(): TEXT_FIELDS}, q, body_for)
    mark_hits(response, suggestion or q, {"text": False})
    facet_counts = request.facet_counts(response)
    if "page_type" in facet_counts:
        facet_counts["page_type"] = counted_by_label(facet_counts["page_type"])
    return {
        "count": total_hits(response),
        **window.as_response(),
        "sort": sort,
        "items": [comment_item(hit) for hit in response["hits"]["hits"]],
        "facets": facet_counts,
        "took_ms": response.get("took", 0),
        "suggestion": suggestion,
    }
