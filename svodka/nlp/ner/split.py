"""NER correction steps that cut and trim slovnet's spans (see :mod:`svodka.nlp.ner.rules`).

Spans are cut at line breaks and list punctuation, trimmed of edge punctuation, stripped of leading
titles, and dropped where a lone ordinary word opens a sentence.
"""
from __future__ import annotations

from functools import lru_cache

from .doc import (
    CLOSE_Q, DASHES, NAME_PARTICLES, OPEN_Q, PUNCT_EDGE, SEPARATORS, Doc, common_word, has_letter, parses,
    proper_tags, sentence_start,
)

def split_pieces(doc: Doc, spans: list[list]) -> list[list]:
    """Cut spans at line breaks and at list/bracket punctuation; trim punctuation at the edges.

    A name never runs over a line break ("Ильхам Алиев\\nполитик"), a bullet, a comma or a bracket:
    "Джоэл Саймон (Joel Simon)" is two mentions, "Сёмин (Овечкин, Фёдоров)" three.
    Dashes split persons and places ("Нисипяну — Топалов"), not organisations ("Oracle — Sun" aside,
    a dash inside an organisation's name is part of it).
    """
    out: list[list] = []
    for i, j, typ in spans:
        before = len(out)
        start = i
        for k in range(i, j + 1):
            cut = k == j
            if not cut:
                w = doc.words[k]
                if k > i and doc.newline_before(k):
                    emit(doc, out, start, k, typ)
                    start = k
                if w == "(" and _inserted_alternative(doc, k, j):
                    continue
                if w == ")" and _opened_alternative(doc, i, k, j):
                    continue
                if w in SEPARATORS or (typ != "ORG" and w in DASHES and k > i):
                    emit(doc, out, start, k, typ)
                    start = k + 1
                    continue
            else:
                emit(doc, out, start, j, typ)
        if len(out) - before > 1 or (len(out) - before == 1 and out[-1][:2] != [i, j]):
            # a span was cut: keep only pieces that still look like names on their own; a span over three
            # or more lines is a menu or a list, where every piece has to show a proper name
            lines = sum(1 for k in range(i + 1, j) if doc.newline_before(k)) + 1
            out[before:] = [s for s in out[before:]
                            if _looks_like_name(doc, s[0], s[1]) or (
                                lines < 3 and s[1] - s[0] > 1
                                and any(any(c.isupper() for c in doc.words[k]) for k in range(s[0], s[1])))]
    return out


def _looks_like_name(doc: Doc, i: int, j: int) -> bool:
    """A piece of a cut span stands as a name if one of its words is capitalised and not an ordinary
    dictionary word ("Константин Богданов", "Грузия", "WFC"; not menu items like "Культура", "Мои подписки",
    "ДОСЬЕ")."""
    for k in range(i, j):
        w = doc.words[k]
        if not any(c.isupper() for c in w) or not has_letter(w):
            continue
        if w.isupper() and len(w) > 4:
            w = w.capitalize()
        if not common_word(w):
            return True
    return False


def _inserted_alternative(doc: Doc, k: int, j: int) -> bool:
    """"Кировоградской (Кропивницкой) области": a bracketed alternative inside a name whose rest after
    the bracket is ordinary lower-case words — the span is one name."""
    c = next((m for m in range(k + 1, j) if doc.words[m] == ")"), None)
    return c is not None and c + 1 < j and all(doc.words[m][:1].islower() for m in range(c + 1, j))


def _opened_alternative(doc: Doc, i: int, k: int, j: int) -> bool:
    o = next((m for m in range(k - 1, i - 1, -1) if doc.words[m] == "("), None)
    return o is not None and _inserted_alternative(doc, o, j)


def emit(doc: Doc, out: list[list], i: int, j: int, typ: str) -> None:
    """Append [i, j, typ] after trimming unbalanced quotes and edge punctuation; drop letterless pieces."""
    while i < j:
        changed = False
        w = doc.words[i]
        if w in PUNCT_EDGE and not (w in OPEN_Q and _closes(doc, i, j)):
            i += 1
            changed = True
        if i < j:
            w = doc.words[j - 1]
            if w in PUNCT_EDGE and not (w in CLOSE_Q and _opens(doc, i, j - 1)) and w != ".":
                j -= 1
                changed = True
            elif w == "." and j - 1 > i and not _abbrev_dot(doc, j - 1):
                j -= 1
                changed = True
        if not changed:
            break
    if i < j and any(has_letter(doc.words[k]) for k in range(i, j)):
        out.append([i, j, typ])


def _closes(doc: Doc, i: int, j: int) -> bool:
    """Does the opening quote at i have a closing quote before j?"""
    return any(doc.words[k] in CLOSE_Q for k in range(i + 1, j))


def _opens(doc: Doc, i: int, k: int) -> bool:
    return any(doc.words[m] in OPEN_Q for m in range(i, k))


def _abbrev_dot(doc: Doc, k: int) -> bool:
    """A dot that belongs to an abbreviation or an initial ("им.", "В.")."""
    prev = doc.words[k - 1] if k > 0 else ""
    return len(prev) <= 3 and has_letter(prev)


def drop_common(doc: Doc, spans: list[list]) -> list[list]:
    """A one-word mention that opens a sentence or line and is an ordinary dictionary word is not a name
    ("Подана первая заявка", "Супруга «оружейного барона»") unless the text uses the word as a name
    elsewhere; a person's mention does not start with a title or an attribute ("Кронпринц Нарухито" →
    "Нарухито", "34-летний ТиДжей" → "ТиДжей")."""
    named = set()
    for i, j, _ in spans:
        if j - i > 1:
            named.update(doc.words[k] for k in range(i, j))
    for k, w in enumerate(doc.words):
        if w[:1].isupper() and not sentence_start(doc, k, colon=True):
            named.add(w)
    starts = {s[0] for s in spans}
    out = []
    for i, j, typ in spans:
        if typ == "PER":
            while j - i > 1 and doc.words[i].lower() not in NAME_PARTICLES and (
                    not doc.words[i][:1].isupper()
                    or (title_word(doc.words[i]) and sentence_start(doc, i))):
                i += 1
        if typ == "PER":
            # a sentence run into the name without its full stop: "цитирует Байдена Он также …"
            while j - i > 1 and _opens_next_sentence(doc, j - 1):
                j -= 1
        if typ == "PER" and any(any(c.isdigit() for c in w) for w in doc.words[i:j]):
            continue
        if typ == "PER" and j - i == 1 and j < doc.n and doc.gap(j) == " " and doc.words[j][:1].isupper() \
                and doc.words[j].isalpha() and not doc.words[j].isupper() and "Name" in proper_tags(doc.words[i]) \
                and j not in starts and not _opens_next_sentence(doc, j):
            j += 1                                  # "Виктор Понедельник": a first name takes the capitalised word after it
        if j - i == 1 and doc.words[i] not in named and sentence_start(doc, i) and common_word(doc.words[i]) \
                and not (i > 0 and doc.words[i - 1] in OPEN_Q):
            continue
        out.append([i, j, typ])
    return out


def _opens_next_sentence(doc: Doc, k: int) -> bool:
    """Token k, the last of a person's span, is a capitalised pronoun, conjunction, particle or preposition
    with no name reading: the start of the next sentence ("… цитирует Байдена Он также …")."""
    w = doc.words[k]
    if not w[:1].isupper() or w.isupper() or w.lower() in NAME_PARTICLES or not common_word(w):
        return False
    # (an ordinary noun may be a surname — "Роман Труба", "Виктор Понедельник" — so only function words)
    return any(p.tag.POS in ("NPRO", "CONJ", "PRCL", "PREP") for p in parses(w)[:1])


@lru_cache(maxsize=50_000)
def title_word(word: str) -> bool:
    """A common word that can stand before a name but not be one: a title, an attribute, a participle."""
    if not common_word(word):
        return False
    for p in parses(word):
        pos = p.tag.POS
        if pos == "NOUN" and "anim" in p.tag:
            continue
        if pos in ("ADJF", "PRTF", "ADJS", "PRTS", "VERB", "NUMR", "ADVB", "NPRO", "PREP", "CONJ", "PRCL"):
            continue
        return False
    return True
