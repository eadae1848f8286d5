"""Places' and organisations' names to the nominative: the head phrase (adjectives + first noun) is put in
the nominative, genitive dependents after it stay as they are ("Министерства иностранных дел России" →
"Министерство иностранных дел России"), an adjective after its noun agrees with it ("Станице Луганской" →
"Станица Луганская"), abbreviations are never inflected, and a foreign place the dictionary does not know
takes the article's own nominative or the gazetteer's ("в Неваде" → "Невада").
"""
from __future__ import annotations

from pymorphy2.analyzer import Parse as PymorphyParse

from .forms import TextForms, nominative_candidates
from .gazetteer import is_place_name
from .inflect import CASES, WORD, _from_text, _inflect, _known, _parses, _restore_case, case_of, is_abbreviation


def _head_case(words: list[str]) -> tuple[str, str] | None:
    """(case, number) of a phrase's head: the reading of its adjectives and first noun that agree.

    Readings are ranked by the dictionary's likelihood (proper names first), then singular before
    plural ("Министерства" is far more often a genitive singular), then by case.
    """
    candidates: dict[tuple[str, str], int] | None = None
    for i, w in enumerate(words):
        ps = [p for p in _parses(w) if p.tag.POS in ("NOUN", "ADJF", "PRTF")]
        if _adjective_before_noun(words, i):
            ps = [p for p in ps if p.tag.POS != "NOUN"]
        if not ps:
            return None
        # place and organisation readings first: "Берлине" is the city, not a name in the dative
        ps.sort(key=lambda p: not ({"Geox", "Orgn"} & set(p.tag.grammemes)))
        here: dict[tuple[str, str], int] = {}
        for i, p in enumerate(ps):
            key = (case_of(p), p.tag.number or "sing")
            here.setdefault(key, i)
        candidates = here if candidates is None else {k: candidates[k] + v for k, v in here.items() if k in candidates}
        # a word that may also be an adjective of the next noun is no head yet ("Тверской суд", not the
        # genitive of the street "Тверская")
        adjective = any(p.tag.POS == "ADJF" for p in ps) and w is not words[-1]
        if ps[0].tag.POS == "NOUN" and not adjective or not candidates:
            break
    if not candidates:
        return None
    return min(candidates, key=lambda c: (candidates[c], c[1] != "sing", CASES.index(c[0]) if c[0] in CASES else 9))


def _adjective_before_noun(words: list[str], i: int) -> bool:
    """Is word i an adjective of the noun after it ("Черного моря", "Красноярском крае"), whatever noun
    readings the dictionary also has (the surname "Чёрный", the city "Красноярск")? Only where the two
    agree in some case and number."""
    if i + 1 >= len(words) or WORD.fullmatch(words[i]) is None or is_abbreviation(words[i]):
        return False
    adjectives = {(case_of(p), p.tag.number or "sing") for p in _parses(words[i]) if p.tag.POS in ("ADJF", "PRTF")}
    if not adjectives:
        return False
    nxt = words[i + 1]
    nouns = {(case_of(p), p.tag.number or "sing") for p in _parses(nxt) if p.tag.POS in ("NOUN", "ADJF", "PRTF")}
    return bool(adjectives & nouns)


def _gazetteer_base(word: str) -> str | None:
    """'Неваде' → 'Невада', 'Лахоре' → 'Лахор': the nominative that is a known place name."""
    if is_place_name(word):
        return word
    return next((c for c in nominative_candidates(word) if is_place_name(c)), None)


def _ros_compound(word: str) -> str | None:
    """'Росгвардии' → 'Росгвардия', 'Росавиации' → 'Росавиация': a federal agency named "Рос-" + a noun the
    dictionary knows declines as that noun. ("Мин-" names are not read so: "Минобороны" is a genitive.)"""
    if not word.startswith("Рос") or len(word) < 7:
        return None
    rest = word[3:].lower()
    for p in _parses(rest):
        if p.is_known and p.tag.POS == "NOUN" and p.tag.number == "sing" and p.tag.case != "nomn" and \
                not {"Name", "Surn", "Geox"} & set(p.tag.grammemes):
            return "Рос" + p.normal_form
        if p.is_known and p.tag.POS == "NOUN" and p.tag.case == "nomn":
            return None
    return None


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
        # a foreign name: the article's own nominative, else a place the gazetteer knows, else a "Рос-"
        # compound of a known noun, else as written ("Мэриленд", "Штази", "Пелоси")
        return _from_text(words[0], forms) or (_gazetteer_base(words[0]) if place else None) or \
            _ros_compound(words[0]) or text
    if len(words) == 1 and words[0][:1].isupper() and all(p.tag.POS == "ADJF" for p in _parses(words[0])):
        # a capitalised adjective is part of a name ("Демократической" партии): nominative, same gender
        p = _parses(words[0])[0]
        form = PymorphyParse.inflect(p, {"nomn"} | ({"plur"} if p.tag.number == "plur" else set()))
        return _restore_case(form.word, words[0]) if form is not None else text
    if len(words) == 1:
        ps = _parses(words[0])
        if any(case_of(p) == "nomn" and {"Geox", "Orgn"} & set(p.tag.grammemes)
               and (p.tag.number != "plur" or "Pltm" in p.tag.grammemes) for p in ps):
            return text          # "Ливан" is the country as written, not a genitive of "Ливаны"
        if all(p.tag.number == "plur" and "Pltm" not in p.tag.grammemes and p.normal_form[:-1] == words[0].lower()
               for p in ps if p.tag.POS == "NOUN"):
            return text          # a bare stem is a foreign name, not a genitive plural: "Шарлотт", "Атлетик"
        head = _head_case(words)
        return _inflect(words[0], head[0], None, False) if head else text
    head = _head_case(words)
    if head is None:
        return _disagreeing_pair(words) or text
    if head[0] == "nomn":
        return text
    case = head[0]
    gender = None
    for i, w in enumerate(words):
        if _adjective_before_noun(words, i):
            continue
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
        adjective = _adjective_before_noun(words, i)
        out.append(_inflect(w, case, gender if head[1] == "sing" else None, False,
                            prefer="ADJF" if adjective else ""))
        reading = next((p for p in ps if case_of(p) == case and p.tag.POS in ("NOUN", "ADJF", "PRTF")
                        and not (adjective and p.tag.POS == "NOUN")), None)
        if reading is not None and reading.tag.POS == "NOUN":
            head_done, trailing = True, True
    return " ".join(out)


def _disagreeing_pair(words: list[str]) -> str | None:
    """An adjective and its noun the text wrote in different cases ("Республиканской партий", "Южная
    Кореи"): each to the nominative singular, the adjective in the noun's gender."""
    if len(words) != 2 or not all(WORD.fullmatch(w) for w in words):
        return None
    adjectives = [p for p in _parses(words[0]) if p.tag.POS == "ADJF" and p.is_known]
    nouns = [p for p in _parses(words[1]) if p.tag.POS == "NOUN" and p.is_known
             and not {"Name", "Surn", "Patr", "Pltm"} & set(p.tag.grammemes)]
    if not adjectives or not nouns or nouns[0].tag.gender not in ("masc", "femn", "neut"):
        return None
    noun = PymorphyParse.inflect(nouns[0], {"nomn", "sing"})
    adjective = PymorphyParse.inflect(adjectives[0], {"nomn", "sing", nouns[0].tag.gender})
    if noun is None or adjective is None:
        return None
    return f"{_restore_case(adjective.word, words[0])} {_restore_case(noun.word, words[1])}"


def _agrees(word: str, case: str, number: str, gender: str | None) -> bool:
    """An adjective in the head noun's case, number and (in the singular) gender."""
    return any(p.tag.POS in ("ADJF", "PRTF") and case_of(p) == case and (p.tag.number or "sing") == number
               and (number == "plur" or gender is None or p.tag.gender == gender) for p in _parses(word))
