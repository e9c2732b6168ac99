"""Signed revalidation: a committed change tells the frontend which cached pages to refresh."""

import hashlib
import hmac
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from django.db import transaction

from brand_hub.core.models import LocalizedSiteSettings
from brand_hub.headless import revalidation
from tests.brand_hub.community.test_follows_and_notifications import run_the_worker

pytestmark = pytest.mark.django_db

SECRET = "shared-with-the-frontend"


class FrontendReceiver(ThreadingHTTPServer):
    """The frontend's /api/revalidate as the protocol describes it: a call is taken only when signed."""

    daemon_threads = True

    def __init__(self, *, delay: float = 0.0):
        super().__init__(("127.0.0.1", 0), RevalidateHandler)
        self.calls: list[dict] = []
        self.refused: list[dict] = []
        self.delay = delay

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/api/revalidate"

    def events(self) -> list[str]:
        return [call["event"] for call in self.calls]


class RevalidateHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        timestamp = self.headers.get("X-Brand-Hub-Timestamp", "")
        expected = (
            "sha256=" + hmac.new(SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        )
        signed = hmac.compare_digest(expected, self.headers.get("X-Brand-Hub-Signature", ""))
        fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) < 300
        time.sleep(self.server.delay)
        call = {**json.loads(body), "content_type": self.headers["Content-Type"], "path": self.path}
        (self.server.calls if signed and fresh else self.server.refused).append(call)
        self.send_response(200 if signed and fresh else 401)
        self.end_headers()

    def log_message(self, *args):
        pass


def serve(receiver: FrontendReceiver):
    thread = threading.Thread(target=receiver.serve_forever, daemon=True)
    thread.start()
    return thread


@pytest.fixture
def frontend(settings):
    receiver = FrontendReceiver()
    serve(receiver)
    settings.FRONTEND_REVALIDATE_URL = receiver.url
    settings.FRONTEND_REVALIDATE_SECRET = SECRET
    yield receiver
    receiver.shutdown()
    receiver.server_close()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-editor-123")


def blog_form(post, **changes) -> dict:
    return {
        "title": post.title,
        "slug": post.slug,
        "intro": post.intro,
        "body-count": "1",
        "body-0-type": "heading",
        "body-0-value-text": "Made with our community",
        "body-0-value-level": "h2",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
        "published_date": str(post.published_date),
        "topics": "",
        **changes,
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_publishing_in_the_admin_tells_the_frontend_the_post_and_its_index_signed(
    client, destination, editor, frontend, django_capture_on_commit_callbacks
):
    post = destination["posts"][0]
    index = post.get_parent()
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/{post.id}/edit/", blog_form(post, title="New headline", **{"action-publish": "1"})
        )
        assert response.status_code == 302, response.context["form"].errors
        assert frontend.calls == [], "nothing is sent before the publish commits"

    assert frontend.refused == []
    (call,) = frontend.calls
    assert call["event"] == "page_published"
    assert call["path"] == "/api/revalidate"
    assert call["content_type"] == "application/json"
    assert call["pages"] == [
        {"id": post.id, "locale": "es", "path": "/es/blog/post-0/"},
        {"id": index.id, "locale": "es", "path": "/es/blog/"},
    ]
    assert sorted(call["tags"]) == sorted([f"page:{post.id}", f"page:{index.id}", "pages"])


def test_publishing_a_translation_refreshes_the_pages_in_the_other_languages_too(
    destination, locales, frontend, django_capture_on_commit_callbacks
):
    post = destination["posts"][0]
    english = post.copy_for_translation(locales["en"], copy_parents=True)

    with django_capture_on_commit_callbacks(execute=True):
        english.save_revision().publish()

    (call,) = frontend.calls
    assert call["pages"][0] == {"id": english.id, "locale": "en", "path": "/en/blog/post-0/"}
    assert {"id": post.id, "locale": "es", "path": "/es/blog/post-0/"} in call["pages"]
    assert f"page:{post.id}" in call["tags"]


def test_unpublishing_tells_the_frontend_to_drop_the_page(
    destination, frontend, django_capture_on_commit_callbacks
):
    post = destination["posts"][1]

    with django_capture_on_commit_callbacks(execute=True):
        post.unpublish()

    (call,) = frontend.calls
    assert call["event"] == "page_unpublished"
    assert {"id": post.id, "locale": "es", "path": "/es/blog/post-1/"} in call["pages"]


def test_a_move_names_the_old_and_new_paths_of_the_page_and_its_descendants(
    destination, frontend, django_capture_on_commit_callbacks
):
    blog = destination["posts"][0].get_parent()
    community = destination["group"].get_parent()

    with django_capture_on_commit_callbacks(execute=True):
        blog.move(community, pos="last-child")

    (call,) = frontend.calls
    assert call["event"] == "page_moved"
    paths = {page["path"] for page in call["pages"]}
    assert {"/es/blog/", "/es/comunidad/blog/", "/es/", "/es/comunidad/"} <= paths
    assert {"/es/blog/post-2/", "/es/comunidad/blog/post-2/"} <= paths
    assert f"page:{blog.id}" in call["tags"] and "pages" in call["tags"]


def test_deleting_a_live_page_is_one_deletion_call_for_it_and_its_index(
    destination, frontend, django_capture_on_commit_callbacks
):
    post = destination["posts"][2]
    index = post.get_parent()

    with django_capture_on_commit_callbacks(execute=True):
        post.delete()

    assert frontend.events() == ["page_deleted"]
    (call,) = frontend.calls
    assert call["pages"] == [
        {"id": post.id, "locale": "es", "path": "/es/blog/post-2/"},
        {"id": index.id, "locale": "es", "path": "/es/blog/"},
    ]
    assert sorted(call["tags"]) == sorted([f"page:{post.id}", f"page:{index.id}", "pages"])


def test_deleting_an_index_sends_one_call_naming_its_posts(
    destination, frontend, django_capture_on_commit_callbacks
):
    index = destination["posts"][0].get_parent()

    with django_capture_on_commit_callbacks(execute=True):
        index.delete()

    assert frontend.events() == ["page_deleted"]
    paths = {page["path"] for page in frontend.calls[0]["pages"]}
    assert paths == {"/es/blog/", "/es/", "/es/blog/post-0/", "/es/blog/post-1/", "/es/blog/post-2/"}


def test_a_large_branch_is_named_up_to_the_limit_and_refreshed_through_the_listings_tag(
    destination, frontend, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(revalidation, "MAX_PAGES_NAMED", 2)
    index = destination["posts"][0].get_parent()

    with django_capture_on_commit_callbacks(execute=True):
        index.delete()

    (call,) = frontend.calls
    assert call["event"] == "page_deleted"
    assert 2 <= len(call["pages"]) < 5
    assert "pages" in call["tags"]


def test_saving_a_languages_site_settings_refreshes_that_language(
    locales, frontend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        settings_pl = LocalizedSiteSettings.objects.create(locale=locales["pl"], site_name="Senda")
    with django_capture_on_commit_callbacks(execute=True):
        settings_pl.site_name = "Senda PL"
        settings_pl.save()

    assert (
        frontend.calls
        == [
            {
                "event": "settings_changed",
                "pages": [],
                "tags": ["settings:pl"],
                "content_type": "application/json",
                "path": "/api/revalidate",
            }
        ]
        * 2
    )


def test_a_rolled_back_change_tells_the_frontend_nothing(
    destination, frontend, django_capture_on_commit_callbacks
):
    post = destination["posts"][0]

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            post.save_revision().publish()
            raise RuntimeError("the editor's request failed after publishing")
        post.refresh_from_db()
        post.unpublish()

    assert frontend.events() == ["page_unpublished"]


def test_a_frontend_that_is_down_does_not_fail_the_publish(
    destination, settings, caplog, django_capture_on_commit_callbacks
):
    settings.FRONTEND_REVALIDATE_URL = f"http://127.0.0.1:{free_port()}/api/revalidate"
    settings.FRONTEND_REVALIDATE_SECRET = SECRET
    post = destination["posts"][0]

    with django_capture_on_commit_callbacks(execute=True):
        post.title = "Published while the frontend is down"
        post.save_revision().publish()

    post.refresh_from_db()
    assert post.live and post.title == "Published while the frontend is down"
    assert f"revalidation: the frontend did not take page_published of pages [{post.id}" in caplog.text


def test_a_slow_frontend_holds_the_publish_no_longer_than_the_timeout(
    destination, settings, caplog, django_capture_on_commit_callbacks
):
    receiver = FrontendReceiver(delay=3)
    serve(receiver)
    settings.FRONTEND_REVALIDATE_URL = receiver.url
    settings.FRONTEND_REVALIDATE_SECRET = SECRET
    settings.FRONTEND_REVALIDATE_TIMEOUT = 0.5
    post = destination["posts"][0]

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision().publish()
    elapsed = time.monotonic() - started
    receiver.shutdown()
    receiver.server_close()

    assert elapsed < 2.5
    assert "timed out" in caplog.text


def test_without_a_secret_nothing_is_sent(
    destination, frontend, settings, django_capture_on_commit_callbacks
):
    settings.FRONTEND_REVALIDATE_SECRET = ""

    with django_capture_on_commit_callbacks(execute=True):
        destination["posts"][0].save_revision().publish()

    assert frontend.calls == [] and frontend.refused == []


@pytest.mark.django_db(transaction=True)
def test_with_queued_tasks_the_worker_sends_the_call_after_the_publish(destination, frontend, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    post = destination["posts"][0]

    post.save_revision().publish()

    assert frontend.calls == [], "the publishing request does not call the frontend itself"
    queued = DBTaskResult.objects.filter(task_path="brand_hub.headless.revalidation.send_revalidation")
    assert queued.count() == 1, list(DBTaskResult.objects.values_list("task_path", "status"))
    run_the_worker()

    assert frontend.events() == ["page_published"]
    assert queued.get().status == "SUCCESSFUL"
