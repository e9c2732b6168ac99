"""The custom user, in place from the first migration so accounts can grow without a swap."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Anyone who signs in: prosumers, moderators, editors and administrators."""

    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    preferred_locale = models.CharField(
        _("preferred language"),
        max_length=8,
        default="es",
        choices=[("es", "Español"), ("en", "English"), ("pl", "Polski")],
    )

    def __str__(self) -> str:
        return self.display_name or self.get_username()
