"""EDTF dates as svodka writes them, in one place: "2025-10-09", "2025-10", "2025-22" (summer), "2025",
intervals "2025-10-01/2025-10-05" and "../2025-12-24", qualifiers "?~%".

    SEASONS                  EDTF season codes 21–24 → (first month, last month); winter runs into
                             February (months past 12 belong to the next year)
    season_months(22)        (6, 7, 8)
    bounds("2025-22")        (date(2025, 6, 1), date(2025, 8, 31), SEASON): the days one point covers
    day_span(value, end)     the first or last day an EDTF value covers, "YYYY-MM-DD"
    plain(value)             without the qualifiers

Precision, finest first: DAY, MONTH, SEASON, YEAR, SPAN.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}
DAY, MONTH, SEASON, YEAR, SPAN = 4, 3, 2, 1, 0
_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def plain(value: str | None) -> str | None:
    return value.rstrip("?~%") if value else value


def season_months(code: int) -> tuple[int, ...]:
    first, last = SEASONS.get(code, (0, -1))
    return tuple((m - 1) % 12 + 1 for m in range(first, last + 1))


def month_end(y: int, m: int) -> date:
    return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)


def bounds(text: str) -> tuple[date, date, int] | None:
    """The days one EDTF point (no interval, no qualifier) covers, and its precision; None if unreadable."""
    m = _POINT.fullmatch(text)
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return d, d, DAY
        if m.group(2):
            mm = int(m.group(2))
            if 1 <= mm <= 12:
                return date(y, mm, 1), month_end(y, mm), MONTH
            if mm in SEASONS:
                a, b = SEASONS[mm]
                return date(y, a, 1), month_end(y + (b > 12), (b - 1) % 12 + 1), SEASON
            return None
        return date(y, 1, 1), date(y, 12, 31), YEAR
    except ValueError:
        return None


def day_span(value: str | None, end: bool) -> str | None:
    """The first (or last) day an EDTF value covers, as YYYY-MM-DD: "2025" → 2025-01-01 … 2025-12-31,
    "2025-22" → 2025-06-01 … 2025-08-31, "a/b" → a's start … b's end; None for an open or unreadable end."""
    if not value:
        return None
    parts = value.split("/")
    found = bounds((parts[-1] if end else parts[0]).strip().rstrip("?~%"))
    if found is None:
        return None
    return (found[1] if end else found[0]).isoformat()
