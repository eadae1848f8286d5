"""link: what one article cannot know alone — entities, events and stories across the corpus.

Entry point: ``update(store)`` links every stored article not linked yet (idempotent and resumable:
the ingest calls it inside each batch's transaction, so a killed ingest leaves no half-linked batch).

  entities.py   mentions of one entity across articles → one corpus entity (namesakes kept apart)
  events.py     reports of one real event across articles → one event with mention/source counts
  stories.py    articles about one story across sources (MinHash/LSH + shared entities + date window)
  dossier.py    an entity's dossier;  timeline.py  events between two actors over time
"""
from __future__ import annotations

from . import entities, events, stories


def update(store) -> None:
    """Link the articles added since the last update (entities, then events, then stories)."""
    entities.link_new(store)
    events.link_new(store)
    stories.assign_new(store)
