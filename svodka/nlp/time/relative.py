"""Time rules counted from the article date: day words ("вчера", "сегодня"), weekdays ("в понедельник",
"в прошлую пятницу") and shifts ("три дня назад", "через месяц").
"""
from __future__ import annotations

import re
from datetime import timedelta

from .resolve import _y, _ym, _add_months, _need, _Ctx, Item, _registry
from .words import _F, _MONTH_ANY, _WEEKDAY, _WEEKDAY_NUM, _REL, _NUM, _AGO_UNIT, _rel_delta, _number

RULES, _rule = _registry()


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
