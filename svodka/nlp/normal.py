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
from ..lang.gazetteer import is_place_name
from .forms import TextForms, nominative_candidates

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
    if everyone_voted or first_rank_of:
        # every word known: the dictionary's likelihoods decide, the first name's first
        # ("Ильхама Алиева" is his genitive, "Марина Котова" her nominative)
        return min(options, key=lambda cg: (first_rank_of.get(cg, 99), rank.get(cg, 99),
                                            CASES.index(cg[0]) if cg[0] in CASES else 9))
    # an unknown first name ("Мехрибан Алиева"): keep the form unless only oblique cases fit
    return min(options, key=lambda cg: (CASES.index(cg[0]) if cg[0] in CASES else 9, cg[1] != "masc"))


def _inflect(word: str, case: str, gender: str | None, person: bool, sure: bool = True) -> str:
    parses = sorted(_parses(word), key=lambda p: not ({"Geox", "Orgn"} & set(p.tag.grammemes)))
    for p in parses:
        grams = set(p.tag.grammemes)
        if case_of(p) != case:
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
        if form is not None and p.tag.POS in ("ADJF", "PRTF"):
            form = _same_stem_form(p, form, word)
        if form is not None:
            if not p.is_known and not _safe_guess(word, form.word, sure):
                return word       # the dictionary guesses by analogy: "Пелоси" is no "Пелося"
            return _restore_case(form.word, word)
    return word


def _same_stem_form(p, form, word: str):
    """Of the lexeme's forms with the inflected form's grammemes, the one closest to the word's spelling:
    "Высшего" → "Высший", not the other superlative "высочайший"."""
    import os

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


CONSONANT_END = re.compile(r"[бвгджзклмнпрстфхцчшщ]$", re.IGNORECASE)
FEMININE_OBLIQUE = (("ии", "ия"), ("ию", "ия"), ("ией", "ия"), ("ой", "а"), ("ей", "я"), ("у", "а"), ("ю", "я"),
                    ("ы", "а"), ("е", "а"))


def _feminine_nominative(word: str, forms: TextForms | None) -> str:
    """A woman's first name from an oblique form: 'Камалу' → 'Камала', 'Асии' → 'Асия'."""
    attested = forms.attested_base(word) if forms is not None else None
    if attested and attested[-1:].lower() in "ая":
        return attested
    low = word.lower()
    if low.endswith(("а", "я")):
        return word
    for ending, nom in FEMININE_OBLIQUE:
        if low.endswith(ending) and len(low) > len(ending) + 1:
            return word[: len(word) - len(ending)] + nom
    return word


def normalize_person(text: str, forms: TextForms | None = None) -> str:
    return _fix_from_text(text, _normalize_person(text, forms), forms)


# the masculine instrumental of a consonant stem: unambiguous (a genitive "-а" is not: "Джулиана Ассанжа"
# and "Никола Тесла" have one shape, and only knowing who they are tells them apart)
AGREED_ENDINGS = ("ом", "ем")
SLAVIC_FEMININE = re.compile(r"(?:ова|ева|ёва|ина|ына|ская|цкая|ая)$")
HARD_HUSHING = "жшчщц"


def _agreed_oblique(words: list[str]) -> list[str] | None:
    """Two or more foreign name words in one masculine oblique case ("Джулиана Ассанжа", "Илоном Маском",
    "Пэтом Чиполлоне"): the case endings agree, so they are endings; stripped when no word has a dictionary
    nominative reading and the surname is no Russian woman's ("Марина Котова")."""
    if len(words) < 2 or SLAVIC_FEMININE.search(words[-1].lower()):
        return None
    for ending in AGREED_ENDINGS:
        out, declined = [], 0
        for w in words:
            low = w.lower()
            nominative_reading = any(p.is_known and p.tag.case == "nomn" and {"Name", "Surn"} & set(p.tag.grammemes)
                                     for p in _parses(w))
            if low.endswith(ending) and len(low) > len(ending) + 1 and low[-len(ending) - 1] not in VOWELS_RU:
                if nominative_reading:
                    return None
                stem = w[: -len(ending)]
                soft = ending == "ем" and stem[-1].lower() not in HARD_HUSHING
                out.append(stem + ("ь" if soft else ""))
                declined += 1
            elif low[-1:] in "иеоуюэ" and not low.endswith(ending):
                out.append(w)               # an indeclinable word ("Пэтом Чиполлоне")
            else:
                break
        else:
            if declined >= 1:
                return out
    return None


VOWELS_RU = "аеёиоуыэюяй"


def _normalize_person(text: str, forms: TextForms | None) -> str:
    words = text.split()
    letters = [WORD.fullmatch(w) is not None for w in words]
    if all(letters):
        agreed = _agreed_oblique(words)
        if agreed is not None:
            return " ".join(agreed)
    cg = _person_case_gender([w for w, ok in zip(words, letters) if ok])
    named = [w for w, ok in zip(words, letters) if ok]
    if (cg is not None and cg[0] != "nomn" and len(named) >= 2 and CONSONANT_END.search(named[-1])
            and _known(named[0])
            and not named[-1].lower().endswith(("ом", "ем", "ём", "ым", "им"))
            and named[0][-1:].lower() not in "бвгджзклмнпрстфхцчшщй"):
        # a surname ending in a consonant that does not decline is a woman's ("Камалу Харрис"):
        # her first name is put in the nominative, the surname stays
        first = _feminine_nominative(named[0], forms)
        return " ".join(first if w == named[0] else w for w in words)
    if cg is None or cg[0] == "nomn":
        return text
    case, gender = cg
    # the case is sure only when a word the dictionary knows says so ("Руслана"), not a guess for an
    # unknown one ("Криштиану" is no dative: "Криштиану Роналду" does not decline)
    known_cg = _person_case_gender([w for w, ok in zip(words, letters) if ok and _known(w)])
    sure = known_cg is not None and known_cg[0] != "nomn"
    out = []
    for w, ok in zip(words, letters):
        if not ok or len(w) <= 2 and w.endswith(".") or is_abbreviation(w):
            out.append(w)
            continue
        word = ("-".join(_inflect(part, case, gender, True, sure) if i == 0 or part[:1].isupper()
                         else (adjective_base(part) or part) for i, part in enumerate(w.split("-")))
                if "-" in w and not _parses(w)[0].is_known else _inflect(w, case, gender, True, sure))
        if word == w and w[:1].isupper():
            word = adjectival_surname(w, gender) or word
        if word == w and gender == "masc" and w[:1].isupper() and (sure or case not in ("datv", "loct")):
            # no name reading in this case: an unknown surname of a consonant stem or of the a-declension
            # (a dative only when a known word makes it sure: "Криштиану Роналду" does not decline)
            word = _strip_case_ending(w, case)
            if word == w and sure:
                word = _a_declension_nominative(w, case)
        out.append(word)
    return " ".join(out)


# only the endings no indeclinable foreign name has ("Биби", "Ризви", "Барнье", "Шойгу" stay): the genitive
# "-ы" ("-и" after a velar or hushing consonant) and the instrumental
A_DECLENSION = {"gent": ("ы", "и"), "ablt": ("ой", "ей", "ою")}


def _a_declension_nominative(word: str, case: str) -> str:
    """A man's surname of the a-declension in an oblique case, the case known from his first name:
    "Руслана Рябошапки" → "Рябошапка", "Артемом Дзюбой" → "Дзюба"."""
    for ending in A_DECLENSION.get(case, ()):
        stem = word[: -len(ending)]
        if ending == "и" and stem[-1:].lower() not in "гкхжшчщ":
            continue
        if word.endswith(ending) and len(stem) >= 3 and stem[-1].lower() not in VOWELS_RU:
            soft = ending in ("ю", "ей") or ending == "и" and stem[-1].lower() not in "гкхжшчщ"
            return stem + ("я" if soft and ending != "и" else "а")
    return word


ADJECTIVAL_SURNAME = re.compile(r"(?<=[сц]к)(ого|ому|им|ом|ой|ую|ая|ий)$")


def adjectival_surname(word: str, gender: str | None) -> str | None:
    """'Зеленского' → 'Зеленский', 'Сольского' → 'Сольский', 'Вишневской' → 'Вишневская' (a woman)."""
    m = ADJECTIVAL_SURNAME.search(word)
    if m is None or len(word) < 6:
        return None
    ending = m.group(1)
    if ending in ("ой", "ую", "ая"):
        return word[: m.start()] + "ая" if gender != "masc" else None
    return word[: m.start()] + "ий" if gender != "femn" else None


MASCULINE_ENDINGS = {"gent": ("а", "я"), "accs": ("а", "я"), "datv": ("у", "ю"), "ablt": ("ом", "ем", "ём")}
# (no locative: "-е" ends too many indeclinable foreign names — "Тутерте", "Бейонсе", "Конде")


def _strip_case_ending(word: str, case: str) -> str:
    """An unknown man's surname in an oblique case, its case known from his first name:
    "Пьера Мартена" → "Мартен", "Доминика Рааба" → "Рааб" (consonant stems decline like "Иван")."""
    for ending in MASCULINE_ENDINGS.get(case, ()):
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < 3:
            continue
        if ending in ("я", "ю", "ем") and stem[-1].lower() not in HARD_HUSHING:
            # a soft stem: "Скрипаля" → "Скрипаль", "Андрея" → "Андрей" (but "Курцем" → "Курц")
            return stem + ("й" if stem[-1].lower() in "аеёиоуыэюя" else "ь")
        if stem[-1].lower() not in "аеёиоуыэюяй":
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
            key = (case_of(p), p.tag.number or "sing")
            here.setdefault(key, i)
        candidates = here if candidates is None else {k: candidates[k] + v for k, v in here.items() if k in candidates}
        if ps[0].tag.POS == "NOUN" or not candidates:
            break
    if not candidates:
        return None
    return min(candidates, key=lambda c: (candidates[c], c[1] != "sing", CASES.index(c[0]) if c[0] in CASES else 9))


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


def _gazetteer_base(word: str) -> str | None:
    """'Неваде' → 'Невада', 'Лахоре' → 'Лахор': the nominative that is a known place name."""
    if is_place_name(word):
        return word
    return next((c for c in nominative_candidates(word) if is_place_name(c)), None)


def normalize_phrase(text: str, forms: TextForms | None = None, place: bool = False) -> str:
    """A place or organisation name: inflect the head phrase (adjectives + first noun) to the nominative."""
    words = text.split()
    if not words or any(WORD.fullmatch(w) is None for w in words[:1]):
        return text
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 3:
        # a dateline's capitals ("МОСКВА"): a known place name is written as a name
        p = _parses(words[0].lower())[0]
        if p.is_known and "Geox" in p.tag.grammemes and p.tag.case == "nomn":
            return normalize_phrase(words[0].capitalize())
    if is_abbreviation(words[0]):
        return text              # "НАБУ", "НИЦЭМ имени Гамалеи": the abbreviation is the head, never inflected
    if len(words) == 1 and not _known(words[0]):
        # a foreign name: the article's own nominative, else a place the gazetteer knows, else as written
        # ("Мэриленд", "Штази", "Пелоси")
        return _from_text(words[0], forms) or (_gazetteer_base(words[0]) if place else None) or text
    if len(words) == 1 and words[0][:1].isupper() and all(p.tag.POS == "ADJF" for p in _parses(words[0])):
        # a capitalised adjective is part of a name ("Демократической" партии): nominative, same gender
        p = _parses(words[0])[0]
        form = PymorphyParse.inflect(p, {"nomn"} | ({"plur"} if p.tag.number == "plur" else set()))
        return _restore_case(form.word, words[0]) if form is not None else text
    if len(words) == 1:
        head = _head_case(words)
        return _inflect(words[0], head[0], None, False) if head else text
    head = _head_case(words)
    if head is None or head[0] == "nomn":
        return text
    case = head[0]
    gender = None
    for w in words:
        nouns = [p for p in _parses(w) if p.tag.POS == "NOUN" and case_of(p) == case]
        if nouns:
            gender = nouns[0].tag.gender
            break
    out, head_done, trailing = [], False, True
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        # (not an adjective of a noun of its own: "Центра общественного здоровья")
        if (head_done and trailing and WORD.fullmatch(w) and _agrees(w, case, head[1], gender)
                and not (nxt and any(p.tag.POS == "NOUN" for p in _parses(nxt)))):
            out.append(_inflect(w, case, gender if head[1] == "sing" else None, False))
            continue                # an adjective after its noun agrees with it: "Станице Луганской"
        trailing = trailing and not head_done
        if head_done or WORD.fullmatch(w) is None or is_abbreviation(w):
            out.append(w)
            continue
        ps = _parses(w)
        out.append(_inflect(w, case, gender if head[1] == "sing" else None, False))
        reading = next((p for p in ps if case_of(p) == case and p.tag.POS in ("NOUN", "ADJF", "PRTF")), None)
        if reading is not None and reading.tag.POS == "NOUN":
            head_done, trailing = True, True
    return " ".join(out)


def _agrees(word: str, case: str, number: str, gender: str | None) -> bool:
    """An adjective in the head noun's case, number and (in the singular) gender."""
    return any(p.tag.POS in ("ADJF", "PRTF") and case_of(p) == case and (p.tag.number or "sing") == number
               and (number == "plur" or gender is None or p.tag.gender == gender) for p in _parses(word))


def normalize(text: str, kind: str, forms: TextForms | None = None) -> tuple[str, list[str]]:
    """(normal name, aliases) of a mention of the given type (PER, LOC, ORG); ``forms``: the article's
    own word forms, which decide for words the dictionary does not know."""
    name, aliases = clean_span(text)
    if kind == "LOC":
        from .countries import country_named

        # "Флорида (США)": a bracketed country is where the place lies, not another name of it
        if country_named(normalize_phrase(name, forms, place=True)) is None:
            aliases = [a for a in aliases if country_named(normalize_phrase(a, forms, place=True)) is None]
    if not name:
        return text, aliases
    if kind == "PER":
        return normalize_person(name, forms), aliases
    return normalize_phrase(name, forms, place=kind == "LOC"), aliases
