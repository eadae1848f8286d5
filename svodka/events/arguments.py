"""Source and target actors of a trigger, read from the parse.

    verb_actors(d, index)        # subject / object / "с"-partner / passive agent of a verb trigger
    noun_actors(d, index)        # genitive, "между X и Y", "с X", "против X", country adjectives of a noun
                                 # trigger; with none of its own, the subject of the verb it hangs on
    (the subject of a verb: subjects.py)
    animate_target(d, index)     # is the one acted on a person or a group ("задержали граждан")?
    animate_name(s, actor)       # is a descriptive actor headed by a person or group noun?
    purpose(s, t)                # "с целью убийства" — a purpose, not a happening

Passives and impersonal plurals leave the source unknown ("задержали граждан" → target only); symmetric
events split their participants into the first (source) and the others (target).
"""
from __future__ import annotations

from ..lang.inflect import _parses
from .actors import ActorIndex
from .party import Actor
from .draft import Draft
from .lexicon import normal_forms
from .parse import Sentence, Tok
from .implied import OWNED_OBJECT_TYPES, ORDERS, SAYING_TYPES, owners, own_offices, speaking_place
from .subjects import GROUP_NOUNS, inverted, object_as_subject, parsed_subjects, subjects, window
from .triggers import trig_heads

SUPPORT_VERBS = {
    "провести", "проводить", "устроить", "устраивать", "организовать", "организовывать", "совершить", "совершать",
    "осуществить", "осуществлять", "начать", "начинать", "вести", "продолжить", "продолжать", "нанести", "наносить",
    "оказать", "оказывать", "предоставить", "предоставлять", "направить", "направлять", "выделить", "выделять",
    "передать", "передавать", "объявить", "возбудить", "прибыть", "приехать", "прилететь", "отправиться",
    "участвовать", "принять", "завершить", "закончить", "учинить", "инициировать", "предпринять", "готовить",
    "подготовить", "планировать", "договориться", "условиться", "совершать", "выйти", "возглавить", "иметь",
    "отправить", "доставить", "поставить", "ввести", "вводить", "пригрозить", "потребовать", "добиться",
    "выступить", "находиться", "пребывать", "нанести", "прийти", "собраться", "заниматься", "заняться",
    "оставить", "оставлять", "распорядиться", "распоряжаться"}
# prepositional frames under which a noun shares the clause's subject: "в ходе визита X договорился"
FRAMES = {"в ходе", "во время", "в рамках", "по итогам", "после", "накануне", "перед", "на", "по завершении",
          "по окончании", "по результатам", "в период", "с"}
# prepositions of a noun the clause is about, not one its subject carries out
ABOUT_PREPS = {"в связи с", "из-за", "по поводу", "за", "против", "несмотря на", "вследствие",
               "благодаря", "по делу о", "в ответ на"}
# the subject undergoes the act the noun names ("попал под обстрел", "получил отказ")
UNDERGO = {"попасть", "подвергнуться", "пострадать", "оказаться", "находиться", "оставаться", "содержаться",
           "получить", "получать", "отбывать", "отбыть", "остаться"}
S_PARTNER = (("с", "Ins"), ("со", "Ins"))


def _targets(s: Sentence, t: Tok, spec, index: ActorIndex) -> list[Actor]:
    out: list[Actor] = []
    found: list[tuple[Tok, list[Actor]]] = []
    for c in s.children(t):
        if c.pos not in ("NOUN", "PROPN", "PRON", "NUM"):
            continue
        prep = s.case_of(c)
        case = c.feats.get("Case")
        for p, want in spec:
            if p is None and want == "Acc" and c.rel == "obj" and prep is None:
                pass
            elif p is None and want == "Dat" and (c.rel == "iobj" or (case == "Dat" and prep is None and
                                                                      c.rel in ("obl", "obj"))):
                pass
            elif p is not None and prep == p and c.rel in ("obl", "obj", "nmod", "iobj") and \
                    (case == want or case is None or p in ("против", "от", "на", "с")):
                pass
            else:
                continue
            found.append((c, index.actors(s, c)))
            break
    if not found and ((None, "Acc") in spec):
        # an accusative the parser hung elsewhere ("принимает в Белом доме своего коллегу Саркози")
        for x in window(s, t):
            if x.i > t.i and x.pos in ("NOUN", "PROPN") and x.feats.get("Case") == "Acc" and \
                    not s.children(x, "case") and x.rel not in ("flat", "flat:name", "appos", "conj"):
                found.append((x, index.actors(s, x)))
                break
    objects = [c for c, _ in found if c.rel == "obj" and s.case_of(c) is None]
    if len(objects) > 1:
        # a verb has one direct object: a second one the parser hung here belongs to a clause in between
        # ("задержала террориста X, воевавшего за организацию «Исламское государство»")
        found = [(c, acts) for c, acts in found if c not in objects[1:]]
    # a mis-attached inanimate object ("носил характер … поздравил Алиева") gives way to a person
    if any(a.named or c.feats.get("Animacy") == "Anim" for c, acts in found for a in acts):
        found = [(c, acts) for c, acts in found
                 if any(a.named for a in acts) or c.feats.get("Animacy") == "Anim"]
    for _, acts in found:
        out += acts
    # "в отношении X", "против X"
    for c in s.children(t, "obl", "nmod"):
        if c.lemma == "отношение" and s.case_of(c) == "в":
            for g in s.children(c, "nmod"):
                out += index.actors(s, g)
        elif s.case_of(c) in ("в отношении", "против") and not any(c is x for x, _ in found):
            out += index.actors(s, c)
    return out


def verb_actors(d: Draft, index: ActorIndex) -> None:
    s, t, trig = d.sent, d.tok, d.trigger
    if t.feats.get("VerbForm") == "Part" and t.feats.get("Variant") != "Short" and t.head >= 0 and \
            (t.rel.startswith("acl") or t.rel == "amod"):
        # "задержанного в Гродно журналиста": the noun a passive participle qualifies is the target,
        # "напавший на кассира мужчина": the one an active participle qualifies is the source
        head = index.actors(s, s.toks[t.head], conj=False)
        if t.feats.get("Voice") == "Pass":
            d.target = head
            for c in s.children(t, "obl"):
                if c.feats.get("Case") == "Ins" and s.case_of(c) is None and c.pos in ("NOUN", "PROPN"):
                    d.source = index.actors(s, c)
        else:
            d.source = head
            d.target = _targets(s, t, trig.target, index) if trig.target else []
        return
    subj, passive = subjects(s, t, index)
    if trig.subject_is_target:
        d.target = subj
        if not subj and t.feats.get("Number") == "Sing" and t.feats.get("VerbForm") in (None, "Fin"):
            # "После чего сдался полицейскому": the person just named, of the verb's gender
            near = index.previous_person(s, t, t.feats.get("Gender"), strict_gender=True)
            d.target = [near] if near else []
        if ((None, "Dat"),) == tuple(trig.target):
            d.source = _targets(s, t, trig.target, index)   # "сдался полиции": the police took him
        return
    if trig.frame == "sym":
        partners = _targets(s, t, S_PARTNER, index)
        # "мы с премьер-министром провели": the partner hangs on the subject
        for c in s.children(t, "nsubj"):
            for n in s.children(c, "nmod"):
                if s.case_of(n) == "с":
                    partners += index.actors(s, n)
        if not subj and not partners:
            subj = index.sides() if _impersonal(t) else []
        if subj and not partners and t.lemma in ("обсудить", "обсуждать") and \
                any(o.lemma in PROPOSALS for o in s.children(t, "obj")):
            # "Нафтогаз намерен обсудить предложение «Газпрома»": a proposal is talked over with its owner
            partners = [a for a in owners(s, t, index) if a.type != "LOC" and a.name not in {x.name for x in subj}]
        d.source, d.target = _split_parties(subj, partners)
        return
    if passive and trig.frame != "pat":
        d.target = subj
        if not subj and trig.anim and not s.children(t, "nsubj", "nsubj:pass") and t.feats.get("Number") == "Sing":
            # "После отстранения от власти арестован новыми властями": the person the text is telling of,
            # named just before, of the participle's gender
            near = index.previous_person(s, t, t.feats.get("Gender"), strict_gender=True)
            d.target = [near] if near else []
        if trig.needs and any(({c.lemma} | normal_forms(c.text)) & trig.needs for c in
                              s.children(t, "nsubj", "nsubj:pass")):
            # "Буту были предъявлены обвинения": the subject is the noun of the compound
            d.target = _targets(s, t, ((None, "Dat"),) + tuple(trig.target), index)
        for c in s.children(t, "obl"):
            if c.feats.get("Case") == "Ins" and s.case_of(c) is None and c.pos in ("NOUN", "PROPN"):
                d.source = index.actors(s, c)
                break
        if not d.source and d.type in ("arrest", "convict", "release") and t.lemma not in DETAINING:
            d.source = index.the_court()    # "Кокорин и Мамаев осуждены": by the one court the article names
        if not d.source:
            # "в Следственном комитете Армении возбуждено дело": the body it happened in did it
            for c in s.children(t, "obl"):
                if s.case_of(c) in ("в", "во") and c.pos in ("NOUN", "PROPN"):
                    orgs = [a for a in index.actors(s, c) if a.type == "ORG"]
                    if orgs:
                        d.source = orgs
                        break
    else:
        d.source = subj
        if not subj and trig.type in SAYING_TYPES and t.feats.get("Number") == "Plur" and \
                not s.children(t, "nsubj", "nsubj:pass"):
            d.source = speaking_place(s, t, index)
        d.target = _targets(s, t, trig.target, index) if trig.target else []
        misread = object_as_subject(s, t)
        if misread is not None and not d.target and (None, "Acc") in trig.target:
            d.target = index.actors(s, misread)
        swap = inverted(s, t) if (None, "Acc") in trig.target else None
        if swap is not None:
            d.source, d.target = index.actors(s, swap[0]), index.actors(s, swap[1])
        if t.lemma in ORDERS:
            d.target = own_offices(d.source, d.target)
        if trig.type == "demand" and not d.target:
            # "добиваются экстрадиции Толедо", "требуют освобождения Голунова": the one the demanded act is for
            for o in s.children(t, "obj", "obl"):
                if s.case_of(o) is None and ({o.lemma} | normal_forms(o.text)) & DEMANDED_ACTS:
                    d.target = [a for g in s.children(o, "nmod") if g.feats.get("Case") in ("Gen", "Acc")
                                and s.case_of(g) is None for a in index.actors(s, g) if a.named]
                    break
        if trig.type in OWNED_OBJECT_TYPES and not any(a.named for a in d.target):
            d.target = owners(s, t, index) or d.target
    if trig.needs and not d.target:
        # "ввела санкции против X", "возбудил дело в отношении X": the target hangs on the noun
        for c in s.children(t, "obj", "obl", "nmod"):
            if ({c.lemma} | normal_forms(c.text)) & trig.needs:
                d.target = _targets(s, c, trig.target + (("против", "Gen"),), index) or d.target


PROPOSALS = {"предложение", "инициатива", "оферта"}
DEMANDED_ACTS = {"экстрадиция", "освобождение", "отставка", "выдача", "арест", "наказание", "увольнение",
                 "депортация", "задержание"}
# held by the police or the border guards, not by a court: no court of the article is their agent
DETAINING = {"задержать", "задерживать", "схватить", "поймать", "захватить", "похитить"}


def purpose(s: Sentence, t: Tok) -> bool:
    """'с целью убийства', 'в целях обстрела', 'для переговоров' — a purpose, not a happening."""
    for x in [t] + s.ancestors(t)[:2]:
        if s.case_of(x) in ("с целью", "в целях", "для") or x.lemma == "цель":
            return True
    return False


def animate_name(s: Sentence, a: Actor) -> bool:
    """A descriptive actor headed by a person or group noun ("боевики", "полиция", "власти Латвии"),
    not by a thing ("высказывания Наото Кана"): the first word that can be a noun decides."""
    for w in a.name.split()[:4]:
        parses = _parses(w.lower().strip("«»\"()"))
        if not parses:
            continue
        if parses[0].tag.POS in ("ADJF", "PRTF", "NUMR", "NPRO") and w[:1].islower():
            continue
        nouns = [p for p in parses if p.tag.POS == "NOUN"]
        if not nouns:
            continue
        return any("anim" in p.tag or p.normal_form.replace("ё", "е") in GROUP_NOUNS for p in nouns)
    return False


def _impersonal(t: Tok) -> bool:
    return t.feats.get("Variant") == "Short" or t.feats.get("Number") == "Plur" or \
        t.feats.get("Gender") == "Neut" or t.pos == "ADJ"


def _split_parties(first: list[Actor], second: list[Actor]) -> tuple[list[Actor], list[Actor]]:
    allp: list[Actor] = []
    for a in first + second:
        if a.name not in {x.name for x in allp}:
            allp.append(a)
    if not second and len(allp) >= 2:
        return allp[:1], allp[1:]
    return [a for a in allp if a.name in {x.name for x in first}] or allp[:1], \
        [a for a in allp if a.name not in {x.name for x in first}] if first else allp[1:]


def noun_actors(d: Draft, index: ActorIndex) -> None:
    s, t, trig = d.sent, d.tok, d.trigger
    own: list[Actor] = []          # genitive / "между"
    partners: list[Actor] = []     # "с X"
    targets: list[Actor] = []      # "на X", "против X", "в отношении X"
    deps = s.children(t, "nmod", "obl", "appos")
    if not deps:
        for c in s.children(t, "conj"):
            if c.pos == "NOUN":
                deps = s.children(c, "nmod")
                break
    for c in deps:
        prep = s.case_of(c)
        if prep is None and (c.feats.get("Case") == "Gen" or c.feats.get("Case") == "Acc" and
                             c.feats.get("Animacy") == "Anim"):
            own += index.actors(s, c)   # (an animate genitive is often tagged accusative: "критике Жерара")
        elif prep == "между":
            own += index.actors(s, c)
        elif prep in ("с", "со"):
            partners += index.actors(s, c)
        elif prep in ("на", "против") and trig.type in ("assault", "fight", "protest", "threaten", "investigate",
                                                        "sanction", "accuse", "release"):
            targets += index.actors(s, c)
        elif prep == "в" and c.lemma == "отношение":
            for g in s.children(c, "nmod"):
                targets += index.actors(s, g)
        elif prep == "в отношении":
            targets += index.actors(s, c)
        elif prep in ("в", "во") and trig.code == "042" and c.feats.get("Case") == "Acc":
            targets += index.actors(s, c)
    # adjectives naming countries: "российско-азербайджанские переговоры"
    adj: list[Actor] = []
    for c in s.children(t, "amod"):
        for h in index.covering(s.field, c.start, c.stop):
            if h[3] == "adjective":
                adj.append(index.actor(h[2]))
    # external arguments: the verb the noun hangs on
    verb = index.climb(s, t)
    if verb is not None and not _support(s, t, verb, trig.type):
        verb = None
    ext_subj: list[Actor] = []
    ext_dat: list[Actor] = []
    sides_subject = False
    if verb is not None and t.rel not in ("nsubj", "nsubj:pass"):
        ext_subj, passive = subjects(s, verb, index)
        if passive:
            ext_subj = []
        if verb.lemma in UNDERGO:        # "колонна попала под обстрел": the subject is the target
            targets, ext_subj = targets + ext_subj, []
        # "стороны провели переговоры": the parties told before — unless the subject names them
        sides_subject = any(c.lemma in ("сторона", "лидер", "президент") and c.feats.get("Number") == "Plur"
                            and not s.children(c, "appos") for c in s.children(verb, "nsubj"))
        ext_dat = _targets(s, verb, ((None, "Dat"),), index) if trig.type in ("praise", "aid", "threaten", "statement",
                                                                               "charge") else []
    if trig.frame == "sym" and not (own or adj or ext_subj) and partners and t.head >= 0 and \
            t.rel in ("nsubj", "nsubj:pass"):
        # "у него запланированы встречи с Зеленским и Гончаруком": the one who has the meetings
        for c in s.children(s.toks[t.head], "obl"):
            if s.case_of(c) == "у":
                own = [a for a in index.actors(s, c) if a.type == "PER" and a.name not in {p.name for p in partners}]
                break
    if trig.frame == "sym":
        first = own or adj or ext_subj
        if own and ext_subj and not partners and len(own) == 1:
            partners = own
            first = ext_subj
        if (not first and not partners) or (verb is not None and verb.lemma == "присоединиться") or \
                (sides_subject and not own and not partners and not adj and trig.type in ("call", "meet")):
            d.anaphoric = True
            first, partners = [], []
            if _sides_word(s, t):
                first = index.sides()
        d.source, d.target = _split_parties(first, partners)
    elif trig.gen == "source":
        d.source = own or ext_subj
        d.target = targets or ext_dat
        if trig.code == "042" and not d.source:
            d.anaphoric = True
    elif trig.gen == "target":
        d.target = own + targets
        d.source = ext_subj
    else:
        d.source = ext_subj
        d.target = targets or ext_dat
    if trig.frame != "sym" and not d.target and verb is not None and trig.type in DIRECTED_TYPES:
        # "составил протокол в отношении Twitter": the one the act is against hangs on the verb
        for c in s.children(verb, "obl"):
            if s.case_of(c) == "в отношении" or (s.case_of(c) == "в" and c.lemma == "отношение"):
                for g in ([c] if s.case_of(c) == "в отношении" else s.children(c, "nmod")):
                    d.target += index.actors(s, g)
    if trig.frame != "sym" and not d.target and verb is not None and t.rel in ("obl", "iobj") and \
            _light(t, verb):
        # "отправил депутата под арест", "взяли X под стражу", "подвергли X критике": the verb's object
        for o in s.children(verb, "obj"):
            d.target += index.actors(s, o)
        if trig.type in OWNED_OBJECT_TYPES and not any(a.named for a in d.target):
            d.target = owners(s, verb, index) or d.target      # "подверг критике политику Трампа"


# acts done *to* someone: whoever the clause around "во время задержания" is about is no agent of it
# ("во время задержания X скончался", "во время нападения прихожане молились")
DIRECTED_TYPES = {"arrest", "release", "assault", "accuse", "sanction", "seize", "deport", "investigate",
                  "convict", "criticize", "threaten", "mass_violence", "reject"}


def _light(t: Tok, verb: Tok) -> bool:
    """A light verb of the noun: one that carries out or undergoes what it names ("провести встречу",
    "попасть под обстрел", "оказать помощь")."""
    return verb.lemma in SUPPORT_VERBS or verb.lemma in UNDERGO or verb.lemma in trig_heads(t)


def _support(s: Sentence, t: Tok, verb: Tok, kind: str = "") -> bool:
    """May the verb a noun hangs on lend it its subject? 'провели встречу', 'в ходе визита X …',
    'прибыл с визитом' — yes; 'говоря о геноциде', 'осудил убийство', 'во время задержания X умер' — no."""
    x = t
    while x is not verb and x.head >= 0:
        if s.case_of(x) in ABOUT_PREPS:
            return False    # "возбудил дело в связи с акцией протеста", "задержан за участие в митинге"
        x = s.toks[x.head]
    if _light(t, verb):
        return True
    if kind in DIRECTED_TYPES:
        return False
    x = t
    while x is not verb and x.head >= 0:
        if s.case_of(x) in FRAMES:
            return True
        x = s.toks[x.head]
    return False


def _sides_word(s: Sentence, t: Tok) -> bool:
    return any(x.lemma in ("сторона", "лидер", "президент") and x.feats.get("Number") == "Plur"
               for x in s.toks)


def animate_target(d: Draft, index: ActorIndex) -> bool:
    s, t = d.sent, d.tok
    heads = []
    for c in s.children(t, "obj", "nsubj:pass", "nmod"):
        heads.append(c)
    if d.trigger.pos == "V":
        subj, passive = parsed_subjects(s, t, index)
        if passive or d.trigger.subject_is_target:
            heads += s.children(t, "nsubj")
        if passive and not s.children(t, "nsubj", "nsubj:pass") and not d.target:
            return True          # "арестован новыми властями": the arrested one is elided, a person
    objects = s.children(t, "obj") if d.trigger.pos == "V" else []
    if objects and all(o.pos == "NOUN" and o.feats.get("Animacy") == "Inan" and o.lemma not in GROUP_NOUNS and
                       not index.covering(s.field, o.start, o.stop) for o in objects):
        return False            # "похитили картины Рембрандта": a thing, whoever's it is
    if any(a.type in ("PER", "ORG") for a in d.target):
        return True
    if d.type == "appeal" and any(a.type == "LOC" and a.named for a in d.target):
        return True             # "призвал Запад", "призвал США": an appeal to a state
    for h in heads:
        if h.feats.get("Animacy") == "Anim" or h.pos == "PRON" or h.lemma in GROUP_NOUNS:
            return True             # ("призвали стороны", "призвал правительство": groups of people)
        if h.pos == "NUM" or any(c.pos == "NUM" or c.rel.startswith("nummod") for c in s.children(h)):
            if h.feats.get("Animacy") == "Anim" or h.lemma in ("человек",):
                return True
    return False
