"""Screens: words that name an act without telling one happened.

    names_no_act(s, t)                  # checked before a trigger is read: an offence a charge is about
                                        # ("обвинили в убийстве"), a state named by a participle
                                        # ("на оккупированных территориях")
    not_happening(s, t, pos, type)      # checked on a draft: an exemption ("освободили от уроков"), a
                                        # purpose ("чтобы открыть огонь"), a hypothetical ("в случае
                                        # нападения"), a thought ("идеей убить"), a plea ("просила 17 лет")
"""
from __future__ import annotations

import re

from ..lang.inflect import _parses
from .parse import Sentence, Tok


def names_no_act(s: Sentence, t: Tok) -> bool:
    if t.pos == "NOUN" and _charge_ground(s, t):
        return True
    # "на оккупированных Израилем территориях": a passive participle before a thing names its state
    return t.rel in ("amod", "acl") and t.head > t.i and t.pos in ("VERB", "ADJ") and \
        s.toks[t.head].feats.get("Animacy") == "Inan" and _passive_participle(t)


def not_happening(s: Sentence, t: Tok, pos: str, type_: str) -> bool:
    if type_ == "release" and pos == "V" and any(
            s.case_of(c) == "от" and c.lemma not in ("наказание", "заключение", "арест")
            for c in s.children(t, "obl")):
        return True             # "освободили от уроков", "от уплаты": an exemption, not a release
    if pos == "V" and any(c.lemma in ("чтобы", "дабы", "если", "ежели") for c in s.children(t, "mark")):
        return True             # "чтобы открыть огонь …", "если их задержат …": a purpose, a condition
    if pos == "V" and t.rel == "xcomp" and t.head >= 0 and s.toks[t.head].lemma in ASKING:
        return True             # "потребовал возбудить дело": the demand is the act, not the case
    if pos == "N" and t.head >= 0 and any(c.lemma in ("чтобы", "дабы") for c in s.children(s.toks[t.head], "mark")):
        return True             # "требовал, чтобы Украина инициировала расследование": asked for, not done
    if s.text.rstrip().endswith("?") and not s.text.lstrip().startswith(("«", "\"", "—", "–")):
        return True             # "Когда произошло ДТП?": a question asserts nothing
    if pos == "N" and t.head >= 0 and s.toks[t.head].lemma == "случай" and \
            s.case_of(s.toks[t.head]) in ("в", "на"):
        return True             # "в случае нападения на колонну": a hypothetical
    if pos == "V" and t.head >= 0 and t.rel in ("acl", "nmod", "xcomp") and \
            s.toks[t.head].pos == "NOUN" and s.toks[t.head].lemma in IDEA_NOUNS:
        return True             # "одержим идеей убить", "план захватить": a thought
    # "прокурор попросила приговорить к 20 годам": a plea in court, not a demand
    return type_ == "demand" and SENTENCE_ASKED.search(s.text[t.stop - s.start:]) is not None


# (asking with "просить" is coded as a demand for the act itself: modality.REQUESTS)
ASKING = {"потребовать", "требовать", "призвать", "призывать", "настаивать", "настоять", "предложить",
          "предлагать", "умолять", "упрашивать", "обязать", "обязывать",
          # a threatened act is the threat's content ("пригрозили убить заложников")
          "пригрозить", "угрожать", "грозить", "грозиться", "пригрозиться"}


def _passive_participle(t: Tok) -> bool:
    if t.feats.get("VerbForm") == "Part":
        return t.feats.get("Voice") == "Pass"
    return any(p.tag.POS == "PRTF" and "pssv" in p.tag for p in _parses(t.low))


# heads whose "в/за/о/к …" names the offence a charge, a suspicion, a sentence or a case is about
CHARGE_HEADS = {"обвинить", "обвинять", "обвинение", "обвиняемый", "обвиняться", "подозрение", "подозревать",
                "подозреваемый", "подозреваться", "причастность", "причастный", "соучастие", "дело", "приговорить",
                "осудить", "срок", "приговор", "наказание", "виновный", "статья", "уличить", "заподозрить"}
COMPLAINTS = {"жалоба", "апелляция", "иск", "кассация", "жаловаться", "пожаловаться", "обжалование"}
PUNISHING = {"задержать", "арестовать", "оштрафовать", "наказать", "посадить", "судить", "отбывать", "осуждать",
             "преследовать", "уволить", "исключить", "лишить"}


def _charge_ground(s: Sentence, t: Tok) -> bool:
    """'обвинили в убийстве X', 'по подозрению в подготовке покушения', 'срок за нападение', 'дело об
    аресте': the offence a legal act is about — that act is the event; the offence is its content. The
    parser may hang the offence on the accused ("обвинила футболиста … в убийстве"): two heads up."""
    x, prep = t, s.case_of(t)
    for _ in range(3):
        if x.head < 0:
            return False
        h = s.toks[x.head]
        here = s.case_of(x) or prep
        if here in ("в", "во", "за", "о", "об", "к") and h.lemma in CHARGE_HEADS:
            return True
        if here == "за" and (h.lemma in PUNISHING or any(c.lemma in CHARGE_HEADS for c in s.children(h, "obj"))):
            return True                 # "задержан за нападение", "получил срок за убийство"
        if here == "на" and h.lemma in COMPLAINTS:
            return True                 # "жалоба на арест": the complaint is the act, the arrest what it is about
        if h.pos not in ("NOUN", "PROPN") or (x is not t and s.case_of(x) is not None):
            return False
        x, prep = h, here
    return False


IDEA_NOUNS = {"идея", "мысль", "мечта", "желание", "план", "замысел", "намерение", "фантазия", "цель", "задача",
              "призыв", "предложение", "требование", "просьба", "указание", "поручение", "способ", "возможность",
              "право", "решение", "приказ"}
SENTENCE_ASKED = re.compile(r"^\W*(?:\w+\W+){0,4}?(?:приговор\w*|\d+\s+(?:год|лет)|срок\w*|лишени\w+ свободы|"
                            r"пожизненн\w+|наказани\w+)", re.I)
