"""Community reactions to events: idea status changes, merges and answers to complaints, changes of the
blocklist, a person renamed, erased or asking for their data, a sentiment rescore; and the signals the
community sends about its comments, reactions and notifications (the event log listens).

The community's services send these with `from . import signals` and read the names at call time:
this module imports them as well.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from django.utils.translation import gettext as _

from brand_hub.ideas.models import (
    ANSWERING_STATUSES,
    CLOSING_THE_LOOP_STATUSES,
    IdeaAnswerLink,
    IdeaPage,
    IdeaStatus,
    IdeaVote,
)
from brand_hub.ideas.signals import (
    idea_answers_linked,
    idea_answers_unlinked,
    idea_status_changed,
    ideas_merged,
)
from brand_hub.sentiment.services import Rescored, RescoreOptions
from brand_hub.sentiment.signals import rescore_requested
from brand_hub.trust.models import Suspension  # read only: the trust app owns suspensions
from brand_hub.trust.signals import account_reinstated, account_suspended
from brand_hub.users.signals import account_erasing, personal_data_requested, profile_renamed
from search.models import SearchedIndex
from search.outbox import record_change

from .comments import rescore_sentiment
from .models import BlockedTerm, CommentState, CommunityComment, Follow, NotificationKind
from .moderation import BLOCKLIST_CACHE_KEY, reopen_resolved_by_idea, resolve_by_idea
from .notifications import followers_of, notify
from .privacy import anonymise_author, personal_data, rename_author
from .suspensions import hide_comments_of, republish_comments_of

#: Sent with `comment` (CommunityComment) inside the transaction that saved it, published or held.
comment_posted = Signal()

#: Sent with `comment` (as it now stands) inside the transaction that changed its words or kind.
comment_edited = Signal()

#: Sent with `comment` (as it now stands), `previous` (its former state) and `by` (None when the
#: community's flags or the blocklist held it) when its moderation state changed.
comment_state_changed = Signal()

#: Sent with `comment` and `by` inside the transaction that marked a complaint or question resolved.
comment_resolved = Signal()

#: Sent with `comment` (as it now stands), `by`, `action` ("pin", "unpin", "lock", "unlock", "set_kind"
#: or "reopen"), `before` and `after` (dicts of the columns the action changed) when a moderator's action
#: changed a comment without changing its state (comment_state_changed) or resolving it (comment_resolved).
comment_moderated = Signal()

#: Sent with `reaction` (CommentReaction, as it now stands) when a person reacted or switched.
reaction_added = Signal()

#: Sent with `notifications` (the stored Notification rows, with ids, all about the same comment or
#: about none) and `comment_author_id` (that comment's author, None for none or a former member)
#: inside their transaction.
notifications_created = Signal()


def idea_titles(idea) -> dict[str, str]:
    """The idea's title in each language it is published in, so each person reads it in theirs."""
    return dict(
        IdeaPage.objects.filter(translation_key=idea.translation_key, live=True).values_list(
            "locale__language_code", "title"
        )
    )


def authors_answered_by(idea, *, comment_ids=None) -> set[int]:
    """The authors of the published complaints and questions linked to the idea (or of these ones)."""
    links = IdeaAnswerLink.objects.filter(idea=idea, comment__state=CommentState.PUBLISHED)
    if comment_ids is not None:
        links = links.filter(comment_id__in=comment_ids)
    return set(links.filter(comment__user__isnull=False).values_list("comment__user_id", flat=True))


def tell_authors_answered(idea, *, recipient_ids: set[int], status: str, titles: dict[str, str]) -> None:

    def message_for(language):
        return _("The idea “%(title)s”, which answers what you wrote, is now: %(status)s.") % {
            "title": titles.get(language, idea.title),
            "status": IdeaStatus(status).label,
        }

    kind = NotificationKind.ANSWERED_BY_IDEA
    notify(recipient_ids=recipient_ids, kind=kind, page=idea, message_for=message_for)


@receiver(idea_status_changed)
def tell_followers_of_a_status_change(sender, idea, change, **kwargs) -> None:
    """Followers and the idea's author hear of a new status or an official response; when the idea is
    planned or implemented, its voters too, and the authors of the complaints and questions it answers
    are told that it answers theirs. Each person once, in their language."""
    besides = {change.changed_by_id, None}
    recipients = followers_of(idea.pk, besides=besides)
    if idea.proposed_by_id and idea.proposed_by_id != change.changed_by_id:
        recipients.add(idea.proposed_by_id)
    titles = idea_titles(idea)
    if change.from_status != change.to_status:
        kind = NotificationKind.STATUS_CHANGE
        if change.to_status in CLOSING_THE_LOOP_STATUSES:
            recipients |= set(IdeaVote.objects.filter(idea=idea).values_list("voter_id", flat=True)) - besides
            answered = authors_answered_by(idea) - besides
            tell_authors_answered(idea, recipient_ids=answered, status=change.to_status, titles=titles)
            recipients -= answered

        def message_for(language):
            return _("The idea “%(title)s” is now: %(status)s.") % {
                "title": titles.get(language, idea.title),
                "status": IdeaStatus(change.to_status).label,
            }

    else:
        kind = NotificationKind.OFFICIAL_RESPONSE

        def message_for(language):
            return _("The brand answered the idea “%(title)s”.") % {"title": titles.get(language, idea.title)}

    notify(recipient_ids=recipients, kind=kind, page=idea, message_for=message_for)


@receiver(idea_status_changed)
def resolve_or_reopen_what_the_idea_answers(sender, idea, change, **kwargs) -> None:
    """Complaints and questions linked to an idea count as resolved from the moment it is planned (or
    goes further); should it fall back (declined, back under review) they reopen."""
    was, now = change.from_status in ANSWERING_STATUSES, change.to_status in ANSWERING_STATUSES
    if was == now:
        return
    linked = list(IdeaAnswerLink.objects.filter(idea=idea).values_list("comment_id", flat=True))
    if now:
        resolve_by_idea(comment_ids=linked, by=change.changed_by)
    else:
        reopen_resolved_by_idea(comment_ids=linked)


@receiver(idea_answers_linked)
def resolve_what_a_committed_idea_answers(sender, idea, comment_ids, by=None, **kwargs) -> None:
    """Linked to an idea already planned, in progress or implemented: resolved at once, and the
    authors told."""
    if idea.status not in ANSWERING_STATUSES:
        return
    resolve_by_idea(comment_ids=comment_ids, by=by)
    answered = authors_answered_by(idea, comment_ids=comment_ids) - {getattr(by, "pk", None), None}
    tell_authors_answered(idea, recipient_ids=answered, status=idea.status, titles=idea_titles(idea))


@receiver(idea_answers_unlinked)
def reopen_what_the_idea_no_longer_answers(sender, idea, comment_ids, **kwargs) -> None:
    reopen_resolved_by_idea(comment_ids=comment_ids)


@receiver(ideas_merged)
def move_discussion_to_the_merged_idea(sender, source, target, **kwargs) -> None:
    """The merged idea's comments and followers continue on the idea it joined."""
    moved = list(CommunityComment.objects.filter(page=source).values_list("pk", flat=True))
    CommunityComment.objects.filter(pk__in=moved).update(page=target, object_pk=str(target.pk))
    record_change(SearchedIndex.COMMENTS, moved)
    record_change(SearchedIndex.IDEAS, [source.pk, target.pk])
    already = set(Follow.objects.filter(page=target).values_list("user_id", flat=True))
    Follow.objects.filter(page=source, user_id__in=already).delete()
    Follow.objects.filter(page=source).update(page=target)


@receiver(profile_renamed)
def show_the_new_name_on_the_persons_comments(sender, user, **kwargs) -> None:
    rename_author(user=user)


@receiver(account_erasing)
def leave_the_persons_comments_anonymous(sender, user, **kwargs) -> None:
    anonymise_author(user=user)


@receiver(personal_data_requested)
def export_the_persons_community_data(sender, user, **kwargs) -> dict:
    return personal_data(user)


@receiver(rescore_requested)
def rescore_the_comments(sender, options: RescoreOptions, **kwargs) -> Rescored:
    return rescore_sentiment(options)


@receiver(post_save, sender=BlockedTerm)
@receiver(post_delete, sender=BlockedTerm)
def forget_the_cached_blocklist(sender, **kwargs) -> None:
    # Again after the commit: a comment posted meanwhile may have cached the list as it was before.
    cache.delete(BLOCKLIST_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(BLOCKLIST_CACHE_KEY))


@receiver(account_suspended)
def hide_a_suspended_persons_comments(sender, suspension, **kwargs) -> None:
    if suspension.hide_content:
        hide_comments_of(user=suspension.user, by=suspension.created_by)


@receiver(account_reinstated)
def republish_a_reinstated_persons_comments(sender, suspension, by=None, **kwargs) -> None:
    """Exactly the comments its suspension hid come back, unless another suspension that hides content
    is still in force."""
    still_hidden = Suspension.objects.in_force().filter(user_id=suspension.user_id, hide_content=True)
    if suspension.hide_content and not still_hidden.exclude(pk=suspension.pk).exists():
        republish_comments_of(user=suspension.user, by=by)
