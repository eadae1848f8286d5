"""Mentions that are not what an article is about: photo credits, bylines and report attributions.

- credits: "Фото: ГИБДД Свердловской области", "Александр Казаков / ТАСС", "Автор: Иван Петров" — a credit
  line, or a media item's credit field;
- attributions: the source a report is attributed to — "сообщает ТАСС", "по данным РИА Новости",
  "передаёт Интерфакс", "со ссылкой на Reuters", "(ТАСС)".

Such mentions keep their spans (factRuEval marks the agencies as ORG) under a kind of their own, "credit" or
"attribution"; the linker leaves an entity out of co-mentions and most-mentioned lists when every mention of it
in an article is one of these.
"""
from __future__ import annotations

import re

from .speech import speech_word

CREDIT_LABEL = re.compile(
    r"(?:^|(?<=[\n.!?»)]\s)|(?<=[\n(]))\s*(?:Фото(?:графия)?(?:\s+и\s+видео)?|Видео|Иллюстрация|Инфографика|Кадр"
    r"|Источник(?:\s+фото)?|Автор(?:\s+фото)?|Текст|Фотограф|Фото\s+из\s+открытых\s+источников)\s*[:—–-]\s*",
    re.IGNORECASE)
# the words that attribute a report to its source, right before it ("сообщает ТАСС", "по данным РИА Новости")
ATTRIBUTION_BEFORE = re.compile(
    r"(?:\b(?:сообща(?:ет|ют|ли|л[аио]?)|переда(?:ёт|ет|ют|ли|л[аио]?)|пиш(?:ет|ут)|писал[аио]?|информиру(?:ет|ют)"
    r"|цитиру(?:ет|ют)|уточня(?:ет|ют)|со\s+ссылкой\s+на|по\s+(?:данным|информации|сведениям|сообщению|словам\s+источника\s+в)"
    r"|согласно\s+(?:данным|информации)|как\s+(?:сообщает|сообщили\s+в|передает|передаёт|пишет|стало\s+известно))"
    r"(?:\s+(?:агентств[оаеу]|агентства|издани[еяю]|газет[аыеу]|телеканал[аеу]?|портал[аеу]?|сайт[аеу]?|радио"
    r"|информагентств[оаеу]|журнал[аеу]?|СМИ))?\s*[«\"„]?)$",
    re.IGNORECASE)
# "(ТАСС)", "ДУБАЙ, 18 ноя — РИА Новости.": a wire credit in brackets or after a dash, ending a sentence
ATTRIBUTION_AROUND = re.compile(r"(?:\(\s*$|[—–-]\s*$)")
AFTER_BRACKET = re.compile(r"^\s*[»\"”]?\s*\)")
AFTER_END = re.compile(r"^\s*[»\"”]?\s*(?:[.)]|$)")
# the outlet a person spoke to or through: "в интервью РИА Новости", "в эфире телеканала ICTV", "собеседник
# «Известий»", "источник ТАСС", "в разговоре с РБК", "цитирует её ТАСС"
CHANNEL_BEFORE = re.compile(
    r"(?:\bв\s+интервью|\bв\s+эфире(?:\s+[^\s.!?]+){0,5}|\bв\s+разговоре\s+с|\bсобеседник[ауом]?|\bисточник[аиу]?"
    r"|\bв\s+материале|\bприм\.|\bчитател(?:ей|ям|и)|\bкорреспондент[ауом]?|\bжурналист(?:у|ам|а|ов)?"
    r"|\b(?:цитиру(?:ет|ют)|приводит\s+слова)(?:\s+[^\s.!?,]+){0,3})\s*[«\"„]?$",
    re.IGNORECASE)
NEXT_TOKEN = re.compile(r"^[»\"”]?\s+([^\W\d_]+)")


# "Акция протеста 18 ноября© Sputnik / Alex Shlamov": a copyright sign starts a credit wherever it stands
COPYRIGHT = re.compile(r"©|\(c\)\s(?=[A-ZА-ЯЁ])")


def credit_regions(text: str) -> list[tuple[int, int]]:
    """[start, stop) of the credit lines of a field: from the label (or a copyright sign) to the end of the
    line."""
    out = []
    for m in [*CREDIT_LABEL.finditer(text), *COPYRIGHT.finditer(text)]:
        stop = text.find("\n", m.end())
        out.append((m.start(), len(text) if stop < 0 else stop))
    return out


def mention_kind(text: str, start: int, stop: int, type_: str, credits: list[tuple[int, int]]) -> str | None:
    """'credit' or 'attribution' for a mention at [start, stop) of a field's text, else None."""
    if any(a <= start < b for a, b in credits):
        return "credit"
    if type_ != "ORG":
        return None
    before = text[max(0, start - 60):start]
    if ATTRIBUTION_BEFORE.search(before) or CHANNEL_BEFORE.search(before):
        return "attribution"
    if _addressee(before, text[stop:stop + 40]):
        return "attribution"
    if ATTRIBUTION_AROUND.search(before) and (AFTER_BRACKET.match(text[stop:stop + 4])
                                                or AFTER_END.match(text[stop:stop + 4])):
        return "attribution"
    return None


def _addressee(before: str, after: str) -> bool:
    """"сообщила РИА Новости Беляк", "рассказал «Известиям» руководитель": a speech verb, then the outlet in
    the dative, then the speaker. ("заявил МИД России." ends there: the ministry is the speaker.)"""
    words = re.findall(r"[^\W\d_]+", before[-25:])
    if not words or speech_word(words[-1]) is None or not re.search(r"[^\W\d_]\s*[«\"„]?\s*$", before):
        return False
    return NEXT_TOKEN.match(after) is not None
