"""Store methods of the crawler (issue 20): sources, their feeds and sitemaps, the frontier, seen URLs,
validators and backoff — the crawl state a killed watcher resumes from.

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how).
Every statement runs on SQLite and PostgreSQL as written (``ON CONFLICT``, ``RETURNING``, explicit
``NULLS LAST``). URL states in ``crawl_urls``: ``new`` (found, not fetched), ``retry`` (a fetch failed,
it is tried again in a later round), ``stored`` (its page became an article or a rejected document
in this store), ``known`` (its bytes were stored already, under another URL), ``failed`` (given up).
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from .records import now

PENDING = ("new", "retry")
_CHUNK = 500          # keys asked about in one IN-list


@dataclass(slots=True)
class CrawlSource:
    """A source as ``svodka sources`` lists it: its last poll and what its URLs became."""

    id: int
    name: str
    home: str
    host: str
    added: str
    polled: str | None = None
    status: str | None = None
    feeds: int = 0
    urls: dict[str, int] = field(default_factory=dict)      # state → URLs

    @property
    def articles(self) -> int:
        return self.urls.get("stored", 0)

    @property
    def pending(self) -> int:
        return sum(self.urls.get(state, 0) for state in PENDING)

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "home": self.home, "host": self.host, "added": self.added,
                "polled": self.polled, "status": self.status, "feeds": self.feeds, "urls": dict(self.urls),
                "articles": self.articles, "pending": self.pending}


@dataclass(slots=True)
class CrawlFeed:
    id: int
    source: int
    url: str
    kind: str
    etag: str | None = None
    modified: str | None = None
    polled: str | None = None
    status: str | None = None
    entries: int = 0


@dataclass(slots=True)
class CrawlRound:
    """One watch round's figures (``by_host``: host → fetch errors)."""

    id: int
    started: str
    finished: str | None = None
    sources: int = 0
    listed: int = 0
    fetched: int = 0
    new: int = 0
    seen: int = 0
    rejected: int = 0
    errors: int = 0
    by_host: dict[str, int] = field(default_factory=dict)
    status: str | None = None

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


_ROUND_COLUMNS = "id, started, finished, sources, listed, fetched, new, seen, rejected, errors, by_host, status"


def _round(row) -> CrawlRound:
    values = list(row)
    values[10] = json.loads(values[10] or "{}")
    return CrawlRound(*values)


class CrawlQueries:

    # --- sources and their feeds ---------------------------------------------------------

    def crawl_add_source(self, name: str, home: str, host: str) -> int | None:
        """Add a source; its id, or None when a source of that name exists."""
        with self.transaction():
            return self.insert_id(
                "INSERT INTO crawl_sources (name, home, host, added) VALUES (:name, :home, :host, :added)"
                " ON CONFLICT (name) DO NOTHING RETURNING id",
                {"name": name, "home": home, "host": host, "added": now()})

    def crawl_add_feed(self, source: int, url: str, kind: str) -> bool:
        """Give a source a feed or sitemap; False when it has it already."""
        with self.transaction():
            return self.insert_id(
                "INSERT INTO crawl_feeds (source, url, kind) VALUES (:source, :url, :kind)"
                " ON CONFLICT (source, url) DO NOTHING RETURNING id",
                {"source": source, "url": url, "kind": kind}) is not None

    def crawl_remove_source(self, name: str) -> bool:
        """Forget a source, its feeds and its URLs (its articles stay); False when there is none."""
        with self.transaction():
            found = self.run("SELECT id FROM crawl_sources WHERE name = :name", {"name": name}).scalar()
            if found is None:
                return False
            for table, column in (("crawl_urls", "source"), ("crawl_feeds", "source"), ("crawl_sources", "id")):
                self.run(f"DELETE FROM {table} WHERE {column} = :id", {"id": found})
            return True

    def crawl_sources(self) -> list[CrawlSource]:
        """Every source, by name, with its feeds count and its URLs counted by state."""
        sources = {row[0]: CrawlSource(*row) for row in self.run(
            "SELECT id, name, home, host, added, polled, status FROM crawl_sources ORDER BY name")}
        for source, feeds in self.run("SELECT source, count(*) FROM crawl_feeds GROUP BY source"):
            if source in sources:
                sources[source].feeds = feeds
        for source, state, count in self.run("SELECT source, state, count(*) FROM crawl_urls GROUP BY source, state"):
            if source in sources:
                sources[source].urls[state] = count
        return list(sources.values())

    def crawl_feeds(self, source: int) -> list[CrawlFeed]:
        """A source's feeds and sitemaps, in the order they were added."""
        return [CrawlFeed(*row) for row in self.run(
            "SELECT id, source, url, kind, etag, modified, polled, status, entries FROM crawl_feeds"
            " WHERE source = :source ORDER BY id", {"source": source})]

    def crawl_feed_polled(self, feed: int, status: str, *, etag: str | None = None, modified: str | None = None,
                          entries: int | None = None) -> None:
        """A feed's last poll: its status, and the validators and entry count of a fresh answer."""
        with self.transaction():
            self.run("UPDATE crawl_feeds SET polled = :polled, status = :status,"
                     " etag = CASE WHEN :fresh = 1 THEN :etag ELSE etag END,"
                     " modified = CASE WHEN :fresh = 1 THEN :modified ELSE modified END,"
                     " entries = CASE WHEN :fresh = 1 THEN :entries ELSE entries END WHERE id = :id",
                     {"polled": now(), "status": status, "etag": etag, "modified": modified,
                      "entries": entries or 0, "fresh": int(entries is not None), "id": feed})

    def crawl_source_polled(self, source: int, status: str) -> None:
        with self.transaction():
            self.run("UPDATE crawl_sources SET polled = :polled, status = :status WHERE id = :id",
                     {"polled": now(), "status": status, "id": source})

    # --- the frontier --------------------------------------------------------------------

    def crawl_known_keys(self, keys: list[str]) -> set[str]:
        """Those of ``keys`` the frontier has (in any state)."""
        found: set[str] = set()
        for start in range(0, len(keys), _CHUNK):
            found.update(row[0] for row in self.run("SELECT key FROM crawl_urls WHERE key IN :keys",
                                                    {"keys": keys[start:start + _CHUNK]}, expand=("keys",)))
        return found

    def crawl_add_urls(self, source: int, entries: list[tuple[str, str, str, str | None]]) -> tuple[int, int]:
        """Add (key, url, host, feed date) entries found for ``source`` to the frontier; (new, seen)
        — seen: the frontier had them (fetched or pending), nothing changes for them."""
        unique = {}
        for entry in entries:
            unique.setdefault(entry[0], entry)
        known = self.crawl_known_keys(list(unique))
        stamp = now()
        rows = [{"key": k, "url": u, "source": source, "host": h, "feed_date": d, "found": stamp}
                for k, u, h, d in unique.values() if k not in known]
        with self.transaction():
            self.run_many("INSERT INTO crawl_urls (key, url, source, host, feed_date, found)"
                          " VALUES (:key, :url, :source, :host, :feed_date, :found) ON CONFLICT (key) DO NOTHING", rows)
        return len(rows), len(entries) - len(rows)

    def crawl_pending(self, source: int, limit: int) -> list[tuple[str, str, str, str | None, int]]:
        """Up to ``limit`` URLs of ``source`` to fetch: (key, url, host, feed date, attempts), the
        newest feed dates first, then in the order found."""
        return [tuple(row) for row in self.run(
            "SELECT key, url, host, feed_date, attempts FROM crawl_urls"
            " WHERE source = :source AND state IN :states"
            " ORDER BY feed_date DESC NULLS LAST, found, key LIMIT :limit",
            {"source": source, "states": list(PENDING), "limit": int(limit)}, expand=("states",))]

    def crawl_mark(self, outcomes: list[tuple[str, str, str | None]], *, tried: bool = True) -> None:
        """Record what became of fetched URLs: (key, state, reason). ``tried``: a fetch was made
        (counted as an attempt)."""
        stamp = now()
        with self.transaction():
            self.run_many("UPDATE crawl_urls SET state = :state, reason = :reason, fetched = :fetched,"
                          " attempts = attempts + :tried WHERE key = :key",
                          [{"key": k, "state": s, "reason": r, "fetched": stamp, "tried": int(tried)}
                           for k, s, r in outcomes])

    def crawl_alias(self, key: str, url: str, source: int, host: str, state: str) -> None:
        """Another address of a fetched page (its same-site canonical link): never fetched on its own."""
        stamp = now()
        with self.transaction():
            self.run("INSERT INTO crawl_urls (key, url, source, host, found, state, fetched)"
                     " VALUES (:key, :url, :source, :host, :found, :state, :found)"
                     " ON CONFLICT (key) DO UPDATE SET state = excluded.state, fetched = excluded.fetched"
                     " WHERE crawl_urls.state IN ('new', 'retry')",
                     {"key": key, "url": url, "source": source, "host": host, "found": stamp, "state": state})

    def crawl_url_states(self, source: int | None = None) -> dict[str, int]:
        """URLs counted by state (of one source, or of all)."""
        where, params = ("WHERE source = :source", {"source": source}) if source is not None else ("", {})
        return {state: count for state, count in self.run(
            f"SELECT state, count(*) FROM crawl_urls {where} GROUP BY state", params)}

    def crawl_failures(self, limit: int = 100) -> list[tuple[str, str, str | None, int]]:
        """URLs whose last fetch failed: (url, state, reason, attempts), latest first."""
        return [tuple(row) for row in self.run(
            "SELECT url, state, reason, attempts FROM crawl_urls WHERE state IN ('retry', 'failed')"
            " ORDER BY fetched DESC NULLS LAST, key LIMIT :limit", {"limit": int(limit)})]

    # --- hosts' backoff ------------------------------------------------------------------

    def crawl_block_host(self, host: str, until: float, reason: str) -> None:
        """Remember that ``host`` asked to be left alone until ``until`` (epoch seconds)."""
        with self.transaction():
            self.run("INSERT INTO crawl_hosts (host, blocked_until, reason) VALUES (:host, :until, :reason)"
                     " ON CONFLICT (host) DO UPDATE SET blocked_until = excluded.blocked_until, reason = excluded.reason",
                     {"host": host, "until": float(until), "reason": reason})

    def crawl_blocked_hosts(self) -> dict[str, tuple[float, str | None]]:
        """Hosts still backing off: host → (until, why)."""
        return {host: (until, reason) for host, until, reason in self.run(
            "SELECT host, blocked_until, reason FROM crawl_hosts WHERE blocked_until > :now", {"now": time.time()})}

    # --- rounds --------------------------------------------------------------------------

    def crawl_start_round(self) -> int:
        with self.transaction():
            return self.insert_id("INSERT INTO crawl_rounds (started, status) VALUES (:started, 'running') RETURNING id",
                                  {"started": now()})

    def crawl_end_round(self, round_id: int, figures: dict, status: str) -> None:
        """Close a round with its figures (sources, listed, fetched, new, seen, rejected, errors, by_host)."""
        values = {name: int(figures.get(name, 0)) for name in
                  ("sources", "listed", "fetched", "new", "seen", "rejected", "errors")}
        with self.transaction():
            self.run("UPDATE crawl_rounds SET finished = :finished, sources = :sources, listed = :listed,"
                     " fetched = :fetched, new = :new, seen = :seen, rejected = :rejected, errors = :errors,"
                     " by_host = :by_host, status = :status WHERE id = :id",
                     {**values, "finished": now(), "by_host": json.dumps(figures.get("by_host", {}), sort_keys=True),
                      "status": status, "id": round_id})

    def crawl_rounds(self, limit: int = 10) -> list[CrawlRound]:
        """The last rounds, latest first."""
        return [_round(row) for row in self.run(
            f"SELECT {_ROUND_COLUMNS} FROM crawl_rounds ORDER BY id DESC LIMIT :limit", {"limit": int(limit)})]

    def crawl_last_round(self) -> CrawlRound | None:
        rounds = self.crawl_rounds(1)
        return rounds[0] if rounds else None
