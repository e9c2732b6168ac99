"""Sign-up for prosumers: what allauth asks beyond e-mail and password, and the consent they give."""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import DISPLAY_NAME_MAX_LENGTH, ConsentSource
from .roles import PROSUMERS
from .services import set_marketing_consent
from .signals import prosumer_signed_up


class ProsumerSignupForm(forms.Form):
    """Extra sign-up fields; allauth's headless API accepts them in the sign-up request body."""

    display_name = forms.CharField(label=_("display name"), max_length=DISPLAY_NAME_MAX_LENGTH)
    preferred_locale = forms.ChoiceField(label=_("preferred language"), choices=settings.LANGUAGES)
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use and the privacy policy"),
        error_messages={"required": _("You must accept the terms of use and the privacy policy to sign up.")},
    )

    marketing_consent = forms.BooleanField(
        label=_("Send me news and invitations from the brand (you can change this in your profile)"),
        required=False,
    )
    referral = forms.CharField(
        label=_("referral"),
        required=False,
        max_length=500,
        help_text=_("The attribution a visit through a share link gave, to credit the person who shared it"),
    )

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Tell the community what to call you."))
        return name

    def signup(self, request, user) -> None:
        accepted_at = timezone.now()
        user.display_name = self.cleaned_data["display_name"]
        user.preferred_locale = self.cleaned_data["preferred_locale"]
        user.terms_accepted_at = accepted_at
        user.privacy_accepted_at = accepted_at
        user.terms_version = settings.TERMS_VERSION
        user.save()
        user.groups.add(Group.objects.get_or_create(name=PROSUMERS)[0])
        if self.cleaned_data.get("marketing_consent"):
            set_marketing_consent(user=user, granted=True, source=ConsentSource.SIGNUP)
        # An attribution that is not valid (forged, expired) only credits nobody: never a failed sign-up.
        prosumer_signed_up.send(
            sender=type(user), user=user, request=request, referral=self.cleaned_data.get("referral") or ""
        )
