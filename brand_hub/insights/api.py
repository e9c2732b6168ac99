"""/api/insights/: the co-creation figures for editors, and the page-view beacon for frontends."""

from ninja import Query, Router

from django.conf import settings
from django.utils.translation import gettext as _

from brand_hub.core.errors import NotAllowed
from brand_hub.core.rate_limits import limit
from brand_hub.headless.schemas import ErrorSchema
from brand_hub.users.auth import prosumer_auth, signed_in_user

from . import alerts, kpis, rollups, series, services
from .filters import InsightFilters, parse_filters
from .schemas import Alerts, InsightsQuery, Overview, PageViewCounted, PageViewRequest, Timeline

router = Router(tags=["insights"])
READ_ERRORS = {400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema}


def editor_filters(request, query: InsightsQuery) -> InsightFilters:
    """The validated filters of a reader allowed to see the insights, on fresh roll-ups."""
    if not signed_in_user(request).has_perm("insights.view_insights"):
        raise NotAllowed(_("Only the brand's editors may see the insights."))
    filters = parse_filters(**query.dict(), locales=[code for code, _name in settings.LANGUAGES])
    rollups.ensure_fresh()
    return filters


def applied(filters: InsightFilters) -> dict:
    return {
        "start": filters.start,
        "end": filters.end,
        "locale": filters.locale,
        "scope_type": filters.scope_type,
        "scope_id": filters.scope_id,
        "interval": filters.interval.value,
    }


@router.get(
    "/overview",
    response={200: Overview, **READ_ERRORS},
    auth=prosumer_auth,
    summary="Every objective's figures for a period, locale, board or challenge and group",
)
def overview(request, query: Query[InsightsQuery]):
    filters = editor_filters(request, query)
    return {"filters": applied(filters), **kpis.overview(filters)}


@router.get(
    "/timeline",
    response={200: Timeline, **READ_ERRORS},
    auth=prosumer_auth,
    summary="The figures over time, one point per day, week or month",
)
def timeline(request, query: Query[InsightsQuery]):
    filters = editor_filters(request, query)
    return {"filters": applied(filters), "charts": series.timeline(filters)}


@router.get(
    "/alerts",
    response={200: Alerts, **READ_ERRORS},
    auth=prosumer_auth,
    summary="Negative complaints with no answer from the brand (the period does not apply)",
)
def alert_list(request, query: Query[InsightsQuery]):
    filters = editor_filters(request, query)
    return {"after_hours": settings.INSIGHTS_ALERT_AFTER_HOURS, "items": alerts.alert_rows(filters)}


@router.post(
    "/page-views",
    response={200: PageViewCounted, 400: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema},
    summary="Count a view of a page (frontends send it once per page shown)",
)
def page_view(request, body: PageViewRequest):
    limit(request, "page_view")
    return {"counted": services.record_page_view(page_id=body.page_id, visitor_id=body.visitor_id)}
