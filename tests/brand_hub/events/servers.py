"""Real ASGI server processes on the test database, and SSE clients that read them in a thread."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AsgiServer:
    """`uvicorn brand_hub.asgi:application` on the test database, as production runs each worker."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        settings = connection.settings_dict
        database_url = (
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
        )
        env = os.environ | {"DJANGO_SETTINGS_MODULE": "brand_hub.settings.test", "DATABASE_URL": database_url}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "brand_hub.asgi:application", "--host", "127.0.0.1",
             "--port", str(self.port), "--no-access-log", "--log-level", "warning"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped with {self.process.returncode}")
            try:
                if httpx.get(f"{self.url}/api/community/live/me", timeout=2).status_code == 401:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the server did not answer within 90 s")

    def kill(self) -> None:
        """As a crash would: no shutdown, no goodbye to the clients."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


class SseReader:
    """Reads one event stream in a thread; the test waits for what it expects, with a bound."""

    def __init__(self, url: str, *, headers: dict | None = None, cookies: dict | None = None) -> None:
        self.url, self.headers, self.cookies = url, headers or {}, cookies or {}
        self.events: list[dict] = []
        self.status: int | None = None
        self.ended = False
        self.changed = threading.Condition()
        self.closing = False
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.thread.start()

    def read(self) -> None:
        try:
            with httpx.Client(cookies=self.cookies, timeout=httpx.Timeout(5, read=60)) as client:
                with client.stream("GET", self.url, headers=self.headers) as response:
                    with self.changed:
                        self.status = response.status_code
                        self.changed.notify_all()
                    frame: dict = {}
                    for line in response.iter_lines():
                        if self.closing:
                            return
                        if line == "":
                            if frame:
                                self.add(frame)
                            frame = {}
                        elif line.startswith(":"):
                            frame["comment"] = line[1:].strip()
                        else:
                            name, _colon, value = line.partition(":")
                            frame[name] = value.removeprefix(" ")
        except httpx.HTTPError:
            pass
        finally:
            with self.changed:
                self.ended = True
                self.changed.notify_all()

    def add(self, frame: dict) -> None:
        if "data" in frame:
            frame["data"] = json.loads(frame["data"])
        with self.changed:
            self.events.append(frame)
            self.changed.notify_all()

    def of_kind(self, kind: str) -> list[dict]:
        return [event for event in self.events if event.get("event") == kind]

    def wait_for(self, condition, timeout: float = 10.0):
        """Until `condition(self)` holds; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while not condition(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"not within {timeout} s; received {self.events}")
                self.changed.wait(left)

    def connected(self, timeout: float = 20.0) -> "SseReader":
        # The stream opens with its `retry:` line once the broker has subscribed it.
        self.wait_for(lambda reader: any("retry" in event for event in reader.events), timeout)
        return self

    def close(self) -> None:
        self.closing = True
