"""The Insights dashboard in the Wagtail admin and the CSV download of each of its tables."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from brand_hub.core.db_router import replica_reads

from . import alerts, rollups
from .forms import InsightFiltersForm
from .tables import CARDS, DASHBOARD_ALERTS, TABLES, TABLES_BY_NAME, Figures, period_label

VIEW_INSIGHTS = "insights.view_insights"
#: How each chart is drawn; a chart not named here is a line chart.
CHART_STYLES = {
    "sentiment": {"type": "bar", "stacked": True},
    # Views run to thousands where reactions and votes run to tens: they get the right-hand axis.
    "reach": {"type": "line", "stacked": False, "secondary": ["page_views"]},
}


def editor_form(request) -> InsightFiltersForm:
    if not request.user.has_perm(VIEW_INSIGHTS):
        raise PermissionDenied
    return InsightFiltersForm(request.GET)


def chart_data(figures: Figures) -> list[dict]:
    """Each chart as dashboard.js reads it from its json_script tag."""
    return [
        {
            "key": chart["key"],
            "title": chart["title"],
            "element_id": f"insights-chart-{chart['key']}",
            "data": {
                **CHART_STYLES.get(chart["key"], {"type": "line", "stacked": False}),
                "labels": [period_label(day, figures.filters.interval) for day in chart["periods"]],
                "series": chart["series"],
            },
        }
        for chart in figures.charts
    ]


# The figures come from the replica when there is one, as in the API (brand_hub/insights/api.py).
@replica_reads()
def dashboard(request):
    form = editor_form(request)
    context = {"form": form, "filters": None}
    if form.is_valid():
        as_of = rollups.ensure_fresh()
        figures = Figures(form.filters, alert_limit=DASHBOARD_ALERTS)
        query = request.GET.urlencode()
        tables = {}
        for table in TABLES:
            rows = table.rows(figures)
            tables[table.name] = {
                "definition": table,
                "component": table.component(rows),
                "count": len(rows),
                "csv_url": f"{reverse('insights_export', args=[table.name])}?{query}",
            }
        context.update(
            filters=figures.filters,
            figures_as_of=as_of,
            cards=[(card, card.shown_values(figures)) for card in CARDS],
            charts=chart_data(figures),
            dashboard_alerts=DASHBOARD_ALERTS,
            longest_alert_list=alerts.LONGEST_LIST,
            tables=tables,
        )
    return TemplateResponse(request, "insights/admin/dashboard.html", context)


@replica_reads()
def export(request, table: str):
    """One table as CSV: a header row of column names, then its rows, for the same filters as the page."""
    form = editor_form(request)
    definition = TABLES_BY_NAME.get(table)
    if definition is None:
        raise Http404(_("No such insights table."))
    if not form.is_valid():
        problems = [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
        return HttpResponse("\n".join(problems), status=400, content_type="text/plain; charset=utf-8")
    rollups.ensure_fresh()
    filters = form.filters
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="insights-{definition.name}-{filters.start}-{filters.end}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(definition.header())
    writer.writerows(definition.csv_row(row) for row in definition.rows(Figures(filters)))
    return response
