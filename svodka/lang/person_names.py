"""Persons' names to the nominative: "Ильхамом Алиевым" → "Ильхам Алиев", "Мехрибан Алиевой" → "Мехрибан
Алиева", "Камалу Харрис" → "Камала Харрис", "Руслана Рябошапки" → "Руслан Рябошапка".

The words of a name agree in case, so the case is the one every word the dictionary knows allows (its
first name weighing most); unknown foreign words are decided by the article's own forms, then by rules of
declension that only strip endings a language could not have left on an indeclinable name.
"""
from __future__ import annotations

import re

from pymorphy2.analyzer import Parse

from .foreign_names import (COMPOUND_NAME, CONSONANT_END, HARD_HUSHING, INDECLINABLE_END, SLAVIC_FEMININE, VOWELS_RU,
                            _agreed_compound, _agreed_genitive, _agreed_oblique, ko_surname)
from .forms import TextForms, nominative_candidates
from .inflect import (CASES, WORD, _fix_from_text, _from_text, _inflect, _known, _parses, _safe_guess, adjective_base,
                      is_abbreviation)


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
    if re.search(r"..[гкхжшчщ]и$", low):
        return word[:-1] + "а"            # "Римши" → "Римша" (after a velar or hushing consonant "-и", not "-ы")
    return word


def normalize_person(text: str, forms: TextForms | None = None) -> str:
    normal = _normalize_person(text, forms)
    fixed = _fix_from_text(text, normal, forms)
    a, b, c = text.split(), normal.split(), fixed.split()
    if len(a) == len(b) == len(c):
        # the text's "Безоса" is no nominative of "Джеффу Безосу" when the declension gave "Безос" and
        # "Безоса" is its genitive: the article simply never wrote the nominative
        fixed = " ".join(y if y != x and z != y and _declined_form(z, y) else z for x, y, z in zip(a, b, c))
    return fixed


def _declined_form(word: str, base: str) -> bool:
    return base.lower() in (w.lower() for w in nominative_candidates(word))





UNKNOWN_FEMININE_OBLIQUE = re.compile(r"[бвгдзклмнпрстфхц](?:ы|у|ю)$|[гкхжшчщ](?:и|у)$|...[бвгджзклмнпрстфхцчшщ](?:ой|ей|ою)$")


def _text_declines(word: str, forms: TextForms | None) -> bool:
    """A dative "-у" the text shows to be an ending: it also writes "Байдена" or "Байденом" ("Роналду" is
    written one way only)."""
    if forms is None or not CONSONANT_END.search(word[:-1]) or not word.endswith("у"):
        return False
    stem = word[:-1]
    return any(forms.seen(stem + e) for e in ("", "а", "ом"))


def _common_noun_first_name(named: list[str]) -> str | None:
    """A woman's first name the dictionary knows only as a common or place noun, before an indeclinable
    surname: "Азии Биби" → "Азия" (the surname cannot say the case; the noun's ending does)."""
    if len(named) < 2:
        return None
    first = named[0]
    ps = _parses(first)
    if not ps or any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in ps) or not ps[0].is_known:
        return None
    top = ps[0]
    if (top.tag.POS != "NOUN" or top.tag.gender != "femn" or top.tag.number != "sing" or top.tag.case == "nomn"
            or not all(w[-1:].lower() in INDECLINABLE_END and not any(
                p.is_known and {"Name", "Surn"} & set(p.tag.grammemes) and "Fixd" not in p.tag.grammemes
                for p in _parses(w)) for w in named[1:])):
        return None
    form = Parse.inflect(top, {"nomn", "sing"})
    return form.word[:1].upper() + form.word[1:] if form is not None and first[:1].isupper() else None


def _normalize_person(text: str, forms: TextForms | None) -> str:
    words = text.split()
    letters = [WORD.fullmatch(w) is not None for w in words]
    agreed = _agreed_oblique(words) or _agreed_genitive(words) if all(letters) else None
    if agreed is None and all(COMPOUND_NAME.fullmatch(w) for w in words) and re.search(r"[-'’]", text):
        agreed = _agreed_compound(words)
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
    if (len(named) == 2 and CONSONANT_END.search(named[-1]) and UNKNOWN_FEMININE_OBLIQUE.search(named[0].lower())
            and not any(p.tag.number != "plur" and (p.tag.case == "nomn" or p.is_known and "Name" in p.tag.grammemes)
                        for p in _parses(named[0]))
            and any(p.tag.case == "nomn" for p in _parses(named[-1]))):
        # an unknown first name in an a-declension oblique case before a surname that stays as written:
        # a woman ("Камалы Харрис", "Анналену Бербок"; a man's surname would decline with his name)
        first = _feminine_nominative(named[0], forms)
        return " ".join(first if w == named[0] else w for w in words)
    common = _common_noun_first_name(named)
    if common is not None:
        return " ".join(common if w == named[0] else w for w in words)
    if cg is None or cg[0] == "nomn":
        return text
    case, gender = cg
    # the case is sure only when a word the dictionary knows says so ("Руслана"), not a guess for an
    # unknown one ("Криштиану" is no dative: "Криштиану Роналду" does not decline)
    known_cg = _person_case_gender([w for w, ok in zip(words, letters) if ok and _known(w)])
    sure = known_cg is not None and known_cg[0] != "nomn"
    out = []
    first = next((w for w, ok in zip(words, letters) if ok), None) if len(named) >= 2 else None
    for w, ok in zip(words, letters):
        if not ok or len(w) <= 2 and w.endswith(".") or is_abbreviation(w):
            out.append(w)
            continue
        prefer = "Name" if w is first else ""
        word = ("-".join(_inflect(part, case, gender, True, sure) if i == 0 or part[:1].isupper()
                         else (adjective_base(part) or part) for i, part in enumerate(w.split("-")))
                if "-" in w and not _parses(w)[0].is_known else _inflect(w, case, gender, True, sure, prefer))
        if word == w and w[:1].isupper():
            word = adjectival_surname(w, gender) or word
        if word == w and gender == "femn" and sure and w[:1].isupper():
            word = _feminine_surname_nominative(w)
        if word == w and gender == "masc" and w[:1].isupper() and (sure or case not in ("datv", "loct")
                                                                   or case == "datv" and _text_declines(w, forms)):
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
    if case in ("gent", "datv", "loct") and word.endswith("ии") and len(word) >= 5:
        return word[:-2] + "ия"          # "Алану Гарсии", "о Гарсии" → "Гарсия"
    if case == "datv" and word.endswith("е") and len(word) >= 5 and CONSONANT_END.search(word[:-1]):
        return word[:-1] + "а"           # a man's dative "-е" is the a-declension's: "Степану Бандере"
    for ending in A_DECLENSION.get(case, ()):
        stem = word[: -len(ending)]
        if ending == "и" and stem[-1:].lower() not in "гкхжшчщ":
            continue
        if ending == "и" and re.search(r"[сц]к$", stem.lower()):
            continue                     # "Романа Полански": a Polish "-ски" surname does not decline
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


FEMININE_SURNAME = re.compile(r"^(.{2,}(?:ов|ев|ёв|ин|ын))(?:у|ой|ою)$")


def _feminine_surname_nominative(word: str) -> str:
    """An unknown woman's surname of the -ова/-ева/-ина type in an oblique case, her case known from her
    first name: "Ольгу Стрешневу", "Ольгой Стрешневой" → "Стрешнева"."""
    m = FEMININE_SURNAME.match(word)
    return m.group(1) + "а" if m else word


MASCULINE_ENDINGS = {"gent": ("а", "я"), "accs": ("а", "я"), "datv": ("у", "ю"), "ablt": ("ом", "ем", "ём"),
                     "loct": ("е",)}
# (the locative "-е" only when a declined first name makes the case sure — "Уильяме Тафте": "-е" ends too
# many indeclinable foreign names — "Дутерте", "Бейонсе", "Конде")


def _strip_case_ending(word: str, case: str) -> str:
    """An unknown man's surname in an oblique case, its case known from his first name:
    "Пьера Мартена" → "Мартен", "Доминика Рааба" → "Рааб" (consonant stems decline like "Иван")."""
    m = re.search(r"(?<=[оеё]в|[иы]н)ым$", word)
    if case == "ablt" and m and len(word) >= 6:
        return word[: m.start()]          # "Андреем Ромашковым" → "Ромашков"
    for ending in MASCULINE_ENDINGS.get(case, ()):
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < 3:
            continue
        if ending in ("я", "ю", "ем") and stem[-1].lower() not in HARD_HUSHING:
            # a soft stem: "Скрипаля" → "Скрипаль", "Андрея" → "Андрей" (but "Курцем" → "Курц")
            return stem + ("й" if stem[-1].lower() in "аеёиоуыэюя" else "ь")
        if stem[-1].lower() not in "аеёиоуыэюяй":
            return ko_surname(stem)
    return word


def _family_plural(token: str, forms: TextForms | None) -> str | None:
    """A family in the genitive plural ("Скрипалей", "Байденов") when the text writes the man's surname
    ("Скрипаль", "Байден"): the nominative plural, "Скрипали", "Байдены"."""
    if forms is None or not token[:1].isupper() or any("Surn" in p.tag.grammemes and p.is_known for p in _parses(token)):
        return None
    low = token.lower()
    stem = token[:-2]
    if low.endswith("ей") and len(low) > 5 and low[-3] in "лнр" and any(forms.seen(stem + e) for e in ("ь", "я", "ю", "ем")):
        return stem + "и"
    if low.endswith("ов") and len(low) > 5 and low[-3] not in VOWELS_RU and any(
            forms.seen(stem + e) for e in ("", "а", "у", "ом")):
        return token[:-2] + ("и" if low[-3] in "гкхжшчщ" else "ы")
    return None


SURNAME_CASE = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])(?:а|у|ом)$")


def _masculine_surname(token: str, forms: TextForms | None) -> str | None:
    """A one-word mention the dictionary has no person reading for, in a man's oblique case: "Маска" →
    "Маск", "Рокфеллеру" → "Рокфеллер", "Сноуденом" → "Сноуден". In news a surname of a consonant stem in
    the genitive is far likelier than an a-declension nominative; a Russian woman's surname ("Лядова")
    stays. A dative "-у" only when the text declines the word otherwise too ("Роналду" does not decline)."""
    m = SURNAME_CASE.search(token)
    if m is None or len(token) - len(m.group(0)) < 3 or not token[:1].isupper() or is_abbreviation(token):
        return None
    stem = token[: m.start()]
    if m.group(0) == "а" and SLAVIC_FEMININE.search(token.lower()):
        return None
    if m.group(0) == "у" and not (forms is not None and (forms.seen(stem + "а") or forms.seen(stem + "ом"))):
        return None
    return stem


def surname_readings(token: str, forms: TextForms | None = None) -> list[tuple[str, str | None]]:
    """Possible (nominative, gender) of a one-word person mention, most likely first: the form the article
    itself attests, then the dictionary's readings (a guess for an unknown word only when it is safe)."""
    head, _, tail = token.partition("-")
    if tail and tail.islower() and all(adjective_base(t) for t in tail.split("-")) and head[:1].isupper():
        # "Байдена-младшего" → "Байден-младший": the surname's readings, the adjective agreeing
        adjective = "-".join(adjective_base(t) for t in tail.split("-"))
        return [(f"{r}-{adjective}", g) for r, g in surname_readings(head, forms)[:-1]] + [(token, None)]
    family = _family_plural(token, forms)
    if family:
        return [(family, "plur"), (token, None)]
    out: list[tuple[str, str | None]] = []
    personal = any({"Surn", "Name", "Patr"} & set(p.tag.grammemes) and p.is_known for p in _parses(token))
    attested = _from_text(token, forms)
    if attested is None and not personal and forms is not None and token[:1].isupper() and not is_abbreviation(token):
        # a surname the dictionary knows only as another word ("Маска", "Макрона"): the text's nominative
        attested = forms.attested_base(token)
    if attested and attested != token:
        out.append((attested, None))
    stripped = _masculine_surname(token, forms) if not personal else None
    if stripped and stripped != attested:
        out.append((stripped, "masc"))
    for p in _parses(token):
        if not ({"Surn", "Name"} & set(p.tag.grammemes)) or p.tag.number == "plur":
            continue
        form = Parse.inflect(p, {"nomn"} | ({p.tag.gender} if p.tag.gender in ("masc", "femn") else set()))
        if form is not None and (p.is_known or _safe_guess(token, form.word)):
            reading = (form.word.capitalize(), p.tag.gender)
            if reading not in out:
                out.append(reading)
    adjectival = adjectival_surname(token, None)
    if adjectival and adjectival != token and not any(r[0] == adjectival for r in out):
        out.append((adjectival, "femn" if adjectival.endswith("ая") else "masc"))
    out.append((token, None))
    return out
