"""Places in context: which place a LOC entity of this article is, or none.

    resolve(article)  → {entity id: Place}, and the article's countries (what it is about)

The rules, in order (each has a test in tests/test_geo.py):

1. Only LOC entities are places; a LOC entity every mention of which is no place here — inside «» (a club,
   a ship, a hotel: «Динамо», крейсер «Москва»), or the name of a street, a station, a club or a building
   ("на улице Минской", "станция метро Киевская") — is not geocoded.
2. A name the gazetteer does not know is not geocoded.
3. A name svodka's own list pins (data/place_names.tsv: "Петербург", "Ставрополь", "Белый дом") is that place.
4. A country's name is the country ("Армения" is not the Colombian city); a city's name is the city, not its
   region of the same name ("Берлин", "Мадрид", "Нью-Йорк").
5. An ambiguous name takes the candidate in the country an adjective right before it names ("в ливанском
   Триполи", "в американской Александрии"); else a namesake twenty times smaller than the largest is no
   candidate ("Москва" in an article about the USA is still the capital of Russia, not the town in Idaho;
   "Мадрид" beside Colombia is Spain's); among the rest, the one in the countries the article is about (the
   countries it names, the countries of its people's offices, the country of its unambiguous places), then
   in Russia (the news is Russian), then the one whose Russian name reads as its own name, then the most
   populous.
"""
from __future__ import annotations

import re

from ..lang import gazetteer
from ..lang.countries import countries_of_adjective
from ..lang.gazetteer import Place
from ..model import Article, Entity
from ..nlp.entities import article_fields

HOME = "RU"                    # the country Russian news is from, when the article names none
MAX_SMALLER = 20               # a namesake this many times smaller than the largest is out
ADJECTIVE_BEFORE = re.compile(r"([а-яё]+(?:ск|цк)(?:ий|ой|ая|ого|ому|ом|ую|ие|их|им|ими|ое)?)\s+$")
NOT_A_PLACE_BEFORE = re.compile(
    r"\b(?:улиц(?:а|е|у|ей|ею)|ул\.|проспект[ауео]?м?|пр-т[ае]?|переул[оке]?к?[ауе]?|бульвар[ауе]?|шоссе|набережн[аяойую]+|"
    r"станци[яиюей](?:\s+метро)?|клуб[ауе]?|ФК|стадион[ауе]?|гостиниц[аыеу]|отел[ьяюе]|вокзал[ауе]?|"
    r"кинотеатр[ауе]?|ТЦ|ТРЦ|ЖК|санатори[йяюе]|им\.|имени|площад[ьиюей]|аэропорт[ауе]?м?)\s+$", re.I)


def _text_of(article: Article) -> dict[str, str]:
    return dict(article_fields(article))


QUOTED_NAME_WORDS = 4         # «Динамо», «Спартак-Москва», «Новогодняя столица России»; longer: a quotation


def _quoted(text: str, start: int, stop: int) -> bool:
    """«Динамо», крейсер «Москва»: the mention is inside a short quoted name, capitalised as a name is (not a
    quoted sentence, «Этот инцидент поставил Россию и Китай …», nor quoted words, «агрессию на Украине»)."""
    before = text[:start]
    opening, closing = before.rfind("«"), text.find("»", stop)
    if opening <= before.rfind("»") or closing < 0:
        return False
    quoted = text[opening + 1:closing].strip()
    return len(quoted.split()) <= QUOTED_NAME_WORDS and quoted[:1].isupper()


def is_place_here(entity: Entity, texts: dict[str, str]) -> bool:
    """Rule 1: some mention reads as a place (no quotes around it, no street or club before it)."""
    if entity.type != "LOC":
        return False
    seen = False
    for m in entity.mentions:
        text = texts.get(m.field)
        if text is None or m.kind in ("credit", "attribution"):
            continue
        seen = True
        if _quoted(text, m.start, m.stop) or NOT_A_PLACE_BEFORE.search(text[max(0, m.start - 25):m.start]):
            continue
        return True
    return not seen          # no mention to judge by: the entity layer's word stands


REGION_NOUN = {"ая": "область", "ий": "край"}   # "Донецкая, Запорожская … области": the noun said once


def _candidates(entity: Entity) -> tuple[Place, ...]:
    found = gazetteer.places_named(entity.name)
    if not found:
        for alias in entity.aliases:
            found = gazetteer.places_named(alias)
            if found:
                break
    noun = REGION_NOUN.get(entity.name[-2:])
    if not found and noun and " " not in entity.name:
        found = tuple(p for p in gazetteer.places_named(f"{entity.name} {noun}") if p.feature == "admin1")
    return found


def choose(candidates: tuple[Place, ...], context: set[str], home: str = HOME, local: set[str] = frozenset()) -> Place | None:
    """Rules 3–5 over one name's candidates; ``context``: the article's countries (alpha-2); ``local``: the
    countries adjectives right before the name say."""
    if not candidates:
        return None
    pinned = [p for p in candidates if p.pinned]
    if pinned:
        return pinned[0]
    countries = [p for p in candidates if p.feature == "country"]
    if countries:
        return countries[0]
    with_city = {p.country for p in candidates if p.feature == "city"}
    candidates = tuple(p for p in candidates if not (p.feature == "admin1" and p.country in with_city))
    said = [p for p in candidates if p.country in local]
    if said:
        return max(said, key=lambda p: (p.native, p.population))
    largest = max(p.population for p in candidates)
    alive = [p for p in candidates if p.population * MAX_SMALLER >= largest] or list(candidates)
    return max(alive, key=lambda p: (p.country in context, p.country == home, p.native, p.population))


def article_countries(article: Article, named: dict[str, tuple[Place, ...]]) -> set[str]:
    """The countries the article is about (alpha-2): those it names, its people's offices', and those of
    places that exist in one country only."""
    out = set()
    for e in article.entities:
        if e.country and e.type in ("PER", "ORG", "LOC"):
            c = gazetteer.alpha2(e.country)
            if c:
                out.add(c)
    for places in named.values():
        if places and places[0].feature == "country":
            out.add(places[0].country)
        elif places and len({p.country for p in places}) == 1 and places[0].country:
            out.add(places[0].country)
    return out


def adjective_countries(entity: Entity, texts: dict[str, str]) -> set[str]:
    """Countries (alpha-2) a country adjective right before a mention names: "в ливанском Триполи" → LB."""
    out = set()
    for m in entity.mentions:
        found = ADJECTIVE_BEFORE.search((texts.get(m.field) or "")[max(0, m.start - 30):m.start])
        if found:
            named = countries_of_adjective(found.group(1))
            if len(named) == 1 and gazetteer.alpha2(named[0].iso3):
                out.add(gazetteer.alpha2(named[0].iso3))
    return out


def resolve(article: Article) -> tuple[dict[str, Place], set[str]]:
    """{entity id: its place} for the LOC entities that are places here, and the article's countries."""
    texts = _text_of(article)
    named = {e.id: _candidates(e) for e in article.entities if is_place_here(e, texts)}
    named = {k: v for k, v in named.items() if v}
    context = article_countries(article, named)
    by_id = {e.id: e for e in article.entities}
    out = {}
    for eid, places in named.items():
        local = adjective_countries(by_id[eid], texts) if len(places) > 1 else set()
        chosen = choose(places, context, local=local)
        if chosen is not None:
            out[eid] = chosen
    return out, context


def resolve_name(name: str, context: set[str]) -> Place | None:
    """A name outside the entity layer (a dateline: "МОСКВА, 24 декабря") in the article's context."""
    return choose(gazetteer.places_named(name), context)
