"""Who does it: the subject of a trigger verb, read from the parse, with its fallbacks.

    subjects(s, verb, index)     # (actors of the subject, passive?) — through "должен был встретиться" to the
                                 # governing verb; a stray nominative before the verb when the parser gave none
    parsed_subjects(s, verb, index)  # the same, from the parse alone (no fallback)
    object_as_subject(s, verb)   # "Шоу … раскритиковали": the singular inanimate "subject" of a plural verb
    window(s, t)                 # the tokens of t's clause between punctuation
"""
from __future__ import annotations

from ..lang import countries
from .actors import ActorIndex
from .party import Actor
from .parse import Sentence, Tok, active_participle

BOUNDARY = {",", ";", ":", "—", "–", "(", ")", "«", "»", "\"", "."}
GROUP_NOUNS = {"полиция", "власть", "правительство", "суд", "прокуратура", "министерство", "мид", "армия",
               "оппозиция", "парламент", "администрация", "ведомство", "служба", "комитет", "спецслужба",
               "силовик", "руководство", "кабинет", "кремль", "белый", "сторона", "минобороны", "мвд", "фсб",
               "войско", "флот", "спецназ", "гвардия", "ополчение", "группировка", "коалиция", "милиция", "мэрия",
               "избирком", "горизбирком", "совет", "дума"}


COUNTS = {"тысяча", "сотня", "десяток", "миллион", "множество", "ряд", "большинство", "часть", "несколько",
          "половина", "треть", "группа", "толпа", "пара"}


def window(s: Sentence, t: Tok) -> list[Tok]:
    """The tokens of t's stretch of the sentence: up to the nearest punctuation on either side."""
    lo = t.i
    while lo > 0 and s.toks[lo - 1].text not in BOUNDARY and s.toks[lo - 1].low not in ("что", "который", "чтобы"):
        lo -= 1
    hi = t.i
    while hi + 1 < len(s.toks) and s.toks[hi + 1].text not in BOUNDARY:
        hi += 1
    return s.toks[lo:hi + 1]


def _fallback_subject(s: Sentence, verb: Tok, index: ActorIndex) -> list[Actor]:
    """A nominative the parser hung elsewhere ("посол … встретился", "прибудут дочь Лиза и мать Раиса")."""
    if verb.pos != "VERB" or verb.feats.get("VerbForm") not in ("Fin", None) or \
            verb.feats.get("Voice") == "Pass" or verb.feats.get("Variant") == "Short":
        return []
    number = verb.feats.get("Number")
    win = window(s, verb)
    ids = {x.i for x in win}
    cands = [x for x in win if x is not verb and x.pos in ("NOUN", "PROPN") and x.feats.get("Case") == "Nom"
             and (x.feats.get("Animacy") == "Anim" or x.lemma in GROUP_NOUNS or
                  any(h[2].type in ("PER", "ORG") or (h[2].type == "LOC" and countries.country_named(h[2].name))
                      for h in index.covering(s.field, x.start, x.stop)))
             and not s.children(x, "case") and not (x.head in ids and s.toks[x.head].feats.get("Case") == "Nom"
                                                   and s.toks[x.head].pos in ("NOUN", "PROPN"))]
    if not cands:
        return []
    before = [x for x in cands if x.i < verb.i]
    after = [x for x in cands if x.i > verb.i]
    if number == "Sing":
        pick = [before[-1]] if before else [after[0]] if after else []
        pick = [x for x in pick if x.feats.get("Number") in ("Sing", None)]
    else:
        pick = (before or after)
        if len(pick) == 1 and pick[0].feats.get("Number") == "Sing" and not s.children(pick[0], "conj"):
            return []
    out: list[Actor] = []
    for x in pick:
        out += index.actors(s, x)
    return out


PLACE_RELATIVES = {"где", "куда", "откуда", "когда"}


COMPLEMENTIZERS = {"что", "чтобы", "будто", "якобы"}


def subjects(s: Sentence, verb: Tok, index: ActorIndex) -> tuple[list[Actor], bool]:
    """(actors of the subject, passive?) — through 'должен был встретиться' to the governing verb."""
    acts, passive = parsed_subjects(s, verb, index)
    if not acts and not passive:
        acts = _fallback_subject(s, verb, index)
    return acts, passive


def object_as_subject(s: Sentence, v: Tok) -> Tok | None:
    """"Шоу Victoria's Secret раскритиковали": a singular noun the parser made the subject of a plural verb
    with no other subject is its object (an inanimate accusative looks nominative; the verb is impersonal)."""
    subj = s.children(v, "nsubj")
    if v.feats.get("Number") != "Plur" or len(subj) != 1 or s.children(v, "obj"):
        return None
    c = subj[0]
    if c.pos not in ("NOUN", "PROPN") or not _one_thing(s, c) or \
            any(n.feats.get("Number") == "Plur" for n in s.children(c, "nmod")):
        return None         # ("тысячи сторонников вышли": a count of people is their subject)
    return c


def _one_thing(s: Sentence, c: Tok) -> bool:
    """A singular inanimate nominal that is no group, count or coordination: it cannot be the subject of a
    plural verb."""
    return c.feats.get("Number") == "Sing" and c.feats.get("Animacy") != "Anim" and c.lemma not in GROUP_NOUNS \
        and c.lemma not in COUNTS and not s.children(c, "conj", "nummod", "nummod:gov")


def inverted(s: Sentence, v: Tok) -> tuple[Tok, Tok] | None:
    """"Киев также осудят ЕС и США": (subject, object) of a plural verb whose parsed subject is a singular
    name before it and whose parsed object is a coordination of indeclinable names after it — the object
    first, as Russian may put it; the verb agrees with the pair."""
    subj, objs = s.children(v, "nsubj"), s.children(v, "obj")
    if v.feats.get("Number") != "Plur" or len(subj) != 1 or len(objs) != 1:
        return None
    c, o = subj[0], objs[0]
    if not (c.i < v.i < o.i) or not _one_thing(s, c):
        return None
    pair = [o] + s.children(o, "conj")
    if len(pair) < 2 or not all(x.pos == "PROPN" and (x.text.isupper() or x.feats.get("Case") in ("Nom", None))
                                 or x.text.isupper() for x in pair):
        return None
    return o, c


def parsed_subjects(s: Sentence, verb: Tok, index: ActorIndex) -> tuple[list[Actor], bool]:
    v = verb
    for _ in range(3):
        subj = s.children(v, "nsubj", "nsubj:pass")
        if object_as_subject(s, v) is not None:
            subj = []
        if v is not verb and verb.rel == "conj" and verb.head == v.i:
            # "Толедо сбежал в США, власти Перу добиваются …": a subject the parser hung on the first verb,
            # standing between it and the joined one, is the joined verb's own
            own = [c for c in subj if v.i < c.i < verb.i]
            subj = own or subj
        marks = [c.i for c in s.children(v, "mark") if c.lemma in COMPLEMENTIZERS]
        if marks and len(subj) > 1:
            # "Министерство … выступило с заявлением, что боевики освободили …": a subject before the
            # clause's "что" is the outer clause's, hung here by the parser
            subj = [c for c in subj if c.i > min(marks)] or subj
        if len(subj) > 1 and any(c.i < v.i for c in subj):
            # two subjects are a misparse: "полиция задержала граждан, среди них двое сотрудников агентства"
            # — the second, after the object, belongs to the object's group
            subj = [c for c in subj if c.i < v.i]
        if len(subj) > 1:
            # "Полански через своего адвоката Эрве Темиме отверг": a name right after a noun of another
            # role is that noun's apposition, not a second subject
            subj = [c for c in subj if not (c.i > 0 and s.toks[c.i - 1].pos == "NOUN" and
                                            s.toks[c.i - 1].rel in ("obl", "nmod", "obj"))] or subj
        if subj:
            passive = any(c.rel == "nsubj:pass" for c in subj) or v.feats.get("Voice") == "Pass"
            if v is not verb and verb.rel == "xcomp" and verb.head == v.i:
                passive = False     # "был вынужден подать жалобу", "обязан выплатить": he files it
            elif v is not verb and verb.rel == "conj":
                # "США обеспокоены … и призывают": the shared subject, in the trigger verb's own voice
                passive = verb.feats.get("Voice") == "Pass" or verb.feats.get("Variant") == "Short"
            acts = []
            for c in subj:
                acts += index.actors(s, c)
            return acts, passive
        if v.rel.startswith("acl") and v.head >= 0 and active_participle(v):
            # "КГБ, инициировавший расследования": an active participle's subject is the noun it qualifies
            return index.actors(s, s.toks[v.head]), False
        if v.rel.startswith("acl") and any(c.lemma in PLACE_RELATIVES for c in s.children(v, "advmod", "obl")):
            break           # "посетит Киев, где проведет переговоры": the place is no party to them
        if v.rel in ("xcomp", "conj", "acl", "advcl") and v.head >= 0:
            v = s.toks[v.head]
            continue
        if v.rel.startswith("acl") and v.head >= 0:
            return index.actors(s, s.toks[v.head]), False
        break
    return [], verb.feats.get("Voice") == "Pass" or verb.feats.get("Variant") == "Short"
