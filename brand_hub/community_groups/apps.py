from django.apps import AppConfig


class CommunityGroupsConfig(AppConfig):
    name = "brand_hub.community_groups"
    label = "community_groups"

    def ready(self):
        from . import receivers  # noqa: F401
