"""Roles: the appositive noun phrase in front of a person's name, put in the nominative.

"президентом Азербайджана Ильхамом Алиевым" → "президент Азербайджана";
"Пресс-секретарь российского президента Дмитрий Песков" → "пресс-секретарь российского президента";
"первый вице-президент и жена президента Азербайджана Мехрибан Алиева" → both roles.
The phrase is read backwards from the name: adjectives, nouns and capitalised genitives, split at
"и"; its first noun is the head and must be a person noun (animate), so "в Москве Иван Петров" or
"встрече Путина" give no role.
"""
from __future__ import annotations

import re

from pymorphy2.analyzer import Parse as PymorphyParse

from ..lang.morph import morph
from ..lang.names import KIN_NOUNS
from ..lang.inflect import _parses, _restore_case, case_of

TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+|[^\w\s]", re.UNICODE)
MAX_ROLE_WORDS = 8
# nouns that name people by what they do, not marked animate in the dictionary
ROLE_HEADS = {"глава", "лидер", "председатель", "руководитель", "спикер", "экс-президент", "вице-президент",
              "премьер", "премьер-министр", "вице-премьер", "пресс-секретарь", "генсек", "мэр", "губернатор"}


# A role phrase is a few words: only this much of the sentence before a mention is tokenised
# (tokenising the whole of a run-on "sentence" for each of its mentions is quadratic).
ROLE_WINDOW_CHARS = 1000


def _words_before(text: str, start: int) -> list[tuple[str, int]]:
    """Tokens of the sentence before ``start`` (word, offset), nearest last.

    Beyond ROLE_WINDOW_CHARS the first token stands for the cut: a non-word, so a role
    phrase never reaches past it, and never taken for the sentence's first word.
    """
    window = max(0, start - ROLE_WINDOW_CHARS)
    cut = max(text.rfind(". ", window, start), text.rfind("! ", window, start),
              text.rfind("? ", window, start), text.rfind("\n", window, start))
    base = cut + 1 if cut >= 0 else 0
    window = max(base, window)
    tokens = [(m.group(), m.start()) for m in TOKEN.finditer(text, window, start)]
    if window > base and tokens:
        tokens[0] = ("\0", tokens[0][1])
    return tokens


FUNCTION_WORDS = ("PREP", "CONJ", "PRCL", "ADVB", "NPRO", "PRED")


def _reading(word: str):
    parses = _parses(word.lower())
    if parses and parses[0].tag.POS in FUNCTION_WORDS and parses[0].tag.POS != "CONJ":
        return None               # "После перерыва …" is a preposition, not the locative of "посол"
    ps = [p for p in parses if p.tag.POS in ("NOUN", "ADJF", "PRTF", "CONJ", "NUMR")]
    return ps[0] if ps else None


def _is_person_noun(p) -> bool:
    if p.tag.POS != "NOUN" or {"Name", "Surn", "Patr", "Geox", "Orgn"} & set(p.tag.grammemes):
        return False
    return "anim" in p.tag.grammemes or p.normal_form in ROLE_HEADS


def _only_nominative(word: str) -> bool:
    """Every reading of the word as a noun is nominative ("адвокат", "сын"; not "адвоката")."""
    cases = {p.tag.case for p in _parses(word.lower()) if p.tag.POS == "NOUN"}
    return cases == {"nomn"}


def _nominative(words: list[str]) -> str:
    """Head phrase (adjectives + head noun) to the nominative; genitive dependents unchanged."""
    out: list[str] = []
    head_parse = None
    for w in words:
        p = _reading(w)
        if p is not None and p.tag.POS == "NOUN":
            head_parse = p
            break
    gender = head_parse.tag.gender if head_parse is not None else None
    head_plural_only = head_parse is not None and "Pltm" in head_parse.tag.grammemes
    done = False
    for w in words:
        if done:
            out.append(w)
            continue
        p = _reading(w)
        if p is None or w[:1].isupper() and w[1:2].isupper():
            out.append(w if w[1:2].isupper() else w.lower())
            continue
        grams = {"nomn"} | ({gender} if gender and p.tag.POS != "NOUN" and gender in ("masc", "femn", "neut") else set())
        if p.tag.number == "plur":
            # one person's role is singular ("президенты России" → "президент России"), unless the head
            # noun has no singular
            grams.add("plur" if "Pltm" in p.tag.grammemes or head_plural_only else "sing")
        form = PymorphyParse.inflect(p, grams) or PymorphyParse.inflect(p, {"nomn"})
        out.append(_restore_case(form.word, w.lower()) if form else w.lower())
        if p.tag.POS == "NOUN":
            done = True
    return " ".join(out)


def roles_before(text: str, start: int, oblique: bool = False) -> list[str]:
    """Role phrases standing right before a person mention that starts at ``start``. An ``oblique`` mention
    (not in its base form: "адвокат Соколова") is no apposition of a role noun that can only be nominative —
    it is the genitive of someone else ("сын Кадырова", "адвокат Иванова")."""
    tokens = _words_before(text, start)
    chunk: list[str] = []
    first_offset = tokens[0][1] if tokens else -1
    for word, offset in reversed(tokens):
        if len(chunk) >= MAX_ROLE_WORDS:
            break
        if word == "и":
            chunk.append(word)
            continue
        if not re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", word):
            break
        p = _reading(word)
        if word[:1].isupper():
            # a capitalised word: a country/organisation genitive ("президента Азербайджана",
            # "МИД"), or the capitalised first word of the sentence ("Президент России …")
            sentence_start = offset == first_offset
            if sentence_start and p is not None and p.tag.POS in ("NOUN", "ADJF", "PRTF"):
                chunk.append(word)
                break
            if any(case_of(x) == "gent" for x in _parses(word)) or (word.isupper() and len(word) > 1):
                chunk.append(word + "\0")      # marked: a name, never the head
                continue
            break
        if p is None or p.tag.POS not in ("NOUN", "ADJF", "PRTF"):
            break
        chunk.append(word)
    chunk.reverse()
    roles = []
    for part in " ".join(chunk).split(" и "):
        words = part.split()
        while words and words[0] == "и":
            words = words[1:]
        # the role starts at its first person noun (or an adjective right before it)
        for i, w in enumerate(words):
            p = None if w.endswith("\0") else _reading(w)
            if p is not None and _is_person_noun(p):
                if oblique and i == len(words) - 1 and (_only_nominative(w) or p.normal_form in KIN_NOUNS):
                    break       # "сына Кадырова": Кадыров is no son; the son is someone of his
                begin = i
                while begin > 0 and (_reading(words[begin - 1]) or p).tag.POS in ("ADJF", "PRTF"):
                    begin -= 1
                role = _nominative([x.rstrip("\0") for x in words[begin:]])
                roles.append(role[0].lower() + role[1:] if role else role)
                break
    return [r for r in roles if r]


def roles_from_description(description: str) -> list[str]:
    """A person card's 'политик, президент Азербайджана' → ['политик', 'президент Азербайджана']."""
    return [p.strip() for p in description.split(",") if p.strip()]


__all__ = ["roles_before", "roles_from_description", "morph"]
