"""Brand Hub's Django shell for the browser tests, started once instead of once per call.

The stories set up what they need (accounts, pages, settings of a challenge) with a few lines of
Python run against the database the browser sees (support.ts, `brandHubShell`). Started by
site/frontend-e2e.sh, this process sets Django up once and runs each piece of code it is sent, as
`manage.py shell -c` would (the shell's automatic imports included), in a namespace of its own,
one piece at a time, answering what it printed, or the traceback with status 500.

What differs from a shell of its own per call: the process lives on between calls, so what code
leaves in it (a setting changed, a signal receiver connected, a function's cached answer) stays for
the later stories; the local-memory cache, the one thing the project's code keeps there by itself,
is emptied after each call. `sys.exit()` with no code or 0 ends a piece of code as it would end a
shell, without failing. Nothing is printed before the code's own output (`manage.py shell` says how
many objects it imported).

It listens on a Unix socket only (a file in the run's own temporary folder): no port, nothing
reachable from another machine.

    python frontend/e2e/django_shell.py SOCKET_PATH
"""

import contextlib
import http.server
import io
import os
import socketserver
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Shell(http.server.BaseHTTPRequestHandler):
    namespace: dict = {}

    def do_POST(self) -> None:
        from django.conf import settings
        from django.core.cache import caches
        from django.core.cache.backends.locmem import LocMemCache
        from django.db import connections
        from django.utils import translation

        started = time.perf_counter()
        code = self.rfile.read(int(self.headers["Content-Length"])).decode()
        printed = io.StringIO()
        status = 200
        translation.activate(settings.LANGUAGE_CODE)
        try:
            with contextlib.redirect_stdout(printed):
                exec(compile(code, "<brand hub shell>", "exec"), dict(self.namespace))
        except SystemExit as exit_:
            if exit_.code not in (None, 0):
                status = 500
                printed.write(traceback.format_exc())
        except BaseException:  # noqa: BLE001  (the story sees it, the shell goes on)
            status = 500
            printed.write(traceback.format_exc())
        finally:
            translation.deactivate()
            connections.close_all()  # as a process that ends would: nothing held between stories
            for cache in caches.all(initialized_only=True):
                if isinstance(cache, LocMemCache):
                    cache.clear()
        body = printed.getvalue().encode()
        took = (time.perf_counter() - started) * 1000
        lines = code.count("\n") + 1
        print(f"django_shell: {lines} lines run in {took:.0f} ms, status {status}", flush=True)
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def address_string(self) -> str:
        return "unix socket"

    def log_message(self, format: str, *args) -> None:  # noqa: A002  (BaseHTTPRequestHandler's name)
        pass


class UnixHTTPServer(socketserver.UnixStreamServer):
    def get_request(self):
        request, _address = super().get_request()
        return request, ("unix socket", 0)


def main(socket_path: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brand_hub.settings.dev")
    import django

    django.setup()
    from django.core.management.commands import shell

    # What `manage.py shell -c` runs code with: its module's globals and the models it imports.
    Shell.namespace = {**vars(shell), **shell.Command().get_namespace(verbosity=0)}
    with contextlib.suppress(FileNotFoundError):
        os.unlink(socket_path)
    with UnixHTTPServer(socket_path, Shell) as server:
        os.chmod(socket_path, 0o600)
        print(f"django_shell: listening on {socket_path}", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
