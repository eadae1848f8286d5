"""Which words are triggers: a cheap test of a raw sentence before parsing, the reading of a parsed token.

    candidate(s, table, index) -> bool        # a trigger word form (and the words it needs) — no tagger
    reading(s, t, lemma) -> Trigger | None    # the lexicon reading of a lemma whose conditions hold for t
    dependents(s, t) -> {lemma}               # the words two levels under t, within its clause
    trig_heads(t) -> {lemma}                  # the head verbs a noun trigger names ("оказать помощь")
"""
from __future__ import annotations

from ..lang.inflect import _parses
from .actors import ActorIndex
from .lexicon import BY_LEMMA, PERSON_NOUNS, WORD, Trigger, normal_forms, trigger_lemmas
from .parse import Sentence, Tok


def candidate(s: Sentence, table, index: ActorIndex) -> bool:
    """Cheap: a word form of a trigger lemma (and, for "подписать соглашение"-like readings, one of the
    words they need) — no tokenizer, no tagger."""
    words = None
    for m in WORD.finditer(s.text):
        lemmas = table.get(m.group().lower().replace("ё", "е"))
        if not lemmas:
            continue
        for lemma in lemmas:
            for trig in BY_LEMMA[lemma]:
                if words is None and (trig.needs or trig.need_head or trig.pre or trig.person):
                    words = [w.group() for w in WORD.finditer(s.text)]
                for wanted in (trig.needs | trig.need_head, trig.pre):
                    if wanted and not any(normal_forms(w) & wanted for w in words):
                        break
                else:
                    if not trig.person or _person_in(s, words, index):
                        return True
    return False


def _person_in(s: Sentence, words: list[str], index: ActorIndex) -> bool:
    if any(e.type == "PER" for _, _, e, _ in index.covering(s.field, s.start, s.stop)):
        return True
    return any(normal_forms(w) & PERSON_NOUNS for w in words)


def _pos_ok(t: Tok, trig: Trigger) -> bool:
    tags = {p.tag.POS for p in _parses(t.low)}
    if trig.pos == "N":
        # the tagger sometimes calls a capitalised noun an adjective ("о Геноциде армян")
        return t.pos in ("NOUN", "PROPN") or (t.pos == "ADJ" and "NOUN" in tags and
                                              not tags & {"ADJF", "PRTF", "PRTS", "ADJS"})
    return t.pos in ("VERB", "AUX") or (t.pos == "ADJ" and (t.feats.get("Variant") == "Short" or
                                                           t.feats.get("VerbForm") == "Part" or
                                                           "PRTS" in tags))


def dependents(s: Sentence, t: Tok, depth: int = 2) -> set[str]:
    out: set[str] = set()
    layer = [t]
    for _ in range(depth):
        nxt = []
        for x in layer:
            for c in s.children(x):
                if c.rel in ("conj", "parataxis", "ccomp", "advcl") and x is t:
                    continue
                out |= {c.lemma} | normal_forms(c.text)
                nxt.append(c)
        layer = nxt
    return out


def _participle_as_noun(t: Tok) -> bool:
    """'Обвиняемыми стали …', 'задержанный сообщил' — a full participle naming a person, not an event."""
    full = t.feats.get("VerbForm") == "Part" and t.feats.get("Variant") != "Short"
    return full and not t.rel.startswith("acl") and not t.rel == "amod"


def _bare_attribute(s: Sentence, t: Tok) -> bool:
    """'в оккупированный Симферополь', 'захваченных кораблей': a participle with no word of its own before
    its noun describes the noun's state; 'задержанный после теракта в апреле' or 'похищенных ливийским
    правительством' still tell an act."""
    full = t.feats.get("VerbForm") == "Part" and t.feats.get("Variant") != "Short"
    return full and t.rel == "amod" and t.i < t.head and \
        not any(c.rel not in ("punct", "advmod", "cc") for c in s.children(t))


def reading(s: Sentence, t: Tok, lemma: str) -> Trigger | None:
    for trig in BY_LEMMA.get(lemma, ()):
        if not _pos_ok(t, trig):
            continue
        if trig.pos == "V" and (_participle_as_noun(t) or _bare_attribute(s, t)):
            continue
        if trig.main_only and t.rel == "xcomp":
            continue
        if trig.complement and not any(c.pos == "VERB" for c in s.children(t, "xcomp", "ccomp", "obj")):
            continue
        deps = None
        if trig.said:
            # the said clause's predicate, unless negated ("заявил, что не считает их незаконными")
            said = [c for c in s.children(t, "ccomp") if not any(
                x.low in ("не", "ни") for x in s.toks[min(t.i, c.i):c.i])]
            deps = {w for c in said for w in {c.lemma} | normal_forms(c.text)}
        elif trig.needs or trig.exclude:
            deps = dependents(s, t, trig.reach)
        if trig.needs and not (deps & trig.needs):
            continue
        if trig.need_head:
            head = s.toks[t.head] if t.head >= 0 else None
            chain = [head] + ([s.toks[head.head]] if head is not None and head.head >= 0 else [])
            if not any(h is not None and ({h.lemma} | normal_forms(h.text)) & trig.need_head for h in chain):
                continue
        if trig.exclude and deps & trig.exclude:
            return None
        return trig
    return None


def trig_heads(t: Tok) -> frozenset[str]:
    """The head verbs a noun trigger names itself ("подтвердили настрой", "оказать помощь")."""
    out: set[str] = set()
    for lemma in trigger_lemmas(t.text) | {t.lemma}:
        for trig in BY_LEMMA.get(lemma, ()):
            out |= trig.need_head
    return frozenset(out)
