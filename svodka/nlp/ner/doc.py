"""The text under NER correction and the word lookups the correction steps share.

:class:`Doc` holds one text and its razdel tokens; spans are token spans ``[i, j, type]`` (j exclusive).
Words are read through pymorphy (cached): dictionary readings, proper-name tags, lemmas, and phrase keys
for matching the word lists of :mod:`svodka.nlp.ner.lexicon`.
"""
from __future__ import annotations

import re
import warnings
from functools import lru_cache

from razdel import tokenize

from ...lang.morph import morph

# ---------------------------------------------------------------- text helpers

SEPARATORS = {",", ";", "•", "·", "(", ")", "[", "]", "{", "}", "|", "/", "\\", "*", "=", "+", "#", "~", "►", "▪", "●"}
DASHES = {"—", "–", "-", "−", "―"}
OPEN_Q = {"«", "„", "“", '"', "‹"}
CLOSE_Q = {"»", "“", "”", '"', "›"}
PAIRS = {"«": "»", "„": "“”", "“": "”", '"': '"', "‹": "›"}
QUOTES = OPEN_Q | CLOSE_Q
PUNCT_EDGE = SEPARATORS | DASHES | QUOTES | {".", ":", "!", "?", "…", "—", "№", "%"}
LETTER = re.compile(r"[^\W\d_]")
ABBR = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ0-9&]{1,5}$")
LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9&'’.\-]*$")


class Doc:
    __slots__ = ("text", "toks", "words", "n", "not_orgs", "per_keys")

    def __init__(self, text: str, toks: list[tuple[int, int, str]]):
        self.not_orgs: set[str] = set()     # names the text gives to craft, works, prizes (lemmas)
        self.per_keys: set[str] = set()     # forms of the words the text uses in persons' names
        self.text = text
        self.toks = toks
        self.words = [w for _, _, w in toks]
        self.n = len(toks)

    def covered(self, spans: list[list]) -> list[bool]:
        """For each token: is it inside one of the spans?"""
        taken = [False] * self.n
        for i, j, _ in spans:
            for k in range(i, j):
                taken[k] = True
        return taken

    def gap(self, k: int) -> str:
        """The text between token k-1 and token k."""
        if k <= 0 or k >= self.n:
            return ""
        return self.text[self.toks[k - 1][1]:self.toks[k][0]]

    def newline_before(self, k: int) -> bool:
        return "\n" in self.gap(k)


def has_letter(w: str) -> bool:
    return bool(LETTER.search(w))


# ---------------------------------------------------------------- pymorphy lookups (cached)

PROPER = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")


def _morph():
    """The process's one analyzer (page/lines.py's)."""
    warnings.filterwarnings("ignore", category=UserWarning, module="pymorphy2")
    return morph()


@lru_cache(maxsize=100_000)
def parses(word: str) -> tuple:
    return tuple(_morph().parse(word))


@lru_cache(maxsize=100_000)
def common_word(word: str) -> bool:
    """A dictionary word with no proper-name reading ("Подана", "Супруга", "Верхняя"; not "Лев", "Орёл")."""
    if not LETTER.search(word) or word.isupper() and len(word) > 1:
        return False
    ps = parses(word)
    if not ps or not all(p.is_known for p in ps):
        return False
    return not any(g in p.tag for p in ps for g in PROPER)


def proper_tags(word: str) -> set[str]:
    return {g for p in parses(word) for g in PROPER if g in p.tag}


def sentence_start(doc: "Doc", k: int, colon: bool = False) -> bool:
    """Token k opens a sentence or a line (quotes/dashes/bullets before it are skipped)."""
    while k > 0 and doc.words[k - 1] in QUOTES | DASHES | {"•", "(", "*"} and not doc.newline_before(k):
        k -= 1
    if k == 0 or doc.newline_before(k):
        return True
    return doc.words[k - 1] in {".", "!", "?", "…", "...", "?!", "!!"} or (colon and doc.words[k - 1] == ":")


NAME_PARTICLES = {"ибн", "бин", "бен", "аль", "эль", "ад", "ас", "фон", "дер", "де", "ван", "ла", "ле", "дю",
                  "да", "ди", "дель", "делла", "дос", "дас", "мак", "оглы", "кызы", "ур", "van", "von", "de",
                  "der", "da", "di", "del", "della", "la", "le", "du", "al", "el", "bin", "ibn", "mac"}


# ---------------------------------------------------------------- lexicon keys

@lru_cache(maxsize=64)
def prefixes(words: frozenset, n: int) -> frozenset:
    return frozenset(w[:n].lower() for w in words)


def lemma(word: str) -> str:
    ps = parses(word)
    return ps[0].normal_form if ps else word.lower()


@lru_cache(maxsize=100_000)
def lemmas(word: str) -> frozenset[str]:
    """Every normal form the word may have (and the word itself): "Частного" → {частное, частный, …}."""
    if word.isupper() and len(word) > 1:
        return frozenset({word})
    return frozenset({p.normal_form for p in parses(word)} | {word.lower()})


def key(words) -> tuple:
    """A phrase key: abbreviations as written, other words as lemmas ("Европейского союза" → европейский союз)."""
    return tuple(w if (w.isupper() and len(w) > 1) else lemma(w) for w in words)


def phrase_key(phrase: str) -> tuple:
    return key([t.text for t in tokenize(phrase)])


def matches(words, k: tuple) -> bool:
    """Do the words read as the phrase key (each word may have the key's lemma among its readings)?"""
    return len(words) == len(k) and all(x in lemmas(w) for w, x in zip(words, k))
