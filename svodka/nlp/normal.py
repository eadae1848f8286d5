"""Mentions to their dictionary form: "Ильхамом Алиевым" → "Ильхам Алиев", "Мехрибан Алиевой" →
"Мехрибан Алиева", "Азербайджанских авиалиний" → "Азербайджанские авиалинии".

pymorphy lookups only (no tagger, no parser): the words of a name agree in case, so the case is the
one every inflectable word allows; the head phrase (adjectives + first noun) is put in the
nominative, genitive dependents after it stay as they are ("Министерства иностранных дел России" →
"Министерство иностранных дел России").
"""
from __future__ import annotations

import re
from functools import lru_cache

from pymorphy2.analyzer import Parse as PymorphyParse

from ..page.lines import morph

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
QUOTES = "«»\"„“”'‘’"


def clean_span(text: str) -> tuple[str, list[str]]:
    """Strip quote marks and split off a bracketed alias: '«Азербайджанских авиалиний» (AZAL)' → (name, ['AZAL'])."""
    aliases = [a.strip() for a in re.findall(r"\(([^()]{1,40})\)", text)]
    text = re.sub(r"\s*\([^()]*\)", "", text)
    text = text.translate({ord(c): None for c in QUOTES})
    text = " ".join(text.split()).strip(" ,.;:-—–")
    return text, [a for a in aliases if a and a != text]


def _restore_case(new: str, old: str) -> str:
    if "ё" not in old.lower():
        new = new.replace("ё", "е")      # the dictionary writes ё where the text did not
    if old.isupper() and len(old) > 1:
        return new.upper()
    new_parts, old_parts = new.split("-"), old.split("-")
    if len(new_parts) == len(old_parts):   # "Нью-Йорке" → "Нью-Йорк": each part keeps its capital
        return "-".join(n[:1].upper() + n[1:] if o[:1].isupper() else n for n, o in zip(new_parts, old_parts))
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


@lru_cache(maxsize=100_000)
def _parses(word: str):
    return tuple(morph().parse(word))


def _person_case_gender(words: list[str]) -> tuple[str, str] | None:
    """The (case, gender) that every word of a person's name allows, most likely first."""
    options = None
    first_name: set[tuple[str, str]] | None = None
    first_rank: int | None = None
    first_rank_of: dict[tuple[str, str], int] = {}    # the first name's likelihoods weigh most
    rank: dict[tuple[str, str], int] = {}
    everyone_voted = True
    for w in words:
        # one person: singular readings only ("Тулегенов" is no plural of a first name here)
        ps = [p for p in _parses(w) if p.tag.POS == "NOUN" and ({"Name", "Surn", "Patr"} & set(p.tag.grammemes))
              and p.tag.number != "plur"]
        if not ps:
            everyone_voted = False          # unknown or foreign word: it does not vote
            continue
        here: set[tuple[str, str]] = set()
        is_first_name = first_rank is None and any("Name" in p.tag.grammemes for p in ps)
        for i, p in enumerate(ps):
            own = p.tag.gender
            genders = ("masc", "femn") if own is None or "ms-f" in p.tag.grammemes else (str(own),)
            if is_first_name:
                for g in genders:
                    first_rank_of.setdefault((p.tag.case, g), i)
            for g in genders:
                here.add((p.tag.case, g))
                rank[(p.tag.case, g)] = rank.get((p.tag.case, g), 0) + i
        if is_first_name:
            first_rank = 0
            first_name = set(here)
        options = here if options is None else options & here
    if not options:
        # the words disagree ("Пьера Мартена": мартен is a furnace too): the first name decides
        if not first_name:
            return None
        return min(first_name, key=lambda cg: (first_rank_of.get(cg, 99), CASES.index(cg[0]) if cg[0] in CASES else 9))
    if everyone_voted:
        # every word known: the dictionary's likelihoods decide, the first name's first
        # ("Ильхама Алиева" is his genitive, "Марина Котова" her nominative)
        return min(options, key=lambda cg: (first_rank_of.get(cg, 99), rank.get(cg, 99),
                                            CASES.index(cg[0]) if cg[0] in CASES else 9))
    # an unknown first name ("Мехрибан Алиева"): keep the form unless only oblique cases fit
    return min(options, key=lambda cg: (CASES.index(cg[0]) if cg[0] in CASES else 9, cg[1] != "masc"))


def _inflect(word: str, case: str, gender: str | None, person: bool) -> str:
    parses = sorted(_parses(word), key=lambda p: not ({"Geox", "Orgn"} & set(p.tag.grammemes)))
    for p in parses:
        grams = set(p.tag.grammemes)
        if p.tag.case != case:
            continue
        if person and not ({"Name", "Surn", "Patr"} & grams):
            continue
        own = p.tag.gender
        if gender in ("masc", "femn", "neut") and own is not None and own != gender and p.tag.number != "plur":
            continue
        wanted = {"nomn"}
        if p.tag.number == "plur" or "Pltm" in grams:
            wanted.add("plur")
        form = PymorphyParse.inflect(p, wanted)   # Natasha's MorphForm.inflect takes UD names
        if form is not None:
            return _restore_case(form.word, word)
    return word


def normalize_person(text: str) -> str:
    words = text.split()
    letters = [WORD.fullmatch(w) is not None for w in words]
    cg = _person_case_gender([w for w, ok in zip(words, letters) if ok])
    if cg is None or cg[0] == "nomn":
        return text
    case, gender = cg
    out = []
    for w, ok in zip(words, letters):
        if not ok or len(w) <= 2 and w.endswith("."):
            out.append(w)
            continue
        word = ("-".join(_inflect(part, case, gender, True) for part in w.split("-"))
                if "-" in w and not _parses(w)[0].is_known else _inflect(w, case, gender, True))
        if word == w and gender == "masc" and w[:1].isupper():
            word = _strip_case_ending(w, case)     # no name reading in this case: an unknown surname
        out.append(word)
    return " ".join(out)


MASCULINE_ENDINGS = {"gent": ("а", "я"), "accs": ("а", "я"), "datv": ("у", "ю"), "ablt": ("ом", "ем", "ём"),
                     "loct": ("е",)}


def _strip_case_ending(word: str, case: str) -> str:
    """An unknown man's surname in an oblique case, its case known from his first name:
    "Пьера Мартена" → "Мартен", "Доминика Рааба" → "Рааб" (consonant stems decline like "Иван")."""
    for ending in MASCULINE_ENDINGS.get(case, ()):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and stem[-1].lower() not in "аеёиоуыэюяй":
            return stem
    return word


def _head_case(words: list[str]) -> tuple[str, str] | None:
    """(case, number) of a phrase's head: the reading of its adjectives and first noun that agree.

    Readings are ranked by the dictionary's likelihood (proper names first), then singular before
    plural ("Министерства" is far more often a genitive singular), then by case.
    """
    candidates: dict[tuple[str, str], int] | None = None
    for w in words:
        ps = [p for p in _parses(w) if p.tag.POS in ("NOUN", "ADJF", "PRTF")]
        if not ps:
            return None
        # place and organisation readings first: "Берлине" is the city, not a name in the dative
        ps.sort(key=lambda p: not ({"Geox", "Orgn"} & set(p.tag.grammemes)))
        here: dict[tuple[str, str], int] = {}
        for i, p in enumerate(ps):
            key = (p.tag.case, p.tag.number or "sing")
            here.setdefault(key, i)
        candidates = here if candidates is None else {k: candidates[k] + v for k, v in here.items() if k in candidates}
        if ps[0].tag.POS == "NOUN" or not candidates:
            break
    if not candidates:
        return None
    return min(candidates, key=lambda c: (candidates[c], c[1] != "sing", CASES.index(c[0]) if c[0] in CASES else 9))


def normalize_phrase(text: str) -> str:
    """A place or organisation name: inflect the head phrase (adjectives + first noun) to the nominative."""
    words = text.split()
    if not words or any(WORD.fullmatch(w) is None for w in words[:1]):
        return text
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 3:
        # a dateline's capitals ("МОСКВА"): a known place name is written as a name
        p = _parses(words[0].lower())[0]
        if p.is_known and "Geox" in p.tag.grammemes:
            return normalize_phrase(words[0].capitalize())
    if len(words) == 1 and (words[0].isupper() or not _parses(words[0])[0].is_known):
        # abbreviations and foreign names: inflect only when the dictionary knows the form
        head = _head_case(words)
        return _inflect(words[0], head[0], None, False) if head and _parses(words[0])[0].is_known else text
    head = _head_case(words)
    if head is None or head[0] == "nomn":
        return text
    case = head[0]
    gender = None
    for w in words:
        nouns = [p for p in _parses(w) if p.tag.POS == "NOUN" and p.tag.case == case]
        if nouns:
            gender = nouns[0].tag.gender
            break
    out, head_done = [], False
    for w in words:
        if head_done or WORD.fullmatch(w) is None:
            out.append(w)
            continue
        ps = _parses(w)
        out.append(_inflect(w, case, gender if head[1] == "sing" else None, False))
        reading = next((p for p in ps if p.tag.case == case and p.tag.POS in ("NOUN", "ADJF", "PRTF")), None)
        if reading is not None and reading.tag.POS == "NOUN":
            head_done = True
    return " ".join(out)


def normalize(text: str, kind: str) -> tuple[str, list[str]]:
    """(normal name, aliases) of a mention of the given type (PER, LOC, ORG)."""
    name, aliases = clean_span(text)
    if not name:
        return text, aliases
    if kind == "PER":
        return normalize_person(name), aliases
    return normalize_phrase(name), aliases
