"""Page types as v3 names them (`ideas.IdeaPage`): the one spelling of search documents and answers.

Documents indexed before carry the content type's lower-case `ideas.ideapage`; they are filtered,
counted and answered as the same type until `search_reindex` rewrites them.
"""

from functools import cache
from typing import Literal

from wagtail.models import get_page_models


@cache
def labels_by_spelling() -> dict[str, str]:
    """{`ideas.ideapage` or `ideas.IdeaPage`: `ideas.IdeaPage`} for every page type."""
    labels = {}
    for model in get_page_models():
        labels[model._meta.label_lower] = model._meta.label
        labels[model._meta.label] = model._meta.label
    return labels


def page_type_literal():
    """The closed set of page types, for the schemas (built once the apps are loaded)."""
    return Literal[tuple(sorted(set(labels_by_spelling().values())))]  # ty: ignore[invalid-type-form]


def page_type_label(value: str | None) -> str | None:
    """Either spelling as v3's label; anything else as it is."""
    return labels_by_spelling().get(value, value) if value else value


def indexed_spellings(labels: list[str] | None) -> list[str] | None:
    """What a filter on `labels` matches: each label, and its lower-case form in older documents."""
    if not labels:
        return labels
    return list(dict.fromkeys(spelling for label in labels for spelling in (label, label.lower())))


def counted_by_label(buckets: list[dict]) -> list[dict]:
    """A page-type facet with both spellings counted as one label, most hits first."""
    counts: dict[str, int] = {}
    for bucket in buckets:
        label = page_type_label(bucket["value"])
        counts[label] = counts.get(label, 0) + bucket["count"]
    return [{"value": label, "count": count} for label, count in sorted(counts.items(), key=lambda i: -i[1])]
