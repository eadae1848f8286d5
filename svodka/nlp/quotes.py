"""Direct and indirect quotes with their speakers.

    find_quotes(fields, mentions) -> list[Quote]

``fields`` are the article's fields in reading order as (name, text); ``mentions`` the entity mentions
already found in them (``SpeakerMention``: field, offsets, normalised name, type, gender), filled by the
entity layer. Offsets of a quote are [start, stop) of the quoted text inside its field, quote marks
excluded.

Rules only (pymorphy lemmas and cases, no parser):

direct quotes ("«…»", "„…“", "“…”", '"…"'; nested marks stay inside the outer quote)
  «…», — сообщила пресс-служба ведомства.      attribution after the quote: dash + speech verb
  «…», — сказал он.                            pronoun → the last person speaker of that gender
  Иванов заявил: «…»                            attribution before the quote, with a colon
  «…», — сказал он, — «…».                      the second part takes the same speaker
  «Первая часть, — сказал он. — Вторая часть».  the attribution inside the marks splits the quote
  «…», заявил Иванов.                            a comma without the dash (quote opening the sentence)
  По словам Иванова, «…».                       intro phrase
  Иванов: «…»                                   a bare name and a colon (titles)
  Иванов заявил, что решение было «ошибкой».   partial quote in reported speech: the speaker is the
                                                subject of the speech verb, not the nearest name
  a paragraph that is one quote                 speaker from the paragraph before ("… заявил:") or
                                                the previous paragraph's quote (continuation)
indirect speech (text = the reported clause up to the end of the sentence, final stop excluded)
  Иванов заявил (журналистам), что …            also "… о том, что …", "отметив, что …", "уверен, что …"
  Он добавил, что …                             pronoun resolution as above
  В министерстве отметили, что …                impersonal plural: "в X" is the speaker
  В сообщении ведомства говорится, что …       impersonal verbs: the owner of the document
  Как отметили в пресс-службе X, …  /  Как сообщает X, …  /  По словам X, …  /  По мнению экспертов, …
  …, заявил Иванов.                              speech verb after the clause
  Об этом сообщает пресс-служба X.              the previous sentence is the reported statement

A quoted proper name («Газпром», «Спартак») is no quote: partial quotes need a speech verb in the
sentence and are dropped when they look like a name (short and capitalised, after "компания", "клуб" …,
or covering an ORG/LOC mention).

Speakers: a person mention in the subject position of the attribution (right case, agreeing gender)
wins; then a pronoun (resolved); then an organisation mention heading the subject (not one that only
depends on a noun: "пресс-служба Кремля" stays the descriptor, "В Кремле отметили" gives the mention); then a descriptor
noun phrase put in the nominative ("в пресс-службе азербайджанского лидера" → "пресс-служба
азербайджанского лидера", "экспертов" → "эксперты"). ``speaker_id`` is left for the caller.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from pymorphy2.analyzer import Parse as _PymorphyParse

from ..model import Quote
from ..page.lines import morph
from .speech import NAMING_LEMMAS, SpeechWord, speech_word

__all__ = ["SpeakerMention", "find_quotes", "quote_spans"]

_log = logging.getLogger(__name__)


@dataclass(slots=True)
class SpeakerMention:
    """An entity mention the entity layer found: where it is and whom it names."""

    field: str
    start: int
    stop: int
    name: str                        # normalised (nominative) name: "Дмитрий Песков"
    type: str = "PER"                # PER, ORG, LOC
    gender: str | None = None        # "masc", "femn" or None


# --- quote marks -----------------------------------------------------------------------------

@dataclass(slots=True)
class _QSpan:
    open: int                        # index of the opening mark
    close: int                       # index of the closing mark (len(text) when unclosed)
    start: int                       # quoted text, marks and outer spaces excluded
    stop: int
    closed: bool = True


def _straight_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:«„“/") and not after.isspace()


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Top-level quoted spans as (start, stop) of the text between the marks."""
    return [(q.start, q.stop) for q in _quote_spans(text)]


def _quote_spans(text: str) -> list[_QSpan]:
    out: list[_QSpan] = []
    stack: list[tuple[str, int]] = []

    def pop() -> None:
        opener = stack.pop()[1]
        if not stack:
            out.append(_span(text, opener, i))

    for i, ch in enumerate(text):
        if ch == "«":
            stack.append((ch, i))
        elif ch == "»":
            while len(stack) > 1 and stack[-1][0] != "«":
                stack.pop()                        # an inner mark left open: drop it
            if stack and stack[-1][0] == "«":
                pop()
        elif ch == "„":
            stack.append((ch, i))
        elif ch in "“”":
            if stack and stack[-1][0] in "„“":
                pop()
            elif ch == "“" and (not stack or stack[-1][0] in "«\""):
                stack.append((ch, i))              # English-style “…”
        elif ch == '"':
            if stack and stack[-1][0] == '"' and not _straight_opens(text, i):
                pop()
            elif _straight_opens(text, i):
                stack.append((ch, i))
    if stack and stack[0][0] in "«„" and not text[: stack[0][1]].strip():
        # a paragraph that opens a quote and never closes it (multi-paragraph quotes)
        out.append(_span(text, stack[0][1], len(text), closed=False))
    return out


def _span(text: str, opener: int, closer: int, closed: bool = True) -> _QSpan:
    s, e = opener + 1, closer
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return _QSpan(opener, closer, s, e, closed)


# --- tokens and morphology ----------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:[-‐][^\W_]+)*|[,:;()]|[—–]|(?<=\s)-(?=\s)")
_DASHES = "—–-"
_END = ".!?…"

PREPS = frozenset("""
в во на о об обо по с со к ко у от из за для при про без до над под после перед между через около
из-за из-под ради среди вокруг против согласно вслед кроме вместо насчет насчёт
""".split())
PRONOUNS = {"он": ("masc", "sing"), "она": ("femn", "sing"), "оно": ("neut", "sing"), "они": (None, "plur")}
# inanimate nouns that can speak: organisations, their services, media, "источник", "сторона"
ORG_HEADS = frozenset("""
пресс-служба служба пресс-центр пресс-бюро пресс-офис ведомство министерство минобороны минфин мид
администрация правительство кабинет мэрия офис штаб аппарат посольство консульство представительство
комитет комиссия совет парламент сенат дума палата суд прокуратура полиция управление департамент
отдел центр институт университет партия движение союз клуб федерация ассоциация объединение
организация компания корпорация концерн холдинг банк фонд агентство издание газета журнал телеканал
канал радиостанция портал сайт кремль руководство командование секретариат группа команда оппозиция
сторона источник сми регулятор оператор производитель ритейлер перевозчик авиакомпания завод
предприятие госкорпорация госдума совбез генштаб пентагон минздрав минтранс минэнерго минюст
минпромторг минэкономразвития минпросвещения минобрнауки мвд фсб снб цб центробанк ведомство
""".split())
# nouns that take a PP as part of the descriptor: "источник в правительстве"
PP_HEADS = frozenset("источник собеседник представитель сотрудник член специалист".split())
# documents and channels: "говорится в сообщении ведомства" → the speaker is the owner
DOC_NOUNS = frozenset("""
сообщение заявление релиз пресс-релиз документ письмо доклад отчет отчёт публикация материал пост
обращение telegram-канал телеграм-канал канал блог аккаунт ответ комментарий справка исследование
обзор записка решение приговор постановление текст страница соцсеть микроблог статья интервью
""".split())
# nouns before a quoted name: «…» after them is a name, not a quote
NAMING_NOUNS = frozenset("""
компания холдинг корпорация концерн банк клуб команда фк хк партия движение фонд газета журнал
издание телеканал радиостанция агентство авиакомпания завод фабрика театр фильм сериал книга роман
песня альбом программа проект операция учение форум фестиваль премия конкурс отель гостиница
ресторан магазин аэропорт стадион станция платформа сеть бренд марка комплекс система ракета закон
указ турнир кубок чемпионат объединение ассоциация союз центр общество ооо ао пао зао оао нко группа
группировка организация портал сайт приложение мессенджер сервис продукт месторождение трубопровод
газопровод нефтепровод судно корабль самолет самолёт крейсер фрегат лодка спектакль выставка шоу
передача журналистка сотрудник сотрудница предприятие корпус отряд батальон бригада полк дивизия
""".split())
# intro phrases with a genitive speaker: "По словам Иванова, …"
INTRO = frozenset("словам мнению данным информации сведениям оценке оценкам утверждению версии заявлению "
                  "признанию подсчетам подсчётам прогнозу прогнозам".split())
_PERSONAL = frozenset("я мы ты вы меня нас тебя вас мне нам тебе вам мной нами это".split())
_FUNCTION_POS = ("PREP", "CONJ", "PRCL", "INTJ", "NPRO", "ADVB", "PRED", "COMP")
_PROPER = ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr")


@dataclass(slots=True)
class _Tok:
    start: int
    stop: int
    text: str
    kind: str                         # "w" word, "p" punctuation, "q" a quoted span (marks included)
    quote: _QSpan | None = None

    @property
    def low(self) -> str:
        return self.text.lower()


@lru_cache(maxsize=50_000)
def _parses(word: str) -> tuple:
    return tuple(morph().parse(word.lower()))


def _known(word: str) -> bool:
    return any(p.tag.POS is not None and "UNKN" not in p.tag and "LATN" not in p.tag for p in _parses(word))


def _nouns(word: str, case: str | None = None, number: str | None = None) -> list:
    """Noun readings; abbreviation readings only for words written in capitals ("МИД", not "Об")."""
    ps = _parses(word)
    if ps and ps[0].tag.POS in _FUNCTION_POS:
        return []
    caps = word.isupper() and len(word) > 1
    return [p for p in ps if p.tag.POS == "NOUN" and (case is None or case in p.tag)
            and (number is None or number in p.tag) and (caps or "Abbr" not in p.tag)]


def _adjs(word: str, case: str | None = None, number: str | None = None) -> list:
    return [p for p in _parses(word) if p.tag.POS in ("ADJF", "PRTF", "NUMR") and (case is None or case in p.tag)
            and (number is None or number in p.tag)]


def _case_ok(word: str, case: str, gender: str | None = None) -> bool:
    """Whether a word of a name can stand in ``case`` (unknown and indeclinable words can)."""
    ps = [p for p in _parses(word) if p.tag.POS is not None and "UNKN" not in p.tag and "LATN" not in p.tag]
    if not ps or any("Fixd" in p.tag for p in ps):
        return True
    for p in ps:
        if case not in p.tag:
            continue
        if gender and "sing" in p.tag and gender not in p.tag and "Ms-f" not in p.tag \
                and any(g in p.tag for g in ("Surn", "Name", "Patr")):
            continue
        return True
    return False


def _is_nameish(tok: _Tok) -> bool:
    """A capitalised word that is not a common word at the start of a sentence, a Latin word, an abbreviation."""
    t = tok.text
    if tok.kind == "q":
        return True
    if tok.kind != "w" or not t[:1].isupper():
        return False
    ps = _parses(t)
    if ps and ps[0].tag.POS in _FUNCTION_POS:
        return False
    if not _known(t) or (t.isupper() and len(t) > 1):
        return True
    return any(g in p.tag for p in ps for g in _PROPER if g != "Abbr")


def _restore(new: str, old: str, lower: bool) -> str:
    if "ё" not in old.lower():
        new = new.replace("ё", "е")
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper() and not lower:
        return new[:1].upper() + new[1:]
    return new


def _to_nominative(tok: _Tok, parse, sentence_start: bool) -> str:
    old = tok.text
    proper = any(g in parse.tag for g in _PROPER) or (old.isupper() and len(old) > 1)
    lower = sentence_start and not proper
    if "nomn" in parse.tag and "accs" not in parse.tag:
        return _restore(old.lower(), old, lower)
    new = _PymorphyParse.inflect(parse, {"nomn"})
    if new is None:
        return _restore(old.lower(), old, lower)
    return _restore(new.word, old, lower)


def _tokens(text: str, spans: list[_QSpan]) -> list[_Tok]:
    toks: list[_Tok] = []
    qi = 0
    for m in _WORD.finditer(text):
        while qi < len(spans) and spans[qi].close < m.start():
            qi += 1
        if qi < len(spans) and spans[qi].open <= m.start() <= spans[qi].close:
            q = spans[qi]
            if not toks or toks[-1].quote is not q:
                toks.append(_Tok(q.open, min(q.close + 1, len(text)), text[q.open:q.close + 1], "q", q))
            continue
        w = m.group()
        toks.append(_Tok(m.start(), m.end(), w, "w" if w[0].isalnum() else "p"))
    # quotes with no word inside still make a token
    have = {id(t.quote) for t in toks if t.quote is not None}
    for q in spans:
        if id(q) not in have:
            toks.append(_Tok(q.open, min(q.close + 1, len(text)), text[q.open:q.close + 1], "q", q))
    toks.sort(key=lambda t: t.start)
    return toks


def _masked(text: str, spans: list[_QSpan]) -> str:
    chars = list(text)
    for q in spans:
        for i in range(q.open + 1, min(q.close, len(text))):
            if not chars[i].isspace():
                chars[i] = "ж"
    return "".join(chars)


def _sentences(text: str, spans: list[_QSpan]) -> list[tuple[int, int]]:
    from razdel import sentenize
    return [(s.start, s.stop) for s in sentenize(_masked(text, spans))]


# --- speakers -------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Speaker:
    name: str | None
    gender: str | None = None
    person: bool = False


@dataclass(slots=True)
class _Verb:
    idx: int                          # token index in the field
    tok: _Tok
    sw: SpeechWord


@dataclass(slots=True)
class _Attr:
    pos: int                          # where the attribution is anchored (its verb or intro)
    speaker: _Speaker | None


class _Finder:
    def __init__(self, fields: list[tuple[str, str]], mentions: list[SpeakerMention]):
        self.fields = fields
        self.order = {name: i for i, (name, _) in enumerate(fields)}
        self.mentions: dict[str, list[SpeakerMention]] = {}
        for m in mentions:
            self.mentions.setdefault(m.field, []).append(m)
        for ms in self.mentions.values():
            ms.sort(key=lambda m: m.start)
        self.history: list[_Speaker] = []
        self.out: list[Quote] = []
        self.seen: set[tuple] = set()
        self.last_direct: tuple[int, _Speaker | None] | None = None   # (field index, speaker)
        self.fi = 0
        self.text = ""
        self.toks: list[_Tok] = []
        self.sent_start = 0

    # -- output ------------------------------------------------------------------------------------

    def emit(self, kind: str, start: int, stop: int, speaker: _Speaker | None, fi: int | None = None) -> None:
        fi = self.fi if fi is None else fi
        name, text = self.fields[fi]
        while start < stop and text[start].isspace():
            start += 1
        while stop > start and (text[stop - 1].isspace() or (kind == "indirect" and text[stop - 1] in ".;,:")):
            stop -= 1
        if stop <= start:
            return
        key = (kind, name, start, stop)
        if key in self.seen:
            return
        self.seen.add(key)
        self.out.append(Quote(kind=kind, text=text[start:stop], field=name, start=start, stop=stop,
                              speaker=speaker.name if speaker else None))

    def remember(self, sp: _Speaker | None) -> None:
        if sp is not None and sp.name:
            self.history.append(sp)

    # -- mentions ---------------------------------------------------------------------------------

    def _field_mentions(self) -> list[SpeakerMention]:
        return self.mentions.get(self.fields[self.fi][0], [])

    def _mention_at(self, tok: _Tok) -> SpeakerMention | None:
        for m in self._field_mentions():
            if m.start <= tok.start < m.stop or (tok.kind == "q" and tok.start <= m.start < tok.stop):
                return m
        return None

    def _person_ok(self, m: SpeakerMention, case: str, gender: str | None) -> bool:
        if gender in ("masc", "femn") and m.gender and m.gender != gender:
            return False
        # every word, so that a descriptor mention ("азербайджанского лидера") is held to its case too
        words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", self.text[m.start:m.stop])
        return all(_case_ok(w, case, m.gender) for w in words) if words else True

    # -- pronouns ---------------------------------------------------------------------------------

    def resolve_pronoun(self, gender: str | None, number: str | None, pos: int) -> _Speaker | None:
        if number == "plur":
            return None
        for exact in (True, False):
            for sp in reversed(self.history):
                if sp.person and (sp.gender == gender if exact else sp.gender is None or gender is None):
                    return _Speaker(sp.name, sp.gender or gender, True)
        # no earlier speaker: the last person mentioned before, of that gender
        best = None
        for fname, ms in self.mentions.items():
            fi = self.order.get(fname)
            if fi is None or not (_is_prose(fname) or fname == "title"):
                continue
            for m in ms:
                if m.type != "PER" or (fi, m.start) >= (self.fi, pos):
                    continue
                if gender and m.gender and m.gender != gender:
                    continue
                if best is None or (fi, m.start) > best[0]:
                    best = ((fi, m.start), m)
        if best:
            return _Speaker(best[1].name, best[1].gender or gender, True)
        return None

    # -- the subject of an attribution ----------------------------------------------------------

    def subject(self, a: int, b: int, vpos: int, case: str = "nomn", gender: str | None = None,
                number: str | None = None, impersonal: bool = False) -> _Speaker | None:
        """The speaker named in text[a:b] for a speech verb at ``vpos`` (or an intro at ``a``)."""
        if impersonal:
            return self._doc_owner(a, b, vpos)
        toks = [(i, t) for i, t in enumerate(self.toks) if a <= t.start and t.stop <= b]
        cands: list[tuple[int, int, _Speaker | str]] = []
        # persons and pronouns
        for m in self._field_mentions():
            if m.type == "PER" and a <= m.start and m.stop <= b and self._person_ok(m, case, gender):
                cands.append((_dist(m.start, m.stop, vpos), 0, _Speaker(m.name, m.gender or gender, True)))
        if case == "nomn":
            for i, t in toks:
                if t.kind == "w" and t.low in PRONOUNS:
                    pg, pn = PRONOUNS[t.low]
                    cands.append((_dist(t.start, t.stop, vpos), 1, f"pron:{pg}:{pn}:{t.start}"))
        if cands:
            cands.sort(key=lambda c: (c[0], c[1]))
            best = cands[0][2]
            if isinstance(best, _Speaker):
                return best
            _, pg, pn, at = best.split(":")
            return self.resolve_pronoun(gender or (pg if pg != "None" else None),
                                        number or pn, int(at))
        head = self._head(toks, vpos, case, number)
        if head is not None:
            return head
        if number == "plur" and case == "nomn":
            # "В Кремле отметили", "сообщили в пресс-службе ведомства"
            return self._pp_speaker(toks, vpos)
        return None

    def _head(self, toks: list[tuple[int, _Tok]], vpos: int, case: str, number: str | None,
              allow_pp: bool = False) -> _Speaker | None:
        best: tuple[int, _Speaker] | None = None
        idxs = [i for i, _ in toks]
        if not idxs:
            return None
        lo, hi = idxs[0], idxs[-1]
        for i, t in toks:
            sp = self._head_at(i, lo, hi, case, number, allow_pp)
            if sp is None:
                continue
            d = _dist(t.start, t.stop, vpos)
            if case == "nomn" and _case_ambiguous(t):
                d += 200        # "сообщила ИТАР-ТАСС пресс-секретарь суда": a clear nominative first
            if best is None or d < best[0]:
                best = (d, sp)
        return best[1] if best else None

    def _head_at(self, i: int, lo: int, hi: int, case: str, number: str | None,
                 allow_pp: bool) -> _Speaker | None:
        """A speaker whose head word is token i (within tokens lo..hi), or None."""
        t = self.toks[i]
        if t.kind not in ("w", "q"):
            return None
        m = self._mention_at(t)
        if m is not None and m.type == "PER":
            return None                                   # persons were weighed already
        if m is not None and (m.start < t.start):
            return None                                   # not the first word of the mention
        parses = _nouns(t.text, case, number) if t.kind == "w" else []
        if t.text[:1].islower():                          # "31 марта": no name "Марта" in lower case
            parses = [p for p in parses if not any(g in p.tag for g in ("Name", "Surn", "Patr"))]
        nameish = _is_nameish(t)
        if m is None and not parses and not (nameish and (t.kind == "q" or not _known(t.text))):
            return None
        if number == "plur" and m is None and not any("Fixd" not in p.tag or _speakerlike(p) for p in parses):
            return None                                   # plural subjects: real plural nouns or mentions
        if i - 1 >= lo and self.toks[i - 1].kind == "w":
            pv = _parses(self.toks[i - 1].text)
            if pv and pv[0].tag.POS in ("VERB", "INFN") and not speech_word(self.toks[i - 1].text):
                return None                               # "устроил ДТП": an object, not a subject
        if m is not None or t.kind == "q":
            # a name must stand in the case asked for: not "сообщил «Интерфаксу»"
            surface = self.text[m.start:m.stop] if m is not None else self.text[t.quote.start:t.quote.stop]
            first = next(iter(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", surface)), "")
            if first and not _case_ok(first, case):
                return None
            if number == "plur" and not any("plur" in p.tag for p in _nouns(first, case)):
                return None                               # "Об этом «УралПолит.Ru» сообщили в …"
        if m is None and parses and not nameish:
            if not any(_speakerlike(p) for p in parses):
                return None
            # "старший исследователь": an adjective reading before a noun of the same case is no head
            nxt = self.toks[i + 1] if i + 1 <= hi else None
            if nxt is not None and nxt.kind == "w" and _adjs(t.text, case) and _nouns(nxt.text, case):
                return None
        # what stands before: a preposition (not a subject) or a noun (then this is its dependent)
        j = i - 1
        while j >= lo and self.toks[j].kind == "w" and _adjs(self.toks[j].text, case) \
                and not _nouns(self.toks[j].text):
            j -= 1
        if j >= lo and self.toks[j].kind == "w" and self.toks[j].low in PREPS and not allow_pp:
            return None
        # a genitive reading after a noun (adjectives between): "представитель МИД", "службы амурского правительства"
        g = i - 1
        while g >= lo and self.toks[g].kind == "w" and _adjs(self.toks[g].text) and not _nouns(self.toks[g].text):
            g -= 1
        if g >= lo:
            prev = self.toks[g]
            if prev.kind in ("w", "q") and prev.low not in PREPS and (_nouns(prev.text) or prev.kind == "q") \
                    and not speech_word(prev.text):
                dependent_reading = (t.kind == "q" or not parses or any("gent" in p.tag for p in _nouns(t.text))
                                     or any("Fixd" in p.tag for p in _parses(t.text)))
                if dependent_reading:
                    return None
        if m is not None:
            return _Speaker(m.name, m.gender, False)
        # "компания «Ромашка»": an organisation noun before a name → the name
        nxt = self.toks[i + 1] if i + 1 <= hi else None
        if parses and nxt is not None and any(p.normal_form in NAMING_NOUNS for p in parses):
            nm = self._mention_at(nxt)
            if nm is not None and nm.type != "PER":
                return _Speaker(nm.name, nm.gender, False)
        return self._descriptor(i, lo, hi, case, number)

    def _descriptor(self, i: int, lo: int, hi: int, case: str, number: str | None) -> _Speaker:
        t = self.toks[i]

        def at_start(k: int) -> bool:
            return self.text[self.sent_start:self.toks[k].start].strip() in ("", "—", "«", "(")
        if t.kind == "q":
            return _Speaker(self.text[t.quote.start:t.quote.stop], None, False)
        parses = _nouns(t.text, case, number)
        if not parses:                                     # an unknown name: it and the names after it
            k = i
            while k + 1 <= hi and (self.toks[k + 1].kind == "q" or self.toks[k + 1].kind == "w"
                                   and self.toks[k + 1].text[:1].isupper() and not _known(self.toks[k + 1].text)):
                k += 1
            return _Speaker(self.text[t.start:self.toks[k].stop], None, False)
        head = parses[0]
        words: list[str] = []
        # agreeing adjectives before the head
        k = i - 1
        left: list[str] = []
        while k >= lo and self.toks[k].kind == "w":
            ap = _adjs(self.toks[k].text, case, "plur" if "plur" in head.tag else "sing")
            if not ap or _nouns(self.toks[k].text) and not ap:
                break
            left.append(_to_nominative(self.toks[k], ap[0], at_start(k)))
            k -= 1
        words.extend(reversed(left))
        words.append(_to_nominative(t, head, at_start(i) and not left))
        # genitive dependents, names, quoted names; a PP after "источник", "представитель"
        k = i + 1
        pp = head.normal_form in PP_HEADS
        while k <= hi:
            n = self.toks[k]
            if n.kind == "q":
                words.append(n.text)
            elif n.kind != "w" or speech_word(n.text):
                break
            elif pp and n.low in ("в", "во", "при", "из") and k + 1 <= hi:
                words.append(n.text)
                pp = False
            elif n.low in PREPS or n.low in PRONOUNS or n.low in ("что", "и", "а", "но", "также", "журналистам"):
                break
            elif any("gent" in p.tag or "loct" in p.tag and words[-1].lower() in ("в", "во", "при")
                     for p in _parses(n.text) if p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR")) \
                    or n.text[:1].isupper() or not _known(n.text):
                words.append(n.text)
            else:
                break
            k += 1
        while words and words[-1].lower() in ("в", "во", "при", "из"):
            words.pop()
        person = "anim" in head.tag and "sing" in head.tag
        gender = next((g for g in ("masc", "femn") if g in head.tag), None) if person else None
        return _Speaker(" ".join(words), gender, person)

    def _pp_speaker(self, toks: list[tuple[int, _Tok]], vpos: int) -> _Speaker | None:
        """"В Кремле отметили", "сообщили в пресс-службе ведомства": the place speaks."""
        best = None
        idxs = [i for i, _ in toks]
        if not idxs:
            return None
        hi = idxs[-1]
        for i, t in toks:
            if t.kind != "w" or t.low not in ("в", "во") or i + 1 > hi:
                continue
            k = i + 1
            while k <= hi and self.toks[k].kind == "w" and _adjs(self.toks[k].text, "loct") \
                    and not _nouns(self.toks[k].text, "loct"):
                k += 1
            if k > hi:
                continue
            h = self.toks[k]
            hp = _nouns(h.text, "loct") if h.kind == "w" else []
            if hp and hp[0].normal_form in DOC_NOUNS:
                sp = self._doc_owner(h.stop, self.toks[hi].stop, vpos)
            else:
                sp = self._head_at(k, i + 1, hi, "loct", None, allow_pp=True)
                if sp is None and h.kind == "w" and h.text[:1].isupper() and hp and k > idxs[0] + 1:
                    sp = self._descriptor(k, i + 1, hi, "loct", None)
            if sp is not None:
                d = _dist(t.start, h.stop, vpos)
                if best is None or d < best[0]:
                    best = (d, sp)
        return best[1] if best else None

    def _doc_owner(self, a: int, b: int, vpos: int) -> _Speaker | None:
        """"говорится в сообщении пресс-службы банка" → "пресс-служба банка"."""
        toks = [(i, t) for i, t in enumerate(self.toks) if a <= t.start and t.stop <= b]
        for i, t in toks:
            if t.kind == "w" and any(p.normal_form in DOC_NOUNS for p in _nouns(t.text)):
                rest = [(k, u) for k, u in toks if u.start > t.start]
                if not rest:
                    return None
                lo, hi = rest[0][0], rest[-1][0]
                for k, u in rest[:3]:
                    m = self._mention_at(u)
                    if m is not None:
                        return _Speaker(m.name, m.gender, m.type == "PER")
                    sp = self._head_at(k, lo, hi, "gent", None, allow_pp=True) if k == lo else None
                    if sp is not None:
                        return sp
                return None
        return None

    # -- a field ------------------------------------------------------------------------------------

    def run(self) -> list[Quote]:
        for fi, (_, text) in enumerate(self.fields):
            if not text or not text.strip():
                continue
            self.fi, self.text = fi, text
            spans = _quote_spans(text)
            self.toks = _tokens(text, spans)
            sents = _sentences(text, spans)
            prev: tuple[int, int] | None = None
            for ss, se in sents:
                self.sent_start = ss
                try:
                    self._sentence(ss, se, spans, sents, prev)
                except Exception:                 # one odd sentence must not cost the article its quotes
                    _log.exception("quotes: sentence %s[%d:%d] skipped", self.fields[fi][0], ss, se)
                prev = (ss, se)
        self.out.sort(key=lambda q: (self.order.get(q.field, 0), q.start, q.kind))
        return self.out

    def _sentence(self, ss: int, se: int, spans: list[_QSpan], sents, prev) -> None:
        text = self.text
        idx = [i for i, t in enumerate(self.toks) if ss <= t.start < se]
        if not idx:
            return
        verbs = [_Verb(i, self.toks[i], sw) for i in idx if self.toks[i].kind == "w"
                 for sw in [speech_word(self.toks[i].text)] if sw]
        quotes = [q for q in spans if ss <= q.open < se]
        used: set[int] = set()                    # verbs that attributed a direct quote
        attrs: list[_Attr] = []
        handled: set[int] = set()                 # quotes (by open) already attributed

        # 1. direct quotes with an explicit attribution
        prev_close = None
        for q in quotes:
            inner = self._inner_split(q)
            if inner is not None:
                sp, parts = inner
                for a, b in parts:
                    self.emit("direct", a, b, sp)
                handled.add(q.open)
                self.remember(sp)
                self.last_direct = (self.fi, sp)
                prev_close = q.close
                continue
            sp, ok = self._after_dash(q, ss, se, verbs, used)
            if not ok:
                sp, ok = self._before(q, ss if prev_close is None else prev_close + 1, verbs, used)
            if not ok and q.open == _first_char(text) and _is_whole(text, q):
                sp, ok = self._paragraph_quote(), True
                if sp is None and (_name_like(text, q) or len(text[q.start:q.stop].split()) < 4):
                    ok = False
            if ok:
                handled.add(q.open)
                self.emit("direct", q.start, q.stop, sp)
                self.remember(sp)
                self.last_direct = (self.fi, sp)
                attrs.append(_Attr(q.close, sp))
            prev_close = q.close

        # 2. intro phrases: "По словам X, …", "Как отметили в X, …", "…, как сообщает X."
        indirect_done = False
        intro = self._intro(idx, ss, se, verbs, used)
        if intro is not None:
            pos, sp, text_span = intro
            attrs.append(_Attr(pos, sp))
            if sp is not None and text_span is not None:
                a, b = text_span
                rest = text[a:b].strip().rstrip(_END).strip()
                only_quote = any(q.open == a + (len(text[a:b]) - len(text[a:b].lstrip())) and q.open in handled
                                 for q in quotes) and rest.startswith(("«", "„", '"', "“"))
                if not only_quote:
                    self.emit("indirect", a, b, sp)
                indirect_done = True
            self.remember(sp)

        # 3. speech verbs in the sentence
        for v in verbs:
            if v.idx in used:
                continue
            that = None if v.sw.lemma in NAMING_LEMMAS else self._that_clause(v, se)
            trailing = None if that else self._trailing(v, ss, se)
            about = None if (that or trailing) else self._about_this(v, ss, se)
            if that is not None:
                sp = self._last_speaker_in(attrs) if v.sw.pos == "GRND" else None
                if sp is None:
                    sp = self.subject(ss, that[0], v.tok.start, "nomn", v.sw.gender, v.sw.number,
                                      v.sw.impersonal)
                attrs.append(_Attr(v.tok.start, sp))
                if sp is not None and sp.name and not indirect_done:
                    self.emit("indirect", that[1], se, sp)
                    indirect_done = True
                self.remember(sp)
            elif trailing is not None:
                sp = self.subject(v.tok.start, se, v.tok.start, "nomn", v.sw.gender, v.sw.number,
                                  v.sw.impersonal)
                attrs.append(_Attr(v.tok.start, sp))
                if sp is not None and sp.name and not indirect_done:
                    self.emit("indirect", ss, trailing, sp)
                    indirect_done = True
                self.remember(sp)
            elif about is not None:
                sp = self.subject(ss, se, v.tok.start, "nomn", v.sw.gender, v.sw.number, v.sw.impersonal)
                attrs.append(_Attr(v.tok.start, sp))
                if sp is not None and sp.name and prev is not None and not indirect_done:
                    self.emit("indirect", prev[0], prev[1], sp)
                    indirect_done = True
                elif sp is not None and sp.name and prev is None and not indirect_done:
                    pfi = self._previous_prose(self.fi)
                    pf = self.fields[pfi] if pfi is not None else None
                    if pf is not None and pf[1].strip():
                        last = _sentences(pf[1], _quote_spans(pf[1]))[-1]
                        self.emit("indirect", last[0], last[1], sp, fi=pfi)
                        indirect_done = True
                self.remember(sp)
            else:
                sp = self.subject(ss, se, v.tok.start, "nomn", v.sw.gender, v.sw.number, v.sw.impersonal) \
                    if any(q.open not in handled for q in quotes) else None
                attrs.append(_Attr(v.tok.start, sp))

        # 4. partial quotes inside reported speech
        for q in quotes:
            if q.open in handled or not q.closed:
                continue
            if not attrs or self._name_quote(q):
                continue
            before = [a for a in attrs if a.pos < q.open]
            after = [a for a in attrs if a.pos > q.open]
            at = before[-1] if before else after[0]
            self.emit("direct", q.start, q.stop, at.speaker)

    @staticmethod
    def _last_speaker_in(attrs: list[_Attr]) -> _Speaker | None:
        for a in reversed(attrs):
            if a.speaker is not None:
                return a.speaker
        return None

    # -- direct quote attributions ----------------------------------------------------------------

    _INNER = re.compile(r"([,.!?…])\s+[—–]\s+([^—–«»„“\"]{2,160}?)([.,:])\s+[—–]\s+")

    def _inner_split(self, q: _QSpan):
        """«Первая часть, — сказал Иванов. — Вторая часть»: the attribution inside the marks."""
        body = self.text[q.start:q.stop]
        m = self._INNER.search(body)
        if m is None:
            return None
        a0, a1 = q.start + m.start(2), q.start + m.end(2)
        saved = self.toks
        try:
            self.toks = _tokens(self.text, [])
            region = [i for i, t in enumerate(self.toks) if a0 <= t.start and t.stop <= a1]
            for n, i in enumerate(region[:7]):
                t = self.toks[i]
                if t.kind == "p":
                    return None
                sw = speech_word(t.text)
                if sw is not None:
                    sp = self.subject(a0, a1, t.start, "nomn", sw.gender, sw.number, sw.impersonal)
                    break
            else:
                return None
        finally:
            self.toks = saved
        cut = q.start + m.start(1) + (1 if m.group(1) in "!?…" else 0)
        return sp, [(q.start, cut), (q.start + m.end(), q.stop)]

    def _after_dash(self, q: _QSpan, ss: int, se: int, verbs: list[_Verb], used: set[int]):
        """«…», — сказал он. / «…», — Иванов заявил журналистам."""
        text = self.text
        if not q.closed:
            return None, False
        k = q.close + 1
        while k < len(text) and (text[k] in ",.!?…" or text[k].isspace()):
            k += 1
        comma_only = False
        if k >= len(text) or text[k] not in _DASHES:
            # «…», заявил Иванов — a comma and a speech verb right after it, no dash
            if not text[q.close + 1:k].startswith(",") or _name_like(text, q) or text[ss:q.open].strip():
                return None, False
            comma_only = True
        elif text[k] == "-" and not (k + 1 < len(text) and text[k + 1].isspace()):
            return None, False
        r0 = k if comma_only else k + 1
        r1 = self._region_end(r0, se)
        region = [i for i, t in enumerate(self.toks) if r0 <= t.start and t.stop <= r1]
        for n, i in enumerate(region):
            t = self.toks[i]
            if t.kind == "p" and t.text in ",;:":
                return None, False
            if n > (0 if comma_only else 6):
                return None, False
            v = next((v for v in verbs if v.idx == i), None)
            if v is not None and v.sw.pos != "GRND":
                used.add(i)
                return self.subject(r0, r1, t.start, "nomn", v.sw.gender, v.sw.number, v.sw.impersonal), True
        return None, False

    def _region_end(self, r0: int, se: int) -> int:
        """The attribution after a dash ends at the sentence end or at the next dash ("…, — «…»")."""
        text = self.text
        end = se
        for i in range(r0, se):
            if text[i] in "—–" and i > r0:
                end = i
                break
        return end

    def _before(self, q: _QSpan, b0: int, verbs: list[_Verb], used: set[int]):
        """Иванов заявил: «…» / …, — сказал он, — «…» / По словам Иванова, «…» / Иванов: «…»"""
        text = self.text
        region = text[b0:q.open]
        stripped = region.rstrip()
        if not stripped:
            return None, False
        end = b0 + len(stripped)
        last = stripped[-1]
        rverbs = [v for v in verbs if b0 <= v.tok.start and v.tok.stop <= end]
        if last == ":":
            if rverbs:
                v = rverbs[-1]
                used.add(v.idx)
                return self.subject(b0, end - 1, v.tok.start, "nomn", v.sw.gender, v.sw.number,
                                    v.sw.impersonal), True
            words = [t for t in self.toks if b0 <= t.start and t.stop <= end - 1 and t.kind != "p"]
            for m in self._field_mentions():
                if words and m.start <= words[0].start and words[-1].stop <= m.stop:
                    return _Speaker(m.name, m.gender, m.type == "PER"), True
            return None, False
        if last in _DASHES and rverbs and b0 > 0 and text[:b0].rstrip()[-1:] in "»“\"":
            v = rverbs[-1]
            used.add(v.idx)
            body = stripped[:-1].rstrip(" ,")
            return self.subject(b0, b0 + len(body), v.tok.start, "nomn", v.sw.gender, v.sw.number,
                                v.sw.impersonal), True
        if last == ",":
            words = [t for t in self.toks if b0 <= t.start and t.stop <= end and t.kind == "w"]
            if len(words) >= 3 and words[0].low == "по" and words[1].low in INTRO:
                return self.subject(words[2].start, end - 1, words[2].start, "gent"), True
            if len(words) >= 2 and words[0].low == "как" and rverbs:
                v = rverbs[0]
                used.add(v.idx)
                return self.subject(b0, end - 1, v.tok.start, "nomn", v.sw.gender, v.sw.number,
                                    v.sw.impersonal), True
        return None, False

    def _paragraph_quote(self) -> _Speaker | None:
        """A paragraph that is one quote: "… заявил:" before it, or the previous paragraph's speaker."""
        pfi = self._previous_prose(self.fi)
        if pfi is None:
            return None
        pname, ptext = self.fields[pfi]
        pstrip = ptext.rstrip() if ptext else ""
        if pstrip.endswith(":"):
            saved = (self.fi, self.text, self.toks, self.sent_start)
            try:
                self.fi, self.text = pfi, ptext
                spans = _quote_spans(ptext)
                self.toks = _tokens(ptext, spans)
                ss = _sentences(ptext, spans)[-1][0]
                self.sent_start = ss
                vs = [(i, t, speech_word(t.text)) for i, t in enumerate(self.toks)
                      if t.start >= ss and t.kind == "w" and speech_word(t.text)]
                if vs:
                    i, t, sw = vs[-1]
                    sp = self.subject(ss, len(pstrip) - 1, t.start, "nomn", sw.gender, sw.number, sw.impersonal)
                    return sp
                # "Иван Петров выступил с речью:" — the person in the nominative
                for m in self._field_mentions():
                    if m.type == "PER" and m.start >= ss and self._person_ok(m, "nomn", None):
                        return _Speaker(m.name, m.gender, True)
            finally:
                self.fi, self.text, self.toks, self.sent_start = saved
            return None
        if self.last_direct is not None and self.last_direct[0] == pfi:
            return self.last_direct[1]
        return None

    def _previous_prose(self, fi: int) -> int | None:
        """The paragraph before field ``fi`` (lead or body), skipping captions and alternative titles."""
        for k in range(fi - 1, -1, -1):
            if _is_prose(self.fields[k][0]):
                return k
            if not self.fields[k][0].startswith(("media[", "alt_titles[")):
                return None
        return None

    # -- reported speech ----------------------------------------------------------------------------

    def _that_clause(self, v: _Verb, se: int) -> tuple[int, int] | None:
        """"заявил (журналистам), что …" → (the comma before "что", the start of the clause)."""
        words = 0
        toks = self.toks
        i = v.idx + 1
        while i < len(toks) and toks[i].start < se:
            t = toks[i]
            if t.kind == "p" and t.text == ",":
                if i + 1 < len(toks) and toks[i + 1].low in ("что", "чтобы") and toks[i + 1].start < se:
                    return t.start, toks[i + 1].stop
                if i + 2 < len(toks) and toks[i - 1].low == "том" and toks[i + 1].low == "что":
                    return t.start, toks[i + 1].stop
                return None
            if t.kind != "w":
                return None
            if t.low in ("что",) and words == 0:
                return None
            if speech_word(t.text) and t.low not in ("сообщению",):
                return None
            words += 1
            if words > 8:
                return None
            i += 1
        return None

    def _trailing(self, v: _Verb, ss: int, se: int) -> int | None:
        """"…, заявил Иванов." → where the reported clause ends (the comma), or None."""
        toks = self.toks
        if v.sw.pos not in ("VERB",) or v.idx == 0:
            return None
        j = v.idx - 1
        while j >= 0 and toks[j].kind == "p" and toks[j].text in "—–-":
            j -= 1
        if j < 0 or toks[j].text != "," or toks[j].start <= ss:
            return None
        # a short attribution up to the sentence end, no "что" in it
        rest = [t for t in toks[v.idx + 1:] if t.start < se]
        if len(rest) > 10 or any(t.low in ("что", "чтобы") or (t.kind == "p" and t.text in ",:;") for t in rest):
            return None
        content = self.text[ss:toks[j].start]
        if len(content.split()) < 3 or content.lstrip()[:1] in "«„\"“":
            return None
        if self.text[ss:toks[j].start].rstrip().endswith(("»", "“", '"')) and \
                content.lstrip()[:1] in "«„\"“":
            return None
        return toks[j].start

    def _about_this(self, v: _Verb, ss: int, se: int) -> bool | None:
        """"Об этом сообщает пресс-служба Кремля." → the previous sentence is the statement."""
        words = [t for t in self.toks if ss <= t.start < se and t.kind == "w"]
        lows = [t.low for t in words]
        for k in range(len(lows) - 1):
            if lows[k] in ("об", "о") and lows[k + 1] == "этом" and len(words) <= 14:
                return True
        return None

    def _intro(self, idx: list[int], ss: int, se: int, verbs: list[_Verb], used: set[int]):
        """"По словам X, …" / "По мнению экспертов, …" / "Как отметили в X, …" / "…, как сообщает X."

        Returns (anchor, speaker, span of the reported text or None)."""
        toks = self.toks
        for n, i in enumerate(idx):
            t = toks[i]
            if t.kind != "w":
                continue
            at_start = n == 0 or (n == 1 and toks[idx[0]].low in ("а", "но", "однако", "и"))
            after_comma = n > 0 and toks[idx[n - 1]].text == ","
            if not (at_start or after_comma):
                continue
            if t.low == "по" and n + 1 < len(idx) and toks[idx[n + 1]].low in INTRO:
                body0 = n + 2
                comma = next((k for k in idx[body0:] if toks[k].text == ","), None)
                stop = toks[comma].start if comma is not None else se
                if body0 >= len(idx):
                    return None
                first = toks[idx[body0]]
                sp = self.subject(first.start, stop, first.start, "gent")
                return t.start, sp, self._intro_text(at_start, ss, se, t, comma, idx)
            if t.low == "как":
                v = next((v for v in verbs if idx[n] < v.idx <= idx[min(n + 3, len(idx) - 1)]), None)
                if v is None or v.idx in used:
                    continue
                comma = next((k for k in idx if k > v.idx and toks[k].text == ","), None)
                stop = toks[comma].start if comma is not None else se
                used.add(v.idx)
                sp = self.subject(t.stop, stop, v.tok.start, "nomn", v.sw.gender, v.sw.number, v.sw.impersonal)
                return t.start, sp, self._intro_text(at_start, ss, se, t, comma, idx)
        return None

    def _intro_text(self, at_start: bool, ss: int, se: int, t: _Tok, comma: int | None, idx: list[int]):
        toks = self.toks
        if at_start:
            if comma is None:
                return None
            k = comma + 1
            # skip a relative clause hanging on the speaker: "По словам Иванова, который …, …"
            if k < len(toks) and toks[k].low in ("который", "которая", "которое", "которые"):
                nxt = next((j for j in range(k, len(toks)) if toks[j].start < se and toks[j].text == ","), None)
                if nxt is None:
                    return None
                k = nxt + 1
            if k >= len(toks) or toks[k].start >= se:
                return None
            return toks[k].start, se
        # ", как сообщает X." at the end: the clause before; in the middle: the whole sentence
        comma_before = max((j for j in range(len(toks)) if toks[j].stop <= t.start and toks[j].text == ","),
                           default=None)
        if comma is None:
            # ", по словам Иванова." closes the sentence: the clause before; a longer tail is ambiguous
            tail = [k for k in idx if toks[k].start >= t.start and toks[k].kind == "w"]
            if comma_before is not None and comma_before >= idx[0] and len(tail) <= 7:
                return ss, toks[comma_before].start
            return None
        return ss, se

    # -- names in quotes ----------------------------------------------------------------------------

    def _name_quote(self, q: _QSpan) -> bool:
        """«Газпром», «Спартак», компания «Ромашка»: a name, not a quote."""
        text = self.text
        if _name_like(text, q):
            return True
        for m in self._field_mentions():
            if m.type != "PER" and q.start <= m.start and m.stop <= q.stop + 1 and \
                    (m.stop - m.start) >= 0.5 * (q.stop - q.start):
                return True
        i = next((k for k, t in enumerate(self.toks) if t.quote is q), None)
        if i:
            prev = self.toks[i - 1]
            if prev.kind == "w" and any(p.normal_form in NAMING_NOUNS for p in _nouns(prev.text)):
                return True
        return False


def _is_prose(name: str) -> bool:
    return name == "lead" or name.startswith("body[")


def _case_ambiguous(t: _Tok) -> bool:
    """An indeclinable, unknown or quoted name: its case cannot be read off the word."""
    if t.kind == "q":
        return True
    ps = _parses(t.text)
    return not _known(t.text) or any("Fixd" in p.tag for p in ps)


def _dist(a: int, b: int, pos: int) -> int:
    if b <= pos:
        return pos - b
    if a >= pos:
        return a - pos
    return 0


def _speakerlike(p) -> bool:
    return "anim" in p.tag or "Orgn" in p.tag or p.normal_form.replace("ё", "е") in ORG_HEADS


def _first_char(text: str) -> int:
    return len(text) - len(text.lstrip())


def _is_whole(text: str, q: _QSpan) -> bool:
    return not q.closed or not text[q.close + 1:].strip(" " + _END + "\n\t")


def _name_like(text: str, q: _QSpan) -> bool:
    """«Газпром», «Sputnik Азербайджан», «Будущее - в глазах детей»: short, capitalised, no sentence in it."""
    body = text[q.start:q.stop]
    words = body.split()
    if not words or len(words) > 6 or any(c in body for c in ".!?,:;"):
        return False
    first = words[0]
    if not (first[:1].isupper() or first[:1].isdigit() or re.match(r"[A-Za-z]", first)):
        return False
    # a clause, not a name: a finite verb or a personal pronoun in it ("У меня к этому отвращение")
    for w in re.findall(r"[^\W\d_]+", body):
        ps = _parses(w)
        if ps and ps[0].tag.POS in ("VERB", "NPRO") and not w[:1].isupper() or \
                ps and ps[0].tag.POS == "NPRO" and w.lower() in _PERSONAL:
            return False
    return True


def find_quotes(fields: list[tuple[str, str]], mentions: list[SpeakerMention]) -> list[Quote]:
    """Direct and indirect quotes in the article's fields, each with its speaker where one is named."""
    return _Finder(list(fields), list(mentions or [])).run()
