"""The vocabulary of time expressions: regex pieces for months, weekdays, seasons, relative words
("прошлый", "этот"), qualifiers ("в конце"), years and numbers, and how to read the matched words as numbers.

Every rule module builds its patterns from these pieces (compiled with ``_F``, case-insensitive).
"""
from __future__ import annotations

import re

from ...lang.calendar import (MONTH_ABBREVIATIONS, MONTHS_RU, SEASON_ADVERBS, SEASON_MONTHS, SEASONS_RU,
                              month_pattern, season_pattern)

_F = re.IGNORECASE
_MONTH = month_pattern()
_MONTH_ABBR = rf"(?:{'|'.join(MONTH_ABBREVIATIONS)})\."
_MONTH_ANY = rf"(?:{_MONTH}|{_MONTH_ABBR})"
_MONTH_NUM = {name[:3]: i + 1 for i, name in enumerate(MONTHS_RU)}     # "окт" → 10 (май: see _month_of)

_WEEKDAY = (r"(?:понедельник(?:а|у|ом)?|вторник(?:а|у|ом)?|сред(?:а|у|ы|е|ой)|четверг(?:а|у|ом)?"
            r"|пятниц(?:а|у|ы|е|ей)|суббот(?:а|у|ы|е|ой)|воскресень(?:е|я|ю|ем))(?!\w)")
_WEEKDAY_NUM = {"пон": 0, "вто": 1, "сре": 2, "чет": 3, "пят": 4, "суб": 5, "вос": 6}

_SEASON = season_pattern()
_SEASON_CODE = {name[:3]: code for code, name in SEASONS_RU.items()}     # "вес" → 21 … "зим" → 24
_SEASON_START = {code: months[0] for code, months in SEASON_MONTHS.items()}
_SEASON_ADVERB = SEASON_ADVERBS

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


def _yearspec(n: str) -> str:
    return (rf"(?:(?P<{n}>[12][0-9]{{3}}){_ORD}?(?P<{n}suf>\s*{_YEAR_WORD})?(?![0-9])"
            rf"|(?P<{n}rel>{_REL})\s+год(?:а|у|ом)?(?!\w)|(?P<{n}cur>[ст]\.\s?г\.|сего\s+года(?!\w)))")
