"""Corpus events for the events page and ``/api/events`` (``level=corpus``): ``svodka.link.event_list`` with an
article's id resolved to the store's key and the choices of the filter form (cached until the store changes).
"""
from __future__ import annotations

from ..link.event_list import MODALITIES, ROLES, SORT_NAMES, corpus_events as list_corpus_events
from ..store import Store
from .data import Data, article_pk

SORT_LABELS = {"newest": "newest first", "oldest": "oldest first", "articles": "most articles",
               "sources": "most sources", "confidence": "most confident", "conflict": "conflict first",
               "cooperation": "cooperation first"}


def corpus_events(store: Store, *, article_id: str | None = None, **filters) -> dict:
    """{total, items} of the corpus events (filters: ``svodka.link.event_list.corpus_events``); ``article_id``:
    the events that article reports (NotFound when there is no such article)."""
    return list_corpus_events(store, article=article_pk(store, article_id), **filters)


def choices(data: Data, store: Store) -> dict:
    """What the filter form offers: the corpus events' types, the modalities, actor roles and sorts."""
    types = data.cached("corpus_event_types", store, store.corpus_event_types)
    return {"types": types, "modalities": MODALITIES, "roles": ROLES, "sorts": [(s, SORT_LABELS[s]) for s in SORT_NAMES]}
