"""Names: the key a name is compared by, and whether a line of text is a person's name and nothing else.

    key(" Ильхам  Алиев ")          "ильхам алиев": casefolded, ё → е, spaces collapsed (filters, linking)
    is_person_name("Анастасия Луценко")   True: two or three capitalised words, a first name and a surname
    name_parts(words)               the dictionary's name tags of each capitalised word (Name, Surn, Patr, Geox, Orgn)
    SURNAME_SHAPE                   surname endings ("-ов", "-енко", "-швили" …)
    WORD                            a word: letters, with inner hyphens or apostrophes
"""
from __future__ import annotations

import re
from functools import lru_cache

from .morph import morph

# kin and intimate relations: "сын Кадырова" is always someone of Кадыров's, never a "сын" named Кадыров
KIN_NOUNS = frozenset({"сын", "дочь", "жена", "муж", "мать", "отец", "брат", "сестра", "супруг", "супруга", "внук",
                       "внучка", "племянник", "племянница", "вдова", "родственник", "родственница", "любовница",
                       "невеста", "жених"})

WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)
SURNAME_SHAPE = re.compile(r"(?:[оеё]в|ин|ын|ова|ева|ина|ына|ск(?:ий|ая)|цк(?:ий|ая)|енко|ук|юк|ян|дзе|швили|[ыи]х)$")


def key(text: str | None) -> str:
    """A name or rubric as compared by filters: casefolded, ё → е, spaces collapsed."""
    return " ".join((text or "").casefold().replace("ё", "е").split())


@lru_cache(maxsize=50_000)
def _name_tags(word: str) -> frozenset[str]:
    tags: set[str] = set()
    for p in morph().parse(word)[:3]:
        for g in ("Name", "Surn", "Patr", "Geox", "Orgn"):
            if g in p.tag:
                tags.add(g)
    return frozenset(tags)


def name_parts(words: list[str]) -> list[frozenset[str]]:
    return [_name_tags(w) if w[:1].isupper() else frozenset() for w in words]


def is_person_name(text: str) -> bool:
    """'Анастасия Луценко', 'Луценко Анастасия', 'Иван Петрович Сидоров' — a name and nothing else."""
    ws = WORD.findall(text)
    if not 2 <= len(ws) <= 3 or any(not w[0].isupper() for w in ws):
        return False
    if re.search(r"[\d:;!?«»\"()]", text):
        return False
    parts = name_parts(ws)
    has_name = any("Name" in p for p in parts)
    has_surname = any("Surn" in p or not p or SURNAME_SHAPE.search(w) for p, w in zip(parts, ws))
    return has_name and has_surname and sum(1 for p in parts if "Geox" in p and "Name" not in p) == 0
