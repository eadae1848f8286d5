"""The process's one morphological analyzer and the lemmas read through it.

    morph()            Natasha's MorphVocab (pymorphy underneath, dictionaries in the wheel): built once, on
                       first use — the only MorphVocab() in the package
    lemma("Алиеву")    "алиев": the index lemma of one word form (a capitalised word prefers a name reading,
                       so "Песков" is the surname, not the genitive of "песок"); lower case, ё → е
    lemma_text(text)   the text as space-separated lemmas (what the full-text index holds; link's shingles)
    strip_stress(text) without stress accents (combining acute/grave), which would split a word in two
"""
from __future__ import annotations

import re
from functools import lru_cache

WORD_TOKEN = re.compile(r"[^\W_]+")         # a run of letters or digits (FTS5's unicode61 takes the same)
STRESS = str.maketrans("", "", "\u0300\u0301")
_CYRILLIC = re.compile(r"[а-яё]")
_NAME_TAGS = ("Surn", "Name", "Patr", "Geox", "Orgn")


@lru_cache(maxsize=1)
def morph():
    """One morphological analyzer for the process: Natasha's (pymorphy underneath, dictionaries in the wheel)."""
    from natasha import MorphVocab      # here: Natasha loads its dictionaries on import, only when words are read
    return MorphVocab()


@lru_cache(maxsize=100_000)
def known_word(word: str) -> bool:
    """Is the word in the dictionary (not only guessed from its ending)? "Петров" is, "Маркив" is not."""
    return morph().word_is_known(word.lower())


def strip_stress(text: str) -> str:
    """Drop stress accents (combining acute/grave), which would split a word in two."""
    return text if text.isascii() else text.translate(STRESS)


@lru_cache(maxsize=300_000)
def lemma(word: str) -> str:
    """The index lemma of one word form (case matters: a capitalised word prefers a name parse)."""
    low = word.lower().replace("ё", "е")
    if not _CYRILLIC.search(low):
        return low
    parses = morph().parse(low)
    if not parses:
        return low
    best = parses[0]
    if word[:1].isupper():
        best = next((p for p in parses if any(t in p.tag for t in _NAME_TAGS)), best)
    return best.normal_form.replace("ё", "е")


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC.search(word))


def lemma_text(text: str | None) -> str:
    """The text as space-separated lemmas: what the full-text index holds."""
    if not text:
        return ""
    return " ".join(lemma(w) for w in WORD_TOKEN.findall(strip_stress(text)))
