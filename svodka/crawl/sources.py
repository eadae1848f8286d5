"""Sources: the sites a store follows, each with the feeds and sitemaps it is polled through.

    add_source(store, home, name=None, feeds=None, fetcher=…, archive=…) -> Added(id, name, feeds, problems)
    import_sources(store, "sources.toml", …) -> [Added]       # [[source]] url = …, name = …, feeds = […]
    remove_source(store, name) -> bool;  store.crawl_sources() lists them

Without ``feeds`` a site's feeds and sitemaps are discovered from its home page (``discover``),
politely and archived like every other fetch.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .archive import Archive
from .discover import discover
from .fetch import Fetcher
from .urls import host_of, normalise


@dataclass(slots=True)
class Added:
    id: int | None
    name: str
    home: str
    feeds: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    exists: bool = False                 # a source of that name was there already (nothing changed)


def source_name(home: str) -> str:
    """A source's default name: its host without "www."."""
    return host_of(home).removeprefix("www.")


def _kind_from_url(url: str) -> str:
    return "sitemap" if "sitemap" in url.lower() else "rss"


def add_source(store, home: str, *, name: str | None = None, feeds: list[str] | None = None,
               fetcher: Fetcher | None = None, archive: Archive | None = None) -> Added:
    """Add a site; its feeds are ``feeds`` when given, else discovered from ``home`` (needs ``fetcher``)."""
    url = normalise(home)
    if url is None:
        raise ValueError(f"not an http(s) URL: {home}")
    added = Added(None, name or source_name(url), url)
    if any(s.name == added.name for s in store.crawl_sources()):
        added.exists = True
        return added
    if feeds:
        for feed in feeds:
            feed_url = normalise(feed, url)
            if feed_url is None:
                added.problems.append(f"{feed}: not an http(s) URL")
            else:
                added.feeds.append((feed_url, _kind_from_url(feed_url)))
    else:
        if fetcher is None:
            raise ValueError("discovering feeds needs a fetcher")
        record = (lambda fetched, kind: archive.fetched(fetched, kind, source=added.name, site=url)) if archive else None
        found = discover(fetcher, url, record)
        added.feeds, added.problems = found.feeds, found.problems
    added.id = store.crawl_add_source(added.name, url, host_of(url))
    if added.id is None:
        added.exists = True
        return added
    for feed_url, kind in added.feeds:
        store.crawl_add_feed(added.id, feed_url, kind)
    if not added.feeds:
        store.crawl_source_polled(added.id, "no feed or sitemap found")
    return added


def read_sources_file(path: str | Path) -> list[dict]:
    """The ``[[source]]`` tables of a TOML file: url (required), name, feeds (a list of URLs)."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    entries = data.get("source", data.get("sources", []))
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected [[source]] tables")
    out = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise ValueError(f"{path}: source {n} has no url")
        feeds = entry.get("feeds")
        if feeds is not None and not (isinstance(feeds, list) and all(isinstance(f, str) for f in feeds)):
            raise ValueError(f"{path}: source {n}: feeds must be a list of URLs")
        out.append({"home": entry["url"], "name": entry.get("name"), "feeds": feeds})
    return out


def import_sources(store, path: str | Path, *, fetcher: Fetcher | None = None,
                   archive: Archive | None = None) -> list[Added]:
    """Add every source of a TOML sources file (those already there are left as they are)."""
    return [add_source(store, e["home"], name=e["name"], feeds=e["feeds"], fetcher=fetcher, archive=archive)
            for e in read_sources_file(path)]


def remove_source(store, name: str) -> bool:
    return store.crawl_remove_source(name)


__all__ = ["add_source", "import_sources", "remove_source", "read_sources_file", "Added", "source_name"]
