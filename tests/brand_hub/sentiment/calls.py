"""Writes the sentiment tests make through the API, as a frontend makes them."""

from brand_hub.community.models import CommunityComment
from tests.brand_hub.community.calls import say

COMPLAINING_IDEA = {
    "title": "Mochilas que no se rompan",
    "description": "Mi última mochila llegó rota y la cremallera es horrible.",
    "topics": [],
}


def posted(client, page, text) -> CommunityComment:
    response = say(client, page, text)
    assert response.status_code == 201, response.content
    return CommunityComment.objects.get(pk=response.json()["id"])


def proposed(client, parent, idea: dict = COMPLAINING_IDEA) -> int:
    response = client.post("/api/community/ideas/", {"parent": parent.pk, **idea}, "application/json")
    assert response.status_code == 201, response.content
    return response.json()["id"]
