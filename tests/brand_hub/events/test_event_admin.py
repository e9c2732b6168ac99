"""Editors read the event log in the admin; nobody can write it there."""

import pytest

from django.utils import translation

from brand_hub.community import comments as comment_services
from brand_hub.events.catalogue import EventKind
from brand_hub.events.models import Event

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/events/event/"


def test_the_admin_lists_the_events_by_kind_and_shows_one(admin_client, post, lucia):
    comment_services.post_comment(author=lucia.user, page=post, text="Hola")
    event = Event.objects.get(kind="comment.posted")
    listing = admin_client.get(LISTING, {"kind": "comment.posted"})
    assert listing.status_code == 200
    with translation.override("es"):  # the admin speaks the site's language
        assert str(EventKind.COMMENT_POSTED.label) in listing.content.decode()
    assert admin_client.get(f"{LISTING}inspect/{event.pk}/").status_code == 200


def test_nobody_adds_edits_or_deletes_an_event_in_the_admin(admin_client, post, lucia):
    comment_services.post_comment(author=lucia.user, page=post, text="Hola")
    event = Event.objects.get(kind="comment.posted")
    for url in (f"{LISTING}add/", f"{LISTING}edit/{event.pk}/", f"{LISTING}delete/{event.pk}/"):
        assert admin_client.get(url).status_code in (302, 403), url
    admin_client.post(f"{LISTING}delete/{event.pk}/")
    assert Event.objects.filter(pk=event.pk).exists()
