"""Account e-mails: they speak in the brand's name, and their links work as a frontend receives them."""

import re
from urllib.parse import urlsplit

import pytest

from django.core import mail

from wagtail.models import Site

from tests.brand_hub.users.test_accounts_api import sign_up

pytestmark = pytest.mark.django_db


def test_the_key_in_the_verification_link_verifies_the_address_exactly_as_it_appears(client, settings):
    sign_up(client)

    link = re.search(rf"{re.escape(settings.FRONTEND_URL)}/account/verify-email/(\S+)", mail.outbox[-1].body)
    key_as_in_the_link = link.group(1)
    assert "%" not in key_as_in_the_link
    verified = client.post(
        "/_allauth/browser/v1/auth/email/verify", {"key": key_as_in_the_link}, content_type="application/json"
    )
    assert verified.status_code == 200, verified.json()


def test_account_e_mails_carry_the_brand_s_name_and_not_the_sites_framework_s_example_com(
    client, home, settings
):
    Site.objects.filter(pk=Site.objects.get(is_default_site=True).pk).update(site_name="Senda")

    sign_up(client)

    message = mail.outbox[-1]
    assert message.subject.startswith("[Senda] ")
    assert "example.com" not in message.subject + message.body
    assert "Senda" in message.body
    assert urlsplit(settings.FRONTEND_URL).netloc in message.body  # the frontend's host closes the message


def test_account_e_mails_are_written_in_the_language_chosen_at_sign_up(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    sign_up(client, preferred_locale="pl")

    assert "Witamy z" in mail.outbox[-1].body, mail.outbox[-1].body
