"""What the web UI reads from dates and actors, in Python (the same on every backend): the calendar month
of a day (EDTF spans: svodka/edtf.py), whether an event's actor is a name."""
from __future__ import annotations

import json
from datetime import date

from ..lang.names import key



def month_bounds(day: str | None) -> tuple[str, str] | None:
    """The calendar month holding ``day`` (ISO): (first day, first day of the next month)."""
    if not day:
        return None
    try:
        d = date.fromisoformat(day[:10])
    except ValueError:
        return None
    start = d.replace(day=1)
    nxt = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
    return start.isoformat(), nxt.isoformat()


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
