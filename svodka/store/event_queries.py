"""Store methods that answer the questions of the event linker (link/events.py), timelines (link/timeline.py) and dossiers (link/dossier.py).

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how).
"""
from __future__ import annotations


class EventQueries:
    conn = None
