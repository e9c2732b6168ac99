"""Helpers for search tests: send the outbox, make the changes visible, call the search API."""

from search.client import get_client
from search.indices.comments import COMMENTS
from search.indices.ideas import IDEAS
from search.indices.mentions import MENTIONS
from search.outbox import send_all_due


def send_and_refresh() -> None:
    """What the worker does, then a refresh so that the next search sees it."""
    send_all_due()
    client = get_client()
    for index in (COMMENTS, IDEAS, MENTIONS):
        if index.alias_holders():
            client.indices.refresh(index=index.alias_name())


def found(client, path: str, **params) -> dict:
    response = client.get(f"/api/search{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


def refused(client, path: str, **params) -> dict:
    response = client.get(f"/api/search{path}", params)
    assert response.status_code == 400, response.content
    return response.json()


def facet(results: dict, name: str) -> dict:
    """{value: count} of one facet."""
    return {bucket["value"]: bucket["count"] for bucket in results["facets"][name]}
