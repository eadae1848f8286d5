"""What the web UI reads from actors, in Python (the same on every backend): whether an event's actor is a
name. (Dates — EDTF spans, the month of a day — are svodka/edtf.py's.)"""
from __future__ import annotations

import json

from ..lang.names import key


def actor_match(actors_json: str | None, wanted: str) -> bool:
    """Whether one of the event's actors (the JSON list the events table holds) is ``wanted`` (a key): the
    whole name, or its last word ("Алиев" → "Ильхам Алиев")."""
    try:
        actors = json.loads(actors_json or "[]")
    except ValueError:
        return False
    for actor in actors:
        k = key(actor)
        if k == wanted or k.rsplit(" ", 1)[-1] == wanted:
            return True
    return False
