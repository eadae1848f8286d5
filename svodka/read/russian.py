"""How much a decoding reads like Russian: picks between Cyrillic code pages.

charset-normalizer often confuses cp1251 and koi8-r (and mac-cyrillic, cp866) on short
texts. A wrong single-byte code page turns Russian into rare letters, words with mixed
case ("фБЛЦЕ"), symbols inside words and Cyrillic glued to Latin. We score only the
non-ASCII characters (ASCII is the same in every candidate) with a unigram model of
Russian letters, a per-word case model and small bonuses for frequent words and letter
pairs, in natural-log units.
"""
from __future__ import annotations

import math
import re
from collections import Counter

from ..lang.calendar import MONTHS_RU_OF

SAMPLE_CHARS = 100_000     # enough to decide; keeps scoring cheap on big pages

# Letter frequencies of Russian running text, per cent (standard corpus figures).
_FREQ = dict(zip(
    "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
    (10.97, 8.45, 8.01, 7.35, 6.70, 6.26, 5.47, 4.73, 4.54, 4.40, 3.49, 3.21, 2.98, 2.81,
     2.62, 2.01, 1.90, 1.74, 1.70, 1.65, 1.59, 1.44, 1.21, 0.97, 0.94, 0.73, 0.64, 0.48,
     0.36, 0.32, 0.26, 0.04, 0.20)))
_LETTER_LOGP = {ch: math.log(p / 100) for ch, p in _FREQ.items()}
_OTHER_CYRILLIC_LOGP = math.log(0.002)        # Ukrainian і ї є ґ, Belarusian ў (quoted names, places)
_OTHER_CYRILLIC = frozenset("іїєґўІЇЄҐЎ")
# Serbian and Macedonian letters (Ј Љ Њ Ћ Џ Ђ Ѓ Ќ Ѕ) are what koi8-r's ё and symbols turn into when
# read as cp1251: in a Russian page they are mojibake, so they count as "anything else"
_SYMBOL_LOGP = math.log(0.003)                # typographic symbols common in Russian pages
_OTHER_LOGP = math.log(1e-5)                  # anything else: box drawing, Latin-1 letters …
_CONTROL_LOGP = math.log(1e-8)                # C1 controls (U+0080–U+009F): never in text, only in a wrong decoding
_SYMBOLS = frozenset("«»—–№…„“”‘’•·°€\xa0©®™§±×")
# Case pattern of one word (a run of letters). A wrong page of the cp1251/koi8-r pair
# swaps case, so a whole text in capitals is not by itself a sign; "фБЛЦЕ" is.
_CASE_LOGP = {"lower": math.log(0.6), "title": math.log(0.25), "upper": math.log(0.15),
              "mixed": math.log(0.001), "single_lower": math.log(0.8),
              "single_upper": math.log(0.2), "mixed_script": math.log(0.001)}
# Frequent words and letter pairs: mojibake almost never forms them.
_COMMON_WORDS = frozenset("""
в и на не что с по о к у за из от для как это его ее её а но же бы все всё так он она они
мы вы я был была были было будет их при до после также только уже еще ещё или этого этом
который которая которые которых году года лет время может если когда более сообщает
заявил глава то об со во ли нет да под над без через между против россии рф сша москве
""".split()) | frozenset(MONTHS_RU_OF)
_COMMON_PAIRS = frozenset("""
ст но то на ен ов ни ра во ко ро ал ре пр по ли ет ол он ор ер ан ел ат ть од ос го не ва
та ка ит от ле де ом ла ри ве ск ак ем ам ий ый ия ие ых ей ся ми ин ис ес ая ое ую ль
""".split())
_WORD_BONUS = 2.5
_PAIR_BONUS = 0.7
_WORD = re.compile(r"[^\W\d_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_RUSSIAN = frozenset(_FREQ) | frozenset(ch.upper() for ch in _FREQ)

# Below this average log-probability per non-ASCII character a text does not read as
# Russian (real text scores about -3.5; mojibake and Latin text far lower).
MIN_AVERAGE = -6.0


def _char_logp(ch: str) -> float:
    low = ch.lower()
    if low in _LETTER_LOGP:
        return _LETTER_LOGP[low]
    if ch in _OTHER_CYRILLIC:
        return _OTHER_CYRILLIC_LOGP
    if ch in _SYMBOLS:
        return _SYMBOL_LOGP
    if "\x80" <= ch <= "\x9f":
        return _CONTROL_LOGP
    return _OTHER_LOGP


def _case(word: str) -> str:
    if not word.isascii() and any(c.isascii() for c in word):
        return "mixed_script"                 # "Mдdchen": Latin-1 read as Cyrillic
    if len(word) == 1:
        return "single_lower" if word.islower() else "single_upper"
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper"
    if word[0].isupper() and word[1:].islower():
        return "title"
    return "mixed"


def score(text: str) -> tuple[float, int]:
    """(log-likelihood, number of non-ASCII characters) of ``text`` as Russian."""
    text = text[:SAMPLE_CHARS]
    counts = Counter(_NON_ASCII.findall(text))
    total = sum(_char_logp(ch) * n for ch, n in counts.items())
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        total += _CASE_LOGP[_case(word)]
        low = word.lower()
        if low in _COMMON_WORDS:
            total += _WORD_BONUS
        total += _PAIR_BONUS * sum(low[i:i + 2] in _COMMON_PAIRS for i in range(len(low) - 1))
    return total, sum(counts.values())


def average(text: str) -> float:
    """Mean log-likelihood per non-ASCII character; 0.0 for pure ASCII."""
    total, count = score(text)
    return total / count if count else 0.0


def looks_russian(text: str) -> bool:
    total, count = score(text)
    has_letters = any(ch in _RUSSIAN for ch in text[:SAMPLE_CHARS])
    return count > 0 and has_letters and total / count >= MIN_AVERAGE


__all__ = ["score", "average", "looks_russian", "MIN_AVERAGE"]
