"""times: time expressions in Russian news text → EDTF values, resolved against the article date.

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
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, Iterator

__all__ = ["TimeMatch", "find_times"]


@dataclass(frozen=True, slots=True)
class TimeMatch:
    """One time expression: ``text == source[start:stop]``, ``value`` an EDTF string."""

    start: int
    stop: int
    text: str
    value: str


# --- vocabulary --------------------------------------------------------------------------------

_F = re.IGNORECASE
_MONTH = (r"(?:(?:январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)(?:ь|я|е|ю|ём|ем)"
          r"|март(?:а|е|у|ом)?|ма(?:й|я|е|ю|ем)|август(?:а|е|у|ом)?)(?!\w)")
_MONTH_ABBR = r"(?:янв|февр?|мар|апр|июн|июл|авг|сент?|окт|нояб?|дек)\."
_MONTH_ANY = rf"(?:{_MONTH}|{_MONTH_ABBR})"
_MONTH_NUM = {"янв": 1, "фев": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8, "сен": 9,
              "окт": 10, "ноя": 11, "дек": 12}

_WEEKDAY = (r"(?:понедельник(?:а|у|ом)?|вторник(?:а|у|ом)?|сред(?:а|у|ы|е|ой)|четверг(?:а|у|ом)?"
            r"|пятниц(?:а|у|ы|е|ей)|суббот(?:а|у|ы|е|ой)|воскресень(?:е|я|ю|ем))(?!\w)")
_WEEKDAY_NUM = {"пон": 0, "вто": 1, "сре": 2, "чет": 3, "пят": 4, "суб": 5, "вос": 6}

_SEASON = r"(?:весн(?:а|ы|е|у|ой|ою)|лет(?:о|а|е|у|ом)|осен(?:ь|и|ью)|зим(?:а|ы|е|у|ой|ою))(?!\w)"
_SEASON_CODE = {"вес": 21, "лет": 22, "осе": 23, "зим": 24}
_SEASON_START = {21: 3, 22: 6, 23: 9, 24: 12}
_SEASON_ADVERB = {"весной", "весною", "летом", "осенью", "зимой", "зимою"}

_ADJ_END = r"(?:ий|ый|ое|ее|ая|яя|ого|его|ой|ей|ому|ему|ом|ем|ую|юю|ым|им|ою|ею|ие|ые|их|ых)"
_REL = (rf"(?:(?:позапрошл|прошл|прошедш|минувш|предыдущ|текущ|нынешн|следующ|будущ|наступающ|уходящ)"
        rf"{_ADJ_END}|эт(?:от|ого|ом|ому|им|ой|у|а|ою))(?!\w)")
_REL_DELTA = (("позапрошл", -2), ("прошл", -1), ("прошедш", -1), ("минувш", -1), ("предыдущ", -1),
              ("эт", 0), ("текущ", 0), ("нынешн", 0), ("уходящ", 0), ("следующ", 1), ("будущ", 1),
              ("наступающ", 1))

_QUAL = (r"(?:(?P<qual>(?:сам(?:ом|ого|ым|ое|ый)\s+)?(?:начал[оеау]|середин[аеуы]|кон(?:ец|це|ца|цу|цом)"
         r"|исход[еау]|(?P<half>перв|втор)(?:ой|ая|ую)\s+половин[аеуы]))\s+)?")

_YEAR_WORD = r"(?:год(?:а|у|ом)?|г\.?)(?!\w)"
_ORD = r"(?:-(?:го|м|й|ый))"
_DASH = r"[-‐‑‒–—]"
_PRE = r"(?:(?<!\w)(?P<pre>с|со|от)\s+)?"
_SEP = rf"\s*(?P<sep>{_DASH}|(?<=\s)(?:по|до)(?=\s))\s*"

_NUMWORD = {"один": 1, "одна": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
            "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11,
            "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
            "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
            "пару": 2, "пара": 2, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
            "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100}
_UNITS = "один|одна|одну|два|две|три|четыре|пять|шесть|семь|восемь|девять"
_TENS = "двадцать|тридцать|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяносто|сто"
_TEENS = ("десять|одиннадцать|двенадцать|тринадцать|четырнадцать|пятнадцать|шестнадцать|семнадцать"
          "|восемнадцать|девятнадцать")
_NUM = rf"(?:[0-9]{{1,3}}|пар[уа]|(?:{_TENS})(?:\s+(?:{_UNITS}))?|{_TEENS}|{_UNITS})(?!\w)"
_AGO_UNIT = (r"(?:дн(?:я|ей)|день|сутки|суток|недел(?:ю|и|ь)|месяц(?:а|ев)?|год(?:а)?|лет|полгода"
             r"|полмесяца)(?!\w)")

_ROMAN = r"[IVXХ]{1,6}"          # Latin letters and the Cyrillic Х that Russian texts often use
_ROMAN_VAL = {"I": 1, "V": 5, "X": 10, "Х": 10}


# --- helpers -------------------------------------------------------------------------------------

def _month_of(word: str) -> int:
    w = word.lower()
    if w.startswith("ма") and not w.startswith("мар"):
        return 5
    return _MONTH_NUM[w[:3]]


def _rel_delta(word: str) -> int:
    w = word.lower()
    for stem, delta in _REL_DELTA:
        if w.startswith(stem):
            return delta
    raise ValueError(word)


def _roman(s: str) -> int:
    s = s.upper()
    vals = [_ROMAN_VAL[c] for c in s]
    total = 0
    for i, v in enumerate(vals):
        total += -v if i + 1 < len(vals) and vals[i + 1] > v else v
    if not 0 < total < 40:
        raise ValueError(s)
    return total


def _number(s: str) -> int:
    s = s.lower()
    if s.isdigit():
        return int(s)
    return sum(_NUMWORD[w] for w in s.split())


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


def _yearspec(n: str) -> str:
    return (rf"(?:(?P<{n}>[12][0-9]{{3}}){_ORD}?(?P<{n}suf>\s*{_YEAR_WORD})?(?![0-9])"
            rf"|(?P<{n}rel>{_REL})\s+год(?:а|у|ом)?(?!\w)|(?P<{n}cur>[ст]\.\s?г\.|сего\s+года(?!\w)))")


def _bare_year_ok(m: re.Match, n: str) -> bool:
    """A year with no "года"/"г." after it must look like a modern year and not like a count."""
    if not m.group(n) or m.group(n + "suf"):
        return True
    return 1800 <= int(m.group(n)) <= 2100


def _bc_follows(text: str, e: int) -> bool:
    return re.match(r"\s*(?:до\s+(?:н\.?\s*э|нашей\s+эры|р\.?\s*х)|н\.\s*э)", text[e:e + 20], _F) is not None


# --- patterns and their readings -------------------------------------------------------------------

_RULES: list[tuple[re.Pattern, Handler]] = []


def _rule(pattern: str) -> Callable[[Handler], Handler]:
    def deco(fn: Handler) -> Handler:
        _RULES.append((re.compile(pattern, _F), fn))
        return fn
    return deco


@_rule(rf"(?<![\w.,:/]){_PRE}(?P<d1>[0-9]{{1,2}})(?:-(?:го|е))?{_SEP}(?P<d2>[0-9]{{1,2}})(?:-(?:го|е))?\s+"
       rf"(?P<mon>{_MONTH_ANY})(?:\s+{_yearspec('y')})?")
def _days_range(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    if m.group("sep").isalpha() and not m.group("pre"):
        return None
    if not _bare_year_ok(m, "y"):
        return None
    mon, d1, d2 = _month_of(m.group("mon")), int(m.group("d1")), int(m.group("d2"))
    if not d1 < d2:
        return None
    y = _year_of(m, ctx, "y")
    end = date(y, mon, d2) if y else _day_month(ctx.ref, mon, d2)
    start = date(end.year, mon, d1)
    return [(*m.span(), f"{start.isoformat()}/{end.isoformat()}")]


@_rule(rf"(?<![\w.,:/]){_PRE}(?P<d1>[0-9]{{1,2}})(?:-(?:го|е))?\s+(?P<m1>{_MONTH_ANY})(?:\s+{_yearspec('y1')})?"
       rf"{_SEP}(?P<d2>[0-9]{{1,2}})(?:-(?:го|е))?\s+(?P<m2>{_MONTH_ANY})(?:\s+{_yearspec('y2')})?")
def _dates_range(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    if m.group("sep").isalpha() and not m.group("pre"):
        return None
    if not (_bare_year_ok(m, "y1") and _bare_year_ok(m, "y2")):
        return None
    m1, m2 = _month_of(m.group("m1")), _month_of(m.group("m2"))
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    y1, y2 = _year_of(m, ctx, "y1"), _year_of(m, ctx, "y2")
    if y2 is None and y1 is not None:
        y2 = y1 if (m2, d2) >= (m1, d1) else y1 + 1
    end = date(y2, m2, d2) if y2 else _day_month(ctx.ref, m2, d2)
    if y1 is None:
        y1 = end.year if (m1, d1) <= (m2, d2) else end.year - 1
    start = date(y1, m1, d1)
    if start >= end:
        return None
    return [(*m.span(), f"{start.isoformat()}/{end.isoformat()}")]


@_rule(rf"(?<![\w.,:/]){_QUAL}{_PRE}(?P<m1>{_MONTH})(?:\s+{_yearspec('y1')})?{_SEP}"
       rf"(?P<m2>{_MONTH})(?:\s+{_yearspec('y2')})?")
def _months_range(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    if m.group("sep").isalpha() and not m.group("pre"):
        return None
    if m.group("qual") and m.group("pre"):
        return None
    if not (_bare_year_ok(m, "y1") and _bare_year_ok(m, "y2")):
        return None
    m1, m2 = _month_of(m.group("m1")), _month_of(m.group("m2"))
    y1, y2 = _year_of(m, ctx, "y1"), _year_of(m, ctx, "y2")
    if y2 is None and y1 is not None:
        y2 = y1 if m2 > m1 else y1 + 1
    if y2 is None:
        y2 = _month_year(ctx.ref, m2)
    if y1 is None:
        y1 = y2 if m1 < m2 else y2 - 1
    if (y1, m1) >= (y2, m2):
        return None
    s = m.start("qual") if m.group("qual") else m.start()
    return [(s, m.end(), f"{_ym(y1, m1)}/{_ym(y2, m2)}")]


@_rule(rf"(?<![\w.,:/+\-]){_PRE}(?P<y1>[12][0-9]{{3}}){_ORD}?(?P<suf1>\s*(?:года|г\.))?{_SEP}"
       rf"(?P<y2>[12][0-9]{{3}}){_ORD}?(?P<suf2>\s*(?:год(?:ы|ах|ов|ам|а|у)?|гг?\.)(?!\w))?(?![0-9]|{_DASH}[0-9])")
def _years_range(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    words = m.group("sep").isalpha()
    if words and not m.group("pre"):
        return None
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if not (m.group("suf2") or m.group("suf1") or (words and m.group("pre"))):
        if not (1800 <= y1 < y2 <= 2100):
            return None                               # bare "1941–1945": only modern-looking years
    if not y1 < y2 or _bc_follows(ctx.text, m.end()):
        return None
    return [(*m.span(), f"{_y(y1)}/{_y(y2)}")]


@_rule(rf"(?<![\w.,:/])(?P<d1>[0-9]{{1,2}})(?:-(?:го|е))?\s+(?P<m1>{_MONTH_ANY})(?:\s*,\s*|\s+(?:и|или)\s+)"
       rf"(?P<d2>[0-9]{{1,2}})(?:-(?:го|е))?\s+(?P<m2>{_MONTH_ANY})\s+{_yearspec('y')}")
def _dates_pair(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    """"30 июня и 1 июля 2019 года": the year is said once for both."""
    if not _bare_year_ok(m, "y"):
        return None
    m1, m2 = _month_of(m.group("m1")), _month_of(m.group("m2"))
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    y = _year_of(m, ctx, "y")
    if y is None:
        return None
    y1 = y if (m1, d1) <= (m2, d2) else y - 1
    return [(m.start(), m.end("m1"), _ymd(y1, m1, d1)), (m.start("d2"), m.end(), _ymd(y, m2, d2))]


@_rule(r"(?<=\()(?P<ys>[12][0-9]{3}(?:\s*,\s*[12][0-9]{3})*)(?=\))")
def _years_in_brackets(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    """"(1997)", "(1994, 1997)": a year note after a title or a name."""
    out: list[Item] = []
    for ym in re.finditer(r"[0-9]{4}", m.group("ys")):
        y = int(ym.group())
        if not 1800 <= y <= 2100:
            return None
        out.append((m.start() + ym.start(), m.start() + ym.end(), _y(y)))
    return out


@_rule(rf"(?<![\w.,:/])(?P<days>[0-9]{{1,2}}(?:\s*,\s*[0-9]{{1,2}})*\s*(?:,|\s(?:и|или)\s)\s*)"
       rf"(?P<last>[0-9]{{1,2}})(?:-(?:го|е))?\s+(?P<mon>{_MONTH_ANY})(?:\s+{_yearspec('y')})?")
def _dates_list(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    if not _bare_year_ok(m, "y"):
        return None
    mon, y = _month_of(m.group("mon")), _year_of(m, ctx, "y")
    out: list[Item] = []
    base = m.start("days")
    days = [int(x) for x in re.findall(r"[0-9]{1,2}", m.group("days"))] + [int(m.group("last"))]
    if any(a >= b for a, b in zip(days, days[1:])):
        return None                                   # "их было 10, 5 мая": not a list of days
    for dm in re.finditer(r"[0-9]{1,2}", m.group("days")):
        d = int(dm.group())
        v = _ymd(y, mon, d) if y else _day_month(ctx.ref, mon, d).isoformat()
        out.append((base + dm.start(), base + dm.end(), v))
    d = int(m.group("last"))
    v = _ymd(y, mon, d) if y else _day_month(ctx.ref, mon, d).isoformat()
    out.append((m.start("last"), m.end(), v))
    return out


@_rule(rf"(?<![\w.,:/])(?P<core>(?:(?:{_REL}\s+)?(?P<wd>{_WEEKDAY})\s*,?\s*)?(?P<d>[0-9]{{1,2}})(?:-(?:го|е))?\s+"
       rf"(?P<mon>{_MONTH_ANY})(?:\s+{_yearspec('y')})?)")
def _date(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    mon, d = _month_of(m.group("mon")), int(m.group("d"))
    if not 1 <= d <= 31:
        return None
    s, e = m.span()
    if not _bare_year_ok(m, "y"):
        e = m.end("mon")
        y = None
    else:
        y = _year_of(m, ctx, "y")
    v = _ymd(y, mon, d) if y else _day_month(ctx.ref, mon, d).isoformat()
    return [(s, e, v)]


@_rule(r"(?<![0-9.,/+\-])(?P<d>[0-9]{1,2})(?P<s>[./])(?P<m>[0-9]{1,2})(?P=s)(?P<y>[12][0-9]{3})"
       r"(?![0-9]|[./\-][0-9])(?:\s*(?:года|г\.))?")
def _numeric(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    return [(*m.span(), _ymd(int(m.group("y")), int(m.group("m")), int(m.group("d"))))]


@_rule(r"(?<![0-9.,/+\-])(?P<y>[12][0-9]{3})-(?P<m>[01][0-9])-(?P<d>[0-3][0-9])(?![0-9]|[.\-][0-9])")
def _iso(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    return [(*m.span(), _ymd(int(m.group("y")), int(m.group("m")), int(m.group("d"))))]


@_rule(rf"(?<![\w.,:/]){_QUAL}(?P<mon>{_MONTH})(?:\s+{_yearspec('y')})?")
def _month(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    mon = _month_of(m.group("mon"))
    s, e = m.span()
    y: int | None
    if not _bare_year_ok(m, "y"):
        e, y = m.end("mon"), None
    else:
        y = _year_of(m, ctx, "y")
    if y is None:
        if not m.group("qual") and not _proper_case(ctx.text, *m.span("mon")):
            return None
        if re.search(r"[0-9]\S*\s*$", ctx.text[max(0, s - 6):s]):
            return None                                   # "32 мая", "12-м мая": a failed date
        if ctx.text[s:s + 1].isupper() and re.match(r"\s+[А-ЯЁ][а-яё]", ctx.text[e:e + 3]):
            return None                                   # "Марта Иванова", "Мая Плисецкая"
        y = _month_year(ctx.ref, mon)
    return [(s, e, _ym(y, mon))]


@_rule(rf"(?<![\w.,:/]){_QUAL}(?:(?P<rel>{_REL})\s+)?(?P<sea>{_SEASON})(?:\s+{_yearspec('y')})?")
def _season(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    code = _SEASON_CODE[m.group("sea")[:3].lower()]
    s, e = m.span()
    y: int | None
    if not _bare_year_ok(m, "y"):
        e, y = m.end("sea"), None
    else:
        y = _year_of(m, ctx, "y")
    if y is not None and m.group("rel"):
        return None                                   # "прошлым летом 2020 года": contradictory
    if y is None:
        if m.group("rel"):
            y = _season_year(ctx.ref, code, _rel_delta(m.group("rel")))
        else:
            word = m.group("sea")
            if not _proper_case(ctx.text, *m.span("sea")):
                return None
            if not (m.group("qual") or word.lower() in _SEASON_ADVERB
                    or re.search(r"(?<!\w)(?:до|с|со|к|ко|после|от)\s+$", ctx.text[max(0, s - 8):s], _F)):
                return None
            y = _season_year(ctx.ref, code, None)
    return [(s, e, f"{_y(y)}-{code}")]


@_rule(rf"(?<![\w.,:/]){_QUAL}(?P<core>(?P<y>[0-9]{{3,4}}){_ORD}?\s*(?P<w>год(?:а|у|ом)?|г\.?)(?!\w))")
def _year(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    y = int(m.group("y"))
    w = m.group("w").lower()
    if len(m.group("y")) == 3 and w != "году":
        return None                                   # "в возрасте 101 года", "200 г. сахара"
    if w in ("г", "г.") and not (1000 <= y <= 2100 if w == "г." else 1800 <= y <= 2100):
        return None                                   # "1500 г муки": grams
    if w == "г" and not _PREP_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start()):
        return None                                   # "2000 г сахара"; "в 2000 г" is a year
    if _bc_follows(ctx.text, m.end()) or re.match(r"\s+жизни", ctx.text[m.end():m.end() + 8]):
        return None                                   # "на 102-м году жизни": an age
    return [(*m.span(), _half(m, y))]


_PREP_BEFORE = re.compile(r"(?<!\w)(?:в|во|с|со|до|к|после)\s+$", _F)


def _half(m: re.Match, y: int) -> str:
    half = m.group("half")
    if half:
        return f"{_ym(y, 1)}/{_ym(y, 6)}" if half.lower() == "перв" else f"{_ym(y, 7)}/{_ym(y, 12)}"
    return _y(y)


@_rule(rf"(?<![\w.,:/])(?P<y>[12][0-9]{{3}})-(?:го|м|й)(?!\w)")
def _year_ordinal(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    return [(*m.span(), _y(int(m.group("y"))))]


@_rule(rf"(?<!\w)(?P<prep>в|во|к|ко|до|с|со|после|по|от|на|за|между)\s+(?P<core>(?P<y>[12][0-9]{{3}}))"
       rf"(?=\s*(?:[,.;:!?)»\"\]…]|\Z)|\s+{_DASH}\s|\s+(?:и|или)\s+[12][0-9]{{3}}|\s+\(|\s+(?P<next>[^\W\d_]+))")
def _year_bare(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    """"в 2024.", "с 2006 являлся", "в 2001 Иванов": a year without "года" after a preposition."""
    y = int(m.group("y"))
    if not 1800 <= y <= 2100:
        return None
    nxt = m.group("next")
    if nxt:
        if m.group("prep").lower() not in ("в", "во", "с", "со", "после", "к", "ко"):
            return None                               # "до 2000 человек", "за 2000 рублей"
        if not nxt[0].isupper() and _nominal(nxt.lower()):
            return None                               # "в 2000 случаях": a count
    return [(*m.span("core"), _y(y))]


@lru_cache(maxsize=20_000)
def _nominal(word: str) -> bool:
    """The word is most likely a noun, adjective or numeral (what follows a count, not a year)."""
    if word.startswith("год") or word in ("лет", "раз", "раза", "человек"):
        return True
    try:
        from svodka.page.lines import morph      # pymorphy via Natasha; loaded only when needed
        parses = morph().parse(word)
    except Exception:                            # noqa: BLE001 — no morphology: stay cautious
        return True
    return not parses or parses[0].tag.POS in ("NOUN", "ADJF", "NUMR", "ADJS", None)


@_rule(rf"(?<![\w.,:/])(?P<ys>[12][0-9]{{3}}(?:\s*,\s*[12][0-9]{{3}})*\s*(?:,|\s(?:и|или)\s)\s*)"
       rf"(?P<last>[12][0-9]{{3}})\s*(?:год(?:ах|ы|ов|ам)|гг\.)(?!\w)")
def _years_list(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    """"в 1958, 1962 и 1970 годах": each year."""
    out: list[Item] = []
    for ym in re.finditer(r"[0-9]{4}", m.group("ys")):
        out.append((m.start("ys") + ym.start(), m.start("ys") + ym.end(), _y(int(ym.group()))))
    out.append((m.start("last"), m.end(), _y(int(m.group("last")))))
    return out


@_rule(rf"(?<![\w./\-])(?P<y1>[12][0-9]{{3}})(?P<sep>/|{_DASH})(?P<y2>[0-9]{{2}}|[12][0-9]{{3}})(?![\w/\-])")
def _season_years(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    """"сезон 2016/17", "1989-90", "2017/2018": two consecutive years."""
    y1, y2s = int(m.group("y1")), m.group("y2")
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s) + (100 if int(y2s) < y1 % 100 else 0)
    if y2 != y1 + 1 or (len(y2s) == 4 and m.group("sep") != "/"):
        return None
    return [(*m.span(), f"{_y(y1)}/{_y(y2)}")]


@_rule(r"(?<=[^\W\d_][-‐‑])(?P<y>[12][0-9]{3})(?![0-9]|[-‐‑./][0-9])")
def _event_year(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    """"ЧМ-2018", "Сочи-2014", "Евровидение-2025": the event's year."""
    y = int(m.group("y"))
    return [(*m.span(), _y(y))] if 1900 <= y <= 2100 else None


@_rule(rf"(?<![\w.,:/]){_QUAL}(?P<rel>{_REL})\s+"
       rf"(?P<unit>год(?:а|у|ом)?|месяц(?:а|е|у|ем)?|недел(?:я|и|е|ю|ей)|век(?:а|е|у|ом)?)(?!\w)")
def _relative_period(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    r, delta, unit = _need(ctx.ref), _rel_delta(m.group("rel")), m.group("unit").lower()
    if unit.startswith("год"):
        return [(*m.span(), _half(m, r.year + delta))]
    if unit.startswith("месяц"):
        return [(*m.span(), _ym(*_add_months(r.year, r.month, delta)))]
    if unit.startswith("век"):
        return [(*m.span(), f"{r.year // 100 + delta:02d}XX")] if not m.group("half") else None
    if m.group("half"):
        return None
    monday = r - timedelta(days=r.weekday()) + timedelta(weeks=delta)
    return [(*m.span(), f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}")]


@_rule(rf"(?<![\w.,:/])(?P<core>(?P<q>перв|втор|трет|четв[её]рт)\w*|(?P<qr>IV|I{{1,3}}|[1-4])(?:-?(?:м|й|го))?)"
       rf"\s+квартал(?:е|а|у|ом)?\s+{_yearspec('y')}")
def _quarter(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    if m.group("q"):
        q = {"пер": 1, "вто": 2, "тре": 3, "чет": 4}[m.group("q")[:3].lower()]
    else:
        qr = m.group("qr").upper()
        q = int(qr) if qr.isdigit() else _roman(qr)
    y = _year_of(m, ctx, "y")
    if y is None or not _bare_year_ok(m, "y"):
        return None
    return [(*m.span(), f"{_ym(y, 3 * q - 2)}/{_ym(y, 3 * q)}")]


@_rule(rf"(?<![\w.,:/]){_QUAL}(?P<core>(?P<dec>[0-9]{{2,4}})\s*-\s*(?:е|х|ые|ых|ее)(?!\w)"
       rf"(?:\s+год(?:ы|ов|ах|ам|ами)(?!\w))?"
       rf"(?:\s+(?:(?P<crel>{_REL})|(?P<cnum>{_ROMAN}|[0-9]{{1,2}})(?:-?(?:го|м|й|ом))?)\s+век(?:а|е)(?!\w))?)")
def _decade(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    dec = m.group("dec")
    if dec[-1] != "0" or len(dec) == 3:
        return None
    if len(dec) == 2 and not m.group(0).lower().rstrip().endswith(("ы", "ов", "ах", "ам", "ами")) and \
            re.match(r"\s+[А-ЯЁA-Z]", ctx.text[m.end():m.end() + 2]):
        return None                                       # "на 30-х Королёвских чтениях": an ordinal
    if len(dec) == 2:
        if m.group("crel"):
            dec = f"{_need(ctx.ref).year // 100 + _rel_delta(m.group('crel')):02d}" + dec
        elif m.group("cnum"):
            c = m.group("cnum")
            dec = f"{(int(c) if c.isdigit() else _roman(c)) - 1:02d}" + dec
        else:
            dec = ("20" if dec == "00" else "19") + dec
    # a four-digit decade already says its century: "2010-х годов XXI века" is 201X
    return [(*m.span(), dec[:3] + "X")]


@_rule(rf"(?<![\w.,:/]){_QUAL}(?P<c1>{_ROMAN}|[0-9]{{1,2}})(?:-?(?:го|м|й|ом))?"
       rf"(?:\s*{_DASH}\s*(?P<c2>{_ROMAN}|[0-9]{{1,2}})(?:-?(?:го|м|й|ом))?)?"
       rf"\s+(?P<w>век(?:а|е|у|ом|ов|ах|а)?|вв?\.)(?!\w)")
def _century(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    c1s, c2s = m.group("c1"), m.group("c2")
    if m.group("w").lower().startswith("в.") or m.group("w").lower().startswith("вв"):
        if c1s.isdigit():
            return None                                  # "10 в." is volts as often as centuries
    if _bc_follows(ctx.text, m.end()):
        return None
    c1 = int(c1s) if c1s.isdigit() else _roman(c1s)
    if not 1 <= c1 <= 21:
        return None
    v = f"{c1 - 1:02d}XX"
    if c2s:
        c2 = int(c2s) if c2s.isdigit() else _roman(c2s)
        if not c1 < c2 <= 21:
            return None
        v += f"/{c2 - 1:02d}XX"
    return [(*m.span(), v)]


@_rule(r"(?<!\w)(?P<core>позавчера|вчера|сегодня|завтра|послезавтра)(?!\w)")
def _day_word(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    w = m.group("core").lower()
    if ctx.text[m.start() - 1:m.start()] == "«" and ctx.text[m.end():m.end() + 1] == "»":
        return None                                        # «Завтра», «Сегодня»: titles
    before, after = ctx.text[m.start() - 1:m.start()], ctx.text[m.end():m.end() + 1]
    if before and after and before in "\"“„'" and after in "\"”“'":
        return None                                        # газета "Сегодня"
    if w == "сегодня" and re.search(r"(?:Россия|Russia)[\s«\"]*$", ctx.text[max(0, m.start() - 10):m.start()]):
        return None                                        # «Россия сегодня», the agency
    shift = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}[w]
    return [(*m.span(), (_need(ctx.ref) + timedelta(days=shift)).isoformat())]


_WEEKDAY_BEFORE = re.compile(_WEEKDAY + r"\s*$", _F)
_DATE_AFTER = re.compile(rf"\s*,?\s*[0-9]{{1,2}}(?:-(?:го|е))?\s+{_MONTH_ANY}", _F)


@_rule(rf"(?<!\w)(?:(?P<prep>в\s+ночь\s+(?:на|с)|в|во|с|со|до|к|ко|на|по|и|или)\s+)?"
       rf"(?P<core>(?:(?P<rel>{_REL})\s+)?(?P<wd>{_WEEKDAY}))")
def _weekday(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    prep, rel, wd = (m.group("prep") or "").lower(), m.group("rel"), m.group("wd").lower()
    if not (prep or rel):
        return None
    if prep in ("и", "или") and not _WEEKDAY_BEFORE.search(ctx.text, max(0, m.start() - 16), m.start()):
        return None                                       # "в пятницу и субботу" only
    if _DATE_AFTER.match(ctx.text, m.end()):
        return None                                       # "в среду, 12 мая": the date rule reads it
    if wd.startswith("сред"):                             # "среда" is also "environment"
        ok = (wd == "среду" and (prep in ("в", "во", "по", "на") or prep.startswith("в ночь") or rel)) or \
             (wd == "среды" and prep in ("с", "со", "до")) or (wd == "среде" and prep in ("к", "ко"))
        if not ok or re.match(r"\s+обитани", ctx.text[m.end():m.end() + 12]):
            return None
    r = _need(ctx.ref)
    n = _WEEKDAY_NUM[wd[:3]]
    back = (r.weekday() - n) % 7
    delta = _rel_delta(rel) if rel else None
    if delta is None:
        day = r - timedelta(days=back)
    elif delta < 0:
        day = r - timedelta(days=back or 7) + timedelta(weeks=delta + 1)
    elif delta == 0:
        day = r - timedelta(days=r.weekday()) + timedelta(days=n)
    else:
        day = r + timedelta(days=((n - r.weekday()) % 7) or 7) + timedelta(weeks=delta - 1)
    return [(*m.span("core"), day.isoformat())]


_PLURAL_UNITS = {"дней", "дня", "суток", "недель", "недели", "месяцев", "лет"}


@_rule(rf"(?<![\w.,:/])(?P<core>(?:(?P<num>{_NUM})\s+)?(?P<unit>{_AGO_UNIT})\s+(?:тому\s+)?назад)(?!\w)")
def _ago(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    return _shift(m, ctx, -1)


@_rule(rf"(?<!\w)(?P<core>через\s+(?:(?P<num>{_NUM})\s+)?(?P<unit>{_AGO_UNIT}))(?!\s+после)")
def _after(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    return _shift(m, ctx, +1)


def _shift(m: re.Match, ctx: _Ctx, sign: int) -> list[Item] | None:
    unit = m.group("unit").lower()
    if not m.group("num") and unit in _PLURAL_UNITS:
        return None                                       # "несколько дней назад", "много лет назад"
    n = _number(m.group("num")) if m.group("num") else 1
    if n <= 0 or n > 5000:
        return None
    r = _need(ctx.ref)
    if unit.startswith(("дн", "день", "сут")):
        return [(*m.span(), (r + sign * timedelta(days=n)).isoformat())]
    if unit.startswith("недел"):
        return [(*m.span(), (r + sign * timedelta(weeks=n)).isoformat())]
    if unit == "полмесяца":
        return [(*m.span(), (r + sign * timedelta(days=15)).isoformat())]
    if unit.startswith("месяц") or unit == "полгода":
        months = n * (6 if unit == "полгода" else 1)
        return [(*m.span(), _ym(*_add_months(r.year, r.month, sign * months)))]
    return [(*m.span(), _y(r.year + sign * n))]


# --- the prefilter: where any rule above can start -------------------------------------------------

_TRIGGER = re.compile(
    r"[12][0-9]{3}|[0-9][./][0-9]{1,2}[./][0-9]|0\s*-\s*[еехы]|[0-9](?:-[а-я]{1,2})?г"
    r"|(?<!\w)(?:январ|феврал|март|апрел|ма[йяею]|июн|июл|август|сентябр|октябр|ноябр|декабр"
    r"|понедельн|вторник|сред[уые]|четверг|пятниц|суббот|воскресен|весн|лет[оаеу]|осен|зим"
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
