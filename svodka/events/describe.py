"""A descriptive actor in the nominative: the head noun phrase of a nominal the article does not name
("граждан Азербайджана" → "граждане Азербайджана", "властями Латвии" → "власти Латвии").
"""
from __future__ import annotations

from pymorphy2.analyzer import Parse

from ..lang.inflect import _parses, _restore_case
from .parse import Sentence, Tok


def _inflect(t: Tok, number: str | None, gender: str | None) -> str:
    """One word of the head phrase to the nominative, keeping its number (pymorphy, guided by the tagger)."""
    want_pos = {"NOUN": ("NOUN",), "PROPN": ("NOUN",), "ADJ": ("ADJF", "PRTF")}.get(t.pos, ())
    parses = [p for p in _parses(t.text.lower()) if p.tag.POS in want_pos] or list(_parses(t.text.lower()))
    if not parses:
        return t.text
    grams = {"nomn", "plur" if number == "Plur" else "sing"}
    if number != "Plur" and gender and t.pos == "ADJ":
        grams.add({"Masc": "masc", "Fem": "femn", "Neut": "neut"}.get(gender, "masc"))
    for p in parses:
        form = Parse.inflect(p, grams)
        if form is not None:
            return _restore_case(form.word, t.text)
    return t.text


POSSESSIVE_WORDS = {"его", "ее", "её", "их", "свой", "своя", "свое", "свои", "своего", "своей", "своих", "своим",
                    "наш", "наша", "наше", "наши", "наших", "нашим", "мой", "моя", "мои", "ваш", "ваши", "твой"}


def describe(s: Sentence, tok: Tok) -> str:
    """A descriptive actor in the nominative: 'граждан Азербайджана' → 'граждане Азербайджана',
    'властями Латвии' → 'власти Латвии'; prepositional phrases and clauses are left out."""
    keep = {tok.i}
    stop = ("acl", "acl:relcl", "parataxis", "conj", "cc", "punct", "case")

    def walk(x: Tok) -> None:
        for c in s.children(x):
            if c.rel in stop or c.rel.split(":")[0] in stop or s.children(c, "case") or c.i in keep:
                continue
            keep.add(c.i)
            walk(c)

    for c in s.children(tok):
        if c.low in POSSESSIVE_WORDS:
            continue                   # "его администрация", "наши дипломаты": whose, not who
        if c.rel in ("amod", "det") and c.i < tok.i:
            keep.add(c.i)
        elif c.rel in ("nmod", "appos", "flat", "flat:name", "flat:foreign") and c.i > tok.i and \
                not s.children(c, "case"):
            keep.add(c.i)
            walk(c)
    toks = [t for t in s.toks if t.i in keep]
    # contiguous run around the head only
    run = [tok]
    for t in reversed([t for t in toks if t.i < tok.i]):
        if t.i == run[0].i - 1:
            run.insert(0, t)
    for t in [t for t in toks if t.i > tok.i]:
        if t.i == run[-1].i + 1 or (t.i == run[-1].i + 2 and s.toks[t.i - 1].text in "«»\""):
            run.append(t)
        else:
            break
    while len(run) > 1 and run[-1].i > tok.i and (run[-1].pos in ("NUM", "DET", "ADP", "CCONJ", "PUNCT") or
                                                 run[-1].text in "«»\""):
        run.pop()                      # "житель одного [из сел]": no dangling numeral
    number = tok.feats.get("Number")
    gender = tok.feats.get("Gender")
    words = []
    prev_stop = None
    for t in run:
        w = _inflect(t, number, gender) if t.i <= tok.i else t.text
        if t.i == run[0].i and t.i == 0 and t.pos != "PROPN" and w[:1].isupper() and not w[1:2].isupper():
            w = w[0].lower() + w[1:]
        gap = s.text[prev_stop - s.start:t.start - s.start] if prev_stop is not None else ""
        words.append((gap if gap.strip() else (" " if prev_stop is not None else "")) + w)
        prev_stop = t.stop
    return "".join(words).strip()
