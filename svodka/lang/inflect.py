"""The word-level tools of base forms, shared by place, organisation and person names: dictionary
readings (pymorphy, cached), inflection to the nominative that never turns a name into another word, the
article's own forms as evidence (forms.py), abbreviations, and the base form of an adjective.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

from pymorphy2.analyzer import Parse as PymorphyParse

from .morph import morph
from .forms import TextForms

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# the second locative, genitive and accusative ("на берегу", "чашка чаю") count as the plain cases
SECOND_CASES = {"loc2": "loct", "gen2": "gent", "acc2": "accs", "voct": "nomn"}


def case_of(p) -> str | None:
    return SECOND_CASES.get(p.tag.case, p.tag.case)


QUOTES = "«»\"„“”'‘’"


def clean_span(text: str) -> tuple[str, list[str]]:
    """Strip quote marks and split off a bracketed alias: '«Азербайджанских авиалиний» (AZAL)' → (name, ['AZAL'])."""
    aliases = [a.strip() for a in re.findall(r"\(([^()]{1,40})\)", text)]
    text = re.sub(r"\s*\([^()]*\)", "", text)
    # quote marks go; an apostrophe inside a name stays ("О’Рурк", "О'Лири", "д’Артаньян")
    text = re.sub(r"(?<![^\W\d_])['’‘]|['’‘](?![^\W\d_])", "", text)
    text = text.translate({ord(c): None for c in QUOTES if c not in "'’‘"})
    text = " ".join(text.split()).strip(" ,;:-—–")
    if text.endswith(".") and not re.search(r"(?:^|[\s.])[^\W\d_]\.$", text):
        text = text.rstrip(".").rstrip()     # a sentence's full stop, not an initial's ("Б.В.")
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


def _inflect(word: str, case: str, gender: str | None, person: bool, sure: bool = True,
             prefer: str = "") -> str:
    """``prefer``: a grammeme whose readings go first ("Name" for the first word of a full name: "Павле
    Котове" is Павел, not the rarer surname Павля)."""
    parses = sorted(_parses(word), key=lambda p: (prefer not in p.tag.grammemes if prefer else False,
                                                  not ({"Geox", "Orgn"} & set(p.tag.grammemes))))
    for p in parses:
        grams = set(p.tag.grammemes)
        if case_of(p) != case:
            continue
        if person and (not ({"Name", "Surn", "Patr"} & grams) or p.tag.number == "plur"):
            continue                # (one person: "Лорен Федор" is no plural of "Федора")
        own = p.tag.gender
        if gender in ("masc", "femn", "neut") and own is not None and own != gender and p.tag.number != "plur":
            continue
        wanted = {"nomn"}
        if p.tag.number == "plur" or "Pltm" in grams:
            wanted.add("plur")
        form = PymorphyParse.inflect(p, wanted)   # Natasha's MorphForm.inflect takes UD names
        if form is not None and p.tag.POS in ("ADJF", "PRTF"):
            form = _same_stem_form(p, form, word)
        if form is not None:
            if not p.is_known and not _safe_guess(word, form.word, sure) and not _regular_adjective(p, word, form.word):
                return word       # the dictionary guesses by analogy: "Пелоси" is no "Пелося"
            return _restore_case(form.word, word)
    return word


ADJECTIVE_ENDING = re.compile(r"(?<=[скнв])(?:ой|ого|ому|ом|ую|ая|ые|ых|ым|ыми|ий|ие|их|им|ими|ее|ей|его|ему|ем)$")


def _regular_adjective(p, word: str, base: str) -> bool:
    """A guessed adjective that only changes its ending ("Жамбылской" → "жамбылская"): the declension of a
    "-ский"/"-ный"/"-ов" adjective is regular, unlike a guessed noun's."""
    m = ADJECTIVE_ENDING.search(word.lower())
    return (p.tag.POS in ("ADJF", "PRTF") and m is not None and m.start() >= 4
            and len(os.path.commonprefix([word.lower(), base.lower()])) >= m.start())


def _same_stem_form(p, form, word: str):
    """Of the lexeme's forms with the inflected form's grammemes, the one closest to the word's spelling:
    "Высшего" → "Высший", not the other superlative "высочайший"."""
    same = [f for f in p.lexeme if f.tag == form.tag]
    return max(same, key=lambda f: len(os.path.commonprefix([f.word, word.lower()])), default=form)


def _safe_guess(word: str, base: str, sure: bool = True) -> bool:
    """A guessed base form of an unknown word is taken only when it drops a masculine case ending after
    a consonant ("Байдена" → "Байден", "Уолцем" → "Уолц"): other guesses turn names into other words.
    A dative "-у"/"-ю" only when a known word makes the case sure: "Роналду", "Шойгу" do not decline."""
    w, b = word.lower(), base.lower()
    endings = ("а", "у", "ом", "ым", "ем", "ю", "я") if sure else ("а", "ом", "ым", "ем", "я")
    return len(b) >= 3 and w.startswith(b) and w[len(b):] in endings and b[-1] not in "аеёиоуыэюяй"


def is_abbreviation(word: str) -> bool:
    """'ЦБ', 'НАБУ', 'ИГ', 'G7': written as an abbreviation, never inflected."""
    letters = [c for c in word if c.isalpha()]
    return len(word) >= 2 and bool(letters) and all(c.isupper() for c in letters) or any(c.isdigit() for c in word)


def _known(word: str) -> bool:
    return _parses(word)[0].is_known


def _from_text(word: str, forms: TextForms | None) -> str | None:
    """The base form the article itself attests for a name the dictionary does not know: "Неваде" →
    "Невада" when the text writes "Невада". Dictionary words are left to the dictionary (the text may
    simply never write "Путин" in the nominative)."""
    if forms is None or is_abbreviation(word) or not word[:1].isupper() or _known(word):
        return None
    return forms.attested_base(word)


def _fix_from_text(original: str, normal: str, forms: TextForms | None) -> str:
    """Word by word, the article's own evidence over the dictionary's guess."""
    if forms is None:
        return normal
    a, b = original.split(), normal.split()
    if len(a) != len(b):
        return normal
    return " ".join(_restore_case(_from_text(x, forms) or y, y) if WORD.fullmatch(x) else y for x, y in zip(a, b))


def adjective_base(word: str) -> str | None:
    """A country or place adjective's base form as news corpora write it: the dictionary form
    ('американских' → 'американский', 'российской' → 'российский'), but a nominative plural or feminine
    stays as written ('американские', 'российская')."""
    ps = [p for p in _parses(word.lower()) if p.tag.POS == "ADJF"]
    if not ps:
        return None
    p = ps[0]
    if p.tag.case == "nomn" and (p.tag.number == "plur" or p.tag.gender == "femn"):
        return word.lower()
    return p.normal_form
