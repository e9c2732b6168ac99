"""The client's IP address, read from the chain of proxies the deployment trusts and nothing else."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The address the outermost trusted proxy received the request from, else the peer's address.

    With TRUSTED_PROXY_COUNT = N, each of the N proxies in front of the web nodes appends the address
    it was connected from to X-Forwarded-For, so the Nth entry from the right is the client as the
    outermost proxy saw it; whatever stands further left was written by the client and is ignored.
    With N = 0, or a header with fewer than N entries (a request that did not pass every proxy) or an
    entry that is not an address, the header is not believed and the peer address (REMOTE_ADDR) is
    the client. The rate limits, share visits, comments and allauth all ask here.
    """
    peer = request.META.get("REMOTE_ADDR") or "unknown"
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return peer
    entries = [entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if len(entries) < count:
        return peer
    return _address(entries[-count]) or peer
