"""Full-text and faceted search over ideas, and the ideas closest to a draft."""

from dataclasses import dataclass

from search.indices.fields import LANGUAGES
from search.indices.ideas import IDEAS
from search.language import FUNCTION_WORDS

from .base import (
    Facet,
    FacetedRequest,
    Window,
    chosen_facets,
    fragments,
    page_body,
    page_url_of,
    publicly_visible,
    run_search,
    term_filter,
    total_hits,
)
from .comments import full_text
from .matching import mark_hits, search_forgiving_typos

TITLE_FIELDS = ["title", *(f"title_{language}" for language in LANGUAGES)]
DESCRIPTION_FIELDS = ["description", *(f"description_{language}" for language in LANGUAGES)]
# A title match says more about an idea than a word somewhere in its description.
SEARCHED_FIELDS = [f"{name}^2" for name in TITLE_FIELDS] + DESCRIPTION_FIELDS
SORTS = {
    "relevance": ["_score", {"vote_count": "desc"}, {"idea_id": "desc"}],
    "newest": [{"created_at": {"order": "desc", "missing": "_last"}}, {"idea_id": "desc"}],
    "top": [{"vote_count": "desc"}, "_score", {"idea_id": "desc"}],
}
FACETS = {
    facet.name: facet
    for facet in (
        Facet("status", "status", "status"),
        Facet("locale", "locale", "locale"),
        Facet("parent_type", "parent_type", "parent_type"),
        Facet("topics", "topics", "topic", size=30),
        Facet("challenge", "challenge_id", "challenge"),
        Facet("board", "board_id", "board"),
        Facet("sentiment", "sentiment", "sentiment"),
        Facet("state", "state", "state"),
    )
}
#: more_like_this ignores these: in a two-line draft "de" or "the" would otherwise count as shared words.
STOP_WORDS = sorted(set().union(*FUNCTION_WORDS.values()))


@dataclass(frozen=True)
class IdeaFilters:
    status: list[str] | None = None
    locale: list[str] | None = None
    board: list[int] | None = None
    challenge: list[int] | None = None
    parent_type: list[str] | None = None
    topic: list[str] | None = None
    author: int | None = None
    sentiment: list[str] | None = None
    state: list[str] | None = None


def visibility(everything_visible: bool, reader=None) -> list[dict]:
    """Drafts in moderation, rejected and merged ideas are for editors and moderators."""
    return [] if everything_visible else publicly_visible(reader)


def idea_item(hit: dict) -> dict:
    source = hit["_source"]
    language = source.get("language")
    return {
        "id": source["idea_id"],
        "title": source["title"],
        "description": source.get("description") or "",
        "highlight": {
            "title": (fragments(hit, [f"title_{language}", "title"]) or [None])[0],
            "description": fragments(hit, [f"description_{language}", "description"]),
        },
        "status": source.get("status"),
        "state": source.get("state"),
        "locale": source.get("locale"),
        "language": language,
        "topics": source.get("topics") or [],
        "vote_count": source.get("vote_count") or 0,
        "comment_count": source.get("comment_count") or 0,
        "sentiment": source.get("sentiment"),
        "sentiment_score": source.get("sentiment_score"),
        "url": page_url_of(source.get("url")),
        "parent": {"id": source["parent_id"], "type": source.get("parent_type")}
        if source.get("parent_id")
        else None,
        "author": {"id": source["author_id"], "name": source.get("author_name")}
        if source.get("author_id")
        else None,
        "created_at": source.get("created_at"),
        "score": hit.get("_score"),
    }


def search_ideas(
    *,
    q: str | None,
    filters: IdeaFilters,
    sort: str | None,
    window: Window,
    facets: list[str] | None,
    everything_visible: bool,
    reader=None,
) -> dict:
    """One page of ideas with facet counts; unpublished ones only for editors and moderators."""
    sort = sort or ("relevance" if q else "top")
    query_filters = visibility(everything_visible, reader)
    if filters.author is not None:
        query_filters.append(term_filter("author_id", filters.author))
    facet_filters = {
        name: clause
        for name, clause in {
            "status": term_filter("status", filters.status),
            "locale": term_filter("locale", filters.locale),
            "parent_type": term_filter("parent_type", filters.parent_type),
            "topic": term_filter("topics", filters.topic),
            "challenge": term_filter("challenge_id", filters.challenge),
            "board": term_filter("board_id", filters.board),
            "sentiment": term_filter("sentiment", filters.sentiment),
            "state": term_filter("state", filters.state),
        }.items()
        if clause is not None
    }
    request = FacetedRequest(
        query=full_text(q, SEARCHED_FIELDS),
        query_filters=query_filters,
        facet_filters=facet_filters,
        facets=chosen_facets(facets, FACETS),
    )
    body_for = page_body(request, sort=SORTS[sort], window=window)
    response, suggestion = search_forgiving_typos({IDEAS.alias_name(): SEARCHED_FIELDS}, q, body_for)
    mark_hits(response, suggestion or q, {"title": True, "description": False})
    return {
        "count": total_hits(response),
        **window.as_response(),
        "sort": sort,
        "items": [idea_item(hit) for hit in response["hits"]["hits"]],
        "facets": request.facet_counts(response),
        "took_ms": response.get("took", 0),
        "suggestion": suggestion,
    }


def similar_ideas(
    *, text: str, exclude: int | None, locale: str | None, limit: int, reader=None
) -> list[dict]:
    """Published ideas that share the draft's words in any of their forms, closest first.

    `more_like_this` with the draft as `like` text: each field analyses it its own way, so a Spanish
    draft meets Spanish ideas through `title_es` whatever the inflection. Drafts are short, so one
    occurrence of a word is enough to pick it (min_term_freq, min_doc_freq).
    """
    filters = visibility(False, reader)
    if locale:
        filters.append({"term": {"locale": locale}})
    query = {
        "bool": {
            "must": [
                {
                    "more_like_this": {
                        "fields": TITLE_FIELDS + DESCRIPTION_FIELDS,
                        "like": text,
                        "min_term_freq": 1,
                        "min_doc_freq": 1,
                        "max_query_terms": 30,
                        "minimum_should_match": "30%",
                        "stop_words": STOP_WORDS,
                    }
                }
            ],
            "filter": filters,
            "must_not": [{"term": {"idea_id": exclude}}] if exclude is not None else [],
        }
    }
    response = run_search(
        [IDEAS.alias_name()],
        {"query": query, "size": limit, "_source": ["idea_id", "title", "url", "status", "vote_count"]},
    )
    return [
        {
            "id": hit["_source"]["idea_id"],
            "title": hit["_source"]["title"],
            "url": page_url_of(hit["_source"].get("url")),
            "status": hit["_source"].get("status"),
            "vote_count": hit["_source"].get("vote_count") or 0,
            "score": hit["_score"],
        }
        for hit in response["hits"]["hits"]
    ]
