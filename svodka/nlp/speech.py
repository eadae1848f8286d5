"""The speech-verb lexicon: which words introduce reported speech ("заявил", "сообщила", "отметив", "уверен").

Matched on pymorphy lemmas (both aspects are listed: "сообщает" lemmatises to "сообщать", "сообщила" to
"сообщить"). Only finite forms in the third person or the past, gerunds and a few short adjectives
count: "напомним" (first person), "заявить" (infinitive) and "заявление" (a noun) are not speech verbs.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lang.morph import morph

# verbs that take a quote or a "что"-clause; both aspects
SPEECH_LEMMAS = frozenset("""
заявить заявлять сообщить сообщать сказать говорить отметить отмечать добавить добавлять
подчеркнуть подчёркивать подчеркивать пояснить пояснять рассказать рассказывать уточнить уточнять
написать писать указать указывать признать признавать признаться признаваться заверить заверять
напомнить напоминать предупредить предупреждать считать полагать подтвердить подтверждать
объявить объявлять призвать призывать выразить выражать заметить замечать ответить отвечать
спросить спрашивать возразить возражать констатировать утверждать настаивать опровергнуть
опровергать отрицать объяснить объяснять прокомментировать комментировать передать передавать
пообещать обещать посетовать сетовать пожаловаться жаловаться поделиться делиться высказаться
высказываться резюмировать процитировать цитировать назвать называть уверять убеждать
проинформировать информировать анонсировать допустить допускать предположить предполагать
опасаться сознаться сознаваться согласиться соглашаться парировать продолжить продолжать
отреагировать реагировать
""".split())

# impersonal forms: the speaker is the owner of the document ("говорится в сообщении ведомства")
IMPERSONAL_LEMMAS = frozenset("""
говориться сообщаться отмечаться подчёркиваться подчеркиваться указываться уточняться
утверждаться заявляться добавляться поясняться
""".split())

# short adjectives used like speech verbs: "Песков уверен, что …"
SPEECH_ADJS = frozenset("уверенный убежденный".split())
_SPEECH_PRTS = frozenset("уверить убедить".split())      # "уверена", "убеждены" parse as participles

# verbs that only name or label: good for partial quotes ("назвал решение «ошибкой»"), not for "что"
NAMING_LEMMAS = frozenset("назвать называть".split())


@dataclass(frozen=True, slots=True)
class SpeechWord:
    lemma: str
    pos: str                  # VERB, GRND, ADJS or PRTS
    gender: str | None        # masc / femn / neut (past singular, short adjectives)
    number: str | None        # sing / plur
    impersonal: bool = False


def _gender(tag) -> str | None:
    if "sing" not in tag:
        return None
    return next((g for g in ("masc", "femn", "neut") if g in tag), None)


@lru_cache(maxsize=50_000)
def speech_word(word: str) -> SpeechWord | None:
    """The speech reading of a word, or None: "заявила" → SpeechWord('заявить', 'VERB', 'femn', 'sing')."""
    w = word.lower()
    if len(w) < 4 or not w.isalpha():
        return None
    for p in morph().parse(w):
        tag = p.tag
        lemma = p.normal_form.replace("ё", "е")
        pos = tag.POS
        if pos == "VERB":
            if "1per" in tag or "2per" in tag or "impr" in tag:
                continue
            if lemma in IMPERSONAL_LEMMAS:
                return SpeechWord(lemma, pos, None, "sing", impersonal=True)
            if lemma not in SPEECH_LEMMAS:
                continue
            return SpeechWord(lemma, pos, _gender(tag), str(tag.number) if tag.number else None)
        if pos == "GRND" and lemma in SPEECH_LEMMAS and lemma not in NAMING_LEMMAS:
            return SpeechWord(lemma, pos, None, None)
        if (pos == "ADJS" and lemma in SPEECH_ADJS) or (pos == "PRTS" and lemma in _SPEECH_PRTS):
            return SpeechWord(lemma, pos, _gender(tag), str(tag.number) if tag.number else None)
    return None


def is_speech_word(word: str) -> bool:
    return speech_word(word) is not None


__all__ = ["SPEECH_LEMMAS", "IMPERSONAL_LEMMAS", "SPEECH_ADJS", "NAMING_LEMMAS", "SpeechWord", "speech_word",
           "is_speech_word"]
