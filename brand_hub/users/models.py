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


class ConsentSource(models.TextChoices):
    SIGNUP = "signup", _("sign-up")
    PROFILE = "profile", _("profile")


class MarketingConsent(models.Model):
    """A person's yes to marketing contact, with when it was given and, once withdrawn, when.

    One row per person: a withdrawal keeps the row (and its dates) and a new yes replaces the dates,
    so the row always says which consent is in force. Erasing the account deletes it.
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="marketing_consent", verbose_name=_("person")
    )
    granted_at = models.DateTimeField(_("granted at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, db_index=True)
    source = models.CharField(_("given at"), max_length=10, choices=ConsentSource.choices)

    class Meta:
        verbose_name = _("marketing consent")
        verbose_name_plural = _("marketing consents")

    def __str__(self) -> str:
        return f"{self.user}: {self.granted_at:%Y-%m-%d}"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None
