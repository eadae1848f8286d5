"""Store methods that answer the questions of the entity linker (link/entities.py), the lookup of names (link/lookup.py) and the linking evaluation.

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how).
"""
from __future__ import annotations


class EntityQueries:
    conn = None
