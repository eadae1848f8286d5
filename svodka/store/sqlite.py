"""The SQLite store: one file, WAL journal, FTS5 over lemmas (``svodka.store.base.Store`` does the rest)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from . import text as searchtext
from .base import Store
from .dialect import migration
from .records import StoreError

# title, lead, body: a word in the headline weighs more than one deep in the body
BM25_WEIGHTS = (8.0, 3.0, 1.0)


class SQLiteStore(Store):
    """An article store in one SQLite file (``":memory:"`` for a throw-away one)."""

    backend = "sqlite"
    errors = (sqlite3.Error,)
    TEXT_ROWID = "+search.rowid"         # see Store.filters
    SNAPSHOT = "BEGIN"

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = self.name = str(path)
        if self.path != ":memory:" and not create and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path} (run `svodka ingest … --db {self.path}` first)")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._refuse_foreign()              # before WAL: that is written into the file's header
            self.conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: not a svodka store ({err})") from None
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=10000")
        self._migrate()

    def _refuse_foreign(self) -> None:
        """An SQLite database with tables of its own is not made a store: it is left as it is."""
        tables = sorted(r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"))
        if not tables or tables == ["meta"]:         # new, empty, or a first open cut short
            return
        try:
            ours = "meta" in tables and self.conn.execute(
                "SELECT 1 FROM meta WHERE key = 'schema_version'").fetchone() is not None
        except sqlite3.DatabaseError:
            ours = False
        if not ours:
            shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
            self.conn.close()
            raise StoreError(f"{self.path}: not a svodka store: an SQLite database with other tables ({shown});"
                             " left as it is")

    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def migration(self, step: int) -> list[str]:
        return migration(step, "sqlite")

    def read_only(self) -> None:
        self.conn.execute("PRAGMA query_only=ON")

    def _index(self, rows) -> None:
        self.conn.executemany("INSERT INTO search (rowid, title, lead, body) VALUES (?, ?, ?, ?)", rows)

    def _unindex(self, rows) -> None:
        # a contentless FTS5 table forgets a row by the 'delete' command with the values it was given
        self.conn.executemany("INSERT INTO search (search, rowid, title, lead, body) VALUES ('delete', ?, ?, ?, ?)", rows)

    def _indexed(self) -> int:
        return self.conn.execute("SELECT count(*) FROM search_docsize").fetchone()[0]

    def text_match(self, parsed: searchtext.Query) -> tuple[str, list]:
        return "search MATCH ?", [searchtext.fts5_query(parsed)]

    def _text_rank(self, parsed: searchtext.Query) -> tuple[str, list]:
        return f"-bm25(search, {', '.join(str(x) for x in BM25_WEIGHTS)})", []


__all__ = ["SQLiteStore", "Store", "BM25_WEIGHTS"]
