"""Feeds and sitemaps as the crawler reads them: bytes already fetched → the article URLs they list,
with the dates they give. Parsing only (feedparser for RSS/Atom, ultimate-sitemap-parser's
``sitemap_from_str`` for XML and text sitemaps): nothing here fetches.

    parse(content, url) -> Listing(kind, entries=[Entry(url, date)], sitemaps=[child sitemap URLs], error)
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date as Date, datetime
from email.utils import parsedate_to_datetime

import feedparser
from usp.objects.sitemap import AbstractIndexSitemap, InvalidSitemap
from usp.tree import sitemap_from_str

from .urls import normalise

# ultimate-sitemap-parser logs every parse problem; the crawler reports them itself, once, per feed
logging.getLogger("usp").setLevel(logging.CRITICAL)

MAX_ENTRIES = 50_000            # a sitemap holds at most 50 000 URLs (sitemaps.org)
_ROOT = re.compile(rb"<\s*([A-Za-z_][\w:.-]*)")
_PROLOGUE = re.compile(rb"\A(?:\s|\xef\xbb\xbf|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.S)


@dataclass(slots=True)
class Entry:
    url: str
    date: str | None = None          # ISO day the feed gives the article (its own time zone's)


@dataclass(slots=True)
class Listing:
    kind: str | None                 # "rss", "atom", "sitemap", "sitemap-index"; None: not a listing
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)   # a sitemap index's children
    error: str | None = None         # malformed (entries may still have been recovered)


def root_tag(content: bytes) -> str:
    """The local name of the document's first element, lower-case ('' when there is none)."""
    head = content[:4096]
    match = _ROOT.match(head, _PROLOGUE.match(head).end())
    return match.group(1).decode("ascii", "replace").rpartition(":")[2].lower() if match else ""


def parse(content: bytes, url: str) -> Listing:
    """What a feed or a sitemap at ``url`` lists (relative links are read against ``url``)."""
    root = root_tag(content)
    if root in ("urlset", "sitemapindex"):
        return _sitemap(content, url)
    if root in ("rss", "feed", "rdf"):
        return _feed(content, url)
    if not root and content.lstrip()[:4].lower() == b"http":
        return _sitemap(content, url)            # a text sitemap: one URL a line
    return Listing(None, error="not a feed or a sitemap" + (f" (<{root}>)" if root else ""))


def _feed(content: bytes, url: str) -> Listing:
    parsed = feedparser.parse(content, response_headers={"content-location": url, "content-type": "application/xml"})
    kind = "atom" if (parsed.get("version") or "").startswith("atom") else "rss"
    listing = Listing(kind)
    for item in parsed.entries[:MAX_ENTRIES]:
        link = normalise(item.get("link"), url)
        if link:
            listing.entries.append(Entry(link, _day(item.get("published") or item.get("updated"))))
    if parsed.get("bozo"):
        problem = " ".join(str(parsed.get("bozo_exception") or "").split())[:120]
        listing.error = f"malformed feed XML ({problem})" if problem else "malformed feed XML"
        if not listing.entries:
            listing.kind = None
    return listing


def _sitemap(content: bytes, url: str) -> Listing:
    text = content.decode("utf-8", "replace")
    tree = sitemap_from_str(text)
    if isinstance(tree, InvalidSitemap):
        return Listing(None, error=f"malformed sitemap ({' '.join(str(tree.reason).split())[:120]})")
    if isinstance(tree, AbstractIndexSitemap):
        listing = Listing("sitemap-index")
        for child in tree.sub_sitemaps[:MAX_ENTRIES]:
            link = normalise(child.url, url)
            if link:
                listing.sitemaps.append(link)
        return listing
    listing = Listing("sitemap")
    for n, page in enumerate(tree.all_pages()):
        if n >= MAX_ENTRIES:
            break
        link = normalise(page.url, url)
        if link:
            story = page.news_story
            listing.entries.append(Entry(link, _day(story.publish_date) if story else None))
    return listing


def _day(value) -> str | None:
    """The calendar day of a feed date (RFC 822 or ISO 8601 text, or a datetime), in its own zone."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, Date):
        return value.isoformat()
    text = str(value).strip()
    for read in (parsedate_to_datetime, _iso):
        try:
            return read(text).date().isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            continue
    return None


def _iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


__all__ = ["parse", "Listing", "Entry", "root_tag"]
