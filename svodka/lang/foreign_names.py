"""Foreign names whose case endings agree: two or more words of a man's name the dictionary does not know,
in one oblique case ("Илоном Маском", "Митча Макконнелла", "Франка-Вальтера Штайнмайера"). Their agreeing
endings are endings, stripped; an indeclinable part ("Хайко", "Ким Чен") stays. person_names.py tries
these first.
"""
from __future__ import annotations

import re

from .inflect import _parses

CONSONANT_END = re.compile(r"[бвгджзклмнпрстфхцчшщ]$", re.IGNORECASE)
VOWELS_RU = "аеёиоуыэюяй"
INDECLINABLE_END = "иоуеэю"
SLAVIC_FEMININE = re.compile(r"(?:ова|ева|ёва|ина|ына|ская|цкая|ая)$")
HARD_HUSHING = "жшчщц"
COMPOUND_NAME = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

# the masculine instrumental of a consonant stem: unambiguous (a genitive "-а" is not: "Джулиана Ассанжа"
# and "Никола Тесла" have one shape, and only knowing who they are tells them apart)
AGREED_ENDINGS = ("ом", "ем")


# a Ukrainian surname in "-ко" declined as the Ukrainian texts decline it ("с Вадимом Пристайком", "Ляшка"):
# its stem ends in "-енк", "-йк", "-шк" or "-чк", which no Russian or Western surname of a consonant stem does
KO_STEM = re.compile(r"(?:енк|йк|шк|чк)$", re.IGNORECASE)


def ko_surname(stem: str) -> str:
    """'Пристайк' → 'Пристайко', 'Шевченк' → 'Шевченко'; any other stem as it is."""
    return stem + "о" if len(stem) >= 4 and KO_STEM.search(stem) else stem


def _fixed_part(word: str, i: int, n: int) -> bool:
    """A part of a name before its last that does not decline: a syllable of an East Asian name ("Ким Чен
    Ыном", "Дэн Сяопина") or a first name ending in a vowel and "-а" ("Андреа")."""
    low = word.lower()
    return i < n - 1 and (len(low) <= 3 and CONSONANT_END.search(low) is not None
                          or re.search(r"[еио]а$", low) is not None)


def _agreed_oblique(words: list[str]) -> list[str] | None:
    """Two or more foreign name words in one masculine oblique case ("Джулиана Ассанжа", "Илоном Маском",
    "Пэтом Чиполлоне"): the case endings agree, so they are endings; stripped when no word has a dictionary
    nominative reading and the surname is no Russian woman's ("Марина Котова")."""
    if len(words) < 2 or SLAVIC_FEMININE.search(words[-1].lower()):
        return None
    for ending in AGREED_ENDINGS:
        out, declined = [], 0
        for i, w in enumerate(words):
            low = w.lower()
            nominative_reading = any(p.is_known and p.tag.case == "nomn" and {"Name", "Surn"} & set(p.tag.grammemes)
                                     for p in _parses(w))
            if low.endswith(ending) and len(low) > len(ending) + 1 and low[-len(ending) - 1] not in VOWELS_RU:
                if nominative_reading:
                    return None
                stem = w[: -len(ending)]
                soft = ending == "ем" and stem[-1].lower() not in HARD_HUSHING
                out.append(stem + "ь" if soft else ko_surname(stem) if i == len(words) - 1 else stem)
                declined += 1
            elif i > 0 and declined and re.search(r"[бвгджзклмнпрстфхцчшщ]ой$", low) and len(low) > 5 \
                    and not SLAVIC_FEMININE.search(low[:-2] + "а"):
                out.append(w[:-2] + "а")     # a man's surname of the a-declension agrees: "Вольфгангом Соботкой"
                declined += 1
            elif low[-1:] in "иеоуюэ" and not low.endswith(ending) or _fixed_part(w, i, len(words)):
                out.append(w)               # an indeclinable word ("Пэтом Чиполлоне", "Андреа", "Ким Чен")
            else:
                break
        else:
            if declined >= 1:
                return out
    return None


def _likely_nominative(word: str) -> bool:
    """The dictionary's likeliest person reading of a declinable word is a nominative ("Дина", "Никола", but
    not "Германа", whose nominative reading is the rare woman's name)."""
    ps = [p for p in _parses(word) if {"Name", "Surn"} & set(p.tag.grammemes) and "Fixd" not in p.tag.grammemes]
    return bool(ps) and ps[0].is_known and ps[0].tag.case == "nomn"


def _agreed_compound(words: list[str]) -> list[str] | None:
    """A man's genitive with hyphenated or apostrophe names ("Франка-Вальтера Штайнмайера", "Бето
    О'Рурка"): the genitive rule on the parts, each hyphenated part of a first name declining, a surname's
    ending on its last part."""
    split = [re.split(r"([-'’])", w) for w in words]
    first_parts = split[0][::2]
    if len(first_parts) > 1 and not all(p[:1].isupper() for p in first_parts):
        return None
    # the first name's parts all decline together ("Франка-Вальтера"), or it is one word
    if len(words) != 2:
        return None
    firsts = _agreed_genitive(first_parts + [split[-1][-1]])
    if firsts is None:
        return None
    out_first = list(split[0])
    for i, part in zip(range(0, len(out_first), 2), firsts[:-1]):
        out_first[i] = part
    last = list(split[-1])
    last[-1] = firsts[-1]
    return ["".join(out_first), "".join(last)]


def _agreed_genitive(words: list[str]) -> list[str] | None:
    """A foreign man's name in the genitive (or accusative): "Митча Макконнелла", "Хайко Мааса", "Итая Галя".
    Every word ends in a consonant and "-а"/"-я", or is an indeclinable first name ("Хайко", "Гарри"); the
    first name has no nominative reading ("Дина", "Никола" are nominatives) and the surname is no Russian
    woman's ("Марина Котова"). In news such a pair is a man's genitive far more often than a nominative
    of two a-declension words; the first name, when it declines, gives the case."""
    if len(words) < 2 or any("-" in w for w in words):
        return None
    first = words[0]
    if SLAVIC_FEMININE.search(words[-1].lower()) and not (_fixed_part(first, 0, len(words)) and len(words) >= 3
                                                          or len(first) <= 2):
        return None                       # (but "Ким Чен Ына", "Си Цзиньпина" are no women)
    if _likely_nominative(first) and not _fixed_part(first, 0, len(words)) or first[:1].islower():
        return None
    first_declined = re.search(r"[бвгджзклмнпрстфхцчшщ][ая]$|[аеиоуэ]я$", first.lower()) is not None
    if not first_declined and first[-1:].lower() not in INDECLINABLE_END and not _fixed_part(first, 0, len(words)):
        return None
    out, declined = [], 0
    for i, w in enumerate(words):
        low = w.lower()
        asian = (_fixed_part(first, 0, len(words)) or len(first) <= 2) and not first_declined
        if re.search(r"(?:[бвгджзклмнпрстфхцчшщ][ая]|[аеиоуэ]я)$", low) and len(low) >= (3 if asian else 4):
            top = _parses(w)[0]
            if i > 0 and not asian and (not first_declined and _likely_nominative(w)
                                        or top.tag.case == "nomn" and top.tag.gender == "femn" and top.tag.POS == "NOUN"):
                return None               # "Фабио Панетта", "Альберта Бурла": the surname reads as a nominative
            stem = w[:-1]
            if low.endswith("я"):
                stem += "й" if stem[-1:].lower() in "аеиоуэ" else "ь"
            out.append(ko_surname(stem) if i == len(words) - 1 else stem)
            declined += 1
        elif _fixed_part(w, i, len(words)) and not first_declined:
            out.append(w)                 # "Ким Чен Ына", "Дэн Сяопина"
        elif low[-1:] in INDECLINABLE_END and (i < len(words) - 1 or first_declined and re.search(
                r"[оеэ]$|[^гкхжшчщи]и$", low)) and not low.endswith(("ого", "его", "ому", "ему")) and not any(
                p.is_known and "Fixd" not in p.tag.grammemes and (p.tag.POS == "ADJF" or {"Name", "Surn"} & set(p.tag.grammemes))
                for p in _parses(w)):
            out.append(w)                 # an indeclinable name ("Хайко", "Мадуро", "Кавано")
        else:
            return None
    if declined and words[-1] == out[-1]:
        # only the first name declines ("Росса Перо"): its likeliest reading must be a man's genitive
        top = _parses(first)[0]
        if not (top.tag.case in ("gent", "accs") and top.tag.gender == "masc" and top.tag.number == "sing"):
            return None
    return out if declined else None
