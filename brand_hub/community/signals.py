"""Community reactions to events: idea status changes and merges, changes of the blocklist, a person
renamed, erased or asking for their data, a sentiment rescore; and the community's own signals."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from django.utils.translation import gettext as _

from brand_hub.ideas.models import IdeaStatus
from brand_hub.ideas.signals import idea_status_changed, ideas_merged
from brand_hub.sentiment.services import Rescored, RescoreOptions
from brand_hub.sentiment.signals import rescore_requested
from brand_hub.users.signals import account_erasing, personal_data_requested, profile_renamed
from search.models import SearchedIndex
from search.outbox import record_change

from .comments import rescore_sentiment
from .models import BlockedTerm, CommunityComment, Follow, NotificationKind
from .moderation import BLOCKLIST_CACHE_KEY
from .notifications import followers_of, notify
from .privacy import anonymise_author, personal_data, rename_author

#: Sent with `comment` (CommunityComment) once a prosumer's comment or reply is posted and published,
#: inside its transaction (a held comment is not sent).
comment_posted = Signal()


@receiver(idea_status_changed)
def tell_followers_of_a_status_change(sender, idea, change, **kwargs) -> None:
    """Followers and the idea's author hear of a new status or an official response."""
    recipients = followers_of(idea.pk, besides={change.changed_by_id, None})
    if idea.proposed_by_id and idea.proposed_by_id != change.changed_by_id:
        recipients.add(idea.proposed_by_id)
    title = idea.title
    if change.from_status != change.to_status:
        kind = NotificationKind.STATUS_CHANGE

        def message_for(_language):
            return _("The idea “%(title)s” is now: %(status)s.") % {
                "title": title,
                "status": IdeaStatus(change.to_status).label,
            }

    else:
        kind = NotificationKind.OFFICIAL_RESPONSE

        def message_for(_language):
            return _("The brand answered the idea “%(title)s”.") % {"title": title}

    notify(recipient_ids=recipients, kind=kind, page=idea, message_for=message_for)


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
