from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "brand_hub.community"
    label = "community"
    verbose_name = "Community"

    def ready(self):
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save

        from django.db.models.signals import pre_save

        from . import signals  # noqa: F401

        # xtd republishes every reply (and shifts nested counts) on each save of a comment; here the
        # moderation services decide visibility comment by comment, so the hook must not run.
        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender="community.CommunityComment")
