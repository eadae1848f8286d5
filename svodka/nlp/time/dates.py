"""Time rules for expressions with a day number: dates ("24 декабря 1961 года", "12.05.2024", ISO),
ranges ("с 1 по 5 мая", "с мая по июль", "1941–1945"), pairs and lists ("30 июня и 1 июля 2019 года",
"5, 6 и 7 мая", "(1994, 1997)").
"""
from __future__ import annotations

import re
from datetime import date

from .resolve import (_y, _ym, _ymd, _day_month, _month_year, _Ctx, Item, _year_of, _bare_year_ok, _bc_follows,
                      _registry, _stated_year)
from .words import _MONTH, _MONTH_ANY, _WEEKDAY, _REL, _QUAL, _ORD, _DASH, _PRE, _SEP, _month_of, _yearspec

RULES, _rule = _registry()


def _range_told(m: re.Match, *years: str) -> bool:
    """A range is one where a word between its ends ("по", "до") follows its opening preposition ("с 1 по 5
    мая"), and every bare year is a year."""
    return not (m.group("sep").isalpha() and not m.group("pre")) and all(_bare_year_ok(m, y) for y in years)


@_rule(rf"(?<![\w.,:/]){_PRE}(?P<d1>[0-9]{{1,2}})(?:-(?:го|е))?{_SEP}(?P<d2>[0-9]{{1,2}})(?:-(?:го|е))?\s+"
       rf"(?P<mon>{_MONTH_ANY})(?:\s+{_yearspec('y')})?")
def _days_range(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    if not _range_told(m, "y"):
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
    if not _range_told(m, "y1", "y2"):
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
    if not _range_told(m, "y1", "y2") or m.group("qual") and m.group("pre"):
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
    s = m.start()
    e, y = _stated_year(m, ctx, "mon")
    v = _ymd(y, mon, d) if y else _day_month(ctx.ref, mon, d).isoformat()
    return [(s, e, v)]


@_rule(r"(?<![0-9.,/+\-])(?P<d>[0-9]{1,2})(?P<s>[./])(?P<m>[0-9]{1,2})(?P=s)(?P<y>[12][0-9]{3})"
       r"(?![0-9]|[./\-][0-9])(?:\s*(?:года|г\.))?")
def _numeric(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    return [(*m.span(), _ymd(int(m.group("y")), int(m.group("m")), int(m.group("d"))))]


@_rule(r"(?<![0-9.,/+\-])(?P<y>[12][0-9]{3})-(?P<m>[01][0-9])-(?P<d>[0-3][0-9])(?![0-9]|[.\-][0-9])")
def _iso(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    return [(*m.span(), _ymd(int(m.group("y")), int(m.group("m")), int(m.group("d"))))]
