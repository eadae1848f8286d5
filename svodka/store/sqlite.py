"""The SQLite store: one file, WAL journal, FTS5 over lemmas (``svodka.store.base.Store`` does the rest)."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.dialects.sqlite import pysqlite

from . import text as searchtext
from .base import Store
from .schema import DB_SCHEMA_VERSION, migration
from .records import StoreError, StoreReadOnly

# title, lead, body: a word in the headline weighs more than one deep in the body
BM25_WEIGHTS = (8.0, 3.0, 1.0)


class Rows(sqlite3.Cursor):
    """sqlite3's cursor as ``Store.run`` gives it back: it has ``Result``'s methods (``scalar`` added; a
    statement without rows fetches nothing, as Result's do), so no wrapper stands between the linker's
    tens of thousands of small statements and the driver."""

    def scalar(self):
        row = self.fetchone()
        return row[0] if row is not None else None


class SQLiteStore(Store):
    """An article store in one SQLite file (``":memory:"`` for a throw-away one)."""

    backend = "sqlite"
    DIALECT = pysqlite.dialect()
    errors = (sqlite3.Error,)
    TEXT_ROWID = "+search.rowid"         # see Store.filter_conditions
    ORDERED_JOIN = "CROSS JOIN"          # SQLite's planner joins the left table first, as written
    SNAPSHOT = "BEGIN"

    def __init__(self, path: str | Path, *, create: bool = True, read_only: bool = False) -> None:
        """``create``: make the store if the file is new or empty (and so it must be writable);
        ``read_only``: never write (``mode=ro`` when the file or its folder cannot be written). An
        existing store that cannot be written is opened read-only (``writable`` is then False)."""
        self.path = self.name = str(path)
        memory = self.path == ":memory:"
        if not memory and not create and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path} (run `svodka ingest … --db {self.path}` first)")
        self.unwritable = None if memory else unwritable(self.path)
        if self.unwritable and create and not read_only:
            raise StoreReadOnly(f"cannot write to the store {self.path}: {self.unwritable}")
        if self.unwritable:
            self._open_read_only()
            return
        try:
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            fresh = self._refuse_foreign()          # before WAL: that is written into the file's header
            if fresh and (read_only or not create) and not memory:
                self._conn.close()
                raise StoreError(f"no store at {self.path} (an empty database)")
            self.run("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: not a svodka store ({err})") from None
        self.run("PRAGMA synchronous=NORMAL")
        self.run("PRAGMA foreign_keys=ON")
        self.run("PRAGMA busy_timeout=10000")
        self._migrate()
        if read_only:
            self.read_only()
            self.writable, self.unwritable = False, "opened read-only"

    def _open_read_only(self) -> None:
        """A store whose file or folder cannot be written: SQLite's ``mode=ro``. A WAL store needs its
        ``-shm`` file, which a read-only folder cannot get: with no write-ahead log to read, the file
        is then opened ``immutable`` (nobody can write it here)."""
        self.writable = False
        uri = "file:" + quote(os.path.abspath(self.path)) + "?mode=ro"
        try:
            try:
                self._conn = self._probe(uri)
            except sqlite3.OperationalError:
                wal = self.path + "-wal"
                if os.path.exists(wal) and os.path.getsize(wal):
                    raise StoreError(f"cannot read the store {self.path}: its write-ahead log needs a -shm file,"
                                     f" which cannot be made ({self.unwritable})") from None
                self._conn = self._probe(uri + "&immutable=1")
            fresh = self._refuse_foreign()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: not a svodka store ({err})") from None
        if fresh:
            self._conn.close()
            raise StoreError(f"no store at {self.path} (an empty database)")
        self.run("PRAGMA busy_timeout=10000")
        self._depth = 0
        version = self.schema_version
        if version != DB_SCHEMA_VERSION:
            self._conn.close()
            raise StoreError(f"{self.path}: store schema {version} is {'newer' if version > DB_SCHEMA_VERSION else 'older'}"
                             f" than this svodka's ({DB_SCHEMA_VERSION}) and the store cannot be written here"
                             f" ({self.unwritable})")
        self.read_only()

    def _probe(self, uri: str) -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def _refuse_foreign(self) -> bool:
        """An SQLite database with tables of its own is not made a store: it is left as it is.
        True for a new or empty database."""
        tables = sorted(r[0] for r in self.run(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"))
        if not tables or tables == ["meta"]:         # new, empty, or a first open cut short
            return True
        try:
            ours = "meta" in tables and self.run(
                "SELECT 1 FROM meta WHERE key = 'schema_version'").fetchone() is not None
        except sqlite3.DatabaseError:
            ours = False
        if not ours:
            shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
            self._conn.close()
            raise StoreError(f"{self.path}: not a svodka store: an SQLite database with other tables ({shown});"
                             " left as it is")
        return False

    def _execute(self, statement: str, args) -> "Rows":
        return self._conn.cursor(Rows).execute(statement, args)

    def _execute_many(self, statement: str, rows: list) -> None:
        self._conn.executemany(statement, rows)

    def copy_rows(self, table, columns, rows) -> None:
        marks = ", ".join("?" * len(columns))
        self._conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def stream(self, sql, params=None, size=5000):
        result = self.run(sql, params)
        while found := result.fetchmany(size):
            yield from found

    def _begin(self) -> None:
        self.run("BEGIN IMMEDIATE")

    def migration(self, step: int) -> list[str]:
        return migration(step, "sqlite")

    def read_only(self) -> None:
        self.run("PRAGMA query_only=ON")

    def _index(self, rows) -> None:
        self.copy_rows("search", ("rowid", "title", "lead", "body"), rows)

    def _unindex(self, rows) -> None:
        # a contentless FTS5 table forgets a row by the 'delete' command with the values it was given
        self.run_many("INSERT INTO search (search, rowid, title, lead, body) VALUES ('delete', :pk, :title, :lead, :body)",
                      [{"pk": pk, "title": title, "lead": lead, "body": body} for pk, title, lead, body in rows])

    def _indexed(self) -> int:
        return self.run("SELECT count(*) FROM search_docsize").scalar()

    def text_condition(self, parsed: searchtext.Query) -> tuple[str, dict]:
        return "search MATCH :text_query", {"text_query": searchtext.fts5_query(parsed)}

    def text_score(self, parsed: searchtext.Query) -> tuple[str, dict]:
        return f"-bm25(search, {', '.join(str(x) for x in BM25_WEIGHTS)})", {}


def unwritable(path: str) -> str | None:
    """Why svodka cannot write the SQLite store at ``path`` (its file, its WAL files, its folder), or
    None. ``os.access``: also right for root (an immutable file, a read-only mount)."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.exists(path):
        if not os.path.isdir(folder):
            return f"there is no folder {folder}"
        return None if os.access(folder, os.W_OK | os.X_OK) else f"the folder {folder} is read-only"
    for name in (path, path + "-wal", path + "-shm"):
        if os.path.exists(name) and not os.access(name, os.W_OK):
            return f"{name} is read-only"
    # the folder too: SQLite makes and removes the -wal and -shm files beside the store
    return None if os.access(folder, os.W_OK | os.X_OK) else f"its folder {folder} is read-only"


__all__ = ["SQLiteStore", "unwritable", "Store", "BM25_WEIGHTS"]
