"""Month and season words, in one place: what page layout, reading, time expressions, the UI and the EDTF human
form read.

    MONTH_STEMS          "январ" … "декабр" ("ма" for май/мая): the stems a date in page text starts with
    MONTHS_EN            "January" … "December"
    MONTHS_RU            "январь" … "декабрь" (the nominative: a month standing alone)
    MONTHS_RU_OF         "января" … "декабря" (the genitive: "9 октября 2025")
    MONTHS_RU_IN         "январе" … "декабре" (the prepositional: "в декабре 2025")
    MONTH_ADJECTIVES     "январский" … "декабрьский" ("октябрьские протесты")
    MONTH_ABBREVIATIONS  "янв", "февр" … "дек" (written with a full stop: "5 окт.")
    SEASONS              the season table: EDTF code 21–24 → Season(name, genitive, English, first and last month;
                         winter runs into the next year's February), with SEASONS_RU, SEASONS_RU_OF, SEASONS_EN
                         and SEASON_MONTHS read from it
    month_pattern(), season_pattern()    regex of any case form of a month or season word, as a whole word
    month_prefixes(cases), season_prefixes()   regex alternatives of the words' beginnings (no boundary)
"""
from __future__ import annotations

from typing import NamedTuple

MONTH_STEMS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
               "ноябр", "декабр")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
MONTHS_RU = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
             "декабрь")
MONTHS_RU_OF = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                "ноября", "декабря")
MONTHS_RU_IN = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре",
                "ноябре", "декабре")
MONTH_ADJECTIVES = ("январский", "февральский", "мартовский", "апрельский", "майский", "июньский", "июльский",
                    "августовский", "сентябрьский", "октябрьский", "ноябрьский", "декабрьский")
MONTH_ABBREVIATIONS = ("янв", "фев", "февр", "мар", "апр", "июн", "июл", "авг", "сен", "сент", "окт", "ноя", "нояб",
                       "дек")

# the case endings after a stem (the accusative is the nominative's, or the genitive's; two spellings of one
# ending are both listed)
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_SOFT_MONTH = {"nomn": ("ь",), "gent": ("я",), "datv": ("ю",), "accs": ("ь",), "ablt": ("ём", "ем"), "loct": ("е",)}
_HARD_MONTH = {"nomn": ("",), "gent": ("а",), "datv": ("у",), "accs": ("",), "ablt": ("ом",), "loct": ("е",)}
_MAY = {"nomn": ("й",), "gent": ("я",), "datv": ("ю",), "accs": ("й",), "ablt": ("ем",), "loct": ("е",)}
MONTH_ENDINGS = tuple(_MAY if stem == "ма" else _HARD_MONTH if stem in ("март", "август") else _SOFT_MONTH
                      for stem in MONTH_STEMS)


class Season(NamedTuple):
    name: str                   # "весна"
    genitive: str               # "весны": "с весны 2025"
    english: str
    first_month: int
    last_month: int             # 14: February of the next year
    stem: str                   # the stem its case forms share
    endings: tuple[str, ...]    # the endings of its case forms
    adverbs: tuple[str, ...]    # the instrumental, which is its adverb: "летом", "зимою"


SEASONS = {
    21: Season("весна", "весны", "spring", 3, 5, "весн", ("а", "ы", "е", "у", "ой", "ою"), ("весной", "весною")),
    22: Season("лето", "лета", "summer", 6, 8, "лет", ("о", "а", "е", "у", "ом"), ("летом",)),
    23: Season("осень", "осени", "autumn", 9, 11, "осен", ("ь", "и", "ью"), ("осенью",)),
    24: Season("зима", "зимы", "winter", 12, 14, "зим", ("а", "ы", "е", "у", "ой", "ою"), ("зимой", "зимою")),
}
SEASONS_RU = {code: s.name for code, s in SEASONS.items()}
SEASONS_RU_OF = {code: s.genitive for code, s in SEASONS.items()}
SEASONS_EN = {code: s.english for code, s in SEASONS.items()}
SEASON_MONTHS = {code: (s.first_month, s.last_month) for code, s in SEASONS.items()}
SEASON_ADVERBS = frozenset(a for s in SEASONS.values() for a in s.adverbs)

# a stem that also begins other words ("машина"; "лет" of "5 лет"): as a prefix it takes the first letter of an
# ending too
_SHORT_STEMS = frozenset({"ма", "лет"})


def _alternatives(endings) -> str:
    return "|".join(dict.fromkeys(endings))


def _prefix(stem: str, endings) -> str:
    if stem not in _SHORT_STEMS:
        return stem
    return f"{stem}[{''.join(dict.fromkeys(e[:1] for e in endings if e))}]"


def month_pattern() -> str:
    """Any case form of a month word, as a whole word: "октябре", "мартом", "мая" (not "март-", "майский")."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for stem, endings in zip(MONTH_STEMS, MONTH_ENDINGS):
        groups.setdefault(tuple(dict.fromkeys(e for c in CASES for e in endings[c])), []).append(stem)
    return "(?:" + "|".join(f"(?:{'|'.join(stems)})(?:{_alternatives(endings)})"
                            for endings, stems in groups.items()) + r")(?!\w)"


def month_prefixes(cases: tuple[str, ...] = CASES) -> str:
    """The month words' beginnings as regex alternatives (no boundary): "январ|…|ма[йя]|…" — May's short stem
    with the first letters of the given cases' endings."""
    return "|".join(_prefix(stem, [e for c in cases for e in endings[c]])
                    for stem, endings in zip(MONTH_STEMS, MONTH_ENDINGS))


def season_pattern() -> str:
    """Any case form of a season word, as a whole word: "весной", "лета", "осенью"."""
    return "(?:" + "|".join(f"{s.stem}(?:{_alternatives(s.endings)})" for s in SEASONS.values()) + r")(?!\w)"


def season_prefixes() -> str:
    """The season words' beginnings as regex alternatives: "весн|лет[оаеу]|осен|зим"."""
    return "|".join(_prefix(s.stem, s.endings) for s in SEASONS.values())
