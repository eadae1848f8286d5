"""URLs as the crawler compares them: normalised with courlan, keyed so that one article under several
addresses (tracking parameters, http/https, a trailing slash, a fragment) is fetched once, and kept to
its source's host.
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit

from courlan import normalize_url
from courlan.filters import extension_filter

try:
    SVODKA_VERSION = version("svodka")
except PackageNotFoundError:        # run from a source tree that is not installed
    SVODKA_VERSION = "0"

SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise(url: str | None, base: str | None = None) -> str | None:
    """An absolute http(s) URL without tracking parameters or fragment, or None when it is not one
    (another scheme, no host, a broken address)."""
    if not url:
        return None
    url = url.strip()
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        if parts.scheme.lower() not in SCHEMES or not parts.hostname:
            return None
        parts.port                      # raises on a port that is not a number
        out = normalize_url(url)
    except (ValueError, TypeError):
        return None
    return out.split("#", 1)[0] or None


def host_of(url: str) -> str:
    """The host a politeness queue and the same-host rule go by: lower-case host, and the port unless
    it is the scheme's default ("www." is not dropped: it may be another server)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port != DEFAULT_PORTS.get(parts.scheme.lower()):
        return f"{host}:{port}"
    return host


def same_site(host: str, other: str) -> bool:
    """Whether two hosts are one site: equal once a leading "www." is set aside."""
    return host.removeprefix("www.") == other.removeprefix("www.")


def key(url: str) -> str:
    """The identity of a page's address: host (no "www."), path without a trailing slash, query —
    the scheme set aside, so that http and https of one article are one key."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/") or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{host_of(url).removeprefix('www.')}{path}{query}"


def article_like(url: str) -> bool:
    """Not a file that is no page (an image, a PDF, an archive …), by its extension."""
    return extension_filter(url)


def origin(url: str) -> str:
    """'https://host:port' of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


__all__ = ["normalise", "host_of", "same_site", "key", "article_like", "origin"]
