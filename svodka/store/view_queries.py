"""Store methods that answer the web UI's and the REST API's questions (``svodka.serve.data`` caches them).

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how).
"""
from __future__ import annotations


class ViewQueries:
    conn = None
