"""Share links for pages and ideas, the visitors they bring, and the reach editors read."""

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from brand_hub.recommendations.models import ShareLink, ShareVisit
from brand_hub.recommendations.services import personal_data
from brand_hub.recommendations.views import VISITOR_COOKIE
from brand_hub.users.roles import EDITORS

pytestmark = pytest.mark.django_db

FRONTEND = "https://senda.example"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


@pytest.fixture(autouse=True)
def frontend(settings):
    settings.FRONTEND_URL = FRONTEND


@pytest.fixture
def lucia(django_user_model):
    return django_user_model.objects.create_user(
        "lucia", "lucia@example.com", "pw-lucia-123", display_name="Lucía"
    )


@pytest.fixture
def editor(roles, django_user_model):
    editor = django_user_model.objects.create_user(
        "eva", "eva@example.com", "pw-eva-12345", display_name="Eva"
    )
    editor.groups.add(Group.objects.get(name=EDITORS))
    return editor


def share(client, page, channel="whatsapp"):
    return client.post("/api/community/shares/", {"page_id": page.pk, "channel": channel}, "application/json")


def open_link(client, code, *, ip="203.0.113.7", user_agent=BROWSER):
    return client.get(f"/s/{code}", REMOTE_ADDR=ip, HTTP_USER_AGENT=user_agent)


def test_a_prosumer_shares_a_blog_post_and_gets_a_short_link(client, destination, lucia):
    post = destination["posts"][0]
    client.force_login(lucia)

    response = share(client, post)

    assert response.status_code == 201
    body = response.json()
    link = ShareLink.objects.get()
    assert body["code"] == link.code and len(link.code) == 11
    assert body["url"] == f"http://testserver/s/{link.code}"
    assert body["channel"] == "whatsapp" and body["visit_count"] == 0
    assert body["page"] == {"id": post.pk, "title": post.title, "url": f"{FRONTEND}{post.get_url()}"}
    assert (link.sharer, link.page_id) == (lucia, post.pk)


def test_a_prosumer_shares_an_idea_and_sharing_it_again_returns_the_same_link(client, destination, lucia):
    client.force_login(lucia)

    first = share(client, destination["idea"], "linkedin")
    again = share(client, destination["idea"], "linkedin")
    by_mail = share(client, destination["idea"], "email")

    assert (first.status_code, again.status_code, by_mail.status_code) == (201, 200, 201)
    assert again.json()["code"] == first.json()["code"] != by_mail.json()["code"]
    assert ShareLink.objects.filter(page=destination["idea"]).count() == 2


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"page_id": None, "channel": "telegram"}, "channel"),
        ({"channel": "whatsapp"}, "page_id"),
        ({"page_id": 999999, "channel": "whatsapp"}, "page_id"),
    ],
)
def test_an_unknown_channel_or_page_is_a_400_naming_the_field_that_stores_nothing(
    client, destination, lucia, payload, field
):
    client.force_login(lucia)
    if payload.get("page_id", 0) is None:
        payload["page_id"] = destination["posts"][0].pk

    response = client.post("/api/community/shares/", payload, "application/json")

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]
    assert not ShareLink.objects.exists()


def test_an_unpublished_page_cannot_be_shared(client, destination, lucia):
    post = destination["posts"][0]
    post.unpublish()
    client.force_login(lucia)

    response = share(client, post)

    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "page_id"
    assert not ShareLink.objects.exists()


def test_sharing_needs_a_signed_in_person(client, destination):
    assert share(client, destination["posts"][0]).status_code == 401
    assert client.get("/api/community/shares/mine").status_code == 401
    assert client.get("/api/community/shares/reach").status_code == 401
    assert not ShareLink.objects.exists()


def test_sharing_too_often_is_a_429_with_retry_after(client, destination, lucia, settings):
    settings.COMMUNITY_RATE_LIMITS = {"share": {"user": "2/h"}}
    client.force_login(lucia)
    share(client, destination["posts"][0], "x")
    share(client, destination["posts"][1], "x")

    refused = share(client, destination["posts"][2], "x")

    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert ShareLink.objects.count() == 2


def test_the_share_url_counts_a_visitor_once_and_redirects_to_the_page_on_the_frontend(
    client, destination, lucia
):
    post = destination["posts"][0]
    link = ShareLink.objects.create(sharer=lucia, page=post, channel="whatsapp")

    first = open_link(client, link.code)
    assert first.status_code == 302
    assert first["Location"] == f"{FRONTEND}{post.get_url()}" and post.get_url().startswith("/es/")
    assert first.cookies[VISITOR_COOKIE]["max-age"] and first.cookies[VISITOR_COOKIE]["httponly"]
    # The same browser again, now with its cookie and from another network: the same visitor.
    again = open_link(client, link.code, ip="198.51.100.20")
    assert again.status_code == 302 and VISITOR_COOKIE not in again.cookies

    link.refresh_from_db()
    assert link.visit_count == 1 and ShareVisit.objects.count() == 1


def test_visitors_are_told_apart_by_their_cookie_or_their_ip_and_browser(client, destination, lucia):
    from django.test import Client

    link = ShareLink.objects.create(sharer=lucia, page=destination["idea"], channel="facebook")
    open_link(Client(), link.code, ip="203.0.113.7")
    open_link(Client(), link.code, ip="203.0.113.7")  # refuses cookies: known by its IP and browser
    open_link(Client(), link.code, ip="203.0.113.8")
    open_link(Client(), link.code, ip="203.0.113.7", user_agent="Mozilla/5.0 (iPhone) Safari/605.1")
    open_link(Client(), link.code, user_agent="facebookexternalhit/1.1")  # a link preview, not a visit

    link.refresh_from_db()
    assert link.visit_count == 3 == ShareVisit.objects.count()
    assert all(
        len(key) == 64 and "203.0.113" not in key
        for key in ShareVisit.objects.values_list("visitor_key", flat=True)
    )


def test_an_unknown_code_or_a_withdrawn_page_sends_the_visitor_to_the_frontend_uncounted(
    client, destination, lucia
):
    post = destination["posts"][0]
    link = ShareLink.objects.create(sharer=lucia, page=post, channel="x")
    post.unpublish()

    unknown = open_link(client, "no-such-code")
    withdrawn = open_link(client, link.code)

    assert (unknown.status_code, unknown["Location"]) == (302, FRONTEND)
    assert (withdrawn.status_code, withdrawn["Location"]) == (302, FRONTEND)
    assert ShareVisit.objects.count() == 0


def test_a_frontend_counts_a_visit_itself_once_per_visitor(client, destination, lucia):
    link = ShareLink.objects.create(sharer=lucia, page=destination["idea"], channel="copy_link")
    url = f"/api/community/shares/{link.code}/visits"

    first = client.post(url, {"visitor_id": "visitor-0001"}, "application/json")
    again = client.post(url, {"visitor_id": "visitor-0001"}, "application/json")
    other = client.post(url, {"visitor_id": "visitor-0002"}, "application/json")

    landing = {
        "id": destination["idea"].pk,
        "title": destination["idea"].title,
        "url": FRONTEND + destination["idea"].get_url(),
    }
    bodies = [response.json() for response in (first, again, other)]
    # Each visit, counted or not, gets an attribution to the share (test_referrals.py).
    assert all(body.pop("referral") for body in bodies)
    assert bodies == [
        {"counted": True, "visit_count": 1, "page": landing},
        {"counted": False, "visit_count": 1, "page": landing},
        {"counted": True, "visit_count": 2, "page": landing},
    ]
    assert client.post(url, {}, "application/json").json()["errors"][0]["field"] == "visitor_id"
    assert (
        client.post(
            "/api/community/shares/nope/visits", {"visitor_id": "visitor-0003"}, "application/json"
        ).status_code
        == 404
    )
    link.refresh_from_db()
    assert link.visit_count == 2


def test_a_frontend_passing_on_a_link_preview_s_user_agent_counts_no_visit(client, destination, lucia):
    link = ShareLink.objects.create(sharer=lucia, page=destination["idea"], channel="whatsapp")
    url = f"/api/community/shares/{link.code}/visits"

    preview = client.post(
        url, {"visitor_id": "visitor-0001"}, "application/json", HTTP_USER_AGENT="WhatsApp/2.24"
    )
    person = client.post(url, {"visitor_id": "visitor-0001"}, "application/json", HTTP_USER_AGENT=BROWSER)

    assert (preview.json()["counted"], preview.json()["visit_count"]) == (False, 0)
    assert (person.json()["counted"], person.json()["visit_count"]) == (True, 1)


def test_counting_visits_too_often_from_one_address_is_a_429(client, destination, lucia, settings):
    settings.COMMUNITY_RATE_LIMITS = {"share_visit": {"ip": "2/m"}}
    link = ShareLink.objects.create(sharer=lucia, page=destination["idea"], channel="copy_link")
    url = f"/api/community/shares/{link.code}/visits"
    for n in range(2):
        client.post(url, {"visitor_id": f"visitor-000{n}"}, "application/json")

    refused = client.post(url, {"visitor_id": "visitor-0009"}, "application/json")

    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    link.refresh_from_db()
    assert link.visit_count == 2


def test_my_links_list_their_visit_counts_in_the_same_queries_for_one_link_or_many(
    client, destination, lucia, django_user_model
):
    pages = [*destination["posts"], destination["idea"], destination["group"], destination["home"]]
    someone_else = django_user_model.objects.create_user("ana", "ana@example.com")
    ShareLink.objects.create(sharer=someone_else, page=pages[0], channel="x")
    first = ShareLink.objects.create(sharer=lucia, page=pages[0], channel="whatsapp")
    open_link(client, first.code)
    client.force_login(lucia)
    client.get("/api/community/shares/mine")  # warm per-process caches (site root paths, content types)

    with CaptureQueriesContext(connection) as one:
        mine = client.get("/api/community/shares/mine").json()
    for page in pages[1:]:
        ShareLink.objects.create(sharer=lucia, page=page, channel="email")
    with CaptureQueriesContext(connection) as many:
        all_mine = client.get("/api/community/shares/mine").json()

    assert [(item["code"], item["visit_count"]) for item in mine["items"]] == [(first.code, 1)]
    assert all_mine["count"] == len(pages) and len(all_mine["items"]) == len(pages)
    assert len(many) == len(one)


@pytest.fixture
def shared(destination, lucia, django_user_model):
    """Lucía shares a post on WhatsApp (3 visitors) and the idea on X (1); Ana the post on X (2)."""
    from django.test import Client

    ana = django_user_model.objects.create_user("ana", "ana@example.com", display_name="Ana")
    post, idea = destination["posts"][0], destination["idea"]
    visits = [(lucia, post, "whatsapp", 3), (lucia, idea, "x", 1), (ana, post, "x", 2)]
    for sharer, page, channel, visitors in visits:
        link = ShareLink.objects.create(sharer=sharer, page=page, channel=channel)
        for n in range(visitors):
            open_link(Client(), link.code, ip=f"192.0.2.{n}")
    return {"lucia": lucia, "ana": ana, "post": post, "idea": idea}


def test_editors_read_shares_and_unique_visits_per_channel_sharer_and_page(client, shared, editor):
    client.force_login(editor)

    reach = client.get("/api/community/shares/reach").json()

    assert reach["totals"] == {"shares": 3, "visits": 6}
    assert reach["by_channel"] == [
        {"channel": "whatsapp", "shares": 1, "visits": 3},
        {"channel": "x", "shares": 2, "visits": 3},
    ]
    assert [(row["display_name"], row["shares"], row["visits"]) for row in reach["by_sharer"]] == [
        ("Lucía", 2, 4),
        ("Ana", 1, 2),
    ]
    assert [(row["page_id"], row["shares"], row["visits"]) for row in reach["by_page"]] == [
        (shared["post"].pk, 2, 5),
        (shared["idea"].pk, 1, 1),
    ]


def test_reach_narrows_to_a_page_a_channel_or_a_sharer(client, shared, editor):
    client.force_login(editor)
    url = "/api/community/shares/reach"

    assert client.get(url, {"page": shared["post"].pk}).json()["totals"] == {"shares": 2, "visits": 5}
    assert client.get(url, {"channel": "x"}).json()["totals"] == {"shares": 2, "visits": 3}
    by_ana = client.get(url, {"sharer": shared["ana"].pk}).json()
    assert by_ana["totals"] == {"shares": 1, "visits": 2} and len(by_ana["by_sharer"]) == 1
    assert client.get(url, {"channel": "pigeon"}).json()["errors"][0]["field"] == "channel"


def test_reach_takes_the_same_queries_however_many_links_there_are(client, destination, editor, lucia):
    client.force_login(editor)
    ShareLink.objects.create(sharer=lucia, page=destination["idea"], channel="x")
    client.get("/api/community/shares/reach")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/community/shares/reach")
    for page in destination["posts"]:
        for channel in ("whatsapp", "email"):
            ShareLink.objects.create(sharer=lucia, page=page, channel=channel)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/api/community/shares/reach").json()["totals"]["shares"] == 7

    assert len(many) == len(few)


def test_a_prosumer_may_not_read_the_reach(client, shared):
    client.force_login(shared["lucia"])

    response = client.get("/api/community/shares/reach")

    assert response.status_code == 403 and "totals" not in response.json()


def test_the_account_export_lists_the_persons_links_and_their_visits(shared):
    exported = personal_data(shared["lucia"])

    assert [(link["page_id"], link["channel"], link["visit_count"]) for link in exported["share_links"]] == [
        (shared["post"].pk, "whatsapp", 3),
        (shared["idea"].pk, "x", 1),
    ]


def test_moderators_and_prosumers_may_not_read_the_reach(client, shared, moderator):
    assert moderator.get("/api/community/shares/reach").status_code == 403
    client.force_login(shared["lucia"])
    assert client.get("/api/community/shares/reach").status_code == 403
