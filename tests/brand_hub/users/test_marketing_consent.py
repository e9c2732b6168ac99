"""Consent to marketing contact: given at sign-up or in the profile, withdrawn and given again, in the
person's data download, gone with the account."""

import json

import pytest

from django.contrib.auth import get_user_model

from brand_hub.users.models import ConsentSource, MarketingConsent
from brand_hub.users.services import has_marketing_consent

from .test_accounts_api import sign_up

pytestmark = pytest.mark.django_db

JSON = "application/json"


def test_a_prosumer_who_ticks_the_box_at_sign_up_consents_from_then(client):
    assert sign_up(client, marketing_consent=True).status_code == 401  # verification pending

    user = get_user_model().objects.get(email="lucia@example.com")
    consent = MarketingConsent.objects.get(user=user)
    assert consent.source == ConsentSource.SIGNUP and consent.withdrawn_at is None
    assert abs((consent.granted_at - user.terms_accepted_at).total_seconds()) < 5
    assert has_marketing_consent(user)


def test_a_sign_up_without_the_box_gives_no_consent(client):
    sign_up(client)

    user = get_user_model().objects.get(email="lucia@example.com")
    assert not MarketingConsent.objects.filter(user=user).exists()
    assert not has_marketing_consent(user)


def test_consent_is_given_withdrawn_and_given_again_in_the_profile_with_its_dates(lucia):
    me = lucia.get("/api/community/me/").json()
    assert (me["marketing_consent"], me["marketing_consent_granted_at"]) == (False, None)

    given = lucia.patch("/api/community/me/", {"marketing_consent": True}, content_type=JSON).json()
    assert given["marketing_consent"] is True and given["marketing_consent_granted_at"].endswith("Z")
    first = MarketingConsent.objects.get(user=lucia.user)
    assert first.source == ConsentSource.PROFILE
    # Saying yes again keeps the date of the consent in force.
    lucia.patch("/api/community/me/", {"marketing_consent": True}, content_type=JSON)
    assert MarketingConsent.objects.get(user=lucia.user).granted_at == first.granted_at

    withdrawn = lucia.patch("/api/community/me/", {"marketing_consent": False}, content_type=JSON).json()
    assert withdrawn["marketing_consent"] is False
    assert withdrawn["marketing_consent_granted_at"] is None
    assert withdrawn["marketing_consent_withdrawn_at"] is not None
    assert not has_marketing_consent(lucia.user)
    assert MarketingConsent.objects.get(user=lucia.user).granted_at == first.granted_at

    again = lucia.patch("/api/community/me/", {"marketing_consent": True}, content_type=JSON).json()
    renewed = MarketingConsent.objects.get(user=lucia.user)
    assert again["marketing_consent"] is True and again["marketing_consent_withdrawn_at"] is None
    assert renewed.granted_at > first.granted_at and renewed.withdrawn_at is None
    assert has_marketing_consent(lucia.user)


def test_a_consent_that_is_not_a_boolean_is_a_400_naming_the_field_and_changes_nothing(lucia):
    response = lucia.patch(
        "/api/community/me/", {"marketing_consent": "maybe", "bio": "Hola"}, content_type=JSON
    )

    assert response.status_code == 400
    assert any("marketing_consent" in error["field"] for error in response.json()["errors"])
    lucia.user.refresh_from_db()
    assert lucia.user.bio == "" and not MarketingConsent.objects.filter(user=lucia.user).exists()


def test_the_consent_is_in_the_data_download_and_goes_with_the_account(lucia):
    lucia.patch("/api/community/me/", {"marketing_consent": True}, content_type=JSON)
    lucia.patch("/api/community/me/", {"marketing_consent": False}, content_type=JSON)

    data = json.loads(lucia.get("/api/community/me/export").content)
    [consent] = data["account"]["marketing_consent"]
    assert consent["source"] == "profile" and consent["granted_at"] and consent["withdrawn_at"]

    erased = lucia.delete("/api/community/me/", {"password": "pw-lucia-12345"}, content_type=JSON)
    assert erased.status_code == 204
    assert not MarketingConsent.objects.exists()
