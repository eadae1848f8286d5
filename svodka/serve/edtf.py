"""What the web UI reads from dates and actors, in Python (the same on every backend): the calendar month
of a day, the days an EDTF date covers, whether an event's actor is a name."""
from __future__ import annotations

import calendar
import json
from datetime import date

from ..store.records import key

SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}     # EDTF seasons; winter runs into February


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


def day_span(value: str | None, end: bool) -> str | None:
    """The first (or last) day an EDTF date covers, as YYYY-MM-DD: "2025" → 2025-01-01 … 2025-12-31,
    "2025-10" → October, "2025-22" (summer) → 2025-06-01 … 2025-08-31, "a/b" → a's start … b's end."""
    if not value:
        return None
    parts = value.split("/")
    text = (parts[-1] if end else parts[0]).strip().rstrip("?~%")
    try:
        y = int(text[:4])
        if len(text) == 4:
            return f"{y:04d}-12-31" if end else f"{y:04d}-01-01"
        m = int(text[5:7])
        if len(text) >= 10:
            return text[:10]
        if m in SEASONS:
            first, last = SEASONS[m]
            if not end:
                return f"{y:04d}-{first:02d}-01"
            y2, m2 = (y + 1, last - 12) if last > 12 else (y, last)
            return f"{y2:04d}-{m2:02d}-{calendar.monthrange(y2, m2)[1]:02d}"
        if 1 <= m <= 12:
            return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}" if end else f"{y:04d}-{m:02d}-01"
    except (ValueError, IndexError):
        return None
    return None


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
