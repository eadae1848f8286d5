"""The coder: trigger sentences → event drafts with actors, date, place, modality and casualties.

    Coder(article).drafts() -> [Draft]

Steps, per article:
  1. split every field into sentences (razdel) and keep those with a trigger word form (a set lookup);
  2. parse only those (Natasha's morphology and syntax, one batch);
  3. per trigger token: the reading whose conditions hold (lexicon.py), then
     - actors from the parse: subject / object / "с"-partner / "между X и Y" / genitive of a noun; a
       nominal with no actors of its own borrows them from the verb it hangs on ("в ходе визита X …");
       passives and impersonal plurals leave the source unknown ("задержали граждан" → target only);
     - date: a time expression inside the trigger's clause (article.times), a month adjective on the noun
       ("октябрьская встреча"), the date of the previous sentence's event for "Тогда …"/"также", an open
       interval ending at the publication date for "ранее", else the publication date for past and present
       tense (the day's news) and none for the future;
     - place: a LOC entity after в/во/на in the prepositional case (or под + instrumental, or "на площади
       X", "в центре X") inside the clause; for a visit also "в" + accusative, the destination;
     - modality: negated ("не встретились"), intent ("договорились провести встречу", "намерены"),
       future ("встретятся", "предстоящая встреча"), claim (reported speech: "заявил, что …", "по данным",
       "якобы", a direct quote), else fact;
     - casualties from the sentence, or the next one when it opens with "Тогда"/"При этом"/"В результате";
     - confidence: 0.6 for a verb, 0.5 for a noun, +0.1 for a date read from the text, −0.05 for a claim or
       a negation (merge.py adds 0.1 when the event has actors and 0.05 per further report; 0.05..0.95).
  4. drop what is no event: an intent head without a cooperative complement, a meeting with fewer than two
     participants (one with a place will do), a nominal with nothing of its own — which merge.py may still
     attach to an earlier event of its type as one more report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Article, Mention
from ..nlp import countries
from . import codes
from .actors import Actor, ActorIndex, place_country
from ..nlp.normal import _parses
from .lexicon import (BY_LEMMA, COOPERATION, CONTACTS, PERSON_NOUNS, VEHICLES, WORD, Trigger, forms,
                      normal_forms, trigger_lemmas)
from .parse import Sentence, Tok, parse, sentences

CLAUSE_STOPS = ("ccomp", "advcl", "parataxis", "conj", "csubj")
INTENT_GOVERNORS = {"планировать", "собираться", "намереваться", "намерен", "хотеть", "пообещать", "обещать",
                    "решить", "готовый", "готов", "договориться", "условиться", "согласиться", "предложить",
                    "намеренный", "рассчитывать", "стремиться", "надеяться"}
FUTURE_GOVERNORS = {"должен", "мочь", "смочь", "предстоять"}
FUTURE_ADJ = {"предстоящий", "будущий", "запланированный", "планируемый", "грядущий", "очередной"}
CLAIM = re.compile(r"\b(?:по (?:данным|словам|информации|сообщени\w+|мнению|версии|утверждению)|якобы|"
                   r"предположительно|как (?:сообщ|заяв|утвержда|рассказ|отмет|пиш|переда)\w*)\b", re.I)
SPEECH_VERBS = {"заявить", "сообщить", "сказать", "утверждать", "рассказать", "отметить", "подчеркнуть",
                "добавить", "пояснить", "уверять", "считать", "полагать", "предположить", "написать",
                "сообщать", "заявлять", "говорить", "уточнить", "признать", "напомнить", "объявить"}
BEFORE = re.compile(r"\b(?:ранее|прежде|до этого|в прошлом)\b", re.I)
CONTEXT = re.compile(r"^\s*(?:тогда|тогда же|в тот (?:же )?день|при этом|в результате|там же)\b|"
                     r"\b(?:также|тоже)\b", re.I)
NEXT_CASUALTIES = re.compile(r"^\s*(?:тогда|при этом|в результате|всего|по (?:последним )?данным)\b", re.I)
LOCATIVE = {"в", "во", "на"}
NEAR = {"под", "подо"}
BOUNDARY = {",", ";", ":", "—", "–", "(", ")", "«", "»", "\"", "."}
PLACE_NOUNS = {"площадь", "улица", "район", "город", "село", "деревня", "поселок", "область", "край", "аэропорт",
               "центр", "окрестность", "пригород", "столица", "провинция", "штат", "округ", "регион", "республика",
               "вблизи", "порт", "территория", "граница", "окраина", "районе"}
THING_TARGETS = {"assault", "fight", "seize", "sanction", "protest", "investigate", "reject", "mass_violence",
                 "criticize"}
SUPPORT_VERBS = {
    "провести", "проводить", "устроить", "устраивать", "организовать", "организовывать", "совершить", "совершать",
    "осуществить", "осуществлять", "начать", "начинать", "вести", "продолжить", "продолжать", "нанести", "наносить",
    "оказать", "оказывать", "предоставить", "предоставлять", "направить", "направлять", "выделить", "выделять",
    "передать", "передавать", "объявить", "возбудить", "прибыть", "приехать", "прилететь", "отправиться",
    "участвовать", "принять", "завершить", "закончить", "учинить", "инициировать", "предпринять", "готовить",
    "подготовить", "планировать", "договориться", "условиться", "совершать", "выйти", "возглавить", "иметь",
    "отправить", "доставить", "поставить", "ввести", "вводить", "пригрозить", "потребовать", "добиться",
    "выступить", "находиться", "пребывать", "нанести", "прийти", "собраться"}
# prepositional frames under which a noun shares the clause's subject: "в ходе визита X договорился"
FRAMES = {"в ходе", "во время", "в рамках", "по итогам", "после", "накануне", "перед", "на", "по завершении",
          "по окончании", "по результатам", "в период", "с"}
SPORT = re.compile(r"\b(?:ринг\w*|боксер\w*|боксёр\w*|нокаут\w*|раунд\w*|чемпион\w*|поединк\w*|"
                   r"карьер\w*|UFC|MMA|бойцовск\w*|единоборств\w*|матч\w*|турнир\w*)", re.I)
GROUP_NOUNS = {"полиция", "власть", "правительство", "суд", "прокуратура", "министерство", "мид", "армия",
               "оппозиция", "парламент", "администрация", "ведомство", "служба", "комитет", "спецслужба",
               "силовик", "руководство", "кабинет", "кремль", "белый", "сторона", "минобороны", "мвд", "фсб"}
UNDERGO = {"попасть", "подвергнуться", "пострадать", "оказаться"}
MONTH_ADJ = {"январский": 1, "февральский": 2, "мартовский": 3, "апрельский": 4, "майский": 5,
             "июньский": 6, "июльский": 7, "августовский": 8, "сентябрьский": 9, "октябрьский": 10,
             "ноябрьский": 11, "декабрьский": 12}
ACTORLESS = {"accident", "disaster", "protest", "military_posture", "fight", "assault", "mass_violence",
             "investigate", "arrest", "seize", "deport", "release"}
CASUALTY_TYPES = {"accident", "disaster", "assault", "fight", "mass_violence", "protest", "arrest"}
SYMMETRIC_TYPES = {"call", "meet", "agreement", "intent"}

_NUM_WORDS = {
    "один": 1, "одна": 1, "одного": 1, "двое": 2, "два": 2, "две": 2, "двух": 2, "трое": 3, "три": 3, "трех": 3,
    "четверо": 4, "четыре": 4, "пятеро": 5, "пять": 5, "шестеро": 6, "шесть": 6, "семеро": 7, "семь": 7,
    "восьмеро": 8, "восемь": 8, "девятеро": 9, "девять": 9, "десятеро": 10, "десять": 10, "одиннадцать": 11,
    "двенадцать": 12, "пятнадцать": 15, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
    "сто": 100}
_NUM = r"(\d[\d\s]*\d|\d+|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")"
_QUAL = r"(?:(?:по меньшей мере|не менее|более|свыше|около|как минимум|порядка|еще|уже|всего|до)\s+)?"
_WHO = r"(?:\s+(?:человек\w*|пассажир\w*|граждан\w*|жител\w*|военн\w*|сотрудник\w*|член\w*|дет\w*|ребен\w*|" \
       r"мирн\w+\s+жител\w*|рабоч\w*|горняк\w*|турист\w*|пожарн\w*|полицейск\w*|бойц\w*))?"
_KILL_V = r"(?:погиб\w*|скончал\w*|умер\w*|убит\w*|жертвами\s+стали|стали\s+жертвами|разбил\w*\s+насмерть)"
_HURT_V = r"(?:ранен\w*|пострадал\w*|госпитализирован\w*|получил\w*\s+(?:ранения|травмы)|травмирован\w*)"
KILLED = [re.compile(_KILL_V + r"\s+" + _QUAL + _NUM, re.I),
          re.compile(_QUAL + _NUM + _WHO + r"\s+(?:были\s+)?" + _KILL_V, re.I),
          re.compile(r"(?:число|количество)\s+(?:погибших|жертв)\s+\w+\s+(?:до\s+)?" + _NUM, re.I),
          re.compile(_NUM + r"\s+(?:погибших|жертв)\b", re.I)]
INJURED = [re.compile(_HURT_V + r"\s+" + _QUAL + _NUM, re.I),
           re.compile(_QUAL + _NUM + _WHO + r"\s+(?:были\s+)?" + _HURT_V, re.I),
           re.compile(r"(?:число|количество)\s+(?:пострадавших|раненых)\s+\w+\s+(?:до\s+)?" + _NUM, re.I),
           re.compile(_NUM + r"\s+(?:пострадавших|раненых)\b", re.I)]


def _number(text: str) -> int | None:
    text = text.strip().lower().replace(" ", "").replace("\u00a0", "")
    if text.isdigit():
        return int(text)
    return _NUM_WORDS.get(text)


def casualties(text: str) -> tuple[int | None, int | None]:
    """(killed, injured) numbers stated in a sentence, or None each."""
    out = []
    for patterns in (KILLED, INJURED):
        found = None
        for p in patterns:
            m = p.search(text)
            if m:
                found = _number(m.group(m.lastindex or 1))
                if found is not None:
                    break
        out.append(found)
    return out[0], out[1]


def trig_heads(t: Tok) -> frozenset[str]:
    """The head verbs a noun trigger names itself ("подтвердили настрой", "оказать помощь")."""
    out: set[str] = set()
    for lemma in trigger_lemmas(t.text) | {t.lemma}:
        for trig in BY_LEMMA.get(lemma, ()):
            out |= trig.need_head
    return frozenset(out)


@dataclass
class Draft:
    trigger: Trigger
    sent: Sentence
    tok: Tok
    type: str
    code: str | None
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    date: str | None = None
    date_from: str | None = None      # text, month-adjective, context, before, article, None
    place: str | None = None
    modality: str = "fact"
    killed: int | None = None
    injured: int | None = None
    confidence: float = 0.5
    evidence: list[Mention] = field(default_factory=list)
    order: tuple[int, int] = (0, 0)
    governed: bool = False            # the complement of an intent head ("договорились провести встречу")
    anaphoric: bool = False           # a noun with no actors of its own ("эти переговоры")

    @property
    def actors(self) -> list[Actor]:
        return self.source + [a for a in self.target if a.name not in {s.name for s in self.source}]


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
        from .lexicon import has_trigger

        sents = sentences(self.article, has_trigger)
        table = forms()
        chosen = [k for k, s in enumerate(sents) if self._candidate(s, table)]
        parse([sents[k] for k in chosen])
        self.parsed = len(chosen)           # sentences that went through the tagger and the parser
        out: list[Draft] = []
        previous: dict[int, list[Draft]] = {}
        for k in chosen:
            s = sents[k]
            made = self._sentence(s, previous.get(k - 1, []) if k > 0 and sents[k - 1].field == s.field else [])
            nxt = sents[k + 1] if k + 1 < len(sents) and sents[k + 1].field == s.field else None
            for d in made:
                self._casualties(d, nxt)
            previous[k] = made
            out += made
        return out

    def _candidate(self, s: Sentence, table) -> bool:
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
                        if not trig.person or self._person_in(s, words):
                            return True
        return False

    def _person_in(self, s: Sentence, words: list[str]) -> bool:
        if any(e.type == "PER" for _, _, e, _ in self.index.covering(s.field, s.start, s.stop)):
            return True
        return any(normal_forms(w) & PERSON_NOUNS for w in words)

    # --- one sentence -----------------------------------------------------------------------------
    def _sentence(self, s: Sentence, previous: list[Draft]) -> list[Draft]:
        found: list[tuple[Tok, Trigger]] = []
        for t in s.toks:
            if any(kind in ("name", "alias") and (b - a) > (t.stop - t.start)
                   for a, b, _, kind in self.index.covering(s.field, t.start, t.stop)):
                continue        # a word inside a longer name: "Движение за освобождение Азавада", "Фрэнки Бой"
            lemmas = set(trigger_lemmas(t.text))
            if t.lemma in BY_LEMMA:
                lemmas.add(t.lemma)
            for lemma in sorted(lemmas):
                trig = self._reading(s, t, lemma)
                if trig is not None:
                    found.append((t, trig))
                    break
        drafts: list[Draft] = []
        for t, trig in found:
            d = self._draft(s, t, trig)
            if d is not None:
                drafts.append(d)
        self._apply_intents(s, drafts)
        for d in drafts:
            self._date(d, previous)
            self._place(d)
            self._modality(d)
        kept = [d for d in drafts if self._keep(d)]
        for d in kept:
            if d.type in ("call", "meet") and len(d.actors) >= 2 and d.modality in ("fact", "claim"):
                self.index.parties = [a for a in d.actors]
        return kept

    def _pos_ok(self, t: Tok, trig: Trigger) -> bool:
        tags = {p.tag.POS for p in _parses(t.low)}
        if trig.pos == "N":
            # the tagger sometimes calls a capitalised noun an adjective ("о Геноциде армян")
            return t.pos in ("NOUN", "PROPN") or (t.pos == "ADJ" and "NOUN" in tags and
                                                  not tags & {"ADJF", "PRTF", "PRTS", "ADJS"})
        return t.pos in ("VERB", "AUX") or (t.pos == "ADJ" and (t.feats.get("Variant") == "Short" or
                                                               t.feats.get("VerbForm") == "Part" or
                                                               "PRTS" in tags))

    def _deps(self, s: Sentence, t: Tok, depth: int = 2) -> set[str]:
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

    @staticmethod
    def _participle_as_noun(t: Tok) -> bool:
        """'Обвиняемыми стали …', 'задержанный сообщил' — a full participle naming a person, not an event."""
        full = t.feats.get("VerbForm") == "Part" and t.feats.get("Variant") != "Short"
        return full and not t.rel.startswith("acl") and not t.rel == "amod"

    def _reading(self, s: Sentence, t: Tok, lemma: str) -> Trigger | None:
        for trig in BY_LEMMA.get(lemma, ()):
            if not self._pos_ok(t, trig):
                continue
            if trig.pos == "V" and self._participle_as_noun(t):
                continue
            deps = None
            if trig.needs or trig.exclude:
                deps = self._deps(s, t)
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

    # --- actors -------------------------------------------------------------------------------------
    def _draft(self, s: Sentence, t: Tok, trig: Trigger) -> Draft | None:
        d = Draft(trig, s, t, trig.type, trig.code, order=(s.index, t.start))
        deps = self._deps(s, t)
        for lemmas, code in trig.refine:
            if deps & lemmas:
                d.code = code
                break
        if trig.type == "criticize" and t.lemma in ("осудить", "осуждать") and (
                t.feats.get("Voice") == "Pass" or "PRTS" in {p.tag.POS for p in _parses(t.low)} or
                re.search(r"\bсуд\w*\b|\bприговор|\bлишени\w+ свободы|\bколони\w+|\bгод\w* (?:тюрьмы|заключения)",
                          s.text, re.I)):
            d.type, d.code = "convict", "116"
        if trig.type == "accident" and t.lemma == "взрыв" and re.search(r"теракт|смертник|взрывн\w+ устройств",
                                                                         s.text, re.I):
            d.type, d.code = "assault", "183"
        if trig.frame != "none":
            if trig.pos == "V":
                self._verb_actors(d)
            else:
                self._noun_actors(d)
        if trig.anim and not self._animate_target(d):
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
        if self._purpose(s, t):
            return None
        if trig.type in ("threaten", "demand", "criticize", "accuse", "praise", "reject") and d.source and \
                not any(a.named or self._animate_name(s, a) for a in d.source):
            return None
        if trig.phone and not (deps & {"телефонный", "телефон"} or re.search(r"телефон", s.text, re.I)):
            d.type, d.code = "meet", "040"
            d.anaphoric = d.anaphoric or not d.actors
        d.source = [a for a in d.source if a.named or self._animate_name(s, a)]
        if d.type not in THING_TARGETS:
            d.target = [a for a in d.target if a.named or self._animate_name(s, a)]
        mention = Mention(s.field, s.start, s.stop, s.text, "sentence")
        d.evidence = [mention, Mention(s.field, t.start, t.stop, t.text, "trigger")]
        d.confidence = 0.6 if trig.pos == "V" else 0.5
        return d

    def _window(self, s: Sentence, t: Tok) -> list[Tok]:
        """The tokens of t's stretch of the sentence: up to the nearest punctuation on either side."""
        lo = t.i
        while lo > 0 and s.toks[lo - 1].text not in BOUNDARY and s.toks[lo - 1].low not in ("что", "который", "чтобы"):
            lo -= 1
        hi = t.i
        while hi + 1 < len(s.toks) and s.toks[hi + 1].text not in BOUNDARY:
            hi += 1
        return s.toks[lo:hi + 1]

    def _fallback_subject(self, s: Sentence, verb: Tok) -> list[Actor]:
        """A nominative the parser hung elsewhere ("посол … встретился", "прибудут дочь Лиза и мать Раиса")."""
        if verb.pos != "VERB" or verb.feats.get("VerbForm") not in ("Fin", None) or \
                verb.feats.get("Voice") == "Pass" or verb.feats.get("Variant") == "Short":
            return []
        number = verb.feats.get("Number")
        win = self._window(s, verb)
        ids = {x.i for x in win}
        cands = [x for x in win if x is not verb and x.pos in ("NOUN", "PROPN") and x.feats.get("Case") == "Nom"
                 and (x.feats.get("Animacy") == "Anim" or x.lemma in GROUP_NOUNS or
                      any(h[2].type in ("PER", "ORG") or (h[2].type == "LOC" and countries.country_named(h[2].name))
                          for h in self.index.covering(s.field, x.start, x.stop)))
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
            out += self.index.actors(s, x)
        return out

    def _subjects(self, s: Sentence, verb: Tok) -> tuple[list[Actor], bool]:
        """(actors of the subject, passive?) — through 'должен был встретиться' to the governing verb."""
        acts, passive = self._subjects_parsed(s, verb)
        if not acts and not passive:
            acts = self._fallback_subject(s, verb)
        return acts, passive

    def _subjects_parsed(self, s: Sentence, verb: Tok) -> tuple[list[Actor], bool]:
        v = verb
        for _ in range(3):
            subj = s.children(v, "nsubj", "nsubj:pass")
            if subj:
                passive = any(c.rel == "nsubj:pass" for c in subj) or v.feats.get("Voice") == "Pass"
                acts = []
                for c in subj:
                    acts += self.index.actors(s, c)
                return acts, passive
            if v.rel in ("xcomp", "conj", "acl", "advcl") and v.head >= 0:
                v = s.toks[v.head]
                continue
            if v.rel.startswith("acl") and v.head >= 0:
                return self.index.actors(s, s.toks[v.head]), False
            break
        return [], verb.feats.get("Voice") == "Pass" or verb.feats.get("Variant") == "Short"

    def _targets(self, s: Sentence, t: Tok, spec) -> list[Actor]:
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
                found.append((c, self.index.actors(s, c)))
                break
        if not found and ((None, "Acc") in spec):
            # an accusative the parser hung elsewhere ("принимает в Белом доме своего коллегу Саркози")
            for x in self._window(s, t):
                if x.i > t.i and x.pos in ("NOUN", "PROPN") and x.feats.get("Case") == "Acc" and \
                        not s.children(x, "case") and x.rel not in ("flat", "flat:name", "appos", "conj"):
                    found.append((x, self.index.actors(s, x)))
                    break
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
                    out += self.index.actors(s, g)
            elif s.case_of(c) in ("в отношении", "против") and not any(c is x for x, _ in found):
                out += self.index.actors(s, c)
        return out

    def _verb_actors(self, d: Draft) -> None:
        s, t, trig = d.sent, d.tok, d.trigger
        if t.feats.get("VerbForm") == "Part" and t.feats.get("Variant") != "Short" and t.head >= 0 and \
                (t.rel.startswith("acl") or t.rel == "amod"):
            # "задержанного в Гродно журналиста": the noun a passive participle qualifies is the target,
            # "напавший на кассира мужчина": the one an active participle qualifies is the source
            head = self.index.actors(s, s.toks[t.head], conj=False)
            if t.feats.get("Voice") == "Pass":
                d.target = head
                for c in s.children(t, "obl"):
                    if c.feats.get("Case") == "Ins" and s.case_of(c) is None and c.pos in ("NOUN", "PROPN"):
                        d.source = self.index.actors(s, c)
            else:
                d.source = head
                d.target = self._targets(s, t, trig.target) if trig.target else []
            return
        subj, passive = self._subjects(s, t)
        if trig.subject_is_target:
            d.target = subj
            return
        if trig.frame == "sym":
            partners = self._targets(s, t, S_PARTNER)
            # "мы с премьер-министром провели": the partner hangs on the subject
            for c in s.children(t, "nsubj"):
                for n in s.children(c, "nmod"):
                    if s.case_of(n) == "с":
                        partners += self.index.actors(s, n)
            if not subj and not partners:
                subj = self.index.sides() if self._impersonal(t) else []
            d.source, d.target = self._split_parties(subj, partners)
            return
        if passive and trig.frame != "pat":
            d.target = subj
            if trig.needs and any(({c.lemma} | normal_forms(c.text)) & trig.needs for c in
                                  s.children(t, "nsubj", "nsubj:pass")):
                # "Буту были предъявлены обвинения": the subject is the noun of the compound
                d.target = self._targets(s, t, ((None, "Dat"),) + tuple(trig.target))
            for c in s.children(t, "obl"):
                if c.feats.get("Case") == "Ins" and s.case_of(c) is None and c.pos in ("NOUN", "PROPN"):
                    d.source = self.index.actors(s, c)
                    break
        else:
            d.source = subj
            d.target = self._targets(s, t, trig.target) if trig.target else []
        if trig.needs and not d.target:
            # "ввела санкции против X", "возбудил дело в отношении X": the target hangs on the noun
            for c in s.children(t, "obj", "obl", "nmod"):
                if ({c.lemma} | normal_forms(c.text)) & trig.needs:
                    d.target = self._targets(s, c, trig.target + (("против", "Gen"),)) or d.target

    @staticmethod
    def _purpose(s: Sentence, t: Tok) -> bool:
        """'с целью убийства', 'в целях обстрела', 'для переговоров' — a purpose, not a happening."""
        for x in [t] + s.ancestors(t)[:2]:
            if s.case_of(x) in ("с целью", "в целях", "для") or x.lemma == "цель":
                return True
        return False

    @staticmethod
    def _animate_name(s: Sentence, a: Actor) -> bool:
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

    def _impersonal(self, t: Tok) -> bool:
        return t.feats.get("Variant") == "Short" or t.feats.get("Number") == "Plur" or \
            t.feats.get("Gender") == "Neut" or t.pos == "ADJ"

    @staticmethod
    def _split_parties(first: list[Actor], second: list[Actor]) -> tuple[list[Actor], list[Actor]]:
        allp: list[Actor] = []
        for a in first + second:
            if a.name not in {x.name for x in allp}:
                allp.append(a)
        if not second and len(allp) >= 2:
            return allp[:1], allp[1:]
        return [a for a in allp if a.name in {x.name for x in first}] or allp[:1], \
            [a for a in allp if a.name not in {x.name for x in first}] if first else allp[1:]

    def _noun_actors(self, d: Draft) -> None:
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
            if prep is None and c.feats.get("Case") == "Gen":
                own += self.index.actors(s, c)
            elif prep == "между":
                own += self.index.actors(s, c)
            elif prep in ("с", "со"):
                partners += self.index.actors(s, c)
            elif prep in ("на", "против") and trig.type in ("assault", "fight", "protest", "threaten"):
                targets += self.index.actors(s, c)
            elif prep == "в" and c.lemma == "отношение":
                for g in s.children(c, "nmod"):
                    targets += self.index.actors(s, g)
            elif prep == "в отношении":
                targets += self.index.actors(s, c)
            elif prep in ("в", "во") and trig.code == "042" and c.feats.get("Case") == "Acc":
                targets += self.index.actors(s, c)
        # adjectives naming countries: "российско-азербайджанские переговоры"
        adj: list[Actor] = []
        for c in s.children(t, "amod"):
            for h in self.index.covering(s.field, c.start, c.stop):
                if h[3] == "adjective":
                    adj.append(self.index.actor(h[2]))
        # external arguments: the verb the noun hangs on
        verb = self.index.climb(s, t)
        if verb is not None and not self._support(s, t, verb):
            verb = None
        ext_subj: list[Actor] = []
        ext_dat: list[Actor] = []
        sides_subject = False
        if verb is not None and t.rel not in ("nsubj", "nsubj:pass"):
            ext_subj, passive = self._subjects(s, verb)
            if passive:
                ext_subj = []
            if verb.lemma in UNDERGO:        # "колонна попала под обстрел": the subject is the target
                targets, ext_subj = targets + ext_subj, []
            sides_subject = any(c.lemma in ("сторона", "лидер", "президент") and c.feats.get("Number") == "Plur"
                                for c in s.children(verb, "nsubj"))
            ext_dat = self._targets(s, verb, ((None, "Dat"),)) if trig.type in ("praise", "aid", "threaten",
                                                                                 "charge") else []
        if trig.frame == "sym":
            first = own or adj or ext_subj
            if own and ext_subj and not partners and len(own) == 1:
                partners = own
                first = ext_subj
            if (not first and not partners) or (verb is not None and verb.lemma == "присоединиться") or \
                    (sides_subject and not own and not partners and not adj and trig.type in ("call", "meet")):
                d.anaphoric = True
                first, partners = [], []
                if self._sides_word(s, t):
                    first = self.index.sides()
            d.source, d.target = self._split_parties(first, partners)
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

    @staticmethod
    def _support(s: Sentence, t: Tok, verb: Tok) -> bool:
        """May the verb a noun hangs on lend it its subject? 'провели встречу', 'в ходе визита X …',
        'прибыл с визитом' — yes; 'говоря о геноциде', 'осудил убийство' — no."""
        if verb.lemma in SUPPORT_VERBS or verb.lemma in UNDERGO or verb.lemma in trig_heads(t):
            return True
        x = t
        while x is not verb and x.head >= 0:
            if s.case_of(x) in FRAMES:
                return True
            x = s.toks[x.head]
        return False

    def _sides_word(self, s: Sentence, t: Tok) -> bool:
        return any(x.lemma in ("сторона", "лидер", "президент") and x.feats.get("Number") == "Plur"
                   for x in s.toks)

    def _animate_target(self, d: Draft) -> bool:
        s, t = d.sent, d.tok
        heads = []
        for c in s.children(t, "obj", "nsubj:pass", "nmod"):
            heads.append(c)
        if d.trigger.pos == "V":
            subj, passive = self._subjects_parsed(s, t)
            if passive or d.trigger.subject_is_target:
                heads += s.children(t, "nsubj")
            if passive and not s.children(t, "nsubj", "nsubj:pass") and not d.target:
                return True          # "арестован новыми властями": the arrested one is elided, a person
        if any(a.type in ("PER", "ORG") for a in d.target):
            return True
        for h in heads:
            if h.feats.get("Animacy") == "Anim" or h.pos == "PRON":
                return True
            if h.pos == "NUM" or any(c.pos == "NUM" or c.rel.startswith("nummod") for c in s.children(h)):
                if h.feats.get("Animacy") == "Anim" or h.lemma in ("человек",):
                    return True
        return False

    # --- intents ----------------------------------------------------------------------------------------
    def _apply_intents(self, s: Sentence, drafts: list[Draft]) -> None:
        heads = [d for d in drafts if d.trigger.intent_head]
        for h in heads:
            comp = []
            for c in s.children(h.tok):
                if c.rel in ("xcomp", "obj", "ccomp") or (c.rel in ("obl", "nmod") and s.case_of(c) in
                                                          ("о", "об", "на", "про")):
                    comp += s.subtree(c)
            if h.trigger.pos == "N":
                for c in s.children(h.tok, "nmod", "obl", "acl"):
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
                if anc.lemma in INTENT_GOVERNORS and d.tok.rel in ("xcomp", "obj", "ccomp", "obl", "nmod"):
                    d.governed, d.modality = True, "intent"
                    d.code = codes.intended(d.code) if d.code else None
                    if not d.source:
                        d.source = self._subjects(s, anc)[0]
                    break
                if anc.rel not in ("xcomp", "obj", "obl", "nmod"):
                    break

    # --- date -------------------------------------------------------------------------------------------
    @staticmethod
    def _tree(s: Sentence, t: Tok) -> set[int]:
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
                out.add(c.i)
                todo.append(c)
        return out

    def _clause(self, d: Draft) -> set[int]:
        s, t = d.sent, d.tok
        ids = self._tree(s, t)
        if d.trigger.pos == "N" and t.head >= 0:
            h = s.toks[t.head]
            if h.pos in ("VERB", "AUX", "ADJ") and t.rel in ("nsubj", "obj", "obl", "nsubj:pass", "xcomp"):
                ids.add(h.i)
                for c in s.children(h):
                    if c is not t and c.rel in ("obl", "advmod", "nmod"):
                        ids |= self._tree(s, c)
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
                ids |= self._tree(s, verb)
        return ids

    def _date(self, d: Draft, previous: list[Draft]) -> None:
        s, t = d.sent, d.tok
        clause = self._clause(d)
        best = None
        for te in self.times.get(s.field, ()):
            if te.start < s.start or te.stop > s.stop:
                continue
            toks = [x for x in s.toks if x.start < te.stop and te.start < x.stop]
            if not toks or not any(x.i in clause for x in toks):
                continue
            dist = min(abs(x.i - t.i) for x in toks)
            if best is None or dist < best[0]:
                best = (dist, te)
        if best is None and d.type in ("accident", "disaster"):
            for te in self.times.get(s.field, ()):
                if s.start <= te.start and te.stop <= s.stop:
                    best = (0, te)
                    break
        if best is not None:
            te = best[1]
            d.date, d.date_from = self._ahead(te.value, te.text, d), "text"
            d.evidence.append(Mention(te.field, te.start, te.stop, te.text, "time"))
            d.confidence += 0.1
            return
        for c in s.children(t, "amod"):
            month = MONTH_ADJ.get(c.lemma)
            if month and self.pub:
                y, m = int(self.pub[:4]), int(self.pub[5:7])
                d.date, d.date_from = f"{y if month <= m else y - 1}-{month:02d}", "month-adjective"
                d.evidence.append(Mention(s.field, c.start, c.stop, c.text, "time"))
                return
        if CONTEXT.search(s.text[:max(0, t.start - s.start)] + " ") and previous:
            dated = [p for p in previous if p.date_from in ("text", "month-adjective", "context")]
            if dated:
                d.date, d.date_from = dated[-1].date, "context"
                return
        if self._future(d):
            return
        if self.pub:
            if BEFORE.search(s.text):
                d.date, d.date_from = f"../{self.pub}", "before"
            else:
                d.date, d.date_from = self.pub, "article"

    def _ahead(self, value: str, text: str, d: Draft) -> str:
        """A yearless date of a future or intended event is the next one, not the last ("встретятся в мае")."""
        if not self.pub or re.search(r"\d{4}", text) or not re.match(r"^\d{4}-\d\d", value) or "/" in value:
            return value
        if not (d.modality in ("intent", "future") or self._future(d)):
            return value
        if value[:10] < self.pub[:len(value[:10])]:
            return str(int(value[:4]) + 1) + value[4:]
        return value

    # --- place ------------------------------------------------------------------------------------------
    def _place(self, d: Draft) -> None:
        s, t = d.sent, d.tok
        clause = self._clause(d)
        cands = []
        for x in s.toks:
            for start, stop, e, kind in self.index.covering(s.field, x.start, x.stop):
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
                ok = (prev in LOCATIVE and case in ("Loc", None)) or (prev in NEAR and case in ("Ins", None))
                visit = d.code in ("042", "036") and prev in ("в", "во") and case == "Acc"
                if not (ok or visit):
                    continue
                inside = x.i in clause
                if not inside and d.type not in ("accident", "disaster", "protest"):
                    continue
                cands.append((0 if inside else 1, abs(x.i - t.i), e, start, stop))
        if d.code in ("042", "036") and d.trigger.pos == "V":
            for c in s.children(t, "obj"):
                for start, stop, e, kind in self.index.covering(s.field, c.start, c.stop):
                    if e.type == "LOC" and kind not in ("adjective",):
                        cands.append((-1, 0, e, start, stop))
        if cands:
            cands.sort(key=lambda c: (c[0], c[1]))
            d.place = cands[0][2].name
            _, _, e, a, b = cands[0]
            d.evidence.append(Mention(s.field, a, b, s.text[a - s.start:b - s.start], "place"))
            if d.code == "042" and not d.target:
                d.target = [self.index.actor(cands[0][2])]

    # --- modality ----------------------------------------------------------------------------------------
    def _future(self, d: Draft) -> bool:
        s, t = d.sent, d.tok
        verbs = [t] if d.trigger.pos == "V" else []
        if d.trigger.pos == "N":
            if any(c.lemma in FUTURE_ADJ for c in s.children(t, "amod")):
                return True
            h = s.toks[t.head] if t.head >= 0 else None
            if h is not None and h.pos in ("VERB", "AUX"):
                verbs.append(h)
        for v in verbs:
            if v.feats.get("Tense") == "Fut":
                return True
            if any(c.lemma == "быть" and c.feats.get("Tense") == "Fut" for c in s.children(v, "aux")):
                return True
            if v.rel == "xcomp" and v.head >= 0:
                g = s.toks[v.head]
                if g.lemma in FUTURE_GOVERNORS and g.feats.get("Tense") in ("Pres", "Fut", None) and \
                        not any(c.lemma == "быть" and c.feats.get("Tense") == "Past" for c in s.children(g)):
                    return True
                if g.feats.get("Tense") == "Fut":
                    return True
        return False

    def _negated(self, d: Draft) -> bool:
        s, t = d.sent, d.tok
        nodes = [t]
        if d.trigger.pos == "N" and t.head >= 0 and s.toks[t.head].pos in ("VERB", "AUX"):
            nodes.append(s.toks[t.head])
        if t.rel == "xcomp" and t.head >= 0:
            nodes.append(s.toks[t.head])
        for n in nodes:
            if any(c.low in ("не", "ни") for c in s.children(n, "advmod", "advmod:neg", "neg", "discourse")):
                return True
            if n.i > 0 and s.toks[n.i - 1].low == "не":
                return True
        return False

    def _claim(self, d: Draft) -> bool:
        s, t = d.sent, d.tok
        for q in self.quotes.get(s.field, ()):
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
        return False

    def _modality(self, d: Draft) -> None:
        if self._negated(d):
            d.modality = "negated"
            d.confidence -= 0.05
            return
        if d.modality == "intent":
            return
        if self._future(d):
            d.modality = "future"
            d.code = codes.intended(d.code) if d.code else None
            return
        if self._claim(d):
            d.modality = "claim"
            d.confidence -= 0.05

    # --- casualties ------------------------------------------------------------------------------------------
    def _casualties(self, d: Draft, nxt: Sentence | None) -> None:
        if d.type not in CASUALTY_TYPES:
            return
        killed, injured = casualties(d.sent.text)
        if killed is None and injured is None and nxt is not None and NEXT_CASUALTIES.match(nxt.text) and \
                d.type != "arrest":
            killed, injured = casualties(nxt.text)
            if killed is not None or injured is not None:
                d.evidence.append(Mention(nxt.field, nxt.start, nxt.stop, nxt.text, "sentence"))
        d.killed, d.injured = killed, injured

    # --- keep? ---------------------------------------------------------------------------------------------------
    def _keep(self, d: Draft) -> bool:
        s, t = d.sent, d.tok
        if d.trigger.intent_head and not d.governed:
            return False
        if d.type in ("accident", "disaster", "fight") and self._quoted(s, t):
            return False                   # «Ураган», назвал «катастрофой»
        if d.type == "fight" and SPORT.search(s.text):
            return False
        if d.type in ("accident", "disaster"):
            if d.tok.lemma in ("крушение", "авиакатастрофа", "дтп") or d.type == "disaster" and d.place:
                return True
            vehicle = bool(self._deps(s, t) & VEHICLES)
            if d.place or d.killed or d.injured or vehicle or d.date_from == "text":
                return True
            d.anaphoric = True             # "причиной аварии стали …": a report of an accident told before
            return True
        if d.type in ("call", "meet") and d.anaphoric:
            return True                    # a later report of an earlier meeting: merge.py decides
        if d.type in ACTORLESS:
            if d.actors or d.place or d.date_from == "text" or d.trigger.pos == "V":
                return True
            d.anaphoric = True             # "в момент убийства", "подтвердили арест"
            return True
        if d.type in SYMMETRIC_TYPES:
            return len(d.actors) >= 2 or (len(d.actors) == 1 and d.modality != "negated" and d.type != "intent"
                                          and bool(d.place))
        return bool(d.actors)

    def _quoted(self, s: Sentence, t: Tok) -> bool:
        for m in re.finditer(r"[«\"]([^«»\"]{1,60})[»\"]", s.text):
            if s.start + m.start(1) <= t.start and t.stop <= s.start + m.end(1):
                return True
        return False


S_PARTNER = (("с", "Ins"), ("со", "Ins"))



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
