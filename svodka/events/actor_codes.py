"""Event actors as GDELT codes them: country + role ("RUSGOV", "AZECOP", "ITAJUD"), from the Russian.

A person takes the country and the role of the office the article gives him ("министр иностранных дел России
Сергей Лавров" → RUS + GOV); an organisation the role of its name ("МВД" → COP, "Министерство обороны" →
MIL) and the country it names; a country is its code alone ("RUS"); an unnamed group the role of its head
noun and the country of its adjective or genitive ("полиция Баку" → AZE + COP, "боевики" → REB).
The role words are lang/actor_roles.py's.
"""
from __future__ import annotations

import re

from ..lang.actor_roles import STATE_ROLES, WORD, _lemma, role_of
from ..lang.people import office_holder
from ..model import ActorRef, Article, Entity
from ..lang import countries
from ..lang.inflect import _parses

__all__ = ["actor_ref", "code_actors", "is_actor", "placed", "demonym_country", "role_of", "STATE_ROLES"]


def _country(phrase: str) -> str | None:
    c = countries.country_named(phrase) or countries.country_in_phrase(phrase)
    return c.iso3 if c else None


def actor_ref(name: str, entity: Entity | None, country: str | None, on: str | None = None) -> ActorRef:
    """The coded actor for an event side: ``name`` as the event gives it, its article entity (if any); ``on``
    the date that decides whether a known office holder was in office."""
    role = None
    if entity is not None and entity.type == "LOC" and countries.country_named(entity.name):
        country = country or countries.country_named(entity.name).iso3
    elif entity is not None and entity.type == "PER":
        for r in entity.roles:
            role = role_of(r)
            if role:
                country = country or _country(r)
                break
        holder = office_holder(entity.name, on)
        if holder is not None and (role is None or role == "GOV" and holder.role not in (None, "GOV")):
            role, country = holder.role or role, country or holder.country   # "Шойгу" → MIL in 2012–2024
    elif entity is not None:
        role = role_of(entity.name) or next((role_of(a) for a in entity.aliases if role_of(a)), None)
        country = country or _country(entity.name)
    else:
        role = role_of(name)
        country = country or _country(name)
        people = None if role or country else demonym_country(name)
        if people is not None:                  # "китайцы": the people of a country, civilians
            country, role = people, "CVL"
        elif country and not role and _persons(name):
            role = "CVL"                        # "уроженцы Азербайджана", "граждане России"
    code = (country or "") + (role or "")
    return ActorRef(name=name, entity=entity.id if entity is not None else None, country=country, role=role,
                    code=code or None, aliases=list(entity.aliases) if entity is not None else [])


def code_actors(article: Article | None, actors) -> list[ActorRef]:
    """ActorRefs for the coder's actors (``events.actors.Actor``: name, type, id, country)."""
    by_id = {e.id: e for e in article.entities} if article is not None else {}
    on = article.published if article is not None else None
    return [actor_ref(a.name, by_id.get(a.id), a.country, on) for a in actors]


def _persons(phrase: str) -> bool:
    """Is the phrase's head (its first noun) a word for people ("уроженцы", "граждане")?"""
    for w in WORD.findall(phrase):
        ps = [p for p in _parses(w.lower()) if p.tag.POS == "NOUN"]
        if ps:
            return "anim" in ps[0].tag
    return False


def placed(refs: list[ActorRef], country: str | None) -> list[ActorRef]:
    """Unnamed police, courts, officials acting where the event happened are that country's ("силовики"
    in Екатеринбург → RUSCOP)."""
    if not country:
        return refs
    out = []
    for r in refs:
        if r.entity is None and r.country is None and r.role in STATE_ROLES:
            r = ActorRef(name=r.name, entity=None, country=country, role=r.role, code=country + r.role,
                         aliases=r.aliases)
        out.append(r)
    return out


def is_actor(ref: ActorRef) -> bool:
    """An entity of the article, a country, or a group with a role; anything else is not an actor."""
    return ref.entity is not None or ref.role is not None or countries.country_named(ref.name) is not None


def demonym_country(phrase: str) -> str | None:
    """'китайцы' → CHN, 'американцы' → USA, 'россияне' → RUS: a people's name, by its country adjective."""
    words = WORD.findall(phrase)
    if not words:
        return None
    lemma = _lemma(words[-1])
    stem = re.sub(r"(?:янин|анин|ец|ка|ин)$", "", lemma)
    if len(stem) < 3 or stem == lemma:
        return None
    found = {c.iso3 for c in countries.countries() for a in c.adjectives if a.startswith(stem)}
    return found.pop() if len(found) == 1 else None
