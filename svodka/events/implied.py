"""Parties a clause implies without naming them as its arguments.

    owners(s, t, index)           # the owner of the thing acted on: "отвергли предложение «Газпрома»" → Газпром;
                                  # the one a denied report is about ("опроверг сообщения о болезни X")
    speaking_place(s, t, index)   # "В Киеве назвали …", "В МИД Польши осудили …": the body or state spoken for
    own_offices(source, target)   # "Путин поручил правительству": the orderer's own government
"""
from __future__ import annotations

from ..lang import countries
from ..lang.inflect import _parses
from .actors import ActorIndex
from .party import Actor, state_actor
from .parse import Sentence, Tok


# orders go to one's own offices: "Путин поручил правительству" — the Russian government
ORDERS = {"поручить", "поручать", "приказать", "распорядиться"}


def own_offices(source: list[Actor], target: list[Actor]) -> list[Actor]:
    """An unnamed office given an order is the orderer's country's (as an office of no place is its country)."""
    own = {a.country for a in source if a.country}
    if len(own) != 1:
        return target
    iso3 = own.pop()
    state = countries.by_iso3(iso3)
    out = []
    for a in target:
        head = (a.name.split() or [""])[0].lower()
        lemmas = {p.normal_form for p in _parses(head)} | {head}
        if a.id is None and a.country is None and state is not None and lemmas & OFFICE_WORDS:
            a = Actor(state.name, "LOC", None, iso3)
        out.append(a)
    return out


OFFICE_WORDS = {"правительство", "кабмин", "министерство", "ведомство", "власть", "генпрокуратура", "прокуратура"}


# verbal acts whose unnamed speakers a place can stand for ("В Киеве назвали неприемлемым …")
SAYING_TYPES = {"reject", "criticize", "praise", "accuse", "demand", "statement", "appeal", "threaten"}


def speaking_place(s: Sentence, t: Tok, index: ActorIndex) -> list[Actor]:
    """'В Киеве назвали …', 'В МИД Украины осудили …', 'На Украине отвергли …': the subjectless plural
    speaks for the body or the state the fronted place names (a capital for its country)."""
    for c in s.children(t, "obl"):
        if c.i > t.i or s.case_of(c) not in ("в", "во", "на"):
            continue
        for a in index.actors(s, c, conj=False):
            if a.type == "ORG":
                return [a]
            if a.type == "LOC":
                state = countries.country_named(a.name) or countries.capital_named(a.name)
                if state is not None:
                    return [state_actor(state, index.article)]
    return []


# acts on someone's thing: "отвергли предложение «Газпрома»", "раскритиковал решение Вашингтона"
OWNED_OBJECT_TYPES = {"reject", "criticize", "praise", "accuse", "statement", "fight", "assault"}


def owners(s: Sentence, t: Tok, index: ActorIndex) -> list[Actor]:
    """The named owner of the verb's inanimate object (its genitive): 'предложение «Газпрома»' → Газпром;
    for a statement, the one named actor its object is about ('опровергает сообщения о состоянии здоровья
    Ким Чен Ына' → Ким Чен Ын)."""
    said = [x for c in s.children(t, "ccomp") for x in s.children(c, "nsubj", "nsubj:pass")]
    for o in s.children(t, "obj") + said:     # "заявил, что предложение США неприемлемо": the said subject
        if o.feats.get("Animacy") == "Anim":
            continue
        for g in s.children(o, "nmod"):
            if g.feats.get("Case") == "Gen" and s.case_of(g) is None:
                named = [a for a in index.actors(s, g) if a.named]
                if named:
                    return named
        if t.lemma in DENIALS:
            about: dict[str, Actor] = {}
            layer = [o]
            for _ in range(3):
                layer = [c for x in layer for c in s.children(x, "nmod")]
                for c in layer:
                    for a in index.actors(s, c, conj=False):
                        if a.named:
                            about.setdefault(a.name, a)
            if len(about) == 1:
                return list(about.values())
    return []


# statements whose object is a report about someone: "опроверг сообщения о болезни X"
DENIALS = {"опровергнуть", "опровергать", "отрицать", "подтвердить", "подтверждать"}
