"""For tests that look into a store's tables: the database opened by the test itself (through SQLAlchemy,
the statements written with named binds), never the store's own connection.

    with database(url_or_path) as db:        # or database(store): the database of an open store
        db.rows("SELECT id FROM articles WHERE title LIKE :t", t="Путин%")
        db.value("SELECT count(*) FROM mentions")
        db.run("UPDATE meta SET value = :v WHERE key = 'schema_version'", v="9")
        db.group_concat("a.id")               # SQLite's group_concat(x), PostgreSQL's string_agg
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import sqlalchemy as sa
from sqlalchemy.pool import NullPool


def engine_url(url_or_path) -> str:
    """A store's path or URL (as ``open_store`` takes it), or an open store's, as SQLAlchemy's URL."""
    target = str(getattr(url_or_path, "url", None) or getattr(url_or_path, "path", None) or url_or_path)
    scheme, sep, rest = target.partition("://")
    if not sep:
        return f"sqlite:///{target}"
    if scheme.lower() in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    return target.removesuffix("?mode=ro")


class Database:
    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.backend = conn.dialect.name

    def run(self, sql: str, **params):
        """The result: iterate its rows, or ``fetchone()``, ``fetchall()``, ``scalar()``."""
        return self.conn.execute(sa.text(sql), params)

    def rows(self, sql: str, **params) -> list[tuple]:
        return [tuple(r) for r in self.run(sql, **params)]

    def value(self, sql: str, **params):
        return self.run(sql, **params).scalar()

    def group_concat(self, expr: str) -> str:
        return f"group_concat({expr})" if self.backend == "sqlite" else f"string_agg(CAST({expr} AS TEXT), ',')"


@contextmanager
def database(url_or_path) -> Iterator[Database]:
    """The store's database, autocommit (each statement on its own)."""
    engine = sa.create_engine(engine_url(url_or_path), poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            yield Database(conn)
    finally:
        engine.dispose()
