"""Moderating a selection of comments at once: through the API and with the desk's checkboxes, one comment
at a time through the moderation services, each checked and reported on its own."""

import pytest

from django.test import Client

from brand_hub.community.models import CommentState, CommunityComment
from brand_hub.community.moderation import BULK_MAX_COMMENTS
from brand_hub.community.signals import comment_resolved, comment_state_changed
from brand_hub.community_groups.services import set_group_moderator

from .calls import say

pytestmark = pytest.mark.django_db

JSON = "application/json"
BULK = "/api/community/moderation/bulk"
DESK = "/admin/community/comments/"


def said(client, page, text, *, state=CommentState.PUBLISHED, **extra) -> int:
    response = say(client, page, text, **extra)
    assert response.status_code == 201, response.content
    comment_id = response.json()["id"]
    if state != CommentState.PUBLISHED:
        CommunityComment.objects.filter(pk=comment_id).update(
            state=state, is_public=False, is_removed=state == CommentState.REMOVED
        )
    return comment_id


def bulk(client, action, comment_ids):
    return client.post(BULK, {"action": action, "comment_ids": comment_ids}, content_type=JSON)


def states(*comment_ids) -> list[str]:
    found = dict(CommunityComment.objects.filter(pk__in=comment_ids).values_list("pk", "state"))
    return [found[pk] for pk in comment_ids]


@pytest.fixture
def state_changes():
    """Every comment_state_changed sent, as (comment id, previous, new, by)."""
    heard = []

    def hear(sender, comment, previous, by=None, **kwargs):
        heard.append((comment.pk, previous, comment.state, by))

    comment_state_changed.connect(hear, weak=False)
    yield heard
    comment_state_changed.disconnect(hear)


@pytest.fixture
def resolutions():
    """The ids of the comments comment_resolved was sent for."""
    heard = []

    def hear(sender, comment, **kwargs):
        heard.append(comment.pk)

    comment_resolved.connect(hear, weak=False)
    yield heard
    comment_resolved.disconnect(hear)


def test_a_moderator_moderates_a_selection_and_gets_a_result_per_comment(
    post, lucia, moderator, state_changes, resolutions
):
    first = said(lucia, post, "Primero", state=CommentState.HELD)
    second = said(lucia, post, "Segundo", state=CommentState.HELD)
    removed = said(lucia, post, "Quitado", state=CommentState.REMOVED)
    published = said(lucia, post, "Publicado")

    response = bulk(moderator, "approve", [first, second, removed, published, 999999, first])
    assert response.status_code == 200, response.content
    answer = response.json()
    assert (answer["done"], answer["skipped"]) == (2, 3)
    assert [
        (item["comment_id"], item["outcome"], item["reason"], item["state"]) for item in answer["results"]
    ] == [
        (first, "done", "", "published"),
        (second, "done", "", "published"),
        (removed, "skipped", "ya eliminado", "removed"),
        (published, "skipped", "ya publicado", "published"),
        (999999, "not_found", "ningún comentario tiene este id", None),
    ]
    # In the moderator's language (Spanish, the site's first): "2 approved, 1 skipped: already removed, ..."
    assert answer["summary"] == (
        "2 aprobados, 1 sin cambios: ya eliminado, 1 sin cambios: ya publicado, "
        "1 sin cambios: ningún comentario tiene este id"
    )
    assert states(first, second, removed) == ["published", "published", "removed"]
    # One signal per comment changed, each by the moderator: the audit log hears of every one.
    assert state_changes == [
        (first, "held", "published", moderator.user),
        (second, "held", "published", moderator.user),
    ]

    # Resolve and remove skip what they would not change as well.
    complaint = said(lucia, post, "Llegó roto", kind="complaint")
    praise = said(lucia, post, "¡Me encanta!", kind="praise")
    answer = bulk(moderator, "resolve", [complaint, praise]).json()
    assert [item["outcome"] for item in answer["results"]] == ["done", "skipped"]
    assert answer["results"][1]["reason"] == "no es una queja ni una pregunta"
    assert resolutions == [complaint]
    assert bulk(moderator, "resolve", [complaint]).json()["results"][0]["reason"] == "ya resuelto"

    answer = bulk(moderator, "remove", [complaint, praise]).json()
    assert answer["done"] == 2 and states(complaint, praise) == ["removed", "removed"]
    summary = bulk(moderator, "remove", [praise]).json()["summary"]
    assert summary == "0 eliminados, 1 sin cambios: ya eliminado"


def test_a_group_moderator_moderates_a_selection_only_in_their_group_and_others_not_at_all(
    destination, post, lucia, marek
):
    group = destination["group"]
    set_group_moderator(group=group, member=marek.user)
    in_group = said(lucia, group, "En el grupo", state=CommentState.HELD)
    on_post = said(lucia, post, "En el blog", state=CommentState.HELD)

    answer = bulk(marek, "approve", [in_group, on_post]).json()
    assert [(item["outcome"], item["state"]) for item in answer["results"]] == [
        ("done", "published"),
        ("not_allowed", None),
    ]
    assert states(in_group, on_post) == ["published", "held"]

    # Someone who moderates nowhere is refused outright, and so is a visitor.
    refused = bulk(lucia, "approve", [on_post])
    assert refused.status_code == 403 and refused.json()["errors"]
    assert (
        Client().post(BULK, {"action": "approve", "comment_ids": [on_post]}, content_type=JSON).status_code
        == 401
    )
    assert states(on_post) == ["held"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"action": "approve", "comment_ids": []}, "comment_ids"),
        ({"action": "approve", "comment_ids": list(range(1, BULK_MAX_COMMENTS + 2))}, "comment_ids"),
        ({"action": "approve", "comment_ids": ["x"]}, "comment_ids"),
        ({"action": "approve", "comment_ids": [0]}, "comment_ids"),
        ({"action": "delete", "comment_ids": [1]}, "action"),
        ({"action": "approve"}, "comment_ids"),
    ],
)
def test_bad_input_to_bulk_moderation_is_a_400_naming_the_field(moderator, body, field):
    response = moderator.post(BULK, body, content_type=JSON)
    assert response.status_code == 400, response.content
    assert any(field in error["field"] for error in response.json()["errors"]), response.json()


def test_a_moderator_ticks_comments_at_the_desk_confirms_and_reads_the_summary_and_a_prosumer_cannot(
    post, lucia, moderator, state_changes
):
    first = said(lucia, post, "Primero retenido", state=CommentState.HELD)
    second = said(lucia, post, "Segundo retenido", state=CommentState.HELD)
    removed = said(lucia, post, "Ya quitado", state=CommentState.REMOVED)

    desk = moderator.get(DESK).content.decode()
    assert desk.count("data-bulk-action-checkbox") == 3
    assert (
        "data-bulk-action-select-all-checkbox" in desk
        and "/admin/bulk/community/communitycomment/approve/" in desk
    )

    url = f"/admin/bulk/community/communitycomment/approve/?id={first}&id={second}&id={removed}&next={DESK}"
    confirmation = moderator.get(url)
    assert confirmation.status_code == 200
    page = confirmation.content.decode()
    assert "Primero retenido" in page and "Se omite: ya eliminado" in page and "Sí, aprobar" in page
    assert states(first, second, removed) == ["held", "held", "removed"]  # nothing before confirming

    done = moderator.post(url, follow=True)
    assert done.redirect_chain[-1][0] == DESK
    assert states(first, second, removed) == ["published", "published", "removed"]
    assert "2 aprobados, 1 sin cambios: ya eliminado" in done.content.decode()
    assert sorted(change[0] for change in state_changes) == [first, second]

    # A prosumer never reaches it; ids that name nothing are left out.
    held = said(lucia, post, "Retenido", state=CommentState.HELD)
    url = f"/admin/bulk/community/communitycomment/remove/?id={held}&id=abc&id=99999999999"
    assert lucia.post(url).status_code in (302, 403)  # a prosumer has no admin access at all
    assert states(held) == ["held"]
    assert moderator.get(url).status_code == 200
    moderator.post(url)
    assert states(held) == ["removed"]
    nothing = moderator.get("/admin/bulk/community/communitycomment/remove/?id=abc")
    assert nothing.status_code == 200 and "Nada que hacer" in nothing.content.decode()
