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
# "(ТАСС)", "— РИА Новости": a wire credit in brackets or after a dash at the end of a paragraph
ATTRIBUTION_AROUND = re.compile(r"(?:\(\s*$|[—–-]\s*$)")
AFTER_BRACKET = re.compile(r"^\s*[»\"”]?\s*\)")
AFTER_END = re.compile(r"^\s*[»\"”]?\s*[.)]?\s*$")


def credit_regions(text: str) -> list[tuple[int, int]]:
    """[start, stop) of the credit lines of a field: from the label to the end of the line."""
    out = []
    for m in CREDIT_LABEL.finditer(text):
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
    if ATTRIBUTION_BEFORE.search(before):
        return "attribution"
    if ATTRIBUTION_AROUND.search(before) and (AFTER_BRACKET.match(text[stop:stop + 4])
                                                or AFTER_END.match(text[stop:stop + 4])):
        return "attribution"
    return None
