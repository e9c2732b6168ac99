"""Wagtail's publish signal turned into the ideas' status history; a person's rename, erasure and data
export (users.signals) reflected in their ideas; a sentiment rescore of the ideas."""

from django.db.models import Q
from django.dispatch import receiver

from wagtail.signals import page_published

from brand_hub.sentiment.services import Rescored, RescoreOptions
from brand_hub.sentiment.signals import rescore_requested
from brand_hub.users.signals import account_erasing, personal_data_requested, profile_renamed
from search.models import SearchedIndex
from search.outbox import record_change

from .models import IdeaPage
from .services import personal_data, record_status_change, rescore_sentiment


@receiver(page_published, sender=IdeaPage)
def record_review_on_publish(sender, instance: IdeaPage, revision, **kwargs) -> None:
    """A publish from the admin or a service that changes the status or response is recorded.

    `IdeaPage.save` kept the row as it was before this publish; the revision's author is the
    editor who made the change.
    """
    stored = instance.__dict__.pop("_stored_review", None)
    if stored is None or not instance.live:
        return
    record_status_change(
        idea=instance,
        previous_status=stored["status"],
        previous_response=stored["official_response"],
        by=revision.user,
    )


@receiver(profile_renamed)
def show_the_new_name_on_the_persons_ideas(sender, user, **kwargs) -> None:
    record_change(SearchedIndex.IDEAS, IdeaPage.objects.filter(proposed_by=user).values_list("pk", flat=True))


@receiver(account_erasing)
def take_the_person_out_of_the_ideas_index(sender, user, **kwargs) -> None:
    """The ideas stay; the erasure's delete leaves them without a proposer or owner, and the search
    documents lose the name and id with the next send."""
    record_change(
        SearchedIndex.IDEAS,
        IdeaPage.objects.filter(Q(proposed_by=user) | Q(owner=user)).values_list("pk", flat=True),
    )


@receiver(personal_data_requested)
def export_the_persons_ideas_and_votes(sender, user, **kwargs) -> dict:
    return personal_data(user)


@receiver(rescore_requested)
def rescore_the_ideas(sender, options: RescoreOptions, **kwargs) -> Rescored:
    return rescore_sentiment(options)
