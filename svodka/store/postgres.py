"""The PostgreSQL store: tsvector + GIN over lemmas (``svodka.store.base.Store`` does the rest).

URL: ``postgresql://user:password@host:port/database`` (or ``postgres://``; libpq's parameters too,
e.g. ``?options=-csearch_path%3Dmy_schema`` to keep a store in its own schema). Statements come compiled
for psycopg (``statements.py``); this class says what only PostgreSQL says: tsvector search, COPY, the
writer's lock, server-side cursors. Writers take one advisory lock per transaction (per schema), so that
writes are serialised as SQLite's are (two ingests at once each store a document only once, and linking
never interleaves); readers are not blocked.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg.adapt import Loader
from psycopg.pq import TransactionStatus
from sqlalchemy.dialects.postgresql import psycopg as sa_psycopg

from . import text as searchtext
from .base import Store
from .schema import migration
from .records import StoreError
from .sqlite import BM25_WEIGHTS
from .statements import Result, bound

WRITER_LOCK = 0x73766F64              # "svod": with the schema's hash, the advisory lock a writer holds
# ts_rank's weights, {D, C, B, A}, at most 1: body, lead and title as 1:3:8 (BM25_WEIGHTS)
RANK_WEIGHTS = "{0, " + ", ".join(f"{w / max(BM25_WEIGHTS):g}" for w in reversed(BM25_WEIGHTS)) + "}"
RANK_NORMALISATION = 1                # divide by 1 + log(length): long bodies do not win on length alone
_cursor_names = itertools.count()


class PostgresStore(Store):
    """An article store in a PostgreSQL database (the tables in its current schema)."""

    backend = "postgresql"
    DIALECT = sa_psycopg.dialect()
    TEXT_ROWID = "search.rowid"
    ORDERED_JOIN = "JOIN"               # PostgreSQL plans the join order itself (and CROSS JOIN takes no ON)
    RANK_CAP = 2_500                    # ts_rank reads every match's tsvector: ~8 µs a match here
    CAP_ROWID = "(search.rowid + 0)"    # not the key's index: that plan tests @@ on every row it passes
    SNAPSHOT = "BEGIN ISOLATION LEVEL REPEATABLE READ"

    def __init__(self, url: str, *, create: bool = True, read_only: bool = False) -> None:
        self.errors = (psycopg.Error,)
        self.url = url
        self.name = redacted(url)
        try:
            # autocommit: the store's transaction() issues BEGIN and COMMIT itself, as on SQLite
            self._conn = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor)
        except psycopg.Error as err:
            reason = (str(err).strip().splitlines() or [type(err).__name__])[0]
            raise StoreError(f"cannot connect to {self.name}: {reason}") from None
        self._conn.adapters.register_loader("numeric", Number)
        if not create and not self._has_meta():
            self._conn.close()
            raise StoreError(f"no store at {self.name} (run `svodka ingest … --db URL` first)")
        self._migrate()
        if read_only:
            self.read_only()
            self.writable, self.unwritable = False, "opened read-only"

    def _execute(self, statement: str, args: dict) -> Result:
        cursor = self._conn.cursor()
        cursor.execute(statement, {name: _text(value) for name, value in args.items()})
        return Result(cursor)

    def _execute_many(self, statement: str, rows: list) -> None:
        self._conn.cursor().executemany(statement, [{k: _text(v) for k, v in row.items()} for row in rows])

    def copy_rows(self, table, columns, rows) -> None:
        """COPY: several times faster than one INSERT a row, with the same result."""
        rows = [tuple(map(_text, row)) for row in rows]
        if not rows:
            return
        with self._conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def stream(self, sql, params=None, size=5000):
        """A server-side cursor, ``size`` rows a fetch; it lives in a transaction only (an export's
        snapshot): outside one, the rows come at once."""
        if self._conn.info.transaction_status == TransactionStatus.IDLE:
            yield from self.run(sql, params)
            return
        statement, args = bound(self.DIALECT, sql, params)
        with self._conn.cursor(name=f"svodka_stream_{next(_cursor_names)}") as cursor:
            cursor.itersize = size
            cursor.execute(statement, args)
            while found := cursor.fetchmany(size):
                yield from found

    def _has_meta(self) -> bool:
        return self.run("SELECT to_regclass('meta') IS NOT NULL").scalar()

    def _begin(self) -> None:
        self.run("BEGIN")
        self.run("SELECT pg_advisory_xact_lock(:lock, hashtext(current_schema()))", {"lock": WRITER_LOCK})

    def _create_meta(self) -> None:
        if not self._has_meta():
            with self.transaction():          # the lock: two first opens do not both create it
                self.run("CREATE TABLE IF NOT EXISTS meta (key TEXT COLLATE \"C\" PRIMARY KEY, value TEXT)")

    def migration(self, step: int) -> list[str]:
        return migration(step, "postgresql")

    def read_only(self) -> None:
        self.run("SET default_transaction_read_only = on")

    @contextmanager
    def text_plan(self) -> Iterator[None]:
        """No sequential scan for full-text queries: the planner does not count the cost of reading
        each row's (TOASTed) tsvector to test ``@@``, and picks a table scan when many rows match,
        several times slower than the GIN index."""
        self.run("SET enable_seqscan = off")
        try:
            yield
        finally:
            self.run("RESET enable_seqscan")

    def _index(self, rows) -> None:
        self.copy_rows("search", ("rowid", "doc"), [(pk, searchtext.tsvector([(title, "A"), (lead, "B"), (body, "C")]))
                                                    for pk, title, lead, body in rows])

    def _unindex(self, rows) -> None:
        self.run("DELETE FROM search WHERE rowid IN :pks", {"pks": [pk for pk, *_ in rows]}, expand=("pks",))

    def _indexed(self) -> int:
        return self.run("SELECT count(*) FROM search").scalar()

    def text_condition(self, parsed: searchtext.Query) -> tuple[str, dict]:
        return "search.doc @@ CAST(:text_query AS tsquery)", {"text_query": searchtext.tsquery(parsed)}

    def text_score(self, parsed: searchtext.Query) -> tuple[str, dict]:
        return (f"ts_rank('{RANK_WEIGHTS}', search.doc, CAST(:text_query AS tsquery), {RANK_NORMALISATION})",
                {"text_query": searchtext.tsquery(parsed)})


class Number(Loader):
    """numeric → int or float, as SQLite gives (a sum() of integers is numeric on PostgreSQL)."""

    def load(self, data):
        text = bytes(data).decode()
        return int(text) if text.lstrip("-").isdigit() else float(text)


def _text(value):
    """PostgreSQL text holds no NUL character: it becomes U+FFFD (the replacement character)."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) and "\x00" in value else value


def redacted(url: str) -> str:
    """The URL without its password (for messages)."""
    scheme, sep, rest = url.partition("://")
    userinfo, at, host = rest.rpartition("@")
    if at and ":" in userinfo:
        userinfo = userinfo.split(":", 1)[0] + ":***"
    return f"{scheme}{sep}{userinfo}{at}{host}"


__all__ = ["PostgresStore"]
