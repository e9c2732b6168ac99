"""A real receiving system on 127.0.0.1 that verifies what it is sent, and endpoints pointing at it."""

import base64
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from brand_hub.webhooks.models import WebhookEndpoint


def verify(*, secret: str, headers, body: bytes, tolerance: int = 300) -> bool:
    """A receiver's check, written from the README's description alone (Standard Webhooks)."""
    message_id = headers["Webhook-Id"]
    timestamp = headers["Webhook-Timestamp"]
    if abs(time.time() - int(timestamp)) > tolerance:
        return False
    key = base64.b64decode(secret.removeprefix("whsec_"))
    expected = base64.b64encode(
        hmac.new(key, f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    ).decode()
    return any(
        hmac.compare_digest(expected, candidate.removeprefix("v1,"))
        for candidate in headers["Webhook-Signature"].split()
    )


class Receiver(ThreadingHTTPServer):
    """Answers each POST with the next of `answers` (a status code, or ("sleep", seconds)), then 200."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), ReceiverHandler)
        self.calls: list[dict] = []
        self.answers: list = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hooks/brand-hub"

    def wait_for(self, count: int, *, within: float = 5.0) -> list[dict]:
        deadline = time.monotonic() + within
        while len(self.calls) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.calls


class ReceiverHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        answer = self.server.answers.pop(0) if self.server.answers else 200
        self.server.calls.append(
            {"headers": dict(self.headers), "body": body, "json": json.loads(body), "path": self.path}
        )
        if isinstance(answer, tuple):  # ("sleep", seconds): an endpoint too slow to answer in time
            time.sleep(answer[1])
            answer = 200
        if isinstance(answer, str):  # a redirect elsewhere
            self.send_response(302)
            self.send_header("Location", answer)
        else:
            self.send_response(answer)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def endpoint(db, receiver) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(
        name="CRM", url=receiver.url, event_kinds=["comment.posted", "idea.status_changed"]
    )
