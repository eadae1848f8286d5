"""Time expressions in Russian news text → EDTF values, resolved against the article date.

    find_times(text, ref_date=None) -> list[TimeMatch]

``TimeMatch(start, stop, text, value)``: ``text == source[start:stop]``; ``value`` is an EDTF
(ISO 8601-2, Library of Congress level 1) string: ``1961-12-24``, ``2024-12``, ``2024``, ``199X``
(decade), ``19XX`` (century), ``2025-22`` (season: 21 spring, 22 summer, 23 autumn, 24 winter) or an
interval ``2025-05-01/2025-05-05``.

Spans cover the date words, not the governing preposition: "в октябре" → "октябре", "в 2024 году" →
"2024 году".  A qualifier is part of the span ("в конце 2017 года" → "конце 2017 года", value 2017:
EDTF level 1 has no "early/late"), and so is the "с … по" of a range ("с 1 по 5 мая 2025 года").

Relative expressions ("вчера", "в понедельник", "в октябре", "на прошлой неделе", "три дня назад",
"прошлой осенью", "1 мая" without a year) are resolved against ``ref_date`` (the publication date,
ISO ``YYYY-MM-DD``); without it they are dropped (nothing level 1 can say about them).

Resolution rules (news is mostly about the past):
  * day and month without a year → the latest such date not after ref + 7 days;
  * month without a year → the latest such month not after the ref month;
  * weekday → the latest such weekday on or before ref ("прошлый" strictly before, "следующий"
    strictly after, "этот" the one in the ref week);
  * bare season → the latest such season that has begun by ref; "этим/прошлым/следующим летом" →
    the summer of ref year / the year before / the next one to begin;
  * winter ``Y-24`` is the winter that begins in December of ``Y`` (as python-edtf reads it), except
    that "зимой 2025 года" is taken literally as ``2025-24``.

Also read: lists ("5, 6 и 7 мая", "в 1958, 1962 и 1970 годах"), a year said once for two dates ("30 июня
и 1 июля 2019 года"), quarters and halves (month intervals), decades and centuries (``199X``, ``19XX``,
"20-х годов прошлого века" → ``192X``), sports seasons ("2016/17" → ``2016/2017``), event years
("ЧМ-2018" → ``2018``), years in brackets ("(1997)").  An anaphoric year ("в ноябре того же года") is
not guessed: such an expression is left out.

Speed: plain ``re`` (no yargy).  One cheap trigger regex finds the places where a time expression can
be; the rules run only over windows around them.  Morphology (Natasha's MorphVocab) is consulted only
for a bare year followed by a word ("в 2001 окончил" vs "в 2000 случаях"), cached per word.

Modules (this package): words (the vocabulary), resolve (EDTF values, the article date, the rule
registry), the rules in dates, months_years, periods and relative.  This module runs them over
the trigger windows and keeps the longest readings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterator

from ...lang.calendar import month_prefixes, season_prefixes
from . import dates as time_dates, months_years as time_months_years, periods as time_periods, relative as time_relative
from .resolve import Item, Rule, _Ctx, _NoRef
from .words import _F

__all__ = ["TimeMatch", "find_times"]


@dataclass(frozen=True, slots=True)
class TimeMatch:
    """One time expression: ``text == source[start:stop]``, ``value`` an EDTF string."""

    start: int
    stop: int
    text: str
    value: str


# the rules in priority order (where two readings cover the same span, the earlier rule wins)
_RULES: list[Rule] = [*time_dates.RULES, *time_months_years.RULES, *time_periods.RULES, *time_relative.RULES]


# --- the prefilter: where any rule above can start -------------------------------------------------

_TRIGGER = re.compile(
    r"[12][0-9]{3}|[0-9][./][0-9]{1,2}[./][0-9]|0\s*-\s*[еехы]|[0-9](?:-[а-я]{1,2})?г"
    rf"|(?<!\w)(?:{month_prefixes()}"
    rf"|понедельн|вторник|сред[уые]|четверг|пятниц|суббот|воскресен|{season_prefixes()}"
    r"|позавчера|вчера|сегодня|завтра|послезавтра|назад|через|недел|месяц|год|век|вв?\.|квартал)",
    _F)
_WINDOW = 80          # characters either side of a trigger that a rule may still need


def _windows(text: str) -> Iterator[tuple[int, int]]:
    """Merged [start, stop) windows around trigger hits."""
    lo = hi = -1
    n = len(text)
    for t in _TRIGGER.finditer(text):
        s, e = max(0, t.start() - _WINDOW), min(n, t.end() + _WINDOW)
        if s <= hi:
            hi = max(hi, e)
            continue
        if hi > lo:
            yield lo, hi
        lo, hi = s, e
    if hi > lo:
        yield lo, hi


def _parse_ref(ref_date: str | date | None) -> date | None:
    if ref_date is None:
        return None
    if isinstance(ref_date, date):
        return ref_date
    try:
        return date.fromisoformat(str(ref_date).strip()[:10])
    except ValueError:
        return None


def find_times(text: str, ref_date: str | None = None) -> list[TimeMatch]:
    """Time expressions in ``text`` with EDTF values, relative ones resolved against ``ref_date``.

    Matches do not overlap; where several readings compete the longest wins ("24 декабря 1961 года"
    over "декабря 1961 года" over "1961 года").  Sorted by start.
    """
    return _find(text, ref_date, prefilter=True)


def _find(text: str, ref_date: str | date | None, *, prefilter: bool) -> list[TimeMatch]:
    """``prefilter=False`` runs every rule over the whole text (the reference the tests compare to)."""
    if not text:
        return []
    ctx = _Ctx(text, _parse_ref(ref_date))
    cands: list[tuple[int, int, int, list[Item]]] = []
    for lo, hi in (_windows(text) if prefilter else [(0, len(text))]):
        for prio, (rx, handler) in enumerate(_RULES):
            pos = lo
            while pos < hi:
                m = rx.search(text, pos, hi)
                if m is None:
                    break
                try:
                    items = handler(m, ctx) if m.end() > m.start() else None
                except (_NoRef, ValueError, OverflowError, KeyError):
                    items = None
                if items:
                    s, e = min(i[0] for i in items), max(i[1] for i in items)
                    cands.append((s, e, prio, items))
                    pos = m.end()
                else:
                    pos = m.start() + 1           # a rejected reading may hide a shorter one inside
    cands.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    taken = bytearray(len(text))
    out: list[Item] = []
    for s, e, _, items in cands:
        if 1 in taken[s:e]:
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.extend(items)
    out.sort()
    return [TimeMatch(s, e, text[s:e], v) for s, e, v in out]
