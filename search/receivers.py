"""Changes that arrive as signals (publishing, deletion) go into the search outbox like any other."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from brand_hub.community.models import CommunityComment
from brand_hub.ideas.models import IdeaPage

from .models import SearchedIndex
from .outbox import record_change


@receiver(page_published, sender=IdeaPage)
@receiver(page_unpublished, sender=IdeaPage)
@receiver(post_delete, sender=IdeaPage)
def idea_changed(sender, instance, **kwargs) -> None:
    record_change(SearchedIndex.IDEAS, [instance.pk])


@receiver(post_delete, sender=CommunityComment)
def comment_deleted(sender, instance, **kwargs) -> None:
    record_change(SearchedIndex.COMMENTS, [instance.pk])
