from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_roles_after_migrate(sender, **kwargs):
    from .roles import ensure_roles

    ensure_roles()


class UsersConfig(AppConfig):
    name = "brand_hub.users"
    label = "users"

    def ready(self):
        # After every migrate, when all permissions exist; tied to this app so it runs once.
        post_migrate.connect(ensure_roles_after_migrate, sender=self)
