"""Which language a text is in, among those written in Cyrillic that news crawls mix: Russian, Ukrainian,
Belarusian, Bulgarian (and Latin-script English); from letters and very frequent function words.

Russian has ы, э, ё; Ukrainian і, ї, є, ґ; Belarusian ў and і; Bulgarian none of those but ъ inside words
("във", "държава") and function words Russian lacks ("че", "са", "ще", "това"). The Russian language layer
runs only on Russian text: "Нагадаємо" is no person, "Според" no surname.
"""
from __future__ import annotations

import re

CYRILLIC = re.compile(r"[а-яёіїєґўъ]", re.IGNORECASE)
LATIN = re.compile(r"[a-z]", re.IGNORECASE)
WORD = re.compile(r"[а-яёіїєґўъ’'ʼ]+", re.IGNORECASE)

RUSSIAN_LETTERS = set("ыэё")
UKRAINIAN_LETTERS = set("іїєґ")
BELARUSIAN_LETTERS = set("ў")
MID_WORD_HARD_SIGN = re.compile(r"[бвгджзклмнпрстфхцчшщ]ъ[бвгджзклмнпрстфхцчшщ]", re.IGNORECASE)

# frequent words each language has and the others lack (or spell otherwise)
MARKERS = {
    "ru": frozenset("что это который которая которые как его был была были уже если только также где "
                    "этого после сообщил сообщает отметил".split()),
    "uk": frozenset("що це який яка які як його був була були вже якщо тільки також де після та "
                    "нагадаємо повідомив зазначив".split()),
    "bg": frozenset("че са ще това които който която във със според през още днес като беше бяха "
                    "тази този тези".split()),
    "be": frozenset("што гэта які якая як яго быў была былі ўжо калі толькі таксама дзе пасля".split()),
}


def scores(text: str) -> dict[str, float]:
    """Evidence for each Cyrillic language in the text (letters and marker words)."""
    letters = [c for c in text.lower() if c.isalpha()]
    words = [w.lower() for w in WORD.findall(text)]
    out = {lang: sum(1 for w in words if w in markers) * 3.0 for lang, markers in MARKERS.items()}
    out["ru"] += sum(1 for c in letters if c in RUSSIAN_LETTERS)
    out["uk"] += sum(2 for c in letters if c in UKRAINIAN_LETTERS)
    out["be"] += sum(3 for c in letters if c in BELARUSIAN_LETTERS)
    out["bg"] += 2 * len(MID_WORD_HARD_SIGN.findall(text))
    if out["be"] and "і" in letters:
        out["uk"] -= sum(2 for c in letters if c == "і")      # "і" is Belarusian too
    return out


OTHER_CYRILLIC = {"uz": set("ўқғҳ"), "kk": set("әңөұүһ"), "tg": set("ӣҷ")}


def language_of(text: str) -> str | None:
    """'ru', 'uk', 'be', 'bg', 'uz', 'kk', 'tg', 'en', or None for too little text."""
    cyr, lat = len(CYRILLIC.findall(text)), len(LATIN.findall(text))
    if cyr + lat < 20:
        return None
    if cyr < lat:
        return "en"
    low = text.lower()
    for lang, letters in OTHER_CYRILLIC.items():       # Uzbek, Kazakh, Tajik letters Russian never uses
        if sum(low.count(c) for c in letters) > max(2, 0.005 * cyr):
            return lang
    s = scores(text)
    best = max(s, key=lambda k: (s[k], k == "ru"))
    # another language needs evidence in proportion to the text: a Ukrainian word ("(архів)") or a cut
    # word ("през…") inside a Russian paragraph does not make it Ukrainian or Bulgarian
    if best != "ru" and s[best] < 3 + 0.01 * cyr + s["ru"]:
        return "ru"
    return best


def is_russian(text: str) -> bool:
    """Is this (Cyrillic) text Russian? Short texts without evidence count as Russian."""
    return language_of(text) in ("ru", None)
