"""The store, backend-neutral: every method of the knowledge base, over ``self.conn``.

A backend (``sqlite.SQLiteStore``, ``postgres.PostgresStore``) gives a connection with the
``sqlite3.Connection`` surface (on PostgreSQL, ``dialect.PgConnection`` translates svodka's SQLite SQL),
its schema steps, how a transaction begins, and the full-text parts: how an article's lemmas are
indexed and how a query matches and ranks. ``svodka.store.open_store`` picks one by URL.
Writes happen in transactions (``with store.transaction(): …``); a method that writes opens its own
when none is open. Every value goes in as a bound parameter, never into the SQL text.

How every mixin runs SQL (statements are ``text()`` with named binds ``:name``, written in SQL both engines
accept; SQLAlchemy Core renders each driver's parameter style — see ``statements.py``):

- ``run(sql, params=None, *, expand=())``: one statement; the names in ``expand`` take a list, bound as an
  IN-list (``WHERE pk IN :pks``; an empty list is ``IN (NULL)``: it matches nothing, and so does
  ``NOT IN`` of it — test for the empty list first there). Returns a ``Result``: iterate its rows, ``fetchone()``, ``fetchall()``,
  ``scalar()``, ``rowcount``.
- ``run_many(sql, rows)``: one statement for each dict of ``rows`` (executemany).
- ``insert_id(sql, params=None)``: an ``INSERT … RETURNING <key>``: the key (None: nothing inserted).
- ``copy_rows(table, columns, rows)``: a bulk insert of tuples in ``columns`` order (PostgreSQL: COPY;
  SQLite: executemany).
- ``stream(sql, params=None, size=5000)``: the rows of a big SELECT, ``size`` at a time (PostgreSQL: a
  server-side cursor, inside a snapshot or transaction).

Where the engines' SQL differs, the engine's class gives the piece: ``text_condition(parsed)`` and
``text_score(parsed)`` (FTS5 or tsvector, with named parameters), ``filter_conditions(…)`` (the search
filters, named parameters), ``ORDERED_JOIN`` (SQLite's ``CROSS JOIN`` join-order hint; ``JOIN`` on
PostgreSQL), ``text_plan()``. Write ``NULLS FIRST``/``NULLS LAST`` where a nullable column orders rows
(SQLite sorts NULLs first ascending, PostgreSQL last), ``CAST(:x AS type)`` rather than ``:x::type``, and
``\\:`` for a colon that is no bind (text() does not see quotes).
"""
from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from ..model import Article, Rejected
from . import text as searchtext
from .crawl_state import CrawlQueries
from .entity_queries import EntityQueries
from .event_queries import EventQueries
from .export_rows import ExportQueries
from .knowledge import KnowledgeQueries
from .reanalysis import ReanalysisQueries
from .searching import SearchQueries
from .story_queries import StoryQueries
from .view_queries import ViewQueries
from .records import RejectedDoc, Rows, StoreError, StoreReadOnly, article_from_dict, dumps, identity, key, now, rows
from .schema import SCHEMA_VERSION, TABLES
from .statements import Result, bound, bound_many



class Store(SearchQueries, KnowledgeQueries, EntityQueries, EventQueries, StoryQueries, ExportQueries,
            ReanalysisQueries, ViewQueries, CrawlQueries):
    """An article store. Open one with ``svodka.store.open_store(path or URL)``.

    Reading: ``article(id)``, ``article_dict(id)``, ``raw(id)``, ``sources(id)``, ``rejected()``,
    ``search(query, …)``, ``counts()``. Writing: ``add_articles(articles, raws)``,
    ``add_rejected(rejected, data)``, ``add_source(sha256, source)``, and ``ingest(paths)``.
    ``errors``: the backend's database exceptions (to catch them without naming the engine).
    """

    backend = ""
    DIALECT = None                       # the engine's SQLAlchemy dialect: how statements are compiled
    errors: tuple[type[BaseException], ...] = ()
    TEXT_ROWID = "search.rowid"          # the full-text table's article key, as a filter column
    ORDERED_JOIN = "JOIN"                # a join whose left table the engine should read first
    RANK_CAP = 20_000                    # matches ranked at most, for a query without filters (see search)
    CAP_ROWID = "search.rowid"           # the rowid as the rank cap's order and bound use it
    SNAPSHOT = "BEGIN"                   # begins a read snapshot
    conn = None
    name = ""
    writable = True                      # False: opened read-only (``unwritable`` says why)
    unwritable: str | None = None

    # --- what a backend gives ----------------------------------------------------------

    def _begin(self) -> None:
        """Begin a write transaction (one writer at a time)."""
        raise NotImplementedError

    def migration(self, step: int) -> list[str]:
        """The SQL of schema step ``step`` for this engine."""
        raise NotImplementedError

    def _index(self, rows: list[tuple[int, str, str, str]]) -> None:
        """Add (pk, title lemmas, lead lemmas, body lemmas) to the full-text index."""
        raise NotImplementedError

    def _unindex(self, rows: list[tuple[int, str, str, str]]) -> None:
        """Remove articles from the full-text index: (pk, and the lemmas as indexed: title, lead, body)."""
        raise NotImplementedError

    def _indexed(self) -> int:
        """How many articles the full-text index holds."""
        raise NotImplementedError

    def text_match(self, parsed: searchtext.Query) -> tuple[str, list]:
        """The condition on the ``search`` table for rows matching the query, and its parameters."""
        raise NotImplementedError

    def text_condition(self, parsed: searchtext.Query) -> tuple[str, dict]:
        """The condition on the ``search`` table for rows matching the query, and its named parameters."""
        raise NotImplementedError

    def text_score(self, parsed: searchtext.Query) -> tuple[str, dict]:
        """The score of a matching ``search`` row (higher is better), and its named parameters."""
        raise NotImplementedError

    def read_only(self) -> None:
        """Refuse writes on this connection from now on (the web app's connections)."""
        raise NotImplementedError

    @contextmanager
    def text_plan(self) -> Iterator[None]:
        """Around queries on the full-text table: whatever the engine needs to plan them well."""
        yield

    def _execute(self, statement: str, args):
        """Run one driver statement (the driver's parameter style) on the connection: its cursor."""
        raise NotImplementedError

    def _execute_many(self, statement: str, rows: list) -> None:
        raise NotImplementedError

    def copy_rows(self, table: str, columns: list[str] | tuple[str, ...], rows) -> None:
        """Insert ``rows`` (tuples in ``columns`` order) into ``table``, the engine's fastest way."""
        raise NotImplementedError

    def stream(self, sql: str, params: dict | None = None, size: int = 5000) -> Iterator[tuple]:
        """The rows of a big SELECT, at most ``size`` in memory at a time."""
        raise NotImplementedError

    # --- running statements ------------------------------------------------------------

    def run(self, sql: str, params: dict | None = None, *, expand: tuple[str, ...] = ()) -> Result:
        """Run one statement (named binds ``:name``; the names in ``expand`` are lists, bound as IN-lists)."""
        return Result(self._execute(*bound(self.DIALECT, sql, params, expand)))

    def run_many(self, sql: str, rows: list[dict]) -> None:
        """Run one statement for each parameter dict of ``rows``."""
        if rows:
            self._execute_many(*bound_many(self.DIALECT, sql, rows))

    def insert_id(self, sql: str, params: dict | None = None) -> int | None:
        """Run an ``INSERT … RETURNING <key>``: the new row's key, or None when nothing was inserted."""
        found = self.run(sql, params).fetchall()
        return found[-1][0] if found else None

    # --- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<svodka Store {self.backend}:{self.name}>"

    def check_writable(self) -> None:
        """Raise StoreReadOnly (one line: why) unless this store can be written."""
        if not self.writable:
            raise StoreReadOnly(f"cannot write to the store {self.name}: {self.unwritable or 'opened read-only'}")

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """One transaction (nested calls join the outer one): all of it is stored, or none.
        A store opened read-only raises StoreReadOnly."""
        self.check_writable()
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self.conn.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator["Store"]:
        """A read snapshot: every query inside sees the same store (joins an open transaction)."""
        if self._depth:
            yield self
            return
        self.conn.execute(self.SNAPSHOT)
        self._depth = 1
        try:
            yield self
        finally:
            self._depth = 0
            self.conn.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _create_meta(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")

    def _migrate(self) -> None:
        self._depth = 0
        try:
            self._create_meta()
        except self.errors as err:
            raise StoreError(f"{self.name}: not a svodka store ({err})") from None
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.name}: store schema {version} is newer than this svodka's "
                             f"({SCHEMA_VERSION}); upgrade svodka")
        for step in range(version, SCHEMA_VERSION):
            with self.transaction():
                if self.schema_version != step:       # another process migrated meanwhile
                    continue
                for sql in self.migration(step):
                    self.conn.execute(sql)
                self.conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
                                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(step + 1),))
                self.conn.execute("INSERT OR IGNORE INTO meta VALUES ('created', ?)", (now(),))

    # --- writing -----------------------------------------------------------------------

    def known(self, sha256: str) -> str | None:
        """'article' or 'rejected' when a document with these bytes is stored, else None."""
        if self.conn.execute("SELECT 1 FROM articles WHERE sha256 = ?", (sha256,)).fetchone():
            return "article"
        if self.conn.execute("SELECT 1 FROM rejected WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone():
            return "rejected"
        return None

    def has_source(self, sha256: str, source: str) -> bool:
        """Whether the document with these bytes is recorded under this source."""
        return self.conn.execute("SELECT 1 FROM sources WHERE sha256 = ? AND source = ?",
                                 (sha256, source)).fetchone() is not None

    def is_rejected(self, source: str, sha256: str | None = None) -> bool:
        """Whether this source (with these bytes; None: unreadable bytes) is recorded as rejected."""
        return self.conn.execute("SELECT 1 FROM rejected WHERE source = ? AND sha256 = ?",
                                 (source, sha256 or "")).fetchone() is not None

    def add_raw(self, sha256: str, data: bytes, kind: str | None = None) -> bool:
        """Keep a document's input bytes (zlib); False when they were already kept."""
        with self.transaction():
            cur = self.conn.execute("INSERT OR IGNORE INTO raw (sha256, kind, size, data) VALUES (?, ?, ?, ?)",
                                    (sha256, kind, len(data), zlib.compress(data, 6)))
        return cur.rowcount > 0

    def add_source(self, sha256: str, source: str) -> bool:
        """Record that the document was seen under ``source``; False when already recorded."""
        with self.transaction():
            cur = self.conn.execute("INSERT OR IGNORE INTO sources (sha256, source, seen) VALUES (?, ?, ?)",
                                    (sha256, source, now()))
        return cur.rowcount > 0

    def add_articles(self, articles: Iterable[Article], raws: dict[str, tuple[bytes, str | None]] | None = None) -> int:
        """Store articles with all their annotations and their lemma index, in one transaction.

        An article whose sha256 is already stored is skipped (its source is still recorded).
        ``raws`` maps sha256 → (input bytes, kind) to keep alongside. Returns how many were new.
        """
        new = 0
        stamp = now()
        raws = raws or {}
        docs, fts, seen, kept, annotations = [], [], [], [], Rows()
        with self.transaction():
            for article in articles:
                sha = identity(article)
                data = article.to_dict()
                if not article.sha256:
                    data["sha256"] = sha
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO articles (id, sha256, source, url, site, published, rubric, rubric_key,"
                    " title, lead, language, encoding, layout, ingested)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (article.id, sha, article.source, article.url, article.site, article.published,
                     article.rubric, key(article.rubric) or None, article.title, article.lead,
                     article.language, article.encoding, article.layout, stamp))
                if article.source:
                    seen.append((sha, article.source, stamp))
                if sha in raws:
                    raw, kind = raws[sha]
                    kept.append((sha, kind, len(raw), zlib.compress(raw, 6)))
                if not cur.rowcount:
                    continue
                new += 1
                pk = cur.lastrowid
                docs.append((pk, dumps(data)))
                annotations.add(pk, rows(article))
                fts.append((pk, searchtext.lemma_text(article.title), searchtext.lemma_text(article.lead),
                            searchtext.lemma_text("\n".join(article.body))))
            c = self.conn
            # one statement per table, not one a row: fewer round trips to a PostgreSQL server
            c.executemany("INSERT OR IGNORE INTO sources (sha256, source, seen) VALUES (?, ?, ?)", seen)
            c.executemany("INSERT OR IGNORE INTO raw (sha256, kind, size, data) VALUES (?, ?, ?, ?)", kept)
            c.executemany("INSERT INTO article_data (pk, data) VALUES (?, ?)", docs)
            self._unreject(seen)
            annotations.write(c)        # entities, mentions, quotes, times, events (columns named)
            self._index(fts)
        return new

    def _unreject(self, seen: list[tuple]) -> None:
        """Documents now stored as articles, as (sha256, source, …): their rejections go — of these
        bytes, of this source, and an unreadable whole file (``feed.jsonl`` for ``feed.jsonl#L3``)."""
        self.conn.executemany("DELETE FROM rejected WHERE sha256 = ? OR source = ? OR (sha256 = '' AND source = ?)",
                              [(sha, source, source.rsplit("#", 1)[0]) for sha, source, *_ in seen])

    def add_rejected(self, rejected: Rejected, data: bytes | None = None, kind: str | None = None) -> bool:
        """Record a rejected document (and keep its bytes, if any); False when already recorded (its
        reason and time are then brought up to date)."""
        sha = rejected.sha256 or ""
        with self.transaction():
            cur = self.conn.execute("INSERT OR IGNORE INTO rejected (source, reason, sha256, time) VALUES (?, ?, ?, ?)",
                                    (rejected.source, rejected.reason, sha, now()))
            if not cur.rowcount:
                self.conn.execute("UPDATE rejected SET reason = ?, time = ? WHERE source = ? AND sha256 = ?",
                                  (rejected.reason, now(), rejected.source, sha))
            if sha:
                self.conn.execute("INSERT OR IGNORE INTO sources (sha256, source, seen) VALUES (?, ?, ?)",
                                  (sha, rejected.source, now()))
                if data is not None:
                    self.add_raw(sha, data, kind)
        return cur.rowcount > 0

    def add_known_source(self, sha256: str, source: str) -> None:
        """A stored document seen again under another source: record it; a rejected one is listed
        as rejected under that source too, with the same reason."""
        with self.transaction():
            self.add_source(sha256, source)
            if self.conn.execute("SELECT 1 FROM articles WHERE sha256 = ?", (sha256,)).fetchone():
                self._unreject([(sha256, source)])
            else:
                self.conn.execute(
                    "INSERT OR IGNORE INTO rejected (source, reason, sha256, time)"
                    " SELECT ?, reason, sha256, ? FROM rejected WHERE sha256 = ? ORDER BY pk LIMIT 1",
                    (source, now(), sha256))

    # --- reading -----------------------------------------------------------------------

    def find(self, id_: str) -> tuple[int, str, str] | None:
        """(pk, sha256, data) of the article with this id, sha256, or a unique sha256 prefix (≥ 8)."""
        q = "SELECT pk, sha256, data FROM articles JOIN article_data USING (pk) WHERE "
        row = self.conn.execute(q + "id = ? ORDER BY pk LIMIT 1", (id_,)).fetchone()
        if row is None and len(id_) == 64:
            row = self.conn.execute(q + "sha256 = ?", (id_.lower(),)).fetchone()
        if row is None and 8 <= len(id_) < 64 and all(c in "0123456789abcdef" for c in id_.lower()):
            found = self.conn.execute(q + "sha256 >= ? AND sha256 < ? LIMIT 2",
                                      (id_.lower(), id_.lower() + "g")).fetchall()
            row = found[0] if len(found) == 1 else None
        return row

    def article_dict(self, id_: str) -> dict | None:
        """The stored article JSON (``Article.to_dict()``, annotations included), or None."""
        row = self.find(id_)
        return json.loads(row[2]) if row else None

    def article(self, id_: str) -> Article | None:
        """The article with this id (or sha256, or a unique sha256 prefix), or None.

        Ids are the caller's (JSONL ``id``) or the sha256's first 16 hex digits; should two
        documents share a caller id, the first stored wins (ask by sha256 for the other).
        """
        data = self.article_dict(id_)
        return article_from_dict(data) if data else None

    def raw(self, id_: str) -> bytes | None:
        """The exact input bytes of a document, by article id or by sha256 (rejected ones too)."""
        row = self.find(id_)
        sha = row[1] if row else id_.lower()
        found = self.conn.execute("SELECT data FROM raw WHERE sha256 = ?", (sha,)).fetchone()
        return zlib.decompress(found[0]) if found else None

    def sources(self, id_: str) -> list[str]:
        """Every source the document was seen under, first seen first."""
        row = self.find(id_)
        sha = row[1] if row else id_.lower()
        return [r[0] for r in self.conn.execute(
            "SELECT source FROM sources WHERE sha256 = ? ORDER BY seen, source", (sha,))]

    def rejected(self) -> list[RejectedDoc]:
        """Every rejected document, in the order they were recorded."""
        return [RejectedDoc(s, r, h or None, t) for s, r, h, t in
                self.conn.execute("SELECT source, reason, sha256, time FROM rejected ORDER BY pk")]

    def counts(self) -> dict[str, int]:
        """Rows per table (``search``: indexed articles)."""
        out = {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        out["search"] = self._indexed()
        return out

    def __len__(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

