"""Wait until a benchmark's server answers /api/v2/pages/ (60 s at most): wait_for_server.py NAME PORT PID."""

import http.client
import os
import sys
import time

name, port, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit(f"{name}: the server exited during start-up")
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/api/v2/pages/?limit=1")
        if conn.getresponse().status == 200:
            sys.exit(0)
    except OSError:
        pass
    time.sleep(0.3)
sys.exit(f"{name}: the server did not answer /api/v2/pages/ within 60 s")
