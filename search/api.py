"""Knowledge search over the API: comments, ideas, similar ideas and trending topics."""

from ninja import Query

from brand_hub.community.moderation import can_moderate
from brand_hub.headless.router import ProjectRouter
from brand_hub.headless.schemas import ErrorSchema, PageQuery
from brand_hub.users.auth import optional_user

from .queries.base import Window
from .queries.comments import CommentFilters, search_comments
from .queries.everything import EverythingFilters, search_everything
from .queries.ideas import IdeaFilters, search_ideas, similar_ideas
from .queries.trending import trending_terms
from .schemas import (
    CommentResultsSchema,
    CommentSearchQuery,
    EverythingQuery,
    EverythingResultsSchema,
    IdeaResultsSchema,
    IdeaSearchQuery,
    SimilarIdeaSchema,
    SimilarIdeasQuery,
    TrendingQuery,
    TrendingTermSchema,
)

router = ProjectRouter(tags=["search"])

ERRORS = {400: ErrorSchema, 503: ErrorSchema}


def sees_everything(request) -> bool:
    """Moderators, editors and administrators: held comments and unpublished ideas too."""
    return can_moderate(optional_user(request))


def window_of(query: PageQuery) -> Window:
    return Window.from_params(limit=query.limit, offset=query.offset)


def filters_of(query, filters_class):
    return filters_class(**{name: getattr(query, name) for name in filters_class.__dataclass_fields__})


@router.get("", response={200: EverythingResultsSchema, **ERRORS}, summary="Search everything")
def everything(request, query: Query[EverythingQuery]):
    """Comments and ideas together (and mentions, for moderators and editors), each hit with its `type`;
    the `type` facet counts each kind, `source` the site and each network."""
    return search_everything(
        q=query.q,
        filters=filters_of(query, EverythingFilters),
        sort=query.sort,
        window=window_of(query),
        facets=query.facet_names(),
        everything_visible=sees_everything(request),
        reader=optional_user(request),
    )


@router.get("/comments", response={200: CommentResultsSchema, **ERRORS}, summary="Search comments")
def comments(request, query: Query[CommentSearchQuery]):
    """Everyone sees published comments; moderators also held and removed ones, each with its state.

    Each facet counts the hits as if its own filter were not set, so a screen can offer its other values.
    """
    return search_comments(
        q=query.q,
        filters=filters_of(query, CommentFilters),
        sort=query.sort,
        window=window_of(query),
        facets=query.facet_names(),
        everything_visible=sees_everything(request),
        reader=optional_user(request),
    )


@router.get("/ideas", response={200: IdeaResultsSchema, **ERRORS}, summary="Search ideas")
def ideas(request, query: Query[IdeaSearchQuery]):
    """Published ideas for everyone; editors and moderators also drafts, rejected and merged ones."""
    return search_ideas(
        q=query.q,
        filters=filters_of(query, IdeaFilters),
        sort=query.sort,
        window=window_of(query),
        facets=query.facet_names(),
        everything_visible=sees_everything(request),
        reader=optional_user(request),
    )


@router.get("/ideas/similar", response={200: list[SimilarIdeaSchema], **ERRORS}, summary="Ideas like a draft")
def similar(request, query: Query[SimilarIdeasQuery]):
    """While a prosumer types an idea: published ideas that may already say the same, closest first."""
    return similar_ideas(
        text=query.text,
        exclude=query.exclude,
        locale=query.locale,
        limit=query.limit,
        reader=optional_user(request),
    )


@router.get(
    "/trending", response={200: list[TrendingTermSchema], **ERRORS}, summary="Words trending in comments"
)
def trending(request, query: Query[TrendingQuery]):
    """Words far more frequent in the last days' published comments than in all of them, by stem."""
    reader = optional_user(request)
    return trending_terms(
        locale=query.locale, group=query.group, days=query.days, size=query.size, reader=reader
    )
