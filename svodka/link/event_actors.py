"""Event actors across articles: an actor name of one article's event → a corpus-wide identity to compare.

    article_actor_names(store, pks)            per article: its names → its entities → corpus entities
    corpus_actor(name, local, corpus, place)   {id, name, country, key, kind}: a corpus entity, a country
                                               or a descriptor keyed by its lemmas and country
    same_party(x, y)                           may two actors be one party (one key; a person and the
                                               organisation their role names; an unnamed actor and a
                                               named one of its country and role)?
    actors_agree(a, b, partial)                may two actor lists be the same participants?
    reports_agree(r, h, symmetric)             may two reports name the same participants?
    places_agree(a, b)                         the same place, one unknown, or a capital and its country
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from ..lang.actor_roles import STATE_ROLES, role_of
from ..lang.countries import capital_named, countries_of_adjective, country_named
from ..lang.gazetteer import gazetteer_country
from ..lang.morph import lemma, lemma_text
from ..lang.names import key as name_key

ROLES_KEPT = 8      # a person's most frequent roles: what their organisations are read from
# --- actors --------------------------------------------------------------------------------

@lru_cache(maxsize=20_000)
def place_country(name: str | None) -> str | None:
    """The country a place name is or is the capital of: 'Душанбе' → TJK, 'Россия' → RUS."""
    if not name:
        return None
    c = country_named(name) or capital_named(name)
    return c.iso3 if c else None


@lru_cache(maxsize=20_000)
def is_country(name: str | None) -> bool:
    return bool(name) and country_named(name) is not None


@lru_cache(maxsize=50_000)
def descriptor(name: str) -> tuple[str, str | None]:
    """A descriptive actor → (key, country): 'граждане России' and 'российские граждане' → ('d:RUS:гражданин', RUS)."""
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", name)
    iso, rest = None, []
    for w in words:
        lem = lemma(w)
        c = country_named(lem) or country_named(w) or (capital_named(lem) if w[:1].isupper() else None)
        if c is None and not w[:1].isupper():
            cs = countries_of_adjective(w)
            c = cs[0] if len(cs) == 1 else None
        if c is not None:
            iso = iso or c.iso3
        else:
            rest.append(lem)
    return f"d:{iso or ''}:{' '.join(sorted(rest))}", iso


@lru_cache(maxsize=20_000)
def _where(place: str) -> str | None:
    return place_country(place) or gazetteer_country(place)


def article_actor_names(store, pks: list[int]) -> tuple[dict[int, dict[str, int]], dict[int, dict[int, tuple]]]:
    """For the articles ``pks``: article → {name key → its entity} (names, aliases, and the surname of the
    one person of the article who has it), and article → {entity → (corpus id, type, name, country)}."""
    local: dict[int, dict[str, int]] = {pk: {} for pk in pks}
    surnames: dict[int, dict[str, set[int]]] = {pk: {} for pk in pks}
    for a, e, type_, name, aliases in store.article_entity_names(pks):
        for n in [*json.loads(aliases or "[]"), name]:
            local[a][name_key(n)] = e
        if type_ == "PER" and name and len(name.split()) > 1:
            surnames[a].setdefault(name_key(name).split()[-1], set()).add(e)
    for a, found in surnames.items():          # "Путин" as an actor where the article has "Владимир Путин"
        for last, ents in found.items():
            if len(ents) == 1:
                local[a].setdefault(last, next(iter(ents)))
    corpus: dict[int, dict[int, tuple]] = {pk: {} for pk in pks}
    rows = store.article_entity_corpus(pks)
    roles: dict[int, list[tuple[int, str]]] = {}
    for cid, role, count in store.corpus_person_roles(sorted({r[2] for r in rows if r[3] == "PER"})):
        roles.setdefault(cid, []).append((count, role))
    for a, e, cid, t, n, c in rows:
        kept = sorted(roles.get(cid, ()), reverse=True)[:ROLES_KEPT]
        corpus[a][e] = (cid, t, n, c, sorted({_lemmas(role) for _, role in kept}))
    return local, corpus


@lru_cache(maxsize=50_000)
def _lemmas(text: str) -> str:
    return lemma_text(text)


def corpus_actor(name: str, local: dict, corpus: dict, place: str | None = None) -> dict:
    """One actor name of an article's event → {id, name, country, key, kind}; unnamed police or officials
    are of the country the event happened in (as the coder codes them: "силовики" in Екатеринбург → RUS)."""
    ent = local.get(name_key(name))
    if ent is not None and ent in corpus:
        cid, type_, cname, country, roles = corpus[ent]
        if type_ == "LOC":
            iso = place_country(cname) or place_country(name) or country
            if iso and (is_country(cname) or place_country(cname)):
                return {"id": cid, "name": cname, "country": iso, "key": f"c:{iso}", "kind": "country"}
            return {"id": cid, "name": cname, "country": country, "key": f"e:{cid}", "kind": "place"}
        if type_ == "PER":
            found = {"id": cid, "name": cname, "country": country, "key": f"e:{cid}", "kind": "person"}
            return dict(found, roles=roles) if roles else found
        found = {"id": cid, "name": cname, "country": country, "key": f"e:{cid}", "kind": "org"}
        role = role_of(cname)
        return dict(found, role=role) if role in STATE_ROLES else found
    iso = place_country(name)
    if iso:                                    # a country or capital the article did not tag
        return {"id": None, "name": name, "country": iso, "key": f"c:{iso}", "kind": "country"}
    k, iso = descriptor(name)
    role = role_of(name)
    if iso is None and place and role in STATE_ROLES:
        iso = _where(place)
        k = k.replace("d::", f"d:{iso}:", 1) if iso else k
    found = {"id": None, "name": name, "country": iso, "key": k, "kind": "descriptor"}
    return dict(found, role=role) if role else found


def _countries_only(actors: list[dict]) -> set[str] | None:
    if actors and all(a["kind"] == "country" for a in actors):
        return {a["country"] for a in actors}
    return None


def _member(person: dict, org: dict) -> bool:
    """The person's role names the organisation: "глава Минэнерго Украины" and "Минэнерго"."""
    if person["kind"] != "person" or org["kind"] != "org" or not person.get("roles"):
        return False
    if person.get("country") and org.get("country") and person["country"] != org["country"]:
        return False
    name = f" {_lemmas(org['name'])} "
    return len(name) > 3 and any(name in f" {role} " for role in person["roles"])


def _words(key: str) -> tuple[str, set[str]]:
    _, iso, words = key.split(":", 2)
    return iso, set(words.split())


def _unnamed_of(unnamed: dict, named: dict) -> bool:
    """An unnamed actor that may be a named one: "следователи" (of the event's country) and the
    Следственный комитет — the same country and the same state role."""
    if unnamed["kind"] != "descriptor" or named["kind"] not in ("org", "descriptor"):
        return False
    role = unnamed.get("role")
    if named["kind"] == "descriptor":
        # "участники протестов" and "участники акции протеста"; "37 человек" and "37 участников" (CVL both)
        (ia, wa), (ib, wb) = _words(unnamed["key"]), _words(named["key"])
        if ia and ib and ia != ib:
            return False
        return bool(wa and wb) and (wa <= wb or wb <= wa) or bool(role) and role == named.get("role")
    if not role or role != named.get("role"):
        return False
    # an organisation of no known country may be the one: the event's place already agrees
    return not named.get("country") or unnamed.get("country") in (None, named["country"])


def same_party(x: dict, y: dict) -> bool:
    return x["key"] == y["key"] or _member(x, y) or _member(y, x) or _unnamed_of(x, y) or _unnamed_of(y, x)


def _covers(a: list[dict], b: list[dict]) -> bool:
    """Every actor of ``a`` may be one of ``b``."""
    return all(any(same_party(x, y) for y in b) for x in a)


def actors_agree(a: list[dict], b: list[dict], partial: bool = False) -> bool:
    """Two actor lists that may be the same participants (``partial``: one may name only some of them)."""
    ka, kb = {x["key"] for x in a}, {x["key"] for x in b}
    if ka == kb or partial and ka and kb and (ka <= kb or kb <= ka):
        return True
    if a and b and (_covers(a, b) and _covers(b, a) or partial and (_covers(a, b) or _covers(b, a))):
        return True
    ca, cb = _countries_only(a), _countries_only(b)
    if ca and not cb:
        return all(x["country"] for x in b) and ca == {x["country"] for x in b}
    if cb and not ca:
        return all(x["country"] for x in a) and cb == {x["country"] for x in a}
    return False


def reports_agree(r, h, symmetric: set[str]) -> bool:
    """Whether two reports (``type``, ``source``, ``target``, ``actors``, ``place``, ``span``: link.events.Report)
    may name the same participants: symmetric types compare all, directed ones the source (one unknown agrees)
    and the target, where one may name only some of the other's (or none, where the sources agree). Reports without actors agree only with
    reports without actors: at the same place, or — one place unknown — on the same day told to the day."""
    if not r.actors or not h.actors:
        if r.actors or h.actors:
            return False
        if r.place and h.place:
            return name_key(r.place) == name_key(h.place)
        # no actors and one place unknown: the same day, told to the day, is the same happening
        return bool(r.span and h.span and r.span.same_day(h.span))
    if r.type in symmetric:
        return actors_agree(r.actors, h.actors)
    src = not r.source or not h.source or actors_agree(r.source, h.source, partial=True)
    if src and r.source and h.source and (not r.target or not h.target):
        return True     # "Путин поручил представить …" and "Путин поручил правительству …": one order
    if (not r.source or not h.source) and (not r.target or not h.target):
        # "полиция задержала" and "задержаны 37 участников": one names who acted, the other whom —
        # the same act where both name the same place and day
        return bool(r.place and h.place and name_key(r.place) == name_key(h.place)
                    and r.span and h.span and r.span.same_day(h.span))
    return src and actors_agree(r.target, h.target, partial=True)


def places_agree(a: str | None, b: str | None) -> bool:
    if not a or not b or name_key(a) == name_key(b):
        return True
    ca, cb = place_country(a), place_country(b)
    return bool(ca and cb and ca == cb and (is_country(a) or is_country(b)))
