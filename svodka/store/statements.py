"""How a store statement is made ready for its engine: SQLAlchemy Core compiles ``text()`` with named
binds (``:name``) into the driver's own SQL and parameter style, once per statement and engine; and the
result a statement gives back.

No SQL text is rewritten here: the one statement is written in SQL both engines accept, and SQLAlchemy
renders only its bind parameters (``?`` for sqlite3, ``%(name)s`` for psycopg, an IN-list of as many
binds as a list value has for an expanding name).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import bindparam, text
from sqlalchemy.engine.interfaces import Dialect


class Dialects(NamedTuple):
    """One statement written for each engine (a string or a list of statements each)."""

    sqlite: str | list[str]
    postgresql: str | list[str]


def compiled(dialect: Dialect, sql: str, expand: tuple[str, ...] = ()):
    """``sql`` (named binds) compiled for ``dialect``; the names in ``expand`` take a list (IN-lists).
    Not kept: what a statement needs from it (its text, its binds' order) is kept by ``plain`` and
    ``_template`` — a compiled statement is some hundred objects, which would only swell what the
    garbage collector walks."""
    clause = text(sql)
    if expand:
        clause = clause.bindparams(*(bindparam(name, expanding=True) for name in expand))
    return clause.compile(dialect=dialect)


def bound(dialect: Dialect, sql: str, params: dict | None, expand: tuple[str, ...] = ()) -> tuple[str, Any]:
    """(the driver's statement, its parameters: a tuple for a positional driver, else a dict)."""
    params = params or {}
    if expand:
        # an empty list as (NULL): IN matches nothing on either engine (SQLAlchemy's own empty set is
        # typed INTEGER on PostgreSQL, wrong for a text column); NOT IN of it matches nothing too
        lists = {name: (params[name] if len(params[name]) else [None]) for name in expand}
        pieces, names, order = _template(dialect, sql, expand)
        if order is not None:                   # sqlite3: one ? a listed value, the values in order
            text_ = pieces[0] + "".join(_marks(len(lists[name])) + piece for name, piece in zip(names, pieces[1:]))
            values: list = []
            for name in order:
                if name in lists:
                    values.extend(lists[name])
                else:
                    values.append(params[name])
            return text_, tuple(values)
        text_ = pieces[0] + "".join(_named_marks(name, len(lists[name])) + piece
                                    for name, piece in zip(names, pieces[1:]))
        named = {k: v for k, v in params.items() if k not in lists}
        for name, listed in lists.items():
            named.update(zip(_names(name, len(listed)), listed))
        return text_, named
    statement, values = plain(dialect, sql)
    return statement, values(params)


_POSTCOMPILE = re.compile(r"__\[POSTCOMPILE_(\w+)\]")


@lru_cache(maxsize=4096)
def _template(dialect: Dialect, sql: str, expand: tuple[str, ...]):
    """The compiled statement cut at its IN-lists: (the text around them, the list each place takes,
    the binds' names in order for a positional driver, else None). Expanding a list is then a join of
    as many marks as it has values — SQLAlchemy's construct_expanded_state does the same with ~10 µs a
    call and ~0.4 µs a listed value (0.85 ms for a 2000-key list): the linker's and the facets' hot path,
    where the lists' lengths vary from call to call and no cache by length helps."""
    statement = compiled(dialect, sql, expand)
    parts = _POSTCOMPILE.split(statement.string)
    return tuple(parts[0::2]), tuple(parts[1::2]), (tuple(statement.positiontup) if statement.positional else None)


@lru_cache(maxsize=4096)
def _marks(count: int) -> str:
    return ", ".join(["?"] * count)


@lru_cache(maxsize=4096)
def _names(name: str, count: int) -> tuple[str, ...]:
    return tuple(f"{name}_{i}" for i in range(1, count + 1))


@lru_cache(maxsize=4096)
def _named_marks(name: str, count: int) -> str:
    return ", ".join(f"%({key})s" for key in _names(name, count))


@lru_cache(maxsize=4096)
def plain(dialect: Dialect, sql: str) -> tuple[str, Callable[[dict], Any]]:
    """A statement without IN-lists made ready once: (the driver's statement, a function from the named
    parameters to the driver's — a tuple in bind order for sqlite3, the dict itself for psycopg). The
    store keeps these by statement (``Store.run``): the call path of the linker's tens of thousands of
    small statements is then a dict lookup and a C itemgetter, not a compile-cache lookup and a loop."""
    statement = compiled(dialect, sql)
    if not statement.positional:
        return statement.string, as_given
    names = tuple(statement.positiontup)
    if not names:
        return statement.string, _no_values
    if len(names) == 1:
        return statement.string, _one(names[0])
    return statement.string, itemgetter(*names)


def as_given(params: dict) -> dict:
    return params


def _no_values(params: dict) -> tuple:
    return ()


def _one(name: str) -> Callable[[dict], tuple]:
    def values(params: dict) -> tuple:
        return (params[name],)
    return values


class Result:
    """What ``Store.run`` gives back: iterate its rows (tuple-like), or ``fetchone``, ``fetchall``,
    ``fetchmany``, ``scalar`` (the first row's first value, or None), ``rowcount`` (rows written).
    PostgreSQL's statements come back in one; SQLite's cursor has these methods itself (``sqlite.Rows``)."""

    __slots__ = ("_cursor",)

    def __init__(self, cursor) -> None:
        self._cursor = cursor

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    def _rows(self) -> bool:
        return self._cursor.description is not None       # a statement without rows (DML) has none

    def __iter__(self):
        return iter(self._cursor) if self._rows() else iter(())

    def fetchone(self):
        return self._cursor.fetchone() if self._rows() else None

    def fetchall(self) -> list:
        return self._cursor.fetchall() if self._rows() else []

    def fetchmany(self, size: int) -> list:
        return self._cursor.fetchmany(size) if self._rows() else []

    def scalar(self):
        row = self.fetchone()
        return row[0] if row is not None else None
