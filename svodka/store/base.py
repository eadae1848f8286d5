"""The store, backend-neutral: every method of the knowledge base, through ``run`` and its kin.

A backend (``sqlite.SQLiteStore``, ``postgres.PostgresStore``) holds the connection (private to the
store), runs the statements the mixins write, gives its schema steps, how a transaction begins, and the
full-text parts: how an article's lemmas are indexed and how a query matches and ranks. ``svodka.store.open_store`` picks one by URL.
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

from collections.abc import Iterator
from contextlib import contextmanager

from . import text as searchtext
from .articles import ArticleQueries
from .corpus_event_list import CorpusEventList
from .attention_queries import AttentionQueries
from .crawl_state import CrawlQueries
from .dossier_queries import DossierQueries
from .entity_queries import EntityQueries
from .event_queries import EventQueries
from .export_rows import ExportQueries
from .knowledge import KnowledgeQueries
from .reanalysis import ReanalysisQueries
from .searching import SearchQueries
from .story_queries import StoryQueries
from .view_queries import ViewQueries
from .records import StoreError, StoreReadOnly, now
from .schema import DB_SCHEMA_VERSION
from .statements import Result, as_given, bound, plain



class Store(ArticleQueries, SearchQueries, KnowledgeQueries, EntityQueries, EventQueries, DossierQueries, StoryQueries,
            ExportQueries, ReanalysisQueries, ViewQueries, CrawlQueries, CorpusEventList, AttentionQueries):
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
    _conn = None                         # the engine's DB-API connection: nobody outside the store touches it
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

    def _execute(self, statement: str, args) -> Result:
        """Run one driver statement (the driver's parameter style) on the connection: its rows, as a
        ``Result`` (or an object with Result's methods: SQLite's own cursor, which has them)."""
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

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if cls.DIALECT is not None:
            cls._PLAIN = {}              # statement → (the driver's text, its parameters): one per engine

    _PLAIN: dict = {}
    PLAIN_MAX = 8192                     # statements kept ready (then the store starts afresh)

    def run(self, sql: str, params: dict | None = None, *, expand: tuple[str, ...] = ()) -> Result:
        """Run one statement (named binds ``:name``; the names in ``expand`` are lists, bound as IN-lists)."""
        if expand:
            return self._execute(*bound(self.DIALECT, sql, params, expand))
        ready = self._PLAIN.get(sql) or self._ready(sql)
        return self._execute(ready[0], ready[1](params or {}))

    def _ready(self, sql: str) -> tuple:
        """``plain(sql)`` for this engine, kept (the store's statements are a fixed set: the keeping is
        bounded all the same)."""
        if len(self._PLAIN) >= self.PLAIN_MAX:
            self._PLAIN.clear()
        ready = self._PLAIN[sql] = plain(self.DIALECT, sql)
        return ready

    def run_many(self, sql: str, rows: list[dict]) -> None:
        """Run one statement for each parameter dict of ``rows``."""
        if rows:
            statement, values = self._PLAIN.get(sql) or self._ready(sql)
            self._execute_many(statement, rows if values is as_given else [values(row) for row in rows])

    def insert_id(self, sql: str, params: dict | None = None) -> int | None:
        """Run an ``INSERT … RETURNING <key>``: the new row's key, or None when nothing was inserted."""
        found = self.run(sql, params).fetchall()
        return found[-1][0] if found else None

    # --- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        self._conn.close()

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
            self.run("ROLLBACK")
            raise
        self._depth = 0
        self.run("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator["Store"]:
        """A read snapshot: every query inside sees the same store (joins an open transaction)."""
        if self._depth:
            yield self
            return
        self.run(self.SNAPSHOT)
        self._depth = 1
        try:
            yield self
        finally:
            self._depth = 0
            self.run("COMMIT")

    @property
    def schema_version(self) -> int:
        value = self.run("SELECT value FROM meta WHERE key = 'schema_version'").scalar()
        return int(value) if value is not None else 0

    def _create_meta(self) -> None:
        self.run("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")

    def _migrate(self) -> None:
        self._depth = 0
        try:
            self._create_meta()
        except self.errors as err:
            raise StoreError(f"{self.name}: not a svodka store ({err})") from None
        version = self.schema_version
        if version > DB_SCHEMA_VERSION:
            raise StoreError(f"{self.name}: store schema {version} is newer than this svodka's "
                             f"({DB_SCHEMA_VERSION}); upgrade svodka")
        for step in range(version, DB_SCHEMA_VERSION):
            with self.transaction():
                if self.schema_version != step:       # another process migrated meanwhile
                    continue
                for sql in self.migration(step):
                    self.run(sql)
                self.run("INSERT INTO meta (key, value) VALUES ('schema_version', :version)"
                         " ON CONFLICT (key) DO UPDATE SET value = excluded.value", {"version": str(step + 1)})
                self.run("INSERT INTO meta (key, value) VALUES ('created', :now) ON CONFLICT DO NOTHING",
                         {"now": now()})
