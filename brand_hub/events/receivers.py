"""The owning apps' signals turned into events, in the same transaction as their change.

Payloads carry ids, states, a locale and short texts a browser or another system shows; the person
behind an event is its `actor` (never an e-mail). Comments' texts are plain and cut short.
"""

from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from brand_hub.community.markup import plain_text
from brand_hub.community.models import CommentKind, CommentState, CommunityComment, Notification
from brand_hub.community.signals import (
    comment_edited,
    comment_posted,
    comment_resolved,
    comment_state_changed,
    notifications_created,
    reaction_added,
)
from brand_hub.community_groups.signals import member_joined
from brand_hub.headless.timestamps import iso_timestamp
from brand_hub.ideas.models import IdeaStatus
from brand_hub.ideas.signals import idea_status_changed, idea_submitted, ideas_merged, vote_cast
from brand_hub.users.signals import account_erasing

from .catalogue import Audience, EventKind
from .models import Event
from .services import record_event, record_events

#: How much of a comment's text an event carries: enough for a live preview.
EXCERPT_LENGTH = 280


def _excerpt(html: str) -> str:
    text = plain_text(html)
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1].rstrip() + "…"


def comment_payload(comment: CommunityComment, *, with_text: bool = True) -> dict:
    payload = {
        "comment_id": comment.pk,
        "page_id": comment.page_id,
        "parent_id": None if comment.pk == comment.parent_id else comment.parent_id,
        "thread_id": comment.thread_id,
        "kind": comment.kind,
        "state": comment.state,
        "language": comment.language,
        "author": {"id": comment.user_id, "display_name": comment.user_name} if comment.user_id else None,
        "created_at": iso_timestamp(comment.submit_date),
    }
    if with_text:
        payload["text"] = _excerpt(comment.comment)
    return payload


def _comment_audience(comment: CommunityComment) -> str:
    """A held comment is for the moderators' eyes only."""
    return Audience.PUBLIC if comment.state == CommentState.PUBLISHED else Audience.MODERATORS


@receiver(comment_posted)
def record_comment_posted(sender, comment, **kwargs) -> None:
    record_event(
        kind=EventKind.COMMENT_POSTED,
        payload=comment_payload(comment),
        actor=comment.user,
        page=comment.page,
        object_id=comment.pk,
        audience=_comment_audience(comment),
    )


@receiver(comment_edited)
def record_comment_edited(sender, comment, **kwargs) -> None:
    if comment.state == CommentState.REMOVED:
        return
    record_event(
        kind=EventKind.COMMENT_EDITED,
        payload=comment_payload(comment) | {"edited_at": iso_timestamp(comment.edited_at)},
        actor=comment.user,
        page=comment.page,
        object_id=comment.pk,
        audience=_comment_audience(comment),
    )


@receiver(comment_state_changed)
def record_comment_visibility(sender, comment, previous, by=None, **kwargs) -> None:
    """Approved, a comment appears (posted, for everyone); held or removed, it leaves the public view
    (removed, without its text: the state says which). A held comment removed was only ever the
    moderators' to see."""
    audience = Audience.PUBLIC
    if comment.state == CommentState.PUBLISHED:
        kind, payload = EventKind.COMMENT_POSTED, comment_payload(comment)
    else:
        kind, payload = EventKind.COMMENT_REMOVED, comment_payload(comment, with_text=False)
        if previous == CommentState.HELD:
            audience = Audience.MODERATORS
    record_event(
        kind=kind,
        payload=payload | {"previous_state": previous},
        actor=by,
        page=comment.page,
        object_id=comment.pk,
        audience=audience,
    )


@receiver(comment_resolved)
def record_complaint_resolved(sender, comment, by, **kwargs) -> None:
    if comment.kind != CommentKind.COMPLAINT:
        return
    record_event(
        kind=EventKind.COMPLAINT_RESOLVED,
        payload=comment_payload(comment, with_text=False)
        | {"resolved_at": iso_timestamp(comment.resolved_at)},
        actor=by,
        page=comment.page,
        object_id=comment.pk,
        audience=_comment_audience(comment),
    )


@receiver(reaction_added)
def record_reaction(sender, reaction, **kwargs) -> None:
    comment = (
        CommunityComment.objects.filter(pk=reaction.comment_id)
        .values("page_id", "like_count", "dislike_count")
        .get()
    )
    record_event(
        kind=EventKind.REACTION_ADDED,
        payload={"comment_id": reaction.comment_id, "value": reaction.value} | comment,
        actor=reaction.user,
        page=comment["page_id"],
        object_id=reaction.comment_id,
    )


@receiver(vote_cast)
def record_vote(sender, idea, voter, vote_count, **kwargs) -> None:
    record_event(
        kind=EventKind.VOTE_CAST,
        payload={"idea_id": idea.pk, "vote_count": vote_count},
        actor=voter,
        page=idea,
        object_id=idea.pk,
    )


@receiver(idea_submitted)
def record_idea_submitted(sender, idea, **kwargs) -> None:
    """A submitted idea is a draft under review: the moderators hear of it, the public once published."""
    record_event(
        kind=EventKind.IDEA_SUBMITTED,
        payload={"idea_id": idea.pk, "title": idea.title, "parent_id": idea.get_parent().pk},
        actor=idea.proposed_by,
        page=idea,
        object_id=idea.pk,
        audience=Audience.MODERATORS,
    )


@receiver(idea_status_changed)
def record_idea_status_change(sender, idea, change, **kwargs) -> None:
    payload = {
        "idea_id": idea.pk,
        "title": idea.title,
        "locale": idea.locale.language_code,
        "from_status": change.from_status,
        "to_status": change.to_status,
        "response_changed": bool(change.official_response),
    }
    common = {"actor": change.changed_by, "page": idea, "object_id": idea.pk}
    record_event(kind=EventKind.IDEA_STATUS_CHANGED, payload=payload, **common)
    if change.to_status == IdeaStatus.IMPLEMENTED and change.from_status != IdeaStatus.IMPLEMENTED:
        record_event(kind=EventKind.IDEA_IMPLEMENTED, payload=payload, **common)


@receiver(ideas_merged)
def record_ideas_merged(sender, source, target, **kwargs) -> None:
    record_event(
        kind=EventKind.IDEA_MERGED,
        payload={"source_id": source.pk, "target_id": target.pk, "title": target.title},
        page=target,
        object_id=source.pk,
    )


@receiver(member_joined)
def record_member_joined(sender, membership, **kwargs) -> None:
    record_event(
        kind=EventKind.MEMBER_JOINED,
        payload={"group_id": membership.group_id},
        actor=membership.member,
        page=membership.group,
        object_id=membership.pk,
    )


def page_payload(page) -> dict:
    return {
        "page_id": page.pk,
        "type": page.specific_class._meta.label_lower if page.specific_class else "",
        "locale": page.locale.language_code,
        "title": page.title,
    }


@receiver(page_published)
def record_page_published(sender, instance, revision=None, **kwargs) -> None:
    record_event(
        kind=EventKind.PAGE_PUBLISHED,
        payload=page_payload(instance),
        actor=revision.user if revision is not None else None,
        page=instance,
        object_id=instance.pk,
    )


@receiver(page_unpublished)
def record_page_unpublished(sender, instance, **kwargs) -> None:
    """Without the page's foreign key: Wagtail unpublishes a page it is deleting, after the delete
    has gathered what goes with the page, and a key to it would fail at commit."""
    record_event(
        kind=EventKind.PAGE_UNPUBLISHED,
        payload=page_payload(instance),
        object_id=instance.pk,
    )


@receiver(notifications_created)
def record_notifications(sender, notifications: list[Notification], comment_author_id=None, **kwargs) -> None:
    """One event per person told; the comment's author is the actor, so an erasure finds them."""
    record_events(
        [
            Event(
                kind=EventKind.NOTIFICATION_CREATED,
                payload={
                    "notification_id": notification.pk,
                    "kind": notification.kind,
                    "message": notification.message,
                    "page_id": notification.page_id,
                    "comment_id": notification.comment_id,
                },
                actor_id=comment_author_id,
                page_id=notification.page_id,
                object_id=str(notification.pk),
                audience=Audience.PERSON,
                recipient_id=notification.recipient_id,
            )
            for notification in notifications
        ]
    )


@receiver(account_erasing)
def forget_the_person_in_events(sender, user, **kwargs) -> None:
    """As the erasure does elsewhere: the person's contributions stay, from nobody.

    Their events lose the name (the actor goes with the account row, the comments' author from the
    payloads, whoever acted on them); the notifications others got
    about their comments read as the community app reworded them (its receiver ran first: it is an
    earlier app). Events for the person alone go with the account (CASCADE).
    """
    with transaction.atomic():
        named = list(
            Event.objects.filter(Q(actor=user) | Q(payload__author__id=user.pk)).only("kind", "payload")
        )
        reworded = dict(
            Notification.objects.filter(
                pk__in=[
                    event.payload.get("notification_id")
                    for event in named
                    if event.kind == EventKind.NOTIFICATION_CREATED
                ]
            ).values_list("pk", "message")
        )
        for event in named:
            if "author" in event.payload:
                event.payload["author"] = None
            if event.kind == EventKind.NOTIFICATION_CREATED:
                event.payload["message"] = reworded.get(event.payload.get("notification_id"), "")
        Event.objects.bulk_update(named, ["payload"], batch_size=500)
        record_event(kind=EventKind.ACCOUNT_ERASED, payload={"user_id": user.pk})
