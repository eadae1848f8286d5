"""Time rules for periods: relative years, months, weeks and centuries ("в прошлом году", "на этой
неделе"), quarters ("в первом квартале 2024 года"), decades ("90-х годов", "20-х годов прошлого века")
and centuries ("XX век", "в XV–XVI веках").
"""
from __future__ import annotations

import re
from datetime import timedelta

from .resolve import (_ym, _add_months, _need, _Ctx, Item, _year_of, _bare_year_ok, _bc_follows, _half,
                           _registry)
from .words import _REL, _QUAL, _DASH, _ROMAN, _rel_delta, _roman, _yearspec

RULES, _rule = _registry()


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
