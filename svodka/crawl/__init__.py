"""crawl: svodka gets the news itself — sources, feeds and sitemaps, a polite fetcher, a WARC archive,
and watch rounds that ingest pages as they are fetched (issue 20).

    urls.py      normalising (courlan), the key one article has under all its addresses, the same-site rule
    fetch.py     Fetcher: per-host queue and delay, robots.txt (protego, Crawl-delay too), Retry-After and
                 backoff, timeouts, redirect and size limits (httpx)
    feeds.py     parse(bytes, url): RSS/Atom (feedparser) and sitemaps (ultimate-sitemap-parser's parsing)
    discover.py  a site's feeds and sitemaps from its home page, robots.txt and common paths
    archive.py   Archive: every exchange as WARC request/response/metadata records (warcio)
    sources.py   add_source, import_sources (TOML), remove_source
    watch.py     Crawler.round(), watch(db, every=…, rounds=…)

The crawl state (sources, feeds, frontier, seen URLs, validators, backoff, rounds) lives in the store
(``svodka.store.crawl_state``). Library functions that fetch by themselves are never used: every byte
comes through ``Fetcher``, so robots.txt, the delays and the archive hold for all of it.
"""
from .archive import Archive, archive_folder
from .fetch import Fetcher, Politeness
from .sources import add_source, import_sources, remove_source
from .watch import Crawler, RoundReport, Settings, watch

__all__ = ["watch", "Crawler", "Settings", "RoundReport", "Fetcher", "Politeness", "Archive", "archive_folder",
           "add_source", "import_sources", "remove_source"]
