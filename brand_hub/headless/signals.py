"""Bumps the content generation whenever something the public API shows changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from brand_hub.blog.models import Author
from brand_hub.core.models import LocalizedSiteSettings
from brand_hub.users.signals import account_erasing, profile_renamed

from .models import ContentGeneration

#: Non-page models whose changes the content API shows.
WATCHED_MODELS = (Site, Locale, PageViewRestriction, Author, LocalizedSiteSettings)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def content_changed(**kwargs) -> None:
    ContentGeneration.bump()


@receiver(profile_renamed)
@receiver(account_erasing)
def author_changed(**kwargs) -> None:
    """Cached API pages show authors' names (comments, ideas)."""
    ContentGeneration.bump()


@receiver(post_save)
@receiver(post_delete)
def watched_model_changed(sender, instance, **kwargs) -> None:
    if isinstance(instance, (Page, get_image_model(), *WATCHED_MODELS)):
        ContentGeneration.bump()
