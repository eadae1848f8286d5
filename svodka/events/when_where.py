"""When and where: the date and the place of a draft, read inside the trigger's clause.

    read_date(d, previous, times, pub)   # EDTF date and where it came from (Draft.date_from)
    read_place(d, index)                 # a LOC entity name, with its mention as evidence
    refine_meeting(code, place, source, target, article)   # 040 → 042/043/044 from where a meeting was

Date: a time expression inside the trigger's clause (article.times), a month adjective on the noun
("октябрьская встреча"), the date of the previous sentence's event for "Тогда …"/"также", an open
interval ending at the publication date for "ранее", else the publication date for past and present tense
(the day's news) and none for the future; a yearless date of a future event is the next one.
Place: a LOC entity after в/во/на in the prepositional case (or под + instrumental, or "на площади X",
"в центре X") inside the clause; for a visit also "в" + accusative, the destination.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..lang.calendar import MONTH_ADJECTIVES
from ..model import Article, Mention
from ..nlp.speech import SPEECH_LEMMAS
from .actors import ActorIndex
from .party import Actor, place_country
from .draft import Draft
from .modality import future
from .parse import Sentence, Tok, gerund

CLAUSE_STOPS = ("ccomp", "advcl", "parataxis", "conj", "csubj")
BEFORE = re.compile(r"\b(?:ранее|прежде|до этого|в прошлом)\b", re.I)
CONTEXT = re.compile(r"^\s*(?:тогда|тогда же|в тот (?:же )?день|при этом|в результате|там же)\b|"
                     r"\b(?:также|тоже)\b", re.I)
LOCATIVE = {"в", "во", "на"}
NEAR = {"под", "подо"}
BESIDE = {"у", "близ", "возле", "около"}     # with the genitive: "у Актау"
PLACE_NOUNS = {"площадь", "улица", "район", "город", "село", "деревня", "поселок", "область", "край", "аэропорт",
               "центр", "окрестность", "пригород", "столица", "провинция", "штат", "округ", "регион", "республика",
               "вблизи", "порт", "территория", "граница", "окраина", "районе"}
MONTH_ADJ = {adjective: i + 1 for i, adjective in enumerate(MONTH_ADJECTIVES)}      # "октябрьский" → 10


def _tree(s: Sentence, t: Tok, own_acl: bool = True) -> set[int]:
    """t's subtree within its clause: no subordinate or coordinated verbs, but nominal conjuncts stay
    ("в октябре, в Питтсбурге")."""
    out, todo = {t.i}, [t]
    while todo:
        x = todo.pop()
        for c in s.children(x):
            if c.i in out:
                continue
            base = c.rel.split(":")[0]
            if base in CLAUSE_STOPS and not (base == "conj" and c.pos in ("NOUN", "PROPN")):
                continue
            if base == "acl" and (x is not t or not own_acl):
                # "после того, как летом …", "кризиса, начавшегося летом": the time of another clause
                continue
            out.add(c.i)
            todo.append(c)
    return out


def _clause(d: Draft) -> set[int]:
    s, t = d.sent, d.tok
    ids = _tree(s, t)
    if d.trigger.pos == "N" and t.head >= 0:
        h = s.toks[t.head]
        if h.pos in ("VERB", "AUX", "ADJ") and t.rel in ("nsubj", "obj", "obl", "nsubj:pass", "xcomp"):
            ids.add(h.i)
            for c in s.children(h):
                if c is not t and c.rel in ("obl", "advmod", "nmod"):
                    ids |= _tree(s, c, own_acl=False)     # "после того, как летом …" is another clause
                if c.rel == "xcomp" and t.rel.startswith("nsubj"):
                    # "встреча должна состояться 9 декабря": the time of the verb the subject's head governs
                    for x in s.children(c):
                        if x.rel in ("obl", "advmod"):
                            ids |= _tree(s, x, own_acl=False)
    if d.trigger.pos == "N":
        # "встрече …, которая состоялась в октябре в Душанбе" where the parser hung the relative
        # clause on another noun: "которая" agrees with the trigger noun, so the clause is its
        gender, number = t.feats.get("Gender"), t.feats.get("Number")
        for x in s.toks:
            if x.i <= t.i or x.lemma != "который" or x.head < 0 or x.i in ids:
                continue
            verb = s.toks[x.head]
            if not verb.rel.startswith("acl") or verb.head < 0:
                continue
            host = s.toks[verb.head]
            if x.feats.get("Number") != number or (gender and x.feats.get("Gender") not in (gender, None)):
                continue
            if host.feats.get("Number") == x.feats.get("Number") and \
                    host.feats.get("Gender") == x.feats.get("Gender"):
                continue
            ids |= _tree(s, verb)
    return ids


NEWS_FIELDS = ("title", "alt_titles[0]", "lead", "body[0]")


ANCHOR = re.compile(r"\b(?:в ходе|во время|по итогам|в рамках)\s+(?:телефонного\s+)?(разговора|беседы|встречи|"
                    r"переговоров|визита)\b", re.I)
ANCHOR_TYPES = {"разговора": ("call",), "беседы": ("call", "meet"), "встречи": ("meet",),
                "переговоров": ("meet", "call"), "визита": ("visit", "meet")}


def _host_time(s: Sentence, host: Tok, times: dict[str, list], takes) -> tuple | None:
    """The time expression among the host verb's adverbials (those ``takes(child, host)`` allows)."""
    shared: set[int] = set()
    for c in s.children(host):
        if c.rel in ("obl", "advmod") and takes(c, host):
            shared |= _tree(s, c, own_acl=False)
    for te in times.get(s.field, ()):
        toks = [x for x in s.toks if x.start < te.stop and te.start < x.stop]
        if toks and s.start <= te.start and te.stop <= s.stop and all(x.i in shared for x in toks):
            return (0, te)
    return None


def read_date(d: Draft, previous: list[Draft], times: dict[str, list], pub: str | None,
              told: list[Draft] = ()) -> None:
    s, t = d.sent, d.tok
    clause = _clause(d)
    best = None
    for te in times.get(s.field, ()):
        if te.start < s.start or te.stop > s.stop:
            continue
        toks = [x for x in s.toks if x.start < te.stop and te.start < x.stop]
        if not toks or not any(x.i in clause for x in toks):
            continue
        dist = min(abs(x.i - t.i) for x in toks)
        if best is None or dist < best[0]:
            best = (dist, te)
    verb = t if d.trigger.pos == "V" else (s.toks[t.head] if t.head >= 0 and t.rel in ("obj", "obl") else None)
    if best is None and verb is not None and verb.rel == "conj" and 0 <= verb.head < verb.i:
        # "В 2017 году он приехал в Италию, но его арестовали", "… подал запрос, но получил отказ": a clause
        # joined to the one before shares its time when it names none of its own
        best = _host_time(s, s.toks[verb.head], times, lambda c, host: c.i < host.i)
    if best is None and verb is not None and verb.rel == "advcl" and verb.head >= 0 and gerund(verb):
        # "Полиция в 2008 году задержала его, обвинив в краже": an adverbial participle's act happens
        # when its clause's does
        best = _host_time(s, s.toks[verb.head], times, lambda c, host: c is not verb)
    if best is None and d.type in ("accident", "disaster") and not _background(d) and \
            not any(x.rel.split(":")[0] in CLAUSE_STOPS + ("acl",) and x.pos in ("VERB", "AUX") for x in s.toks):
        # a one-clause accident sentence the parser split oddly: its time is the accident's
        for te in times.get(s.field, ()):
            if s.start <= te.start and te.stop <= s.stop:
                best = (0, te)
                break
    if best is not None:
        te = best[1]
        d.date, d.date_from = _ahead(te.value, te.text, d, pub), "text"
        before = s.text[:max(0, te.start - s.start)].rstrip().lower()
        if re.search(r"(?:^|\s)до$", before) and "/" not in d.date and not (d.modality in ("intent", "future")
                                                                           or future(d)):
            d.date = "../" + d.date     # "под арестом до 8 января": an act before that day, not on it
        d.evidence.append(Mention(te.field, te.start, te.stop, te.text, "time"))
        d.confidence += 0.1
        return
    for c in s.children(t, "amod"):
        month = MONTH_ADJ.get(c.lemma)
        if month and pub:
            y, m = int(pub[:4]), int(pub[5:7])
            d.date, d.date_from = f"{y if month <= m else y - 1}-{month:02d}", "month-adjective"
            d.evidence.append(Mention(s.field, c.start, c.stop, c.text, "time"))
            return
    anchor = ANCHOR.search(s.text[:max(0, t.start - s.start)])
    if anchor:
        # "в ходе разговора Путин поздравил …": the call told before, and its date
        kinds = ANCHOR_TYPES[anchor.group(1).lower()]
        host = next((p for p in reversed(list(told)) if p.type in kinds and p.date), None)
        if host is not None:
            d.date, d.date_from = host.date, "context"
            return
    if CONTEXT.search(s.text[:max(0, t.start - s.start)] + " ") and previous:
        # "в ходе разговора …": the act told before, with its date (also the article's for the news itself)
        dated = [p for p in previous if p.date_from in ("text", "month-adjective", "context", "article")]
        if dated:
            d.date, d.date_from = dated[-1].date, "context"
            return
    if future(d):
        return
    # with no time of its own, only the news the article opens with happened on its date; an act told in
    # the background ("после крушения", "ранее его задерживали") gets no date rather than the article's
    if pub and s.field in NEWS_FIELDS and not _background(d):
        if BEFORE.search(s.text):
            d.date, d.date_from = f"../{pub}", "before"
        else:
            d.date, d.date_from = pub, "article"


# a happening named as the ground of the news, not as the news: "после крушения", "из-за катастрофы",
# "на фоне теракта", "годовщина аварии", "расследование убийства"
BACKGROUND_PREPOSITIONS = {"после", "из-за", "до", "вследствие", "ввиду", "спустя"}
BACKGROUND_HEADS = {"фон", "годовщина", "память", "расследование", "последствие", "жертва", "дело", "разбирательство"}


def _background(d: Draft) -> bool:
    if d.trigger.pos != "N":
        return False
    s, t = d.sent, d.tok
    if any(c.lemma in BACKGROUND_PREPOSITIONS for c in s.children(t, "case")):
        return True
    return t.head >= 0 and s.toks[t.head].pos == "NOUN" and s.toks[t.head].lemma in BACKGROUND_HEADS


def _ahead(value: str, text: str, d: Draft, pub: str | None) -> str:
    """A yearless date of a future or intended event is the next one, not the last ("встретятся в мае")."""
    if not pub or re.search(r"\d{4}", text) or not re.match(r"^\d{4}-\d\d", value) or "/" in value:
        return value
    if not (d.modality in ("intent", "future") or future(d)):
        return value
    if value[:10] < pub[:len(value[:10])]:
        if WEEKDAY.search(text) and len(value) == 10:
            # "во вторник" of a future act: the coming one, a week on from the last
            return (date.fromisoformat(value) + timedelta(days=7)).isoformat()
        return str(int(value[:4]) + 1) + value[4:]
    return value


WEEKDAY = re.compile(r"понедельник|вторник|сред[уаы]|четверг|пятниц|суббот|воскресень", re.I)

# --- place ------------------------------------------------------------------------------------------


def read_place(d: Draft, index: ActorIndex) -> None:
    s, t = d.sent, d.tok
    clause = _clause(d)
    cands = []
    for x in s.toks:
        for start, stop, e, kind in index.covering(s.field, x.start, x.stop):
            if e.type != "LOC" or kind in ("adjective", "metonymy") or start != x.start:
                continue
            case = x.feats.get("Case")
            k = x.i - 1
            while k >= 0 and s.toks[k].pos == "ADJ" and s.toks[k].feats.get("Case") == x.feats.get("Case"):
                k -= 1                      # "в армянском Гаваре"
            if k >= 0 and s.toks[k].lemma in PLACE_NOUNS and x.feats.get("Case") in ("Gen", "Nom", None):
                k -= 1                      # "на площади Тяньаньмэнь", "в центре Москвы"
                while k >= 0 and s.toks[k].pos == "ADJ":
                    k -= 1
                case = "Loc"
            prev = s.toks[k].low if k >= 0 else ""
            ok = (prev in LOCATIVE and case in ("Loc", None)) or (prev in NEAR and case in ("Ins", None)) or \
                (prev in BESIDE and case in ("Gen", None))
            visit = d.code in ("042", "036") and prev in ("в", "во", "на") and case == "Acc"   # "поездка на Донбасс"
            if not (ok or visit):
                continue
            if d.trigger.pos == "V" and d.type in TOPIC_TYPES and _of_the_object(s, t, x):
                continue            # "обсудили ситуацию в Украине": where the topic is, not the talk
            inside = x.i in clause
            if not inside and (d.type not in ("accident", "disaster", "protest") or _said_where(s, x)):
                continue            # "как сообщили в Кремле": where it was said, not where it happened
            cands.append((0 if inside else 1, abs(x.i - t.i), e, start, stop))
    if d.code in ("042", "036") and d.trigger.pos == "V":
        for c in s.children(t, "obj"):
            for start, stop, e, kind in index.covering(s.field, c.start, c.stop):
                if e.type == "LOC" and kind not in ("adjective",):
                    cands.append((-1, 0, e, start, stop))
    if cands:
        cands.sort(key=lambda c: (c[0], c[1]))
        d.place = cands[0][2].name
        _, _, e, a, b = cands[0]
        d.evidence.append(Mention(s.field, a, b, s.text[a - s.start:b - s.start], "place"))
        if d.code == "042" and not d.target:
            d.target = [index.actor(cands[0][2])]


# acts about something (a topic, a decision, a deed) whose object may carry a place of its own
TOPIC_TYPES = {"meet", "call", "statement", "criticize", "praise", "accuse", "reject", "demand", "appeal"}


def _of_the_object(s: Sentence, t: Tok, x: Tok) -> bool:
    """The place hangs on the verb's object ("ситуацию в Украине"), not on the verb."""
    h = s.toks[x.head] if x.head >= 0 else None
    return h is not None and x.rel.startswith("nmod") and h.i != t.i and h.rel == "obj" and h.head == t.i


def _said_where(s: Sentence, x: Tok) -> bool:
    return any(a.pos == "VERB" and a.lemma in SPEECH_LEMMAS for a in s.ancestors(x)[:2])


def refine_meeting(code: str | None, place: str | None, source: list[Actor], target: list[Actor],
                   article: Article | None = None) -> str | None:
    """A meeting's 040 from where it was: 044 a place neither side is from, 043 the source's own country
    (it hosts), 042 the target's (the source visits); unchanged when a country is unknown."""
    if code != "040" or not place:
        return code
    where = place_country(place, article)
    src = {a.country for a in source if a.country}
    tgt = {a.country for a in target if a.country}
    if not where or not src or not tgt or len(src) != len([a for a in source]) or \
            len(tgt) != len([a for a in target]):
        return code
    if where not in src | tgt:
        return "044"
    if where in src and where not in tgt:
        return "043"
    if where in tgt and where not in src:
        return "042"
    return code
