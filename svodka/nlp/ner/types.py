"""NER correction steps that fix a mention's type or find mentions by type (see :mod:`svodka.nlp.ner.rules`).

Types fixed by the word lists, one reading of a name per text, person or place by the dictionary and by
lists of places, and capitalised place nouns outside any mention.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon as lx
from .doc import (
    NAME_PARTICLES, OPEN_Q, Doc, common_word, has_letter, key, lemmas, matches, parses, phrase_key, proper_tags,
    sentence_start,
)

NAME_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")


@lru_cache(maxsize=1)
def _keys():
    def index(phrases):
        out: dict[str, list[tuple]] = {}
        for p in phrases:
            k = phrase_key(p)
            out.setdefault(k[0], []).append(k)
        return out

    return {
        "ORG": index(lx.ORG_NAMES_FORCE),
        "LOC": index(lx.LOC_NAMES_FORCE),
        "NOT": {(w,) for w in lx.NOT_NAMES},
    }


def lookup(index: dict[str, list[tuple]], words) -> bool:
    if not words:
        return False
    for first in lemmas(words[0]):
        for k in index.get(first, ()):
            if matches(words, k):
                return True
    return False


def retype(doc: Doc, spans: list[list]) -> list[list]:
    """Types fixed by convention: the EU and other unions of states are organisations ("ЕС",
    "Европейского союза"), the ISS is a place; "СМИ" and the like are not names."""
    keys = _keys()
    out = []
    for i, j, typ in spans:
        ws = doc.words[i:j]
        if tuple(ws) in keys["NOT"]:
            continue
        if lookup(keys["ORG"], ws):
            typ = "ORG"
        elif lookup(keys["LOC"], ws):
            typ = "LOC"
        out.append([i, j, typ])
    return out


@lru_cache(maxsize=100_000)
def name_keys(word: str) -> frozenset[str]:
    """Forms under which a name word is matched across a text: the word itself and the normal forms of
    its name readings (or of any reading, for a word the dictionary does not know)."""
    keys = {word.lower()}
    for p in parses(word):
        if not p.is_known or any(g in p.tag for g in ("Name", "Surn", "Patr")):
            keys.add(p.normal_form)
    return frozenset(keys)


def _geo(word: str) -> bool:
    return any("Geox" in p.tag for p in parses(word))


def propagate(doc: Doc, spans: list[list]) -> list[list]:
    """One text, one reading: a word that the text names as a person elsewhere ("Видениус" after "Михаэль
    Видениус", "Топалов" in a score table after "Веселином Топаловым") is a person here too, and a
    one-word organisation or place seen once ("WFC", "Европы") is the same kind of name again."""
    taken = doc.covered(spans)
    per_keys: set[str] = set()
    single: dict[str, str] = {}
    votes: dict[str, set] = {}
    for i, j, typ in spans:
        ws = doc.words[i:j]
        if typ == "PER":
            for k, w in enumerate(ws, i):
                if len(w) > 1 and w[:1].isupper() and w.lower() not in NAME_PARTICLES and NAME_WORD.match(w) \
                        and not (common_word(w) and (k == i or sentence_start(doc, k))):
                    per_keys.update(name_keys(w))
        elif j - i == 1 and len(ws[0]) > 1:
            votes.setdefault(ws[0], set()).add(typ)
    doc.per_keys = per_keys
    per_prefixes = {x[:3] for x in per_keys}
    for w, types in votes.items():
        if len(types) == 1:
            single[w] = next(iter(types))
    out = []
    for i, j, typ in spans:
        w = doc.words[i]
        # a single word typed as a place/organisation that the text uses as a person's name
        if j - i == 1 and typ != "PER" and w[:1].isupper() and not w.isupper() and not _geo(w) \
                and name_keys(w) & per_keys and any("Surn" in p.tag or "Name" in p.tag or not p.is_known
                                                    for p in parses(w)):
            typ = "PER"
        out.append([i, j, typ])
    add = []
    k = 0
    while k < doc.n:
        w = doc.words[k]
        if taken[k] or not w[:1].isupper() or len(w) < 2:
            k += 1
            continue
        if w not in single and w[:3].lower() not in per_prefixes:
            k += 1
            continue
        start_common = sentence_start(doc, k) and common_word(w)
        if w in single and not start_common and key([w]) not in doc.not_orgs:
            add.append([k, k + 1, single[w]])
        elif per_keys and not start_common and not common_word(w) and not w.isupper() and name_keys(w) & per_keys:
            m = k + 1
            while m < doc.n and not taken[m] and doc.words[m][:1].isupper() and not doc.newline_before(m) \
                    and name_keys(doc.words[m]) & per_keys:
                m += 1
            add.append([k, m, "PER"])
            k = m
            continue
        k += 1
    return out + add


LIST_GAP = {",", "•", ";", "и", "или", "/", "·", "▪", "●"}


def morph_types(doc: Doc, spans: list[list]) -> list[list]:
    """Person or place, by the dictionary: a "person" whose words are all place names and none a
    personal name is a place ("Эфиопия", "Царицыно"); a "place" made of a first name and a surname is a
    person ("Ахмат-Хаджи Кадырова").  In a list of three or more places a person-typed item takes the
    list's type unless its words read as names ("• Чили • Коста Рика • Эквадор •")."""
    # name forms used by each person mention: evidence for a word is a *different* mention using it
    users: dict[str, set] = {}
    for i, j, typ in spans:
        if typ == "PER":
            for w in doc.words[i:j]:
                if NAME_WORD.match(w):
                    for x in name_keys(w):
                        users.setdefault(x, set()).add((i, j))

    def named_elsewhere(w: str, i: int, j: int) -> bool:
        return any(users.get(x, set()) - {(i, j)} for x in name_keys(w))

    out = []
    for i, j, typ in spans:
        ws = [w for w in doc.words[i:j] if has_letter(w)]
        tags = [proper_tags(w) for w in ws]
        if typ == "PER" and ws and all(_known_geo(w) for w in ws) and not any(t & {"Name", "Surn", "Patr"} for t in tags) \
                and not any(named_elsewhere(w, i, j) for w in ws):
            typ = "LOC"
        elif typ == "LOC" and len(ws) >= 2 and not any("Geox" in t for t in tags) \
                and "Name" in tags[0] and tags[-1] & {"Surn", "Patr"}:
            typ = "PER"
        out.append([i, j, typ])
    out.sort()
    # lists
    k = 0
    while k < len(out):
        m = k
        while m + 1 < len(out) and _list_gap(doc, out[m][1], out[m + 1][0]):
            m += 1
        chain = out[k:m + 1]
        if len(chain) >= 3:
            n_loc = sum(1 for s in chain if s[2] == "LOC")
            if n_loc >= 0.7 * len(chain):
                for s in chain:
                    if s[2] == "PER" and not any(proper_tags(w) & {"Surn", "Patr"} or named_elsewhere(w, s[0], s[1])
                                                 for w in doc.words[s[0]:s[1]]):
                        s[2] = "LOC"
        k = m + 1
    return out


def _known_geo(word: str) -> bool:
    return any("Geox" in p.tag and p.is_known for p in parses(word))


def _list_gap(doc: Doc, a: int, b: int) -> bool:
    if b <= a or b - a > 2 or any(doc.newline_before(k) for k in range(a + 1, b + 1)):
        return False
    return all(doc.words[k] in LIST_GAP for k in range(a, b))


def geo_words(doc: Doc, spans: list[list]) -> list[list]:
    """A capitalised word outside any mention whose every dictionary reading is a place name is a place
    ("чемпионат Европы")."""
    taken = doc.covered(spans)
    add = []
    for k, w in enumerate(doc.words):
        if taken[k] or not w[:1].isupper() or w.isupper() or not NAME_WORD.match(w) or len(w) < 3:
            continue
        ps = parses(w)
        if ps and all(p.is_known and "Geox" in p.tag and p.tag.POS == "NOUN" for p in ps) \
                and not (k + 1 < doc.n and doc.words[k + 1][:1].isupper() and not doc.newline_before(k + 1)) \
                and not (k > 0 and doc.words[k - 1] in OPEN_Q) \
                and not (k > 0 and doc.words[k - 1][:1].isupper() and not sentence_start(doc, k)):
            add.append([k, k + 1, "LOC"])
    return spans + add
