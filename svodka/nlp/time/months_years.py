"""Time rules for one calendar unit without a day: a month ("в октябре"), a season ("летом 2025 года"),
a year ("в 2024 году", "2024-го", "в 2001 окончил", "в 1958, 1962 и 1970 годах"), a sports season
("2016/17") and an event year ("ЧМ-2018").
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...lang.morph import morph
from .resolve import (_y, _ym, _month_year, _season_year, _proper_case, _Ctx, Item,
                           _bc_follows, _half, _registry, _stated_year)
from .words import (_F, _MONTH, _SEASON, _SEASON_CODE, _SEASON_ADVERB, _REL, _QUAL, _ORD, _DASH, _month_of,
                         _rel_delta, _yearspec)

RULES, _rule = _registry()


@_rule(rf"(?<![\w.,:/]){_QUAL}(?P<mon>{_MONTH})(?:\s+{_yearspec('y')})?")
def _month(m: re.Match, ctx: _Ctx) -> list[Item] | None:
    mon = _month_of(m.group("mon"))
    s = m.start()
    e, y = _stated_year(m, ctx, "mon")
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
    s = m.start()
    e, y = _stated_year(m, ctx, "sea")
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
