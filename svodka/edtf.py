"""EDTF dates as svodka writes them, in one place: "2025-10-09", "2025-10", "2025-22" (summer), "2025",
intervals "2025-10-01/2025-10-05" and "../2025-12-24", qualifiers "?~%".

    season_months(22)        (6, 7, 8): the months of a season (lang/calendar.py's season table; winter runs
                             into the next year's February)
    bounds("2025-22")        (date(2025, 6, 1), date(2025, 8, 31), SEASON): the days one point covers
    month_bounds("2025-12-24")   ("2025-12-01", "2026-01-01"): the calendar month of a day, end exclusive
    interval("2025-10/..")   (date(2025, 10, 1), None, SPAN): the days a value covers, an open end None
    day_span(value, end)     the first or last day an EDTF value covers, "YYYY-MM-DD"
    overlaps(a, b)           whether two values share a day (an open end reaches as far as it may)
    human(value, "ru")       "9 октября 2025", "октябрь 2025", "лето 2025", "2025", "1920-е", "до декабря 2025",
                             "1–5 октября 2025"; "en": "9 October 2025", "summer 2025", "1920s" (month and season
                             words: lang/calendar.py); a timestamp as its day
    human_time(value, "ru")  "24 декабря 2025, 14:05": a timestamp with its time of day
    plain(value)             without the qualifiers

Precision, finest first: DAY, MONTH, SEASON, YEAR, SPAN.

Why not the ``edtf`` package from PyPI (python-edtf): it is not a dependency of svodka (not in the venv), svodka
writes a small subset of EDTF (points to the day, seasons 21–24, unspecified digits ``192X``, intervals with open
ends, the qualifiers at the end) and needs the days a value covers as ``date``s and a Russian human form, which
python-edtf does not give (its bounds are ``struct_time``s; its seasons read winter ``Y-24`` as svodka does). One
small module serves; a new dependency would not remove any of it.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from .lang.calendar import MONTHS_EN, MONTHS_RU, MONTHS_RU_OF, SEASON_MONTHS, SEASONS_EN, SEASONS_RU, SEASONS_RU_OF

DAY, MONTH, SEASON, YEAR, SPAN = 4, 3, 2, 1, 0
_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def plain(value: str | None) -> str | None:
    return value.rstrip("?~%") if value else value


def season_months(code: int) -> tuple[int, ...]:
    first, last = SEASON_MONTHS.get(code, (0, -1))
    return tuple((m - 1) % 12 + 1 for m in range(first, last + 1))


def month_end(y: int, m: int) -> date:
    return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)


def day_of(text: str | None) -> date | None:
    """The day an ISO date or timestamp starts with ("2025-10-09", "2025-10-09T10:00"), None if unreadable."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def month_bounds(day: str | None) -> tuple[str, str] | None:
    """The calendar month holding ``day`` (ISO): (first day, first day of the next month), ISO; None if unreadable."""
    d = day_of(day)
    if d is None:
        return None
    return d.replace(day=1).isoformat(), (month_end(d.year, d.month) + timedelta(days=1)).isoformat()


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
            if mm in SEASON_MONTHS:
                a, b = SEASON_MONTHS[mm]
                return date(y, a, 1), month_end(y + (b > 12), (b - 1) % 12 + 1), SEASON
            return None
        return date(y, 1, 1), date(y, 12, 31), YEAR
    except ValueError:
        return None


def interval(value: str | None) -> tuple[date | None, date | None, int] | None:
    """The days an EDTF value covers and its precision (SPAN for an interval): a point as ``bounds``, "a/b" →
    a's first day … b's last, "../b" or "a/.." → None at the open end; None when neither end is readable."""
    v = (value or "").strip().replace("?", "").replace("~", "").replace("%", "")
    if not v:
        return None
    if "/" not in v:
        return bounds(v)
    a, _, b = v.partition("/")
    pa = bounds(a) if a and a != ".." else None
    pb = bounds(b) if b and b != ".." else None
    if pa is None and pb is None:
        return None
    return (pa[0] if pa else None), (pb[1] if pb else None), SPAN


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


def overlaps(a: str | None, b: str | None) -> bool:
    """Whether two EDTF values share a day; an unreadable value overlaps nothing."""
    x, y = interval(a), interval(b)
    if x is None or y is None:
        return False
    return (x[0] is None or y[1] is None or x[0] <= y[1]) and (y[0] is None or x[1] is None or y[0] <= x[1])


def _human_point(value: str, lang: str, genitive: bool = False) -> str | None:
    """One point in words; ``genitive``: the Russian form after "с" / "до"."""
    m = re.fullmatch(r"(\d{3})X", value)
    if m:
        return f"{m.group(1)}0-{'х' if genitive else 'е'}" if lang == "ru" else f"{m.group(1)}0s"
    m = _POINT.fullmatch(value)
    if not m or bounds(value) is None:
        return None
    y, mm, d = m.group(1), m.group(2), m.group(3)
    if d:
        month = (MONTHS_RU_OF if lang == "ru" else MONTHS_EN)[int(mm) - 1]
        return f"{int(d)} {month} {y}"
    if mm:
        code = int(mm)
        if code in SEASON_MONTHS:
            names = SEASONS_EN if lang != "ru" else SEASONS_RU_OF if genitive else SEASONS_RU
            return f"{names[code]} {y}"
        names = MONTHS_EN if lang != "ru" else MONTHS_RU_OF if genitive else MONTHS_RU
        return f"{names[code - 1]} {y}"
    return y


def _human_span(a: str, b: str, lang: str) -> str | None:
    """A closed interval within one year, said once: "1–5 октября 2025", "1 октября – 5 ноября 2025",
    "январь – июнь 2026"; None when the ends are not two days or two months of one year."""
    ma, mb = _POINT.fullmatch(a), _POINT.fullmatch(b)
    if not (ma and mb) or ma.group(1) != mb.group(1) or bounds(a) is None or bounds(b) is None:
        return None
    year = ma.group(1)
    if ma.group(3) and mb.group(3):
        months = MONTHS_RU_OF if lang == "ru" else MONTHS_EN
        da, db = int(ma.group(3)), int(mb.group(3))
        if ma.group(2) == mb.group(2):
            return f"{da}–{db} {months[int(ma.group(2)) - 1]} {year}"
        return f"{da} {months[int(ma.group(2)) - 1]} – {db} {months[int(mb.group(2)) - 1]} {year}"
    if ma.group(2) and mb.group(2) and not (ma.group(3) or mb.group(3)) and int(ma.group(2)) <= 12 \
            and int(mb.group(2)) <= 12:
        months = MONTHS_RU if lang == "ru" else MONTHS_EN
        return f"{months[int(ma.group(2)) - 1]} – {months[int(mb.group(2)) - 1]} {year}"
    return None


_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def human_time(value: str | None, lang: str = "ru") -> str:
    """A timestamp in words with its time of day ("2025-12-24T14:05:00Z" → "24 декабря 2025, 14:05"); a date
    without a time as ``human`` says it."""
    m = _TIMESTAMP.fullmatch((value or "").strip())
    if not m:
        return human(value, lang)
    return f"{human(m.group(1), lang)}, {m.group(2)}:{m.group(3)}"


def human(value: str | None, lang: str = "ru") -> str:
    """An EDTF value in words ("ru" or "en"): "2025-10-09" → "9 октября 2025", "2025-22" → "лето 2025" /
    "summer 2025", "2025-10-01/2025-10-05" → "1–5 октября 2025", "2026-01/2026-06" → "январь – июнь 2026",
    "../2025-12" → "до декабря 2025" / "until December 2025", "2025-22/.." → "с лета 2025" / "from summer
    2025"; a qualifier shows as "?" ("~": "около" / "about"); a timestamp ("2025-12-24T10:00:00+03:00") as
    its day. What it cannot read comes back as written."""
    if not value:
        return ""
    stamp = _TIMESTAMP.fullmatch(value.strip())
    if stamp:
        value = stamp.group(1)
    v = plain(value.strip()) or ""
    mark = "?" if value.rstrip().endswith(("?", "%")) else ""
    about = value.rstrip().endswith(("~", "%"))
    if "/" in v:
        a, _, b = v.partition("/")
        open_ = ".." in (a, b) or "" in (a, b)
        ha = _human_point(a, lang, open_) if a not in ("", "..") else None
        hb = _human_point(b, lang, open_) if b not in ("", "..") else None
        if ha and hb:
            text = _human_span(a, b, lang) or f"{ha} – {hb}"
        elif hb:
            text = f"{'до' if lang == 'ru' else 'until'} {hb}"
        elif ha:
            text = f"{'с' if lang == 'ru' else 'from'} {ha}"
        else:
            return value
    else:
        text = _human_point(v, lang, genitive=about)      # "около октября"
        if text is None:
            return value
    if about:
        text = f"{'около' if lang == 'ru' else 'about'} {text}"
    return text + mark
