"""Bumps the content generation whenever something the public API shows changes, and tells the frontend."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from brand_hub.blog.models import Author
from brand_hub.core.models import LocalizedSiteSettings
from brand_hub.users.signals import account_erasing, profile_renamed

from . import revalidation
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


@receiver(page_published)
def page_published_revalidates(instance, **kwargs) -> None:
    revalidation.page_changed("page_published", instance)


@receiver(page_unpublished)
def page_unpublished_revalidates(instance, **kwargs) -> None:
    revalidation.page_changed("page_unpublished", instance)


@receiver(post_page_move)
def page_moved_revalidates(instance, parent_page_before, url_path_before, url_path_after, **kwargs) -> None:
    revalidation.page_moved(
        page=instance,
        parent_before=parent_page_before,
        url_path_before=url_path_before,
        url_path_after=url_path_after,
    )


@receiver(pre_delete)
def page_deleting_revalidates(sender, instance, **kwargs) -> None:
    """Before the row goes: its path and parent are read from the tree it leaves."""
    if isinstance(instance, Page):
        revalidation.page_deleting(instance)


@receiver(post_save, sender=LocalizedSiteSettings)
@receiver(post_delete, sender=LocalizedSiteSettings)
def site_settings_revalidate(instance, **kwargs) -> None:
    revalidation.settings_changed(locale_id=instance.locale_id)
