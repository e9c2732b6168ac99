"""/api/insights/: the co-creation figures for editors, and the page-view beacon for frontends."""

from dataclasses import asdict

from ninja import Query

from django.conf import settings
from django.utils.translation import gettext as _

from brand_hub.apikeys.auth import ApiKeyAuth
from brand_hub.apikeys.models import ApiKey, ApiScope
from brand_hub.core.db_router import replica_reads
from brand_hub.core.errors import NotAllowed
from brand_hub.core.rate_limits import limit
from brand_hub.headless.router import ProjectRouter
from brand_hub.headless.schemas import ErrorSchema
from brand_hub.users.auth import optional_user, prosumer_auth, signed_in_user

from . import alerts, influence, kpis, rollups, series, services
from .filters import InsightFilters, parse_filters
from .schemas import (
    Alerts,
    Influencers,
    InfluencersQuery,
    InsightsQuery,
    Overview,
    PageViewCounted,
    PageViewRequest,
    Timeline,
)

router = ProjectRouter(tags=["insights"])
# The figures are read from the replica when there is one (@replica_reads), editors' requests included:
# they are roll-ups refreshed every INSIGHTS_MAX_AGE_SECONDS, which a second of lag does not change.
READ_ERRORS = {400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema}


#: Editors sign in; a server-to-server client (a BI tool) sends an API key allowed insights:read.
reader_auth = [*prosumer_auth, ApiKeyAuth(ApiScope.INSIGHTS_READ)]


def editor_filters(request, query: InsightsQuery) -> InsightFilters:
    """The validated filters of a reader allowed to see the insights: an editor, or a key allowed them."""
    if not isinstance(request.auth, ApiKey) and not signed_in_user(request).has_perm(
        "insights.view_insights"
    ):
        raise NotAllowed(_("Only the brand's editors may see the insights."))
    chosen = query.dict(include={"start", "end", "locale", "board", "group", "interval", "scope"})
    return parse_filters(**chosen, locales=[code for code, _name in settings.LANGUAGES])


@router.get(
    "/overview",
    response={200: Overview, **READ_ERRORS},
    auth=reader_auth,
    summary="Every objective's figures for a period, locale, board or challenge and group",
)
@replica_reads()
def overview(request, query: Query[InsightsQuery]):
    filters = editor_filters(request, query)
    as_of = rollups.ensure_fresh()
    return {"filters": filters, "figures_as_of": as_of, **kpis.overview(filters)}


@router.get(
    "/timeline",
    response={200: Timeline, **READ_ERRORS},
    auth=reader_auth,
    summary="The figures over time, one point per day, week or month",
)
@replica_reads()
def timeline(request, query: Query[InsightsQuery]):
    filters = editor_filters(request, query)
    as_of = rollups.ensure_fresh()
    return {"filters": filters, "figures_as_of": as_of, "charts": series.timeline(filters)}


@router.get(
    "/alerts",
    response={200: Alerts, **READ_ERRORS},
    auth=reader_auth,
    summary="Negative complaints with no answer from the brand, and negative mentions of high reach",
)
@replica_reads()
def alert_list(request, query: Query[InsightsQuery]):
    filters = editor_filters(request, query)
    return {
        "after_hours": settings.INSIGHTS_ALERT_AFTER_HOURS,
        "items": alerts.alert_rows(filters),
        "mention_reach_from": settings.INSIGHTS_MENTION_ALERT_REACH,
        "mentions": alerts.negative_mentions_with_high_reach(filters),
    }


@router.get(
    "/influencers",
    response={200: Influencers, **READ_ERRORS},
    auth=reader_auth,
    summary="The most influential prosumers of everyone, a locale or a group, with their figures",
    description=(
        "Scores come from `manage.py insights_influence` (run it nightly): weighted PageRank over who "
        "responds to whom in the last INSIGHTS_INFLUENCE_WINDOW_DAYS days. The period does not apply; "
        "`group` picks a group's ranking, else `locale` a locale's, else everyone's."
    ),
)
@replica_reads()
def influencers(request, query: Query[InfluencersQuery]):
    filters = editor_filters(request, query)
    rows = influence.top_influencers(scope=filters.influence_scope, limit=query.limit)
    return {
        "scope": filters.influence_scope,
        "computed_at": rows[0].computed_at if rows else None,
        "items": [{**asdict(row), "name": row.display_name} for row in rows],
    }


@router.post(
    "/page-views",
    response={200: PageViewCounted, 400: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema},
    summary="Count a view of a page (frontends send it once per page shown)",
)
def page_view(request, body: PageViewRequest):
    limit(request, "page_view")
    counted = services.record_page_view(
        page_id=body.page_id, visitor_id=body.visitor_id, reader=optional_user(request)
    )
    return {"counted": counted}
