"""Watch rounds: poll the sources that are due, fetch what is new, ingest it as it comes.

A round (``Crawler.round``):
1. the feeds and sitemaps of every due source are polled (conditional GET; a sitemap index's newest
   children are read too) and the article URLs they list — normalised, on the source's site, not
   files — join the frontier (``crawl_urls``) unless it has them;
2. the frontier's pending URLs (newest feed dates first; capped per source and per round) are fetched,
   one thread per host at a time, and each page goes, as it arrives, through ``ingest_documents`` —
   the pipeline and the store of ``svodka ingest`` — with its URL and its feed's date;
3. a URL is marked done in the transaction that stores its page, so a watcher killed at any point
   fetches again at most the pages of its open batch and never stores one twice (the store keys
   documents by their bytes' SHA-256).
Every fetch is archived (``svodka.crawl.archive``) before its page is ingested.

    watch(db, every=900, rounds=None) -> runs rounds; Crawler(store, …).round() -> RoundReport
"""
from __future__ import annotations

import queue
import re
import signal
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..cluster import ClusterPipeline     # (Dask itself loads only when a cluster is asked for)
from ..ingest import ingest_documents
from ..pipeline import default_pipeline
from ..read.warc import response_document
from ..store import Store, open_store
from .archive import Archive, archive_folder
from .feeds import parse
from .fetch import Fetched, Fetcher, Politeness
from .urls import article_like, host_of, key, normalise, same_site

_CANONICAL = re.compile(rb"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>", re.I)
_HREF = re.compile(rb"\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)


@dataclass(slots=True)
class Settings:
    every: float = 900.0             # seconds between two polls of a source
    per_round: int = 1000            # pages fetched at most in a round
    per_source: int = 200            # pages fetched at most from one source in a round
    hosts_at_once: int = 8           # hosts fetched from at the same time (one request each)
    batch_size: int = 50             # documents a store transaction
    max_tries: int = 3               # rounds a failing URL is tried in before it is given up
    child_sitemaps: int = 5          # a sitemap index's children read a poll (the last listed: the newest)
    politeness: Politeness = field(default_factory=Politeness)


@dataclass(slots=True)
class RoundReport:
    id: int = 0
    sources: int = 0
    listed: int = 0                  # URLs the feeds listed
    found: int = 0                   # of them new to the frontier
    fetched: int = 0
    new: int = 0                     # articles stored
    seen: int = 0                    # pages whose bytes the store had
    rejected: int = 0
    errors: int = 0
    by_host: Counter = field(default_factory=Counter)   # host → fetch errors
    seconds: float = 0.0
    stopped: bool = False

    def figures(self) -> dict:
        return {"sources": self.sources, "listed": self.listed, "fetched": self.fetched, "new": self.new,
                "seen": self.seen, "rejected": self.rejected, "errors": self.errors, "by_host": dict(self.by_host)}

    def __str__(self) -> str:
        hosts = ", ".join(f"{host} {n}" for host, n in self.by_host.most_common(5))
        more = f" …+{len(self.by_host) - 5}" if len(self.by_host) > 5 else ""
        return (f"round {self.id}: {self.sources} sources polled, {self.listed} URLs listed ({self.found} new), "
                f"{self.fetched} pages fetched: {self.new} new, {self.seen} seen, {self.rejected} rejected, "
                f"{self.errors} errors{f' ({hosts}{more})' if hosts else ''}"
                f"{' — stopped' if self.stopped else ''} ({self.seconds:.1f} s)")


@dataclass(slots=True)
class _Target:
    key: str
    url: str
    host: str
    date: str | None
    attempts: int
    source: object                   # CrawlSource


def _utc(text: str | None) -> float:
    if not text:
        return 0.0
    try:
        return datetime.fromisoformat(text).timestamp()
    except ValueError:
        return 0.0


def canonical_link(content: bytes) -> str | None:
    """The href of the page's ``<link rel="canonical">`` (raw, as written), if any."""
    head = content[:65536]
    tag = _CANONICAL.search(head)
    href = _HREF.search(tag.group(0)) if tag else None
    if not href:
        return None
    return next(g for g in href.groups() if g is not None).decode("utf-8", "replace").strip() or None


class Crawler:
    """Rounds over one store. ``stop()`` (e.g. on SIGTERM) ends the round after the pages in flight:
    their batch is stored, the rest stays in the frontier."""

    def __init__(self, store, archive: Archive, *, settings: Settings | None = None, pipeline=None,
                 fetcher: Fetcher | None = None, progress: bool | str = False) -> None:
        self.store, self.archive = store, archive
        self.settings = settings or Settings()
        self.fetcher = fetcher or Fetcher(self.settings.politeness)
        self.pipeline, self.progress = pipeline, progress
        self.stopping = threading.Event()
        self._round_over = threading.Event()         # the ingest stopped asking: host threads end
        self._keys: dict[str, str] = {}          # document source (the URL asked for) → frontier key

    def stop(self) -> None:
        self.stopping.set()

    # --- a round ------------------------------------------------------------------------

    def round(self) -> RoundReport:
        started = time.perf_counter()
        store, report = self.store, RoundReport()
        report.id = store.crawl_start_round()
        for host, (until, _why) in store.crawl_blocked_hosts().items():
            self.fetcher.block(host, until)
        sources = store.crawl_sources()
        due = [s for s in sources if time.time() - _utc(s.polled) >= self.settings.every - 1]
        report.sources = len(due)
        try:
            self._poll(due, report)
            targets = self._plan(sources)
            if targets and not self.stopping.is_set():
                ingested = ingest_documents(self._documents(targets, report), store,
                                            batch_size=self.settings.batch_size, pipeline=self.pipeline,
                                            progress=self.progress, on_batch=self._settle, label="watch")
                report.new, report.rejected = ingested.new, ingested.rejected
                report.seen = ingested.skipped + ingested.meanwhile
        finally:
            self.archive.close()                # a WARC file a round: the next write opens another
            report.stopped = self.stopping.is_set()
            report.seconds = time.perf_counter() - started
            store.crawl_end_round(report.id, report.figures(), "stopped" if report.stopped else "done")
        return report

    def _poll(self, sources, report: RoundReport) -> None:
        """Poll the feeds of ``sources`` (one thread per host) and add what they list to the frontier."""
        by_host = defaultdict(list)
        for source in sources:
            for feed in self.store.crawl_feeds(source.id):
                by_host[host_of(feed.url)].append((source, feed))
        with ThreadPoolExecutor(max(1, self.settings.hosts_at_once)) as pool:
            results = pool.map(self._poll_host, by_host.values())
            polled = [item for host_items in results for item in host_items]
        status: dict[int, list[str]] = defaultdict(list)
        for source, feed, fetched, listing, children, problem in polled:
            fields = {"source": source.name, "site": source.home}
            self.archive.fetched(fetched, "sitemap" if feed.kind.startswith("sitemap") else "feed", **fields)
            for child in children:
                self.archive.fetched(child, "sitemap", **fields)
            if fetched.not_modified:
                self.store.crawl_feed_polled(feed.id, "not modified")
                continue
            if not fetched.ok:
                self.store.crawl_feed_polled(feed.id, fetched.error or f"HTTP status {fetched.status}")
                status[source.id].append(f"{feed.url}: {fetched.error}")
                report.errors += 1
                report.by_host[host_of(feed.url)] += 1
                continue
            entries = [(key(u), u, host_of(u), d) for u, d in listing
                       if same_site(host_of(u), source.host) and article_like(u)]
            report.listed += len(listing)
            new, _seen = self.store.crawl_add_urls(source.id, entries)
            report.found += new
            self.store.crawl_feed_polled(feed.id, problem or "ok", etag=fetched.headers.get("etag"),
                                         modified=fetched.headers.get("last-modified"), entries=len(entries))
            if problem:
                status[source.id].append(f"{feed.url}: {problem}")
        for source in sources:
            problems = status.get(source.id)
            self.store.crawl_source_polled(source.id, "; ".join(problems)[:500] if problems else "ok")

    def _poll_host(self, items):
        """The feeds of one host, in turn: [(source, feed, fetched, [(url, date)], child sitemaps
        fetched, the listing's problem)]."""
        out = []
        for source, feed in items:
            if self.stopping.is_set():
                break
            headers = {}
            if feed.etag:
                headers["If-None-Match"] = feed.etag
            if feed.modified:
                headers["If-Modified-Since"] = feed.modified
            fetched = self.fetcher.get(feed.url, headers or None)
            entries: list[tuple[str, str | None]] = []
            children: list[Fetched] = []
            problem = None
            if fetched.ok and fetched.content is not None:
                listing = parse(fetched.content, fetched.final_url or feed.url)
                entries = [(e.url, e.date) for e in listing.entries]
                problem = listing.error
                for child_url in listing.sitemaps[-self.settings.child_sitemaps:]:
                    if not same_site(host_of(child_url), source.host) or self.stopping.is_set():
                        continue
                    child = self.fetcher.get(child_url)
                    children.append(child)
                    if child.ok and child.content is not None:
                        entries += [(e.url, e.date) for e in parse(child.content, child_url).entries]
            out.append((source, feed, fetched, entries, children, problem))
        return out

    def _plan(self, sources) -> list[_Target]:
        """The pending URLs to fetch this round, within the caps, sources in turn."""
        s = self.settings
        targets: list[_Target] = []
        for source in sources:
            room = min(s.per_source, s.per_round - len(targets))
            if room <= 0:
                break
            for k, url, host, date, attempts in self.store.crawl_pending(source.id, room):
                targets.append(_Target(k, url, host, date, attempts, source))
        return targets

    # --- fetching as the pipeline asks -------------------------------------------------

    def _documents(self, targets: list[_Target], report: RoundReport):
        """Fetched pages as documents for the ingest, as they arrive; failures are recorded."""
        by_host = defaultdict(list)
        for target in targets:
            by_host[target.host].append(target)
        results: queue.Queue = queue.Queue(maxsize=4 * self.settings.batch_size)
        done = object()
        pool = ThreadPoolExecutor(max(1, self.settings.hosts_at_once))
        for host_targets in by_host.values():
            pool.submit(self._fetch_host, host_targets, results, done)
        remaining = len(by_host)
        try:
            while remaining:
                item = results.get()
                if item is done:
                    remaining -= 1
                    continue
                target, fetched = item
                document = self._take(target, fetched, report)
                if document is not None:
                    yield document
        finally:
            self._round_over.set()
            while remaining:            # let the host threads finish (they stop at the flag)
                try:
                    if results.get(timeout=0.1) is done:
                        remaining -= 1
                except queue.Empty:
                    pass
            pool.shutdown(wait=True)
            self._round_over.clear()

    def _fetch_host(self, targets: list[_Target], results: queue.Queue, done) -> None:
        try:
            for target in targets:
                if self.stopping.is_set() or self._round_over.is_set():
                    break
                fetched = self.fetcher.get(target.url)
                results.put((target, fetched))
                if fetched.retry_at:        # the host asked to be left alone: the rest waits
                    break
        finally:
            results.put(done)

    def _take(self, target: _Target, fetched: Fetched, report: RoundReport):
        """Archive a fetch and turn it into a document (or record its failure): main thread only."""
        source = target.source
        fields = {"date": target.date, "source": source.name, "site": source.home}
        if not fetched.ok:
            self.archive.fetched(fetched, "page", url=target.url, **fields)
            self._failed(target, fetched, report)
            return None
        report.fetched += 1
        url = fetched.final_url or target.url
        canonical = normalise(canonical_link(fetched.content or b""), url)
        if canonical and same_site(host_of(canonical), source.host) and article_like(canonical):
            url = canonical
        record_id = self.archive.fetched(fetched, "page", url=url, **fields)
        for alias in {url, fetched.final_url or url} - {target.url}:
            if key(alias) != target.key and same_site(host_of(alias), source.host):
                self.store.crawl_alias(key(alias), alias, source.id, host_of(alias), "known")
        self._keys[target.url] = target.key
        content_type = fetched.headers.get("content-type") if fetched.headers is not None else None
        return response_document(fetched.status, content_type, fetched.content or b"", target.url,
                                 url=url, date=target.date, record_id=record_id)

    def _failed(self, target: _Target, fetched: Fetched, report: RoundReport) -> None:
        reason = fetched.error or f"HTTP status {fetched.status}"
        if fetched.retry_at:
            self.store.crawl_block_host(target.host, fetched.retry_at, reason)
            self.store.crawl_mark([(target.key, "retry", reason)], tried=False)
        else:
            again = fetched.transient and target.attempts + 1 < self.settings.max_tries
            self.store.crawl_mark([(target.key, "retry" if again else "failed", reason)])
        report.errors += 1
        report.by_host[target.host] += 1

    def _settle(self, store, outcomes) -> None:
        """In the ingest's transaction: the URLs whose pages it has just stored (or found stored)."""
        states = {"article": "stored", "rejected": "rejected", "known": "known"}
        marks = [(self._keys.pop(source), states[what], None) for source, what in outcomes if source in self._keys]
        store.crawl_mark(marks)


def run_rounds(crawler: Crawler, *, every: float, rounds: int | None = None, say=print) -> list[RoundReport]:
    """Rounds every ``every`` seconds (from one round's start to the next), ``rounds`` of them or
    until ``crawler.stop()``; a one-line status per round."""
    reports = []
    while not crawler.stopping.is_set():
        began = time.monotonic()
        report = crawler.round()
        reports.append(report)
        say(f"svodka: {report}")
        if rounds is not None and len(reports) >= rounds:
            break
        crawler.stopping.wait(max(0.0, every - (time.monotonic() - began)))
    return reports


def watch(db, *, every: float = 900.0, rounds: int | None = None, settings: Settings | None = None,
          archive_dir=None, pipeline=None, workers: int | None = None, scheduler: str | None = None,
          progress: bool | str = False, say=print, handle_signals: bool = True) -> list[RoundReport]:
    """``svodka watch``: rounds over the store ``db`` (a Store, a path or a URL) every ``every``
    seconds, forever or ``rounds`` times; SIGTERM (and Ctrl-C) ends the open round after its batch.
    ``archive_dir``: the WARC folder (default ``archive_folder(db)``: beside a SQLite store,
    ``./svodka-archive-<database>/`` for PostgreSQL); its place is the first line said."""
    settings = settings or Settings()
    settings.every = every
    store = db if isinstance(db, Store) else open_store(db)
    cluster = None
    archive = Archive(archive_dir or archive_folder(getattr(store, "name", "") if isinstance(db, Store) else str(db)))
    previous = {}
    try:
        store.check_writable()
        runner = pipeline or default_pipeline()
        if workers is not None or scheduler is not None:
            cluster = runner = ClusterPipeline(None if scheduler else workers, scheduler, pipeline=runner)
        crawler = Crawler(store, archive, settings=settings, pipeline=runner, progress=progress)
        say(f"svodka: watching {getattr(store, 'name', db)}; the WARC archive goes to {archive.folder.resolve()}")
        if handle_signals and threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGTERM, signal.SIGINT):
                previous[signum] = signal.signal(signum, lambda *_: crawler.stop())
        try:
            return run_rounds(crawler, every=every, rounds=rounds, say=say)
        finally:
            crawler.fetcher.close()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        archive.close()
        if cluster is not None:
            cluster.close()
        if store is not db:
            store.close()

__all__ = ["watch", "Crawler", "Settings", "RoundReport", "run_rounds", "canonical_link"]
