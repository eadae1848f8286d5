"""Which site a URL belongs to: its registrable domain — the public suffix and the one label before it
(``news.example.ru`` and ``www.example.ru`` → ``example.ru``; ``ufa.kp.ru`` → ``kp.ru``; ``a.b.co.uk`` →
``b.co.uk``). The public-suffix list is the one the ``tld`` package bundles (it comes with courlan and
trafilatura): nothing is downloaded at run time. A host the list does not know (an IP address,
``localhost``, a reserved name such as ``*.example``) is its own site, less a leading ``www.``.

    site_of(url) -> str | None     every article's ``site`` (the reader's layout, the crawler, search's --site)
    host_of(url) -> str | None     the host less ``www.`` (the pipeline's template groups: one layout a host)
    folder_of(source) -> str | None   the folder a document was read from: the site of a page without a URL
"""
from __future__ import annotations

from urllib.parse import urlsplit


def host_of(url: str | None) -> str | None:
    """'https://www.rbc.ru/politics/…' → 'rbc.ru'; 'https://sport.rbc.ru/…' → 'sport.rbc.ru'."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return None
    return host[4:] if host.startswith("www.") else host or None


def site_of(url: str | None) -> str | None:
    """The registrable domain of ``url`` (a URL or a bare host), or its host when it has none."""
    host = host_of(url)
    if not host:
        return None
    try:
        from tld import get_fld     # heavy: tld loads its public-suffix list on import; only for a URL's site
        fld = get_fld(host, fail_silently=True, fix_protocol=True)
    except Exception:  # noqa: BLE001 — tld raises several kinds on odd input
        fld = None
    return fld.lower() if fld else host


def folder_of(source: str | None) -> str | None:
    """The name of the folder a document was read from ("demo/text/perekrestok/a.txt" → "perekrestok"; for
    "feed.jsonl#L3" or "crawl.warc#<id>", its file's folder), or None for a file named without one."""
    if not source:
        return None
    parts = source.split("#", 1)[0].replace("\\", "/").rstrip("/").split("/")
    return parts[-2] if len(parts) >= 2 and parts[-2] not in ("", ".", "..") else None


__all__ = ["site_of", "host_of", "folder_of"]
