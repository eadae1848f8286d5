"""What every command shares: the store of ``--db`` ($SVODKA_DB, else svodka.db), opening it, one-line
failures.

    add_db(parser)          the --db option; resolve_db(args) gives it its default once parsed
    add_db(verb, again=True)   the same option on a verb under a parser that has it: given before or
                            after the verb (``svodka sources --db X add …``, ``svodka sources add … --db X``)
    open_from(args, write=, create=)   the store, read-only unless the verb writes
    fail(message) -> 2      "svodka: message" on stderr
    shown(db)               a store as a message may name it (no password)
"""
from __future__ import annotations

import argparse
import sqlite3
import sys

DB_HELP = "the store: a SQLite path (sqlite:///…) or postgresql://user@host/db (default: $SVODKA_DB or svodka.db)"


def add_db(parser, help: str = DB_HELP, *, again: bool = False) -> None:
    """``again``: the parser is a verb under one that has ``--db`` already — no default of its own
    (argparse would let a verb's default overwrite the value given before the verb)."""
    parser.add_argument("--db", default=argparse.SUPPRESS if again else None, help=help)
    parser.set_defaults(db_defaulted=True)


def resolve_db(args) -> None:
    """After parsing: a verb's ``--db`` not given is the store's default (``svodka.store.default_db``:
    $SVODKA_DB, else svodka.db)."""
    if getattr(args, "db_defaulted", False) and getattr(args, "db", None) is None:
        # here, not at the top: the store package (SQLAlchemy) costs ~140 ms to import, which verbs without a
        # store (analyze, events PATH) should not pay; so for every store import in cmd/
        from ..store import default_db
        args.db = default_db()


def shown(db: str) -> str:
    """The store as a message may name it: a PostgreSQL URL without its password."""
    from ..store.postgres import redacted      # the store stack and psycopg: see resolve_db
    return redacted(db) if "://" in db else db


def fail(message: str) -> int:
    print(f"svodka: {message}", file=sys.stderr)
    return 2


def open_from(args, *, write: bool = False, create: bool = False):
    """The store of ``--db``: read-only, unless the verb writes (``write``; ``create``: a new store
    may be made); a store that cannot be written is then refused at once (StoreReadOnly: why)."""
    from ..store import open_store      # the store stack: see resolve_db
    if not (write or create):
        return open_store(args.db, create=False, read_only=True)
    store = open_store(args.db, create=create)
    try:
        store.check_writable()
    except BaseException:
        store.close()
        raise
    return store


def database_errors() -> tuple[type[BaseException], ...]:
    """The engines' exceptions (a full disk, a lost server): one line, not a traceback."""
    try:
        import psycopg                  # optional: only a PostgreSQL store needs it
        return (sqlite3.Error, psycopg.Error)
    except ImportError:
        return (sqlite3.Error,)
