"""Store methods of the crawler (issue 20): sources, their feeds and sitemaps, the frontier, seen URLs,
validators and backoff — the crawl state a killed watcher resumes from.

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how).
"""
from __future__ import annotations


class CrawlQueries:
    conn = None
