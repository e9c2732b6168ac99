"""The custom user, in place from the first migration so accounts can grow without a swap."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

#: The longest display name: it is copied beside the person's comments, into django-comments'
#: author name column, which holds 50 characters.
DISPLAY_NAME_MAX_LENGTH = 50


class User(AbstractUser):
    """Anyone who signs in: prosumers, moderators, editors and administrators."""

    # The column is wider than the limit: names stored before it stay whole (comments show them cut).
    display_name = models.CharField(
        _("display name"), max_length=80, blank=True, validators=[MaxLengthValidator(DISPLAY_NAME_MAX_LENGTH)]
    )
    preferred_locale = models.CharField(
        _("preferred language"),
        max_length=8,
        default="es",
        choices=[("es", "Español"), ("en", "English"), ("pl", "Polski")],
    )
    bio = models.TextField(_("about me"), max_length=500, blank=True)
    avatar = models.ImageField(_("avatar"), upload_to="avatars/", blank=True)
    terms_accepted_at = models.DateTimeField(_("terms accepted at"), null=True, blank=True, editable=False)
    privacy_accepted_at = models.DateTimeField(
        _("privacy policy accepted at"), null=True, blank=True, editable=False
    )
    show_reputation = models.BooleanField(
        _("show my reputation"),
        default=True,
        help_text=_("Show my reputation score and badges on my public profile and in the community"),
    )
    terms_version = models.CharField(_("terms version accepted"), max_length=20, blank=True, editable=False)

    def __str__(self) -> str:
        return self.display_name or self.get_username()
