"""Every kind of the catalogue is recorded by the real service, in the change's transaction, and an
erasure leaves no name in the events."""

import json

import pytest

from django.db import connection, transaction

from brand_hub.community import comments as comment_services
from brand_hub.community import moderation
from brand_hub.community.models import BlockedTerm, CommentKind, CommunityComment
from brand_hub.community_groups.services import join_group
from brand_hub.events.catalogue import Audience, EventKind
from brand_hub.events.models import Event
from brand_hub.ideas import services as idea_services
from brand_hub.ideas.models import IdeaPage
from brand_hub.users.privacy import erase_account
from brand_hub.users.roles import EDITORS, PROSUMERS
from tests.brand_hub.ideas.helpers import approve
from tests.conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(roles, django_user_model):
    return person(django_user_model, "elena", PROSUMERS, EDITORS).user


def recorded(kind: str, **filters) -> Event:
    return Event.objects.filter(kind=kind, **filters).latest("id")


def test_posting_editing_reacting_and_removing_a_comment_are_events(post, lucia, marek, moderator):
    comment = comment_services.post_comment(author=lucia.user, page=post, text="Las mochilas son geniales")
    posted = recorded(EventKind.COMMENT_POSTED, object_id=str(comment.pk))
    assert (posted.page_id, posted.actor, posted.audience) == (post.pk, lucia.user, Audience.PUBLIC)
    assert posted.payload["text"] == "Las mochilas son geniales"
    assert posted.payload["author"] == {"id": lucia.user.pk, "display_name": "Lucia"}
    assert "lucia@example.com" not in json.dumps(posted.payload)

    comment_services.edit_comment(comment=comment, by=lucia.user, text="Las mochilas son estupendas")
    assert recorded(EventKind.COMMENT_EDITED).payload["text"] == "Las mochilas son estupendas"

    comment_services.react(comment=comment, user=marek.user, value="like")
    reaction = recorded(EventKind.REACTION_ADDED)
    assert reaction.payload["like_count"] == 1 and reaction.page_id == post.pk
    assert (reaction.object_id, reaction.actor) == (str(comment.pk), marek.user)

    moderation.remove_comment(comment=comment, by=moderator.user)
    removed = recorded(EventKind.COMMENT_REMOVED)
    assert (removed.audience, removed.actor, removed.payload["state"]) == (
        Audience.PUBLIC,
        moderator.user,
        "removed",
    )
    assert "text" not in removed.payload


def test_a_held_comment_is_an_event_for_the_moderators_until_it_is_approved(post, lucia, moderator):
    BlockedTerm.objects.create(term="estafa")
    comment = comment_services.post_comment(author=lucia.user, page=post, text="Esto es una estafa")
    assert recorded(EventKind.COMMENT_POSTED).audience == Audience.MODERATORS

    moderation.approve_comment(comment=comment, by=moderator.user)
    approved = recorded(EventKind.COMMENT_POSTED)
    assert (approved.audience, approved.payload["previous_state"]) == (Audience.PUBLIC, "held")


def test_an_edit_that_holds_the_comment_shows_its_words_to_the_moderators_only(post, lucia):
    BlockedTerm.objects.create(term="estafa")
    comment = comment_services.post_comment(author=lucia.user, page=post, text="Bonitas")
    comment_services.edit_comment(comment=comment, by=lucia.user, text="Una estafa")
    removed, edited = Event.objects.filter(object_id=str(comment.pk)).order_by("id")[1:]
    assert (removed.kind, removed.audience, removed.payload["state"]) == (
        EventKind.COMMENT_REMOVED,
        Audience.PUBLIC,
        "held",
    )
    assert "text" not in removed.payload
    assert (edited.kind, edited.audience, edited.payload["text"]) == (
        EventKind.COMMENT_EDITED,
        Audience.MODERATORS,
        "Una estafa",
    )


def test_a_resolved_complaint_is_an_event(post, lucia, moderator):
    complaint = comment_services.post_comment(
        author=lucia.user, page=post, text="Se rompió la cremallera", kind=CommentKind.COMPLAINT
    )
    moderation.resolve_comment(comment=complaint, by=moderator.user)
    resolved = recorded(EventKind.COMPLAINT_RESOLVED)
    assert (resolved.object_id, resolved.actor, resolved.page_id) == (
        str(complaint.pk),
        moderator.user,
        post.pk,
    )


def test_a_resolved_question_is_no_complaint_event(post, lucia, moderator):
    question = comment_services.post_comment(
        author=lucia.user, page=post, text="¿Hay tallas grandes?", kind=CommentKind.QUESTION
    )
    moderation.resolve_comment(comment=question, by=moderator.user)
    assert not Event.objects.filter(kind=EventKind.COMPLAINT_RESOLVED).exists()


def test_ideas_submitted_voted_answered_implemented_and_merged_are_events(destination, lucia, marek, editor):
    idea = idea_services.submit_idea(
        author=lucia.user,
        parent=destination["board"],
        title="Cordones",
        description="De botellas.",
        topics=[],
    )
    submitted = recorded(EventKind.IDEA_SUBMITTED)
    assert (submitted.page_id, submitted.audience, submitted.actor) == (
        idea.pk,
        Audience.MODERATORS,
        lucia.user,
    )
    idea = approve(idea, editor)
    # Wagtail's signal names the published revision, written by the idea's author.
    assert recorded(EventKind.PAGE_PUBLISHED, page=idea).actor == lucia.user

    assert idea_services.cast_vote(idea=idea, voter=marek.user) == 1
    vote = recorded(EventKind.VOTE_CAST)
    assert (vote.payload, vote.actor) == ({"idea_id": idea.pk, "vote_count": 1}, marek.user)

    idea_services.change_idea_status(
        idea=idea, by=editor, status="implemented", official_response="<p>Hecho</p>"
    )
    changed = recorded(EventKind.IDEA_STATUS_CHANGED)
    assert (changed.payload["from_status"], changed.payload["to_status"]) == ("submitted", "implemented")
    assert recorded(EventKind.IDEA_IMPLEMENTED).payload == changed.payload

    target = destination["idea"]
    idea_services.merge_idea(source=IdeaPage.objects.get(pk=idea.pk), target=target, by=editor)
    merged = recorded(EventKind.IDEA_MERGED)
    assert (merged.page_id, merged.payload["source_id"]) == (target.pk, idea.pk)
    assert recorded(EventKind.PAGE_UNPUBLISHED).payload["page_id"] == idea.pk


def test_deleting_a_live_page_records_its_unpublishing_and_commits(post):
    page_id = post.pk
    post.delete()
    assert recorded(EventKind.PAGE_UNPUBLISHED).payload["page_id"] == page_id
    connection.check_constraints()  # what the commit checks: no event points at the deleted page


def test_joining_a_group_is_an_event(destination, lucia):
    membership = join_group(group=destination["group"], member=lucia.user)
    joined = recorded(EventKind.MEMBER_JOINED)
    assert (joined.page_id, joined.actor, joined.object_id) == (
        destination["group"].pk,
        lucia.user,
        str(membership.pk),
    )


def test_a_notification_is_an_event_for_its_recipient_only(post, lucia, marek):
    root = comment_services.post_comment(author=marek.user, page=post, text="¿Hay tallas grandes?")
    comment_services.post_comment(author=lucia.user, page=post, text="Sí, hasta la 48", parent_id=root.pk)
    told = recorded(EventKind.NOTIFICATION_CREATED)
    assert (told.audience, told.recipient, told.actor) == (Audience.PERSON, marek.user, lucia.user)
    assert "Lucia" in told.payload["message"]


def test_a_rolled_back_change_leaves_no_event(post, lucia):
    before = Event.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        comment_services.post_comment(author=lucia.user, page=post, text="Nunca se guardará")
        raise RuntimeError("the request fails after the comment")
    assert Event.objects.count() == before
    assert not CommunityComment.objects.exists()


def test_an_erased_account_leaves_no_name_in_the_events(post, lucia, marek, moderator):
    root = comment_services.post_comment(author=marek.user, page=post, text="¿Hay tallas grandes?")
    reply = comment_services.post_comment(author=lucia.user, page=post, text="Sí", parent_id=root.pk)
    moderation.remove_comment(comment=reply, by=moderator.user)
    lucia_id = lucia.user.pk

    erase_account(user=lucia.user)

    erased = recorded(EventKind.ACCOUNT_ERASED)
    assert erased.payload == {"user_id": lucia_id}
    payloads = json.dumps(list(Event.objects.exclude(pk=erased.pk).values_list("payload", flat=True)))
    assert "Lucia" not in payloads and "lucia" not in payloads
    told = recorded(EventKind.NOTIFICATION_CREATED)
    assert told.actor is None and told.payload["message"].startswith("Un antiguo miembro"), told.payload
    assert not Event.objects.filter(actor_id=lucia_id).exists()


def test_events_for_the_erased_person_go_with_the_account(post, lucia, marek):
    root = comment_services.post_comment(author=lucia.user, page=post, text="¿Hay tallas grandes?")
    comment_services.post_comment(author=marek.user, page=post, text="Sí", parent_id=root.pk)
    assert Event.objects.filter(recipient=lucia.user).exists()
    erase_account(user=lucia.user)
    assert not Event.objects.filter(audience=Audience.PERSON).exists()


def test_events_stay_out_of_wagtails_reference_index(post, lucia):
    """An event is a log row, not content: a community write queues no reference-index update for it
    (a task, and rows, per write that no "usage" screen ever reads)."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import ReferenceIndex

    from tests.brand_hub.community.calls import say

    assert say(lucia, post, "Las zapatillas llegaron a tiempo").status_code == 201
    assert Event.objects.exists()
    assert Event not in ReferenceIndex.tracked_models
    events = ContentType.objects.get_for_model(Event)
    assert not ReferenceIndex.objects.filter(base_content_type=events).exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="LISTEN/NOTIFY needs PostgreSQL")
def test_the_live_streams_are_woken_when_an_event_commits_and_not_on_a_rollback(post, lucia):
    import psycopg

    from brand_hub.events.services import NOTIFY_CHANNEL

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as listener:
        listener.execute(f"LISTEN {NOTIFY_CHANNEL}")

        def woken() -> int:
            return sum(1 for _ in listener.notifies(timeout=0.5))

        with pytest.raises(RuntimeError), transaction.atomic():
            comment_services.post_comment(author=lucia.user, page=post, text="Nunca se guardará")
            raise RuntimeError("the request fails after the comment")
        assert woken() == 0

        comment_services.post_comment(author=lucia.user, page=post, text="Esta sí")
        # PostgreSQL folds a transaction's identical notifications into one: one wake-up per commit.
        assert woken() == 1
