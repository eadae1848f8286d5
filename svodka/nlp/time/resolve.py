"""What every time rule shares: EDTF value builders, resolution against the article date, the match
context, and the rule registry.

A rule is a compiled pattern and a handler ``(match, ctx) -> [(start, stop, value), ...] | None``; a handler
raises ``_NoRef`` when it needs the article date and there is none (the expression is then dropped).
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from .words import _F, _SEASON_START, _rel_delta


def _y(y: int) -> str:
    if not 0 < y < 10000:
        raise ValueError(y)
    return f"{y:04d}"


def _ym(y: int, m: int) -> str:
    if not 1 <= m <= 12:
        raise ValueError(m)
    return f"{_y(y)}-{m:02d}"


def _ymd(y: int, m: int, d: int) -> str:
    return date(y, m, d).isoformat()


def _add_months(y: int, m: int, delta: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + delta
    return k // 12, k % 12 + 1


def _need(ref: date | None) -> date:
    if ref is None:
        raise _NoRef
    return ref


class _NoRef(Exception):
    """The expression needs the article date and there is none."""


def _day_month(ref: date | None, m: int, d: int) -> date:
    """The latest such day not after ref + 7 days."""
    limit = _need(ref) + timedelta(days=7)
    for y in range(limit.year, limit.year - 9, -1):
        try:
            c = date(y, m, d)
        except ValueError:
            continue
        if c <= limit:
            return c
    raise ValueError((m, d))


def _month_year(ref: date | None, m: int) -> int:
    """The year of the latest such month not after the ref month."""
    r = _need(ref)
    return r.year if m <= r.month else r.year - 1


def _season_year(ref: date | None, code: int, delta: int | None) -> int:
    r = _need(ref)
    start = _SEASON_START[code]
    latest = r.year if r.month >= start else r.year - 1       # latest such season begun by ref
    if delta is None:
        return latest
    if code == 24:                                              # winter wraps the year end
        if delta < 0:                                           # in Dec–Feb the latest is this one
            return latest - (1 if r.month in (12, 1, 2) else 0) + delta + 1
        return latest + delta
    if delta > 0:
        return r.year if r.month < start else r.year + 1        # the next one to begin
    return r.year + delta


def _sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\xa0\u2009\u202f":
        j -= 1
    return j < 0 or text[j] in ".!?…\n\r«\"“„(:;—–-•|"


def _proper_case(text: str, s: int, e: int) -> bool:
    """A bare month/season word: lower case, or capitalised only at a sentence start or in caps."""
    w = text[s:e]
    return w[:1].islower() or w.isupper() or _sentence_start(text, s)


class _Ctx:
    __slots__ = ("text", "ref")

    def __init__(self, text: str, ref: date | None):
        self.text, self.ref = text, ref


Item = tuple[int, int, str]
Handler = Callable[[re.Match, _Ctx], "list[Item] | None"]


def _year_of(m: re.Match, ctx: _Ctx, n: str) -> int | None:
    """Year from a YEARSPEC group set ``n`` (digits) / ``n + 'rel'`` (прошлого года …)."""
    if m.group(n):
        return int(m.group(n))
    if m.group(n + "rel"):
        return _need(ctx.ref).year + _rel_delta(m.group(n + "rel"))
    if m.group(n + "cur"):
        return _need(ctx.ref).year
    if _ANAPHORIC.match(ctx.text, m.end()):
        raise ValueError("the year is a back-reference")   # "в ноябре того же года"
    return None


_ANAPHORIC = re.compile(r"\s+(?:того(?:\s+же)?|этого\s+же|тех\s+же)\s+(?:года|лет)(?!\w)", _F)


def _bare_year_ok(m: re.Match, n: str) -> bool:
    """A year with no "года"/"г." after it must look like a modern year and not like a count."""
    if not m.group(n) or m.group(n + "suf"):
        return True
    return 1800 <= int(m.group(n)) <= 2100


def _stated_year(m: re.Match, ctx: "_Ctx", word: str) -> tuple[int, int | None]:
    """(end, year) of a match of a month or season ``word`` and its year "y": a bare number that is no year
    ("мая 15") ends the match at the word, with no year."""
    if not _bare_year_ok(m, "y"):
        return m.end(word), None
    return m.end(), _year_of(m, ctx, "y")


def _bc_follows(text: str, e: int) -> bool:
    return re.match(r"\s*(?:до\s+(?:н\.?\s*э|нашей\s+эры|р\.?\s*х)|н\.\s*э)", text[e:e + 20], _F) is not None


def _half(m: re.Match, y: int) -> str:
    half = m.group("half")
    if half:
        return f"{_ym(y, 1)}/{_ym(y, 6)}" if half.lower() == "перв" else f"{_ym(y, 7)}/{_ym(y, 12)}"
    return _y(y)


Rule = tuple[re.Pattern, Handler]


def _registry() -> tuple[list[Rule], Callable[[str], Callable[[Handler], Handler]]]:
    """A rule list and the decorator that appends (the compiled pattern, the handler) to it, in the order
    the rules are written: that order is their priority where two readings cover the same span."""
    _RULES: list[Rule] = []

    def _rule(pattern: str) -> Callable[[Handler], Handler]:
        def deco(fn: Handler) -> Handler:
            _RULES.append((re.compile(pattern, _F), fn))
            return fn
        return deco
    return _RULES, _rule
