"""Names across articles: the keys corpus entities are found by, and the shape of a person's name.

    person_name("Ильхам Гейдарович Алиев") → PersonName(first, patronymic, last, gender)
    lookup_keys(type, name, aliases, country)  the keys a corpus entity is found by ("c:AZE" for a country)
    country_iso(name, type, country), dates_agree(a, b), lemma_key(text), nominative(name)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang.countries import country_named
from ..lang.morph import lemma_text, morph
from ..lang.names import key as name_key
from ..lang.phrases import normalize_phrase

PATRONYMIC = re.compile(r"(?:ович|евич|ьич|овна|евна|ична|инична)$")
FEMALE_SURNAME = re.compile(r"(?:ова|ева|ёва|ина|ына|ская|цкая|ая)$")
MALE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ский|цкий|ой|ый)$")


# --- names -------------------------------------------------------------------------------

@lru_cache(maxsize=50_000)
def lemma_key(text: str) -> str:
    """A name as its words' lemmas: "Министерства иностранных дел" → "министерство иностранный дело"."""
    return lemma_text(text) or name_key(text)


QUOTES = re.compile(r"[«»\"“”„]")


@lru_cache(maxsize=20_000)
def nominative(name: str) -> bool:
    """Whether a place or organisation name is in the nominative ("Россельхознадзор", not "…надзора")."""
    words = QUOTES.sub("", name).split()
    if len(words) == 1:                     # one word: its own lemma (an unknown word is predicted)
        return lemma_key(words[0]) == name_key(words[0])
    try:
        return normalize_phrase(name) == name
    except Exception:          # noqa: BLE001 — a name the normaliser cannot read counts as given
        return True


@lru_cache(maxsize=20_000)
def first_name_gender(word: str) -> str | None:
    for p in morph().parse(word.lower()):
        if "Name" in p.tag and p.tag.case == "nomn" and p.tag.gender in ("masc", "femn"):
            return p.tag.gender
    return None


@dataclass(slots=True)
class PersonName:
    first: str | None = None
    patronymic: str | None = None
    last: str | None = None
    gender: str | None = None

    @property
    def full(self) -> bool:
        return bool(self.first and self.last)


def _is_patronymic(word: str, alone: bool) -> bool:
    """"Гейдарович" is one; as the second of two words "Абрамович" is a surname (it can be both)."""
    if not PATRONYMIC.search(word) or len(word) <= 5:
        return False
    if not alone:
        return True
    tags = [p.tag for p in morph().parse(word)]
    return any("Patr" in t for t in tags) and not any("Surn" in t for t in tags)


def person_name(name: str) -> PersonName:
    """"Ильхам Гейдарович Алиев" → first, patronymic, last (keys: casefolded, ё → е) and gender."""
    words = [w for w in name_key(name).split() if w]
    out = PersonName()
    if not words:
        return out
    if len(words) == 1:
        out.last = words[0]
    else:
        out.first = words[0]
        rest = words[1:]
        if _is_patronymic(rest[0], len(rest) == 1):
            out.patronymic = rest.pop(0)
        out.last = " ".join(rest) or None
    genders = []
    if out.first:
        genders.append(first_name_gender(out.first))
    if out.patronymic:
        genders.append("femn" if out.patronymic.endswith("на") else "masc")
    if out.last:
        last = out.last.split()[-1]
        genders.append("femn" if FEMALE_SURNAME.search(last) else "masc" if MALE_SURNAME.search(last) else None)
    known = [g for g in genders if g]
    out.gender = known[0] if known else None
    return out


def dates_agree(a: str | None, b: str | None) -> bool:
    """Two EDTF birth dates that may be the same day: one unknown, or one a prefix of the other."""
    if not a or not b:
        return True
    a, b = a.rstrip("?~%"), b.rstrip("?~%")
    return a.startswith(b) or b.startswith(a)


def country_iso(name: str, type_: str, country: str | None) -> str | None:
    """The ISO code of a LOC that is a country ("РФ" → RUS), else None."""
    if type_ != "LOC":
        return None
    c = country_named(name)
    return c.iso3 if c else None


def lookup_keys(type_: str, name: str, aliases: list[str], country: str | None = None) -> list[str]:
    """The keys under which a corpus entity is found (``corpus_names``)."""
    keys = []
    if type_ == "PER":
        p = person_name(name)
        if p.full:
            keys.append(f"PER:{p.first} {p.last}")
        elif p.first and p.patronymic:
            keys.append(f"PER:{p.first} {p.patronymic}")
        elif p.last:
            keys.append(f"PER:{p.last}")
        for a in aliases:
            keys.append(f"PER:{name_key(a)}")
        return list(dict.fromkeys(keys))
    iso = country_iso(name, type_, country)
    if iso:
        keys.append(f"{type_}:iso:{iso}")
    for n in [name, *aliases]:
        keys.append(f"{type_}:{lemma_key(n)}")
        # an alias makes no country of a place that is not one ("Флорида (США)": США is where it lies)
        alias_iso = country_iso(n, type_, country)
        if alias_iso and (iso or n == name):
            keys.append(f"{type_}:iso:{alias_iso}")
        elif alias_iso:
            keys.pop()
    return list(dict.fromkeys(keys))


# --- linking -------------------------------------------------------------------------------
