"""store: the knowledge base's storage — articles with every annotation, raw inputs, rejected
documents, full-text search over lemmas. SQLite (one file) by default.

The Python API mirrors the command line::

    from svodka.store import open_store
    from svodka.ingest import ingest           # read → analyse → store → link (above the store)

    store = open_store("svodka.db")            # a path, "sqlite:///svodka.db", ":memory:", "postgresql://…"
    report = ingest(["demo/"], store)          # svodka ingest demo/ --db svodka.db
    report.new, report.skipped, report.rejected

    hits = store.search("Алиеву", date_from="2025-01-01", date_to="2025-12-31", site=None, rubric=None,
                        entity="Алиев", limit=20, offset=0)
                                               # svodka search Алиеву --from … --to … --entity Алиев
    hit.id, hit.title, hit.published, hit.site, hit.rubric, hit.score, hit.snippet, hit.highlights
    hit.marked()                               # «…поздравил [Алиева] с днем рождения…»
    store.article("ed948d7474199ad3")          # svodka show ID          → Article (annotations too)
    store.article_dict(id)                     # svodka show ID --json   → the article JSON
    store.raw(id)                              # svodka show ID --raw    → the exact input bytes
    store.rejected()                           # svodka rejected         → [RejectedDoc(source, reason, sha256, time)]
    store.sources(id), store.counts(), len(store)

    store.add_articles(articles, raws=None)    # store Article records (no pipeline): returns how many were new
    store.add_rejected(rejected, data=None)

    from svodka.reanalyze import reanalyze
    reanalyze(store)                           # svodka reanalyze: every stored article analysed again from
                                               # its kept raw bytes by this svodka, then linked anew
                                               # → ReanalyzeReport(articles, reanalyzed, changed, failed, …)

Identity: a document is the SHA-256 of its raw bytes. Storing the same bytes again adds nothing
(another source they were found under goes to ``sources``). Schema: ``svodka.store.schema``
(versioned, migrated on open). Search syntax and lemmas: ``svodka.store.text``.

Backends: ``open_store`` picks one by URL — SQLite (``svodka.store.sqlite``, a path) or PostgreSQL
(``svodka.store.postgres``, ``postgresql://user:password@host/database``). Both are ``Store``
(``svodka.store.base``), with the same methods and the same results; ``store.errors`` is the
backend's database exception classes.
"""
from __future__ import annotations

import os
from pathlib import Path

from .records import Hit, RejectedDoc, StoreError, StoreReadOnly
from .base import Store
from .schema import DB_SCHEMA_VERSION
from .sqlite import SQLiteStore

DEFAULT_DB = "svodka.db"
SCHEMA_VERSION = DB_SCHEMA_VERSION      # the old name, kept for code written against it


def default_db() -> str:
    """The store when none is named: ``$SVODKA_DB``, else svodka.db (the command line's --db,
    ``serve.app.from_env``)."""
    return os.environ.get("SVODKA_DB") or DEFAULT_DB


def open_store(url_or_path: str | Path = DEFAULT_DB, *, create: bool = True, read_only: bool = False) -> Store:
    """A store by path or URL: ``path/to/file.db``, ``sqlite:///relative.db``,
    ``sqlite:////absolute/path.db``, ``:memory:``, ``postgresql://user:password@host:port/database``
    (``postgres://`` too). ``create=False`` refuses a missing file or a database without a store.

    Writing: ``create=True`` (the default) needs a store it can write, and says why not at once
    (StoreReadOnly); with ``create=False`` a SQLite store that cannot be written (read-only file or
    folder) is opened read-only (``store.writable`` is False, a write raises StoreReadOnly).
    ``read_only=True`` (also ``sqlite:///x.db?mode=ro``) never writes: SQLite's ``mode=ro`` when the
    file or its folder cannot be written, else ``PRAGMA query_only``; PostgreSQL: read-only
    transactions. Read-only commands (search, show, export, serve …) open stores so.

    Raises StoreError for a URL of a backend this svodka does not have.
    """
    target = str(url_or_path)
    if "://" in target:
        scheme, _, rest = target.partition("://")
        scheme = scheme.lower()
        if scheme == "sqlite":
            if rest.endswith("?mode=ro"):
                rest, read_only = rest[:-len("?mode=ro")], True
            path = rest[1:] if rest.startswith("/") else rest      # sqlite:///x.db → x.db
            return SQLiteStore(path or ":memory:", create=create and not read_only, read_only=read_only)
        if scheme in ("postgres", "postgresql"):
            from .postgres import PostgresStore     # optional: psycopg loads only for a PostgreSQL store
            return PostgresStore(target, create=create and not read_only, read_only=read_only)
        raise StoreError(f"unknown store URL scheme {scheme!r} (expected a path, sqlite:///… or postgresql://…)")
    return SQLiteStore(target, create=create and not read_only, read_only=read_only)


def read_only_url(url_or_path: str | Path) -> str:
    """The store's URL for a read-only open (``sqlite:///PATH?mode=ro``; a PostgreSQL URL as it is:
    its readers set read-only transactions themselves), for code that takes a URL, not options."""
    target = str(url_or_path)
    if "://" not in target:
        return target if target == ":memory:" else f"sqlite:///{target}?mode=ro"
    if target.lower().startswith("sqlite://") and not target.endswith("?mode=ro"):
        return target + "?mode=ro"
    return target


__all__ = ["open_store", "read_only_url", "StoreReadOnly", "Store", "SQLiteStore", "Hit",
           "RejectedDoc", "StoreError", "DB_SCHEMA_VERSION", "SCHEMA_VERSION", "DEFAULT_DB",
           "default_db"]
