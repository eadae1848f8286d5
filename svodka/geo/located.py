"""Where events happened and where their actors are.

An event's place is the place its sentence names (the coder's ``Event.place``: a LOC entity after в/на/под
… in the trigger's clause); without one, the article's dateline ("МОСКВА, 24 декабря — РИА Новости.") for
the news the article opens with or an act of its publication day, since a wire reports from where it
happened; background acts ("в 2014 году …") keep no place. ``Event.geo["from"]`` says which.

An actor's place is the place its name or its office states: "полиция Екатеринбурга", "губернатор
Свердловской области", "президент России" — a LOC entity of the article named inside the actor's name or
inside the role the article gives the person or body.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..lang.gazetteer import Place, key
from ..model import Article, Entity, Event
from .resolve import resolve_name

# a wire dateline opening the lead or the first paragraph: "МОСКВА, 24 декабря", "Нью-Йорк, 3 мар —"
DATELINE = re.compile(r"^\s*([А-ЯЁ][А-ЯЁа-яё]+(?:[- ][А-ЯЁ][А-ЯЁа-яё]+){0,2})\s*,\s*\d{1,2}\s+[а-яё]{3,}")
NEWS_FIELDS = ("title", "lead", "body[0]", "body[1]")


def dateline(article: Article) -> str | None:
    """The place name of the article's dateline, if it has one."""
    for text in (article.lead, *(article.body[:1])):
        if text:
            m = DATELINE.match(text)
            return m.group(1) if m else None
    return None


def _news(event: Event, article: Article) -> bool:
    """The news the article opens with, or an act of its publication day."""
    if event.date and article.published and event.date[:10] == article.published[:10]:
        return True
    return any(m.field in NEWS_FIELDS or m.field.startswith("alt_titles") for m in event.evidence)


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[\w-]+", text)) + " "


def _place_in(phrases: list[str], places: list[tuple[Entity, set[str]]]) -> Entity | None:
    """The first LOC entity one of whose written forms is a word sequence of a phrase."""
    for phrase in phrases:
        words = _words(phrase)
        for entity, forms in places:
            if any(f" {form} " in words for form in forms):
                return entity
    return None


def locate_events(article: Article, context: set[str], geo_of: Callable[[Place], dict[str, Any]]) -> None:
    located = [e for e in article.entities if e.geo]
    by_name = {key(e.name): e for e in located}
    forms = [(e, {e.name} | {m.text for m in e.mentions if m.kind in ("name", "alias")}) for e in located]
    by_id = {e.id: e for e in article.entities}
    line = dateline(article)
    line_place = resolve_name(line, context) if line else None
    for event in article.events:
        event.geo = None
        if event.place:
            entity = by_name.get(key(event.place))
            if entity is not None:
                event.geo = {**entity.geo, "from": "sentence"}
            else:
                place = resolve_name(event.place, context)
                event.geo = {**geo_of(place), "from": "sentence"} if place else None
        if event.geo is None and line_place is not None and _news(event, article):
            event.geo = {**geo_of(line_place), "from": "dateline"}
        for refs in event.actors.values():
            for ref in refs:
                entity = by_id.get(ref.entity) if ref.entity else None
                if entity is not None and entity.geo and entity.type == "LOC":
                    ref.geo = dict(entity.geo)              # a country or a city acting as a party
                    continue
                phrases = [ref.name] + (list(entity.roles) if entity is not None else [])
                found = _place_in(phrases, forms)
                ref.geo = dict(found.geo) if found is not None else None
