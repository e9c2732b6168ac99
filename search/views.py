"""The editors' Knowledge base in the Wagtail admin: the comment search with facets and highlights."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.models import get_page_models

from brand_hub.community.models import CommentKind, CommentState
from brand_hub.sentiment.labels import Sentiment

from .client import elasticsearch_url
from .queries.base import SearchUnavailable, Window
from .queries.comments import CommentFilters, search_comments

PAGE_SIZE = 20
FACET_LABELS = {
    "kind": _("Kind"),
    "locale": _("Language of the page"),
    "resolved": _("Resolved"),
    "state": _("Moderation state"),
    "page_type": _("Page type"),
    "sentiment": _("Sentiment"),
}


def page_type_choices() -> list[tuple[str, str]]:
    """Page types as v3 and the search name them (`blog.BlogPage`), shown by their verbose names."""
    return [(model._meta.label, capfirst(model._meta.verbose_name)) for model in get_page_models()]


def value_labels(name: str) -> dict[str, str]:
    """A facet's or a result's stored values in the words the admin uses for them elsewhere."""
    if name == "resolved":
        return {"true": _("Yes"), "false": _("No")}
    if name == "page_type":
        return dict(page_type_choices())
    choices = {
        "kind": CommentKind.choices,
        "state": CommentState.choices,
        "sentiment": Sentiment.choices,
        "locale": settings.LANGUAGES,
        "language": settings.LANGUAGES,
    }[name]
    return dict(choices)


class KnowledgeSearchForm(forms.Form):
    q = forms.CharField(label=_("Search comments"), required=False)
    kind = forms.MultipleChoiceField(choices=CommentKind.choices, required=False)
    locale = forms.MultipleChoiceField(choices=settings.LANGUAGES, required=False)
    state = forms.MultipleChoiceField(choices=CommentState.choices, required=False)
    sentiment = forms.MultipleChoiceField(choices=Sentiment.choices, required=False)
    resolved = forms.NullBooleanField(required=False)
    page_type = forms.MultipleChoiceField(choices=page_type_choices, required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.ChoiceField(
        choices=[("relevance", _("Relevance")), ("newest", _("Newest")), ("oldest", _("Oldest"))],
        required=False,
    )
    page = forms.IntegerField(min_value=1, required=False)


def _facet_links(request, facets: dict) -> list[dict]:
    """Each facet value as a link that toggles it in the current query string."""
    groups = []
    for name, label in FACET_LABELS.items():
        labels = value_labels(name)
        values = []
        for bucket in facets.get(name, []):
            value = str(bucket["value"]).lower() if name == "resolved" else str(bucket["value"])
            query = request.GET.copy()
            query.pop("page", None)
            chosen = query.getlist(name)
            if value in chosen:
                query.setlist(name, [item for item in chosen if item != value])
            elif name == "resolved":
                query[name] = value
            else:
                query.appendlist(name, value)
            values.append(
                {
                    "value": value,
                    "label": labels.get(value, value),
                    "count": bucket["count"],
                    "active": value in chosen,
                    "query": query.urlencode(),
                }
            )
        if values:
            groups.append({"name": name, "label": label, "values": values})
    return groups


def knowledge_base(request):
    if not request.user.has_perm("community.moderate_comment"):
        raise PermissionDenied
    form = KnowledgeSearchForm(request.GET or None)
    context = {
        "form": form,
        "results": None,
        "error": None,
        "facets": [],
        # Facet choices ride along when the search box is submitted again.
        "kept_filters": [
            (name, value)
            for name in ("kind", "locale", "state", "sentiment", "resolved", "page_type")
            for value in request.GET.getlist(name)
        ],
    }
    if form.is_valid():
        data = form.cleaned_data
        page = data.get("page") or 1
        filters = CommentFilters(
            kind=data["kind"] or None,
            locale=data["locale"] or None,
            state=data["state"] or None,
            sentiment=data["sentiment"] or None,
            resolved=data["resolved"],
            page_type=data["page_type"] or None,
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
        try:
            results = search_comments(
                q=data["q"] or None,
                filters=filters,
                sort=data["sort"] or None,
                window=Window(offset=(page - 1) * PAGE_SIZE, size=PAGE_SIZE),
                facets=list(FACET_LABELS),
                everything_visible=True,
            )
        except SearchUnavailable as unavailable:
            context["error"] = unavailable.message
            context["elasticsearch_url"] = elasticsearch_url()
        else:
            desk = reverse("community_comments:index")
            labels = {name: value_labels(name) for name in ("kind", "state", "sentiment", "language")}
            for item in results["items"]:
                item["labels"] = {
                    name: labels[name].get(item.get(name), item.get(name))
                    for name in labels
                    if item.get(name)
                }
                item["moderation_url"] = f"{desk}?q={item['comment_id']}"
                item["inspect_url"] = reverse("community_comments:inspect", args=[item["comment_id"]])
            query = request.GET.copy()
            query["page"] = page + 1
            corrected = request.GET.copy()
            corrected["q"] = results["suggestion"] or ""
            corrected.pop("page", None)
            context.update(
                results=results,
                suggestion_query=corrected.urlencode(),
                facets=_facet_links(request, results["facets"]),
                next_query=query.urlencode() if page * PAGE_SIZE < results["count"] else None,
            )
    return TemplateResponse(request, "search/admin/knowledge_base.html", context)
