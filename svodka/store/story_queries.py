"""Store methods that answer the questions of the story grouping (link/stories.py).

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how).
"""
from __future__ import annotations


class StoryQueries:
    conn = None
