"""A site's feeds and sitemaps, found from its home page — every request through svodka's fetcher.

Where they are looked for: the home page's ``<link rel="alternate">`` feeds (trafilatura's parsing,
``determine_feed``), the Sitemap lines of robots.txt, and — when those give no feed, or no sitemap —
the common paths (``/rss.xml``, ``/feed``, ``/sitemap.xml``, news sitemaps …). A candidate is kept
when it parses as a feed or a sitemap and stays on the site.

    discover(fetcher, home, record=None) -> Discovery(home, feeds=[(url, kind)], problems=[…])

``record(fetched, kind)`` is called for every fetch (to archive it).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from trafilatura.feeds import FeedParameters, determine_feed

from .feeds import parse
from .fetch import Fetched, Fetcher
from .urls import host_of, normalise, origin, same_site

FEED_PATHS = ("/rss.xml", "/rss", "/feed", "/atom.xml")
SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/sitemap-news.xml", "/news-sitemap.xml")


@dataclass(slots=True)
class Discovery:
    home: str
    feeds: list[tuple[str, str]] = field(default_factory=list)     # (url, kind: rss, atom, sitemap, sitemap-index)
    problems: list[str] = field(default_factory=list)              # "URL: reason" of candidates left out


def discover(fetcher: Fetcher, home: str, record: Callable[[Fetched, str], None] | None = None) -> Discovery:
    """The feeds and sitemaps of the site whose home page is ``home``."""
    home = normalise(home) or home
    found = Discovery(home)
    host = host_of(home)
    record = record or (lambda fetched, kind: None)

    page = fetcher.get(home)
    record(page, "home")
    candidates: list[str] = []
    if page.ok and page.content:
        params = FeedParameters(origin(home), host, home)
        candidates += determine_feed(page.content.decode("utf-8", "replace"), params)
    elif page.error:
        found.problems.append(f"{home}: {page.error}")
    sitemaps, exchanges = fetcher.robots_sitemaps(home)
    if exchanges:
        record(Fetched(origin(home) + "/robots.txt", exchanges=exchanges), "robots")
    candidates += sitemaps

    tried: set[str] = set()

    def consider(urls, probing: bool = False) -> None:
        for url in urls:
            url = normalise(url, home)
            if url is None or url in tried:
                continue
            tried.add(url)
            if not same_site(host_of(url), host):
                found.problems.append(f"{url}: on another site")
                continue
            fetched = fetcher.get(url)
            if not fetched.ok or not fetched.content:
                record(fetched, "feed")
                if not probing:             # a common path that is not there says nothing
                    found.problems.append(f"{url}: {fetched.error or 'empty answer'}")
                continue
            listing = parse(fetched.content, fetched.final_url or url)
            record(fetched, "sitemap" if listing.kind and listing.kind.startswith("sitemap") else "feed")
            if listing.kind is None:
                if not probing:
                    found.problems.append(f"{url}: {listing.error}")
            else:
                found.feeds.append((fetched.final_url or url, listing.kind))

    consider(candidates)
    base = origin(home)
    if not any(kind in ("rss", "atom") for _, kind in found.feeds):
        consider((base + path for path in FEED_PATHS), probing=True)
    if not any(kind.startswith("sitemap") for _, kind in found.feeds):
        consider((base + path for path in SITEMAP_PATHS), probing=True)
    return found


__all__ = ["discover", "Discovery", "FEED_PATHS", "SITEMAP_PATHS"]
