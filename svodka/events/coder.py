"""The coder: trigger sentences → event drafts with actors, date, place, modality and casualties.

    Coder(article).drafts() -> [Draft]

Steps, per article:
  1. split every field into sentences (razdel) and keep those with a trigger word form (triggers.candidate,
     a set lookup);
  2. parse only those (Natasha's morphology and syntax, one batch);
  3. per trigger token: the reading whose conditions hold (triggers.reading, lexicon.py), then
     - actors from the parse (arguments.py): subject / object / "с"-partner / "между X и Y" / genitive of
       a noun; a nominal with no actors of its own borrows them from the verb it hangs on ("в ходе визита
       X …"); passives and impersonal plurals leave the source unknown ("задержали граждан" → target only);
     - intents (modality.apply_intents): "договорились провести встречу", "намерены";
     - date and place (when_where.py), inside the trigger's clause;
     - modality (modality.py): negated, intent, future, claim, else fact;
     - casualties (casualties.py) from the sentence, or the next one when it opens with "Тогда"/"При этом"/
       "В результате";
     - confidence: 0.6 for a verb, 0.5 for a noun, +0.1 for a date read from the text, −0.05 for a claim or
       a negation (merge.py adds 0.1 when the event has actors and 0.05 per further report; 0.05..0.95).
  4. drop what is no event: an intent head without a cooperative complement, a meeting with fewer than two
     participants (one with a place will do), a nominal with nothing of its own — which merge.py may still
     attach to an earlier event of its type as one more report.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Article, Mention
from ..lang.inflect import _parses
from ..lang.actor_roles import role_of
from ..lang.people import office_holder
from .actors import ActorIndex
from .party import coded
from .arguments import animate_name, animate_target, noun_actors, purpose, verb_actors
from .subjects import GROUP_NOUNS
from .casualties import casualties, read_casualties
from ..cameo import SYMMETRIC_TYPES
from .draft import Draft
from .attributed import attributed
from .lexicon import BY_LEMMA, PERSON_NOUNS, VEHICLES, Trigger, forms, has_trigger, normal_forms, trigger_lemmas
from .modality import apply_intents, read_modality
from .parse import Sentence, Tok, parse, sentences
from .screens import names_no_act, not_happening
from .triggers import candidate, dependents, reading
from .when_where import read_date, read_place

# A "sentence" longer than this is a list, a table or garbage run together, not one report; the
# parse and the argument search grow faster than linearly with its length (30 000 characters:
# 34 s), so it is not coded. News sentences stay far below it.
MAX_EVENT_SENTENCE_CHARS = 4000
THING_TARGETS = {"assault", "fight", "seize", "sanction", "protest", "investigate", "reject", "mass_violence",
                 "criticize"}
SPORT = re.compile(r"\b(?:ринг\w*|боксер\w*|боксёр\w*|нокаут\w*|раунд\w*|чемпион\w*|поединк\w*|"
                   r"карьер\w*|UFC|MMA|бойцовск\w*|единоборств\w*|матч\w*|турнир\w*)", re.I)
ACTORLESS = {"accident", "disaster", "protest", "military_posture", "fight", "assault", "mass_violence",
             "investigate", "arrest", "seize", "deport", "release"}


# a sentence to prison ("к восьми годам колонии строгого режима", "лишения свободы")
PRISON = re.compile(r"лишени\w* свободы|колони\w*|тюрьм\w*|заключени\w*|строгого режима|общего режима"
                    r"|пожизненн\w*|\bарест\w*"
                    # "осуждены на полтора года", "приговорен к пяти годам": a term, unless suspended
                    r"|\b(?:на|к)\s+(?:\d+|полтор\w+|дв\w+|тр\w+|четыр\w+|пят\w+|шест\w+|сем\w+|восьм\w+|"
                    r"девят\w+|десят\w+)\s+(?:год\w*|лет|месяц\w*)\b(?![^.]{0,40}условн)", re.I)


class Coder:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.index = ActorIndex(article)
        self.times: dict[str, list] = {}
        for t in article.times:
            self.times.setdefault(t.field, []).append(t)
        self.quotes: dict[str, list] = {}
        for q in article.quotes:
            self.quotes.setdefault(q.field, []).append(q)
        self.parsed = 0
        self.pub = article.published if article.published and re.match(r"^\d{4}-\d\d-\d\d$",
                                                                       article.published) else None

    # --- entry -------------------------------------------------------------------------------------
    def drafts(self) -> list[Draft]:
        sents = sentences(self.article, has_trigger)
        table = forms()
        chosen = [k for k, s in enumerate(sents)
                  if len(s.text) <= MAX_EVENT_SENTENCE_CHARS and candidate(s, table, self.index)]
        parse([sents[k] for k in chosen])
        self.parsed = len(chosen)           # sentences that went through the tagger and the parser
        out: list[Draft] = []
        self.told: list[Draft] = []          # the acts told so far, for "в ходе разговора …"
        previous: dict[int, list[Draft]] = {}
        for k in chosen:
            s = sents[k]
            made = self._sentence(s, previous.get(k - 1, []) if k > 0 and sents[k - 1].field == s.field else [])
            nxt = sents[k + 1] if k + 1 < len(sents) and sents[k + 1].field == s.field else None
            for d in made:
                read_casualties(d, nxt)
            previous[k] = made
            out += made
            self.told += made
        for d in attributed(self.article, self.index):
            read_date(d, [], self.times, self.pub, self.told)
            read_place(d, self.index)
            out.append(d)
        return out

    # --- one sentence -----------------------------------------------------------------------------
    def _sentence(self, s: Sentence, previous: list[Draft]) -> list[Draft]:
        found: list[tuple[Tok, Trigger]] = []
        for t in s.toks:
            if any(kind in ("name", "alias") and (b - a) > (t.stop - t.start)
                   for a, b, _, kind in self.index.covering(s.field, t.start, t.stop)):
                continue        # a word inside a longer name: "Движение за освобождение Азавада", "Фрэнки Бой"
            if names_no_act(s, t):
                continue        # an offence charged, a state named by a participle: no act told
            lemmas = set(trigger_lemmas(t.text))
            if t.lemma in BY_LEMMA:
                lemmas.add(t.lemma)
            for lemma in sorted(lemmas):
                trig = reading(s, t, lemma)
                if trig is not None:
                    found.append((t, trig))
                    break
        drafts: list[Draft] = []
        for t, trig in found:
            d = self._draft(s, t, trig)
            if d is not None:
                drafts.append(d)
        # "выразил протест", "предъявили обвинение": the verb's draft already codes the act its object names
        verbs = {d.tok.i for d in drafts if d.trigger.pos == "V" and not d.trigger.intent_head}
        drafts = [d for d in drafts if not (d.trigger.pos == "N" and d.tok.rel == "obj" and d.tok.head in verbs)]
        # "акция протеста": one act named by two nouns of its kind
        kinds = {(d.tok.i, d.type) for d in drafts}
        drafts = [d for d in drafts if not (d.trigger.pos == "N" and d.tok.rel == "nmod" and
                                            (d.tok.head, d.type) in kinds)]
        apply_intents(s, drafts, self.index)
        for d in drafts:
            read_date(d, previous, self.times, self.pub, self.told)
            read_place(d, self.index)
            read_modality(d, self.quotes)
            if d.tok.lemma in CONSENTING:
                d.modality = "fact"         # "не согласовала": the refusal is the act (the agreed ones are dropped)
        # "получит тюремный срок": a term foretold is no act of anyone's (a threat is told by "грозит")
        drafts = [d for d in drafts if not (d.tok.lemma in TERMS and d.modality in ("future", "intent"))]
        # "Если мы вернемся, нас убьют": a future act on a condition, by no one named, is a supposition
        # (by a named actor it is a threat: "если …, Россия введет санкции")
        drafts = [d for d in drafts if not (d.modality == "future" and _on_condition(s, d.tok) and
                                            not any(a.named for a in d.source))]
        kept = [d for d in drafts if _keep(d, self.article)]
        for d in kept:
            if d.trigger.pos == "N" and _document_cited(s, d.tok):
                d.anaphoric = True      # "в поздравлении президента говорится": the act told before, quoted
        kept = [x for d in kept for x in _per_speaker(d)]
        for d in kept:
            if d.type in ("call", "meet") and len(d.actors) >= 2 and d.modality in ("fact", "claim"):
                self.index.parties = [a for a in d.actors]
        return kept

    # --- one trigger ------------------------------------------------------------------------------------
    def _draft(self, s: Sentence, t: Tok, trig: Trigger) -> Draft | None:
        if _spoken_by_someone_unnamed(s, t):
            return None
        d = Draft(trig, s, t, trig.type, trig.code, order=(s.index, t.start))
        deps = dependents(s, t)
        for lemmas, code in trig.refine:
            if deps & lemmas:
                d.code = code
                break
        if d.code == "1053" and deps & {"должность", "пост", "обязанность"}:
            d.code = trig.code      # "требуют освобождения от должности": a dismissal asked, no prisoner freed
        if trig.type == "criticize" and t.lemma in ("осудить", "осуждать") and (
                t.feats.get("Voice") == "Pass" or "PRTS" in {p.tag.POS for p in _parses(t.low)} or
                re.search(r"\bсуд\w*\b|\bприговор|\bлишени\w+ свободы|\bколони\w+|\bгод\w* (?:тюрьмы|заключения)",
                          s.text, re.I)):
            d.type, d.code = "convict", "116"
        if d.code == "015" and "виновный" in deps and "себя" not in deps:
            d.type, d.code = "convict", "116"       # "суд признал Иванова виновным": a verdict, no admission
        if d.type == "reject" and deps & {"обвинение", "претензия", "причастность", "вина"}:
            d.type, d.code = "statement", "016"     # "отверг обвинения": a denial (CAMEO 016), not a rejection
        if d.type == "convict" and PRISON.search(s.text):
            # the codebook's note under 116: found guilty and therefore detained is 173
            d.type, d.code = "arrest", "173"
        if d.type == "charge":
            # the codebook's note under 173: charges are 112x; "предъявлено обвинение в …" is 1121
            d.type, d.code = "accuse", "1121"
        if trig.type == "accident" and t.lemma == "взрыв" and re.search(r"теракт|смертник|взрывн\w+ устройств",
                                                                         s.text, re.I):
            d.type, d.code = "assault", "183"
        if t.lemma in CONSENTING and not (any(c.low == "не" for c in s.children(t, "advmod")) or
                                          t.i > 0 and s.toks[t.i - 1].low == "не"):
            return None         # "согласовала митинг": a permit given is no sanction
        if not_happening(s, t, trig.pos, d.type):
            return None         # an exemption, a purpose, a hypothetical, a thought, a plea in court
        if trig.frame != "none":
            if trig.pos == "V":
                verb_actors(d, self.index)
            else:
                noun_actors(d, self.index)
        if d.type in ("release", "arrest", "deport") and d.target and all(a.type == "LOC" for a in d.target):
            return None         # "освобождение Москвы от оккупантов": a city freed is no person released
        d.target = [a for a in d.target if not (d.type in ("release", "arrest") and a.type == "LOC")]
        if trig.anim and not animate_target(d, self.index):
            return None
        if trig.thing and any(o.feats.get("Animacy") == "Anim" or any(h[2].type == "PER" for h in
                                                                       self.index.covering(s.field, o.start, o.stop))
                              for o in s.children(t, "obj")):
            return None
        if trig.code == "043" and not any(a.type == "PER" or (a.name.split() and any(
                w in PERSON_NOUNS for w in normal_forms(a.name.split()[-1]) | normal_forms(a.name.split()[0])))
                for a in d.target):
            return None                     # "принять детей", "принять меры" — no host
        if trig.type == "threaten":
            subj = s.children(t, "nsubj")
            if not d.source or any(c.pos == "NOUN" and c.feats.get("Animacy") == "Inan" and
                                   c.lemma not in GROUP_NOUNS and not self.index.covering(s.field, c.start, c.stop)
                                   for c in subj):
                return None                 # "Президенту грозит отставка", "угрожает опасность"
        if purpose(s, t):
            return None
        if trig.type in ("threaten", "demand", "criticize", "accuse", "praise", "reject", "statement") and \
                d.source and not any(a.named or animate_name(s, a) for a in d.source):
            return None
        if trig.phone and not (deps & {"телефонный", "телефон"} or re.search(r"телефон", s.text, re.I)):
            d.type, d.code = "meet", "040"
            d.anaphoric = d.anaphoric or not d.actors
        d.source = [a for a in d.source if a.named or animate_name(s, a)]
        if d.type not in THING_TARGETS:
            d.target = [a for a in d.target if a.named or animate_name(s, a)]
        if d.code == "018" and not d.target:
            d.target = _mourned(s, self.index, d.source)
        if d.type == "praise" and not d.target:
            d.target = _occasion_owner(s, t, self.index)
        # a descriptor read as the person named before cannot be that person's own counterpart
        src = {a.id for a in d.source if a.id}
        d.target = [a for a in d.target if not (a.inferred and a.id in src)]
        tgt = {a.id for a in d.target if a.id}
        d.source = [a for a in d.source if not (a.inferred and a.id in tgt)]
        mention = Mention(s.field, s.start, s.stop, s.text, "sentence")
        d.evidence = [mention, Mention(s.field, t.start, t.stop, t.text, "trigger")]
        d.confidence = 0.6 if trig.pos == "V" else 0.5
        return d


def _keep(d: Draft, article: Article) -> bool:
    """Is the draft an event (or a later report of one for merge.py to attach)?"""
    s, t = d.sent, d.tok
    if d.trigger.intent_head and not d.governed:
        return False
    if d.type in ("accident", "disaster", "fight") and _quoted(s, t):
        return False                   # «Ураган», назвал «катастрофой»
    if d.type == "fight" and SPORT.search(s.text):
        return False
    if d.type in ("accident", "disaster") and _habitual(s, t):
        return False                   # "когда случается крупное ДТП, …": what happens, not what happened
    if d.type in ("accident", "disaster"):
        if d.trigger.pos == "N" and not (d.date_from == "text" or any(casualties(s.text)) or _told_as_news(d)):
            # "ответственность за крушение под Актау", "годовщина катастрофы": a reference to a happening
            # told before (merge.py attaches it to that one, or drops it), not a report of a new one
            d.anaphoric = True
            return True
        if d.tok.lemma in ("крушение", "авиакатастрофа", "дтп") or d.type == "disaster" and d.place:
            return True
        vehicle = bool(dependents(s, t) & VEHICLES)
        if d.place or d.killed or d.injured or vehicle or d.date_from == "text":
            return True
        d.anaphoric = True             # "причиной аварии стали …": a report of an accident told before
        return True
    if d.type in ("call", "meet") and d.anaphoric:
        return True                    # a later report of an earlier meeting: merge.py decides
    if d.type in ("assault", "fight", "mass_violence") and d.modality in ("intent", "future") and \
            not any(coded(a) for a in d.actors):
        return False                   # "стороны, которые готовы убить друг друга": violence nobody plans
    if d.type in ACTORLESS:
        if d.actors or d.place or d.date_from == "text" or d.trigger.pos == "V":
            return True
        d.anaphoric = True             # "в момент убийства", "подтвердили арест"
        return True
    if d.type in SYMMETRIC_TYPES:
        # one named party and a place ("Путин провел встречу в Душанбе") only where a verb tells it of an
        # official: nouns with one party are mostly meetings referred to ("перед встречей с Путиным")
        parties = [a for a in d.actors if coded(a)]
        told = d.trigger.pos == "V" or d.sent.case_of(d.tok) is None     # not "перед встречей с …"
        return len(parties) >= 2 or (len(parties) == 1 and d.modality != "negated" and d.type != "intent"
                                     and bool(d.place) and told and _official(parties[0], article))
    return bool(d.actors)


DEATH_NOUNS = {"гибель", "смерть", "кончина", "убийство", "уход"}


CONSENTING = {"согласовать", "согласовывать"}
TERMS = {"срок", "наказание"}
KIN_NOUNS = {"семья", "родные", "родственник", "близкие", "вдова", "жена", "муж", "родители"}


def _mourned(s: Sentence, index: ActorIndex, source: list) -> list:
    """Condolences 'в связи с гибелью X', 'по поводу смерти X', 'семье X': X is whom they are about; else
    the one person the sentence names besides the speaker («… душу нашего брата Мурси»)."""
    for t in s.toks:
        if t.lemma in DEATH_NOUNS or t.lemma in KIN_NOUNS:
            for c in s.children(t, "nmod"):
                if c.feats.get("Case") == "Gen" and s.case_of(c) is None:
                    found = [a for a in index.actors(s, c) if a.type == "PER"]
                    if found:
                        return found
    speakers = {a.id for a in source if a.id}
    others = {e.id: e for a, b, e, kind in index.covering(s.field, s.start, s.stop)
              if e.type == "PER" and e.id not in speakers and kind not in ("credit", "attribution")}
    return [index.actor(next(iter(others.values())))] if len(others) == 1 else []


def _occasion_owner(s: Sentence, t: Tok, index: ActorIndex) -> list:
    """'С юбилеем артиста поздравил Путин', 'поздравил с днём рождения президента': with no one congratulated
    in the object, the one whose occasion it is."""
    for c in s.children(t):
        if c.feats.get("Case") != "Ins" or s.case_of(c) != "с":
            continue
        for owner in [x for x in s.subtree(c) if x.head == c.i or s.toks[x.head].head == c.i]:
            # an animate genitive is often tagged accusative ("юбилеем артиста")
            if owner.rel == "nmod" and owner.feats.get("Case") in ("Gen", "Acc") and s.case_of(owner) is None:
                found = [a for a in index.actors(s, owner) if a.type == "PER"]
                if found:
                    return found
    return []


SPEECH_TYPES = {"statement", "praise", "criticize", "accuse", "appeal", "reject", "threaten", "demand"}
CITING_VERBS = {"говориться", "отмечаться", "сказать", "указываться", "подчеркиваться", "значиться",
                "утверждаться", "содержаться", "сообщаться"}


def _document_cited(s: Sentence, t: Tok) -> bool:
    """'В поздравлении президента говорится', 'в заявлении отмечается': the noun names the text of an act
    whose words follow, not an act of its own."""
    return t.head >= 0 and s.case_of(t) == "в" and s.toks[t.head].lemma in CITING_VERBS


def _clause_verb(s: Sentence, t: Tok) -> Tok:
    """The trigger itself when a verb, else the word its noun hangs on."""
    return t if t.pos in ("VERB", "AUX") or t.head < 0 else s.toks[t.head]


def _marked(s: Sentence, verb: Tok, words: tuple[str, ...]) -> bool:
    return any(c.lemma in words for c in s.children(verb, "mark"))


def _habitual(s: Sentence, t: Tok) -> bool:
    """A happening in a present-tense clause of "когда"/"если": what usually happens."""
    verb = _clause_verb(s, t)
    if verb.pos not in ("VERB", "AUX") or not _marked(s, verb, ("когда", "если")):
        return False
    return any("pres" in p.tag for p in _parses(verb.low) if p.tag.POS == "VERB")


def _on_condition(s: Sentence, t: Tok) -> bool:
    """Does a clause of "если" hang on the trigger's clause?"""
    return any(_marked(s, a, ("если", "ежели")) for a in s.children(_clause_verb(s, t), "advcl"))


def _per_speaker(d: Draft) -> list[Draft]:
    """'Королева и премьер-министр поздравили X': two speakers, two acts — unless they spoke together
    ('совместное заявление', 'вместе')."""
    if d.type not in SPEECH_TYPES or len(d.source) < 2 or \
            re.search(r"совместн|вместе|сообща|единогласн", d.sent.text, re.I):
        return [d]
    return [replace(d, source=[a]) for a in d.source]


def _spoken_by_someone_unnamed(s: Sentence, t: Tok) -> bool:
    """'Я тебя убью', 'на сцене убиваю жену', 'мы встречались': an act told in the first or second person
    is someone's talk, its actors pronouns the coder does not resolve."""
    for x in (t, s.toks[t.head] if t.head >= 0 and t.rel in ("obj", "obl") else None):
        # "Выражаю соболезнование": a noun the first person's verb governs is the first person's act too
        if x is not None and (x.feats.get("Person") in ("1", "2") or
                              any(c.lemma in ("я", "мы", "ты", "вы") for c in s.children(x, "nsubj"))):
            return True
    return False


def _told_as_news(d: Draft) -> bool:
    """Is the noun what its sentence is about — the root ("Крушение самолета под Актау"), the subject
    ("крушение произошло") or a support verb's object ("потерпел крушение") — rather than something another
    act is about ("за крушение", "жертвы катастрофы", "обсудили катастрофу")?"""
    t = d.tok
    if t.head < 0 or t.rel in ("root", "nsubj", "nsubj:pass"):
        return True
    h = d.sent.toks[t.head]
    if any(a.rel == "root" and a.feats.get("VerbForm") == "Fin" and a.lemma in CASUALTY_VERBS
           for a in d.sent.ancestors(t)[:2]):
        return True                 # "в результате взрыва погибли пять человек"
    return t.rel == "obj" and h.lemma in ("потерпеть", "произойти", "случиться")


CASUALTY_VERBS = {"погибнуть", "пострадать", "скончаться", "умереть", "получить", "ранить", "гибнуть",
                  "разрушить", "сгореть", "эвакуировать"}


def _quoted(s: Sentence, t: Tok) -> bool:
    for m in re.finditer(r"[«\"]([^«»\"]{1,60})[»\"]", s.text):
        if s.start + m.start(1) <= t.start and t.stop <= s.start + m.end(1):
            return True
    return False


def _official(actor, article: Article) -> bool:
    """A state or a body, or a person the article gives an office (or known to hold one)."""
    if actor.type in ("LOC", "ORG"):
        return True
    entity = next((e for e in article.entities if e.id == actor.id), None)
    roles = entity.roles if entity is not None else []
    return any(role_of(r) for r in roles) or bool(role_of(actor.name) or office_holder(actor.name))
