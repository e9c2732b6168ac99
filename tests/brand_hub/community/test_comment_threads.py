"""A comment thread's whole life through the API: post, reply, react, flag, hold, approve, resolve."""

from datetime import datetime, timedelta

import pytest

from django.test import Client, override_settings
from django.utils import timezone

from wagtail.models import PageViewRestriction

from brand_hub.community.models import BlockedTerm, CommentState, CommunityComment

from .calls import say, thread

pytestmark = pytest.mark.django_db

JSON = "application/json"


def react(client, comment_id, value):
    return client.put(f"/api/community/comments/{comment_id}/reaction", {"value": value}, content_type=JSON)


def flag(client, comment_id, reason="spam", note=""):
    return client.post(
        f"/api/community/comments/{comment_id}/flags", {"reason": reason, "note": note}, content_type=JSON
    )


def moderate(client, comment_id, action, **extra):
    return client.post(
        f"/api/community/comments/{comment_id}/moderation", {"action": action, **extra}, content_type=JSON
    )


@override_settings(COMMENTS_HOLD_AFTER_FLAGS=2)
def test_a_thread_lives_from_complaint_to_resolution(post, lucia, marek, moderator, roles, django_user_model):
    from tests.conftest import person

    complaint = say(lucia, post, "Las botas se despegaron a los dos meses.", kind="complaint")
    assert complaint.status_code == 201, complaint.content
    complaint_id = complaint.json()["id"]
    assert complaint.json()["language"] == post.locale.language_code
    assert complaint.json()["kind"] == "complaint" and complaint.json()["state"] == "published"

    reply = say(marek, post, "A mí me pasó lo mismo.", parent_id=complaint_id)
    assert (
        reply.status_code == 201 and reply.json()["parent_id"] == complaint_id and reply.json()["level"] == 1
    )

    assert react(marek, complaint_id, "like").status_code == 200
    assert react(moderator, complaint_id, "dislike").status_code == 200
    assert react(moderator, complaint_id, "like").status_code == 200  # switching, still one reaction each
    assert react(marek, complaint_id, "like").status_code == 200  # the same again changes nothing

    listing = thread(Client(), post).json()
    assert listing["count"] == 1
    root = listing["items"][0]
    assert (root["like_count"], root["dislike_count"], root["reply_count"]) == (2, 0, 1)
    assert root["replies"][0]["html"] == "<p>A mí me pasó lo mismo.</p>"
    assert root["flag_count"] is None  # moderators only

    spam_reply = reply.json()["id"]
    ana = person(django_user_model, "ana", "Prosumers")
    assert flag(lucia, spam_reply, "off_topic", "Nada que ver").status_code == 201
    assert flag(lucia, spam_reply).status_code == 409
    assert CommunityComment.objects.get(pk=spam_reply).state == CommentState.PUBLISHED
    assert flag(ana, spam_reply, "abuse").status_code == 201
    held = CommunityComment.objects.get(pk=spam_reply)
    assert (held.state, held.hold_reason, held.flag_count) == (CommentState.HELD, "flags", 2)

    assert thread(Client(), post).json()["items"][0]["replies"] == []
    assert thread(lucia, post).json()["items"][0]["replies"] == []
    assert (
        thread(marek, post).json()["items"][0]["replies"][0]["state"] == "held"
    )  # its author sees it waiting
    seen_by_moderator = thread(moderator, post).json()["items"][0]["replies"][0]
    assert (seen_by_moderator["state"], seen_by_moderator["flag_count"]) == ("held", 2)

    assert moderate(lucia, spam_reply, "approve").status_code == 403
    approved = moderate(moderator, spam_reply, "approve")
    assert approved.status_code == 200 and approved.json()["state"] == "published"
    assert thread(Client(), post).json()["items"][0]["replies"][0]["id"] == spam_reply

    assert moderate(moderator, spam_reply, "resolve").json()["errors"][0]["field"] == "kind"
    resolved = moderate(moderator, complaint_id, "resolve")
    assert resolved.status_code == 200
    stored = CommunityComment.objects.get(pk=complaint_id)
    assert stored.resolved_by == moderator.user and stored.resolved_at is not None
    assert thread(Client(), post).json()["items"][0]["resolution"]["resolved_by"] == "Tomasz"

    removed = moderate(moderator, complaint_id, "remove")
    assert removed.status_code == 200
    public_root = thread(Client(), post).json()["items"][0]
    assert public_root["state"] == "removed" and public_root["html"] is None and public_root["author"] is None
    assert len(public_root["replies"]) == 1  # the replies keep their place


def test_replies_stop_at_the_configured_depth(post, lucia, marek, settings):
    settings.COMMENTS_XTD_MAX_THREAD_LEVEL = 2
    parent_id = say(lucia, post, "Nivel cero").json()["id"]
    for level in (1, 2):
        response = say(marek if level % 2 else lucia, post, f"Nivel {level}", parent_id=parent_id)
        assert response.status_code == 201 and response.json()["level"] == level
        parent_id = response.json()["id"]
    too_deep = say(marek, post, "Nivel 3", parent_id=parent_id)
    assert too_deep.status_code == 400
    assert too_deep.json()["errors"][0]["field"] == "parent_id"
    assert CommunityComment.objects.count() == 3


def test_an_author_edits_within_the_window_and_no_one_else_can(post, lucia, marek, moderator):
    comment_id = say(lucia, post, "Primera versión", kind="question").json()["id"]
    url = f"/api/community/comments/{comment_id}"

    assert marek.patch(url, {"text": "Cambiado por otro"}, content_type=JSON).status_code == 403
    edited = lucia.patch(url, {"text": "Segunda versión"}, content_type=JSON)
    assert edited.status_code == 200 and edited.json()["edited_at"] is not None
    assert edited.json()["html"] == "<p>Segunda versión</p>"

    assert moderator.patch(url, {"kind": "complaint"}, content_type=JSON).json()["kind"] == "complaint"

    CommunityComment.objects.filter(pk=comment_id).update(submit_date=timezone.now() - timedelta(hours=1))
    late = lucia.patch(url, {"text": "Tercera versión"}, content_type=JSON)
    assert late.status_code == 409 and late.json()["errors"][0]["field"] == "text"
    assert CommunityComment.objects.get(pk=comment_id).comment == "<p>Segunda versión</p>"


def test_a_comment_tells_its_author_alone_that_it_is_theirs_and_until_when_it_may_be_edited(
    post, lucia, marek, settings
):
    settings.COMMENTS_EDIT_WINDOW_MINUTES = 15
    posted = say(lucia, post, "Mío").json()
    window_end = datetime.fromisoformat(posted["created_at"]) + timedelta(minutes=15)

    mine = thread(lucia, post).json()["items"][0]
    assert mine["is_mine"] is True and datetime.fromisoformat(mine["editable_until"]) == window_end
    for other in (marek, Client()):
        theirs = thread(other, post).json()["items"][0]
        assert (theirs["is_mine"], theirs["editable_until"]) == (False, None)

    lucia.delete(f"/api/community/comments/{posted['id']}")
    removed = thread(lucia, post).json()["items"][0]
    assert (removed["is_mine"], removed["editable_until"]) == (True, None)


def test_a_resolved_complaint_re_kinded_as_praise_over_the_api_is_no_longer_resolved(post, lucia, moderator):
    comment_id = say(lucia, post, "Llegó tarde", kind="complaint").json()["id"]
    assert moderate(moderator, comment_id, "resolve").json()["resolution"] is not None

    changed = moderator.patch(f"/api/community/comments/{comment_id}", {"kind": "praise"}, content_type=JSON)

    assert changed.status_code == 200
    assert changed.json()["kind"] == "praise" and changed.json()["resolution"] is None
    assert CommunityComment.objects.get(pk=comment_id).resolved_by is None


def test_a_prosumer_cannot_like_or_dislike_their_own_comment(post, lucia, marek):
    comment_id = say(lucia, post, "Mi propio comentario").json()["id"]

    for value in ("like", "dislike"):
        refused = react(lucia, comment_id, value)
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["field"] == "comment_id"
    assert react(marek, comment_id, "like").status_code == 200

    stored = CommunityComment.objects.get(pk=comment_id)
    assert (stored.like_count, stored.dislike_count, stored.reactions.count()) == (1, 0, 1)
    assert thread(lucia, post).json()["items"][0]["can_react"] is False
    assert thread(marek, post).json()["items"][0]["can_react"] is True
    assert thread(Client(), post).json()["items"][0]["can_react"] is False


def test_an_author_deletes_their_own_comment_only(post, lucia, marek):
    comment_id = say(lucia, post, "Me arrepiento").json()["id"]
    assert marek.delete(f"/api/community/comments/{comment_id}").status_code == 403
    assert lucia.delete(f"/api/community/comments/{comment_id}").status_code == 204
    assert CommunityComment.objects.get(pk=comment_id).state == CommentState.REMOVED
    assert thread(Client(), post).json()["items"][0]["html"] is None


def test_a_blocklisted_word_holds_the_comment_for_review(post, lucia, marek):
    BlockedTerm.objects.create(term="estafa")
    held = say(lucia, post, "Esto es una ESTAFA total.")
    assert held.status_code == 201 and held.json()["state"] == "held"
    assert CommunityComment.objects.get().hold_reason == "blocklist"
    assert thread(marek, post).json()["count"] == 0
    assert say(lucia, post, "Una estafeta de correos no es nada malo.").json()["state"] == "published"


def test_a_change_of_the_blocklist_applies_to_the_next_comment(post, lucia):
    assert say(lucia, post, "Qué estafa.").json()["state"] == "published"  # the list is cached now
    term = BlockedTerm.objects.create(term="estafa")
    assert say(lucia, post, "Qué estafa.").json()["state"] == "held"
    term.delete()
    assert say(lucia, post, "Qué estafa.").json()["state"] == "published"


def test_group_moderators_pin_and_lock_threads(destination, lucia, marek, moderator):
    group = destination["group"]
    root_id = say(lucia, group, "Normas del grupo").json()["id"]
    assert moderate(marek, root_id, "lock").status_code == 403
    assert moderate(moderator, root_id, "pin").json()["pinned"] is True
    assert moderate(moderator, root_id, "lock").json()["locked"] is True
    refused = say(marek, group, "¿Puedo responder?", parent_id=root_id)
    assert refused.status_code == 409 and refused.json()["errors"][0]["field"] == "parent_id"
    later_id = say(marek, group, "Otro hilo").json()["id"]
    assert [t["id"] for t in thread(Client(), group, sort="newest").json()["items"]] == [root_id, later_id]


def test_comments_only_go_on_published_discussion_pages(destination, lucia):
    assert say(lucia, destination["home"], "Hola").json()["errors"][0]["field"] == "page_id"
    assert say(lucia, destination["posts"][0], "   ").status_code == 400
    bad_kind = say(lucia, destination["posts"][0], "Hola", kind="rant")
    assert bad_kind.status_code == 400 and bad_kind.json()["errors"][0]["field"] == "kind"
    draft = destination["posts"][1]
    draft.unpublish()
    assert say(lucia, draft, "Hola").status_code == 404
    assert say(Client(), destination["posts"][0], "Hola").status_code == 401
    assert CommunityComment.objects.count() == 0


def test_pages_behind_a_view_restriction_take_no_comments(destination, lucia):
    first, second = destination["posts"][:2]
    assert say(lucia, first, "Hola").status_code == 201
    PageViewRestriction.objects.create(page=first.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    assert say(lucia, first, "Hola").status_code == 404
    assert thread(lucia, first).status_code == 404
    PageViewRestriction.objects.all().delete()
    PageViewRestriction.objects.create(
        page=second, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert say(lucia, first, "Hola").status_code == 201
    assert say(lucia, second, "Hola").status_code == 404


def test_reading_a_thread_of_500_comments_takes_as_many_queries_as_one_of_5(
    post, lucia, marek, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_thread_of(size: int) -> int:
        CommunityComment.objects.all().delete()
        root = say(lucia, post, "Raíz").json()["id"]
        for index in range(size - 1):
            say(marek if index % 2 else lucia, post, f"Respuesta {index}", parent_id=root)
        with CaptureQueriesContext(connection) as context:
            response = thread(marek, post)
        assert response.status_code == 200
        assert response.json()["items"][0]["reply_count"] == size - 1
        return len(context.captured_queries)

    with override_settings(COMMUNITY_RATE_LIMITS={}):
        assert queries_for_thread_of(500) == queries_for_thread_of(5)


def test_a_public_profile_counts_published_comments_and_shows_the_recent_ones(post, lucia, marek):
    first = say(lucia, post, "Gran artículo, gracias").json()["id"]
    marek.put(f"/api/community/comments/{first}/reaction", {"value": "like"}, content_type=JSON)
    BlockedTerm.objects.create(term="basura")
    say(lucia, post, "Esto es basura")  # held: not a public contribution
    profile = Client().get(f"/api/community/people/{lucia.user.pk}/").json()
    assert profile["counts"]["comments"] == 1 and profile["counts"]["likes_received"] == 1
    assert [c["excerpt"] for c in profile["recent_comments"]] == ["Gran artículo, gracias"]


def test_a_public_profile_links_each_recent_comment_to_its_page_on_the_frontend(post, lucia, settings):
    say(lucia, post, "Gran artículo, gracias")
    profile = Client().get(f"/api/community/people/{lucia.user.pk}/").json()
    [recent] = profile["recent_comments"]
    assert recent["page_url"] == f"{settings.FRONTEND_URL}{post.url}"


def test_a_group_moderator_pins_in_their_group_and_nowhere_else(destination, lucia, marek):
    from brand_hub.community_groups.services import set_group_moderator

    group, post = destination["group"], destination["posts"][0]
    set_group_moderator(group=group, member=marek.user)
    in_group = say(lucia, group, "Hilo del grupo").json()["id"]
    on_post = say(lucia, post, "Hilo del blog").json()["id"]
    assert moderate(marek, in_group, "pin").json()["pinned"] is True
    assert moderate(marek, on_post, "pin").status_code == 403
    assert CommunityComment.objects.get(pk=on_post).pinned is False


def test_an_id_that_names_nothing_is_a_404_naming_the_id(post, lucia):
    for response in (
        lucia.put("/api/community/comments/999999/reaction", {"value": "like"}, content_type=JSON),
        lucia.post("/api/community/comments/999999/flags", {"reason": "spam"}, content_type=JSON),
        lucia.patch("/api/community/comments/999999", {"text": "Hola"}, content_type=JSON),
    ):
        assert response.status_code == 404
        # Spanish, the site's default language, as the request names no other.
        assert response.json()["errors"] == [{"field": "comment_id", "message": "Nada tiene este id."}]
        assert "CommunityComment" not in response.content.decode()


def test_a_person_with_an_avatar_shows_it_as_an_absolute_url_on_the_profile_and_the_comments(post, lucia):
    from django.core.files.uploadedfile import SimpleUploadedFile

    lucia.user.avatar = SimpleUploadedFile("lucia.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    lucia.user.save()
    comment_id = say(lucia, post, "Con foto").json()["id"]

    avatar = lucia.get("/api/community/me/").json()["avatar_url"]
    comment = next(item for item in thread(Client(), post).json()["items"] if item["id"] == comment_id)

    assert avatar.startswith("http://testserver/media/avatars/lucia")
    assert comment["author"]["avatar_url"] == avatar
    assert Client().get(f"/api/community/people/{lucia.user.pk}/").json()["avatar_url"] == avatar
