"""Word lists and pymorphy readings the speaker rules rely on.

Lists: prepositions, pronouns, nouns that can speak (``ORG_HEADS``), documents (``DOC_NOUNS``), nouns
before a quoted name (``NAMING_NOUNS``), intro phrases ("по словам").  Readings: cached pymorphy parses,
noun and adjective readings in a case, whether a word can stand in a case, whether a token looks like a
name, a descriptor word put in the nominative, and whether a quoted span reads like a name
(«Газпром») rather than a quote.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pymorphy2.analyzer import Parse as _PymorphyParse

from ...lang.morph import known_word, morph
from .marks import _QSpan, _Tok

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


CONSONANT_END = set("бвгджзклмнпрстфхцчшщйь")


def _case_ok(word: str, case: str, gender: str | None = None) -> bool:
    """Whether a word of a name can stand in ``case`` (unknown and indeclinable words can)."""
    ps = [p for p in _parses(word) if p.tag.POS is not None and "UNKN" not in p.tag and "LATN" not in p.tag]
    if not ps or any("Fixd" in p.tag for p in ps):
        return True
    if case == "nomn" and word[:1].isupper() and word[-1:].lower() in CONSONANT_END and not known_word(word):
        return True     # "Маркив", "Шугалей": a surname the dictionary lacks, in the form a nominative has
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


def _case_ambiguous(t: _Tok) -> bool:
    """An indeclinable, unknown or quoted name: its case cannot be read off the word."""
    if t.kind == "q":
        return True
    ps = _parses(t.text)
    return not _known(t.text) or any("Fixd" in p.tag for p in ps)


def _speakerlike(p) -> bool:
    return "anim" in p.tag or "Orgn" in p.tag or p.normal_form.replace("ё", "е") in ORG_HEADS


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
