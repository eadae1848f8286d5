"""Modality: is the event a fact, a claim, an intent, a future event, or negated?

    read_modality(d, quotes)        # negated ("не встретились"), future ("встретятся", "предстоящая встреча"),
                                    # claim (reported speech: "заявил, что …", "по данным", "якобы", a quote)
    future(d)                       # is the trigger in the future tense or under "предстоящий"/"должен"?
    apply_intents(s, drafts, index) # "договорились провести встречу", "намерены" → intent

A future or intended event gets the intended variant of its CAMEO code (svodka.cameo.intended).
"""
from __future__ import annotations

import re

from .. import cameo as codes
from .actors import ActorIndex
from .subjects import subjects
from .draft import Draft
from .lexicon import CONTACTS, COOPERATION, normal_forms
from .parse import Sentence

INTENT_GOVERNORS = {"планировать", "собираться", "намереваться", "намерен", "хотеть", "пообещать", "обещать",
                    "решить", "готовый", "готов", "договориться", "условиться", "согласиться", "предложить",
                    "намеренный", "рассчитывать", "стремиться", "надеяться", "добиться", "добиваться", "пытаться",
                    "попытаться", "стараться"}
# perfective past of these: the act was achieved ("добились задержания")
ACHIEVED = {"добиться", "суметь", "удаться"}
# asking for an act is a demand of it ("попросила приговорить"); "потребовать" is a demand trigger itself
REQUESTS = {"просить", "попросить", "запросить"}
# an act under a ban or a refusal did not happen: "запрет на экстрадицию", "отказ в освобождении"
NEGATION_GOVERNORS = {"запрет", "запретить", "запрещать", "отказ", "отказать", "отказывать", "отмена", "отменить",
                      "приостановить", "приостановка", "отказаться", "отказываться"}
FUTURE_GOVERNORS = {"должен", "должный", "мочь", "смочь", "предстоять"}
# "встреча запланирована на 9 декабря", "визит намечен на весну": an event put on the calendar
SCHEDULING = {"запланировать", "планироваться", "наметить", "намечать", "намечаться", "назначить", "ожидаться",
              "предстоять"}
FUTURE_ADJ = {"предстоящий", "будущий", "запланированный", "планируемый", "грядущий"}
CLAIM = re.compile(r"\b(?:по (?:данным|словам|информации|сообщени\w+|мнению|версии|утверждению)|якобы|"
                   r"предположительно|как (?:сообщ|заяв|утвержда|рассказ|отмет|пиш|переда)\w*)\b", re.I)
SPEECH_VERBS = {"заявить", "сообщить", "сказать", "утверждать", "рассказать", "отметить", "подчеркнуть",
                "добавить", "пояснить", "уверять", "считать", "полагать", "предположить", "написать",
                "сообщать", "заявлять", "говорить", "уточнить", "признать", "напомнить", "объявить"}


FUTURE_BE = {"буду", "будешь", "будет", "будем", "будете", "будут"}


def future(d: Draft) -> bool:
    s, t = d.sent, d.tok
    verbs = [t] if d.trigger.pos == "V" else []
    if d.trigger.pos == "N":
        h = s.toks[t.head] if t.head >= 0 else None
        if any(c.lemma in FUTURE_ADJ for c in s.children(t, "amod")):
            return True
        if any(c.lemma == "очередной" for c in s.children(t, "amod")) and \
                not (h is not None and h.feats.get("Tense") == "Past"):
            return True             # "очередной саммит пройдет", not "случилась очередная авария"
        if h is not None and t.rel.startswith("nsubj") and h.lemma in FUTURE_GOVERNORS | SCHEDULING and \
                (h.feats.get("Tense") != "Past" or h.feats.get("VerbForm") == "Part") and \
                not any(c.lemma == "быть" and c.feats.get("Tense") == "Past" for c in s.children(h)):
            return True             # "встреча должна состояться", "визит запланирован на май"
        if h is not None and h.pos in ("VERB", "AUX"):
            verbs.append(h)
    for v in verbs:
        if v.feats.get("Tense") == "Fut":
            return True
        if any(c.lemma == "быть" and (c.feats.get("Tense") == "Fut" or c.low in FUTURE_BE)
               for c in s.children(v, "aux")):      # the tagger often leaves "будет" without a tense
            return True
        if v.rel == "xcomp" and v.head >= 0:
            g = s.toks[v.head]
            if g.lemma in FUTURE_GOVERNORS and g.feats.get("Tense") in ("Pres", "Fut", None) and \
                    not any(c.lemma == "быть" and c.feats.get("Tense") == "Past" for c in s.children(g)):
                return True
            if g.feats.get("Tense") == "Fut":
                return True
    return False


PREVENTING = {"помешать", "мешать", "препятствовать", "воспрепятствовать", "остановить"}


def _negated(d: Draft) -> bool:
    s, t = d.sent, d.tok
    nodes = [t]
    if d.trigger.pos == "N" and t.head >= 0 and s.toks[t.head].pos in ("VERB", "AUX"):
        if s.toks[t.head].lemma in ENDING:
            return False                    # "акция не прекращается": it goes on
        nodes.append(s.toks[t.head])
    if t.rel == "xcomp" and t.head >= 0 and s.toks[t.head].lemma not in PREVENTING:
        nodes.append(s.toks[t.head])        # "не помешало ему напасть": not prevented — it happened
    for n in nodes:
        if any(c.low in ("не", "ни") for c in s.children(n, "advmod", "advmod:neg", "neg", "discourse")):
            return True
        if n.i > 0 and s.toks[n.i - 1].low == "не":
            return True
    return False


def _claim(d: Draft, quotes: dict[str, list]) -> bool:
    s, t = d.sent, d.tok
    for q in quotes.get(s.field, ()):
        if not (q.start <= t.start and t.stop <= q.stop):
            continue
        if q.kind == "direct":
            return True
        outside = s.text[:max(0, q.start - s.start)] + s.text[max(0, q.stop - s.start):]
        if len(re.findall(r"\w+", outside)) >= 2 and q.start >= s.start and q.stop <= s.stop:
            return True
    if CLAIM.search(s.text):
        return True
    for m in re.finditer(r"«([^«»]+)»", s.text):
        a, b = s.start + m.start(1), s.start + m.end(1)
        if a <= t.start and t.stop <= b and len(m.group(1).split()) >= 3:
            return True
    for anc in s.ancestors(t)[:4]:
        if anc.lemma in SPEECH_VERBS:
            return True
        if anc.lemma in SPEECH_NOUNS and any(c.lemma in ("что", "будто") for c in s.children(t, "mark")):
            return True     # "выступило с заявлением, что боевики освободили …": their word for it
    return False


# a happening that does not end goes on: "акция протеста не прекращается", "бои не утихают"
ENDING = {"прекращаться", "прекратиться", "заканчиваться", "закончиться", "утихать", "утихнуть", "стихать",
          "стихнуть", "завершаться", "завершиться", "останавливаться", "остановиться"}
SPEECH_NOUNS = {"заявление", "сообщение", "утверждение", "информация", "данные", "версия", "слух", "обвинение"}


def read_modality(d: Draft, quotes: dict[str, list]) -> None:
    """negated, else intent (already set), else future, else claim, else fact; the confidence it costs."""
    if _negated(d) and d.code == "015":
        d.code = "016"                  # "вину не признал": he denies it, as a fact
        return
    if _negated(d):
        d.modality = "negated"
        d.confidence -= 0.05
        return
    if d.modality == "intent":
        return
    if future(d):
        d.modality = "future"
        d.code = codes.intended(d.code) if d.code else None
        return
    if _claim(d, quotes):
        d.modality = "claim"
        d.confidence -= 0.05


def apply_intents(s: Sentence, drafts: list[Draft], index: ActorIndex) -> None:
    """An intent head ("договорились", "намерены") makes the triggers of its complement intended events, or
    itself a planned meeting (036) or cooperation (030) when its complement names one."""
    heads = [d for d in drafts if d.trigger.intent_head]
    for h in heads:
        comp = []
        for c in s.children(h.tok):
            if c.rel in ("xcomp", "obj", "ccomp") or (c.rel in ("obl", "nmod") and s.case_of(c) in
                                                      ("о", "об", "на", "про")):
                comp += s.subtree(c)
        if h.trigger.pos == "N":
            for c in s.children(h.tok, "nmod", "obl", "acl"):
                if c.rel == "acl" and c.feats.get("Tense") == "Past":
                    continue        # "договоренности, достигнутые на встрече": where they came from, done
                comp += s.subtree(c)
        comp_ids = {x.i for x in comp}
        inner = [d for d in drafts if d is not h and d.tok.i in comp_ids]
        if inner:
            for d in inner:
                d.governed = True
                d.modality = "intent"
                if not d.actors or (d.trigger.frame == "sym" and len(d.actors) < 2):
                    d.source, d.target = list(h.source), list(h.target)
                d.anaphoric = d.anaphoric and not d.actors
                d.code = codes.intended(d.code) if d.code else d.code
            h.code = None           # the head itself is no event
            continue
        lemmas = set()
        for x in comp:
            lemmas |= {x.lemma} | normal_forms(x.text)
        if lemmas & CONTACTS:
            h.type, h.code = "meet", "036"
            h.modality = "intent"
            h.governed = True
        elif lemmas & COOPERATION:
            h.type, h.code = "intent", "030"
            h.modality = "intent"
            h.governed = True
        else:
            h.code = None
    # triggers under "планируют/намерены/собираются/пообещал …" that are not in the lexicon
    for d in drafts:
        if d.governed:
            continue
        for anc in s.ancestors(d.tok)[:3]:
            if anc.lemma in NEGATION_GOVERNORS and d.tok.rel in ("xcomp", "obj", "obl", "nmod"):
                d.governed, d.modality = True, "negated"
                if not d.source and anc.pos == "VERB" and d.tok.head == anc.i:
                    # "Глава МИД Германии отменил визит в Донбасс": who cancelled is who would have gone
                    d.source = subjects(s, anc, index)[0]
                break
            if anc.lemma in ACHIEVED and anc.feats.get("Aspect") == "Perf" and anc.feats.get("Tense") == "Past":
                d.governed = True   # "добились задержания", "сумели освободить": it happened
                break
            if anc.lemma in REQUESTS and d.tok.rel in ("xcomp", "obj", "ccomp", "obl", "nmod"):
                # "прокурор попросила приговорить …", "потребовали ареста": asking for the act is a demand
                d.governed, d.modality = True, "fact"
                d.type, d.code = "demand", "100"
                d.source = subjects(s, anc, index)[0]
                break
            if anc.lemma in INTENT_GOVERNORS and d.tok.rel in ("xcomp", "obj", "ccomp", "obl", "nmod"):
                d.governed, d.modality = True, "intent"
                d.code = codes.intended(d.code) if d.code else None
                if not d.source:
                    d.source = subjects(s, anc, index)[0]
                break
            if anc.rel not in ("xcomp", "obj", "obl", "nmod"):
                break
