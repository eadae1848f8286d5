"""An event's party: an entity of the article, a country, or a descriptive actor with its country.

    Actor(name, type, id, country)           # frozen; ``named``: an entity, or a country
    entity_country(entity), place_country(name, article), actor_country(name, article)
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field

from ..lang.gazetteer import gazetteer_country
from ..model import Article, Entity
from ..lang import countries
from ..lang.actor_roles import role_of


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    type: str | None = None          # PER, ORG, LOC for entities; None for a descriptive actor
    id: str | None = None
    country: str | None = None       # ISO 3166 alpha-3
    # a descriptor resolved to the person it most likely refers back to ("бывший президент" → Мурси): the
    # coder drops it where it would make one person both sides of an act
    inferred: bool = dc_field(default=False, compare=False)

    @property
    def named(self) -> bool:
        """An entity of the article, or a country (an office acting for it: "Итальянский суд" → Италия)."""
        return self.id is not None or (self.type == "LOC" and self.country is not None)


def entity_country(entity: Entity) -> str | None:
    if entity.country:
        return entity.country
    if entity.type == "LOC":
        c = countries.country_named(entity.name) or countries.capital_named(entity.name)
        return c.iso3 if c else None
    return None


def place_country(name: str, article: Article | None = None) -> str | None:
    """The country a place is in: a country itself, a capital, or a LOC entity with a known country."""
    c = countries.country_named(name) or countries.capital_named(name)
    if c:
        return c.iso3
    if article is not None:
        for e in article.entities:
            if e.type == "LOC" and (e.name == name or name in e.aliases) and e.country:
                return e.country
    return gazetteer_country(name)


def actor_country(name: str, article: Article | None = None) -> str | None:
    """ISO3 of an event actor given by name: the entity's country, else a country named in the phrase."""
    if article is not None:
        for e in article.entities:
            if e.name == name or name in e.aliases:
                return entity_country(e)
    c = countries.country_named(name) or countries.capital_named(name) or countries.country_in_phrase(name)
    return c.iso3 if c else None


def state_actor(state: countries.Country, article: Article) -> Actor:
    """A country as a party, the article's entity of it where it names one ("Москва выслала" → Россия)."""
    own = next((x for x in article.entities if x.type == "LOC" and x.name == state.name), None)
    return Actor(state.name, "LOC", own.id if own else None, state.iso3)


def coded(actor: Actor) -> bool:
    """A party an event keeps: an entity, a country, or a descriptor with a CAMEO role ("коллегу" is none)."""
    return actor.named or role_of(actor.name) is not None
