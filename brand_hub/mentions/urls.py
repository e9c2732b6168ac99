"""A mention's URL in one spelling, so that the same post sent twice is one row."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that say how a link was shared, not which post it is.
TRACKING_PARAMETERS = {"fbclid", "gclid", "igshid", "mc_cid", "mc_eid", "ref_src", "ref_url", "si"}
DEFAULT_PORTS = {"http": 80, "https": 443}


class InvalidUrl(ValueError):
    pass


def normalise_url(url: str) -> str:
    """https and http only; scheme and host lower-case, `www.` and the default port dropped, the
    fragment and tracking parameters (utm_*, fbclid ...) dropped, the rest of the query sorted, and a
    trailing slash dropped from a path. The path keeps its case: on most networks it matters."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise InvalidUrl("This is not a valid URL.") from error
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise InvalidUrl("Only http and https URLs are accepted.")
    host = (parts.hostname or "").lower().rstrip(".")
    if not host or " " in url:
        raise InvalidUrl("This is not a valid URL.")
    host = host.removeprefix("www.")
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith("utm_") and name.lower() not in TRACKING_PARAMETERS
    )
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    return urlunsplit(("https" if scheme == "https" else "http", netloc, path, urlencode(query), ""))
