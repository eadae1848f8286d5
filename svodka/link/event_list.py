"""Corpus events as a list: one row per real event, with filters, sorting and pages — what the events page,
``/api/events`` (``level=corpus``, the default) and ``svodka events --db`` show.

    from svodka.link.event_list import corpus_events
    found = corpus_events(store, type_="meet", country="Азербайджан", sort="articles", limit=20)
    found["total"], found["items"][0]["num_articles"], found["items"][0]["evidence"]

Filters: ``type_`` (meet, arrest …), ``actor`` (a name or surname in any case: the corpus entities it names,
else a descriptive actor written so; "#37" by id), ``country`` (ISO-3 or a Russian name: an actor of that
country, or a corpus entity of it), ``role`` (a CAMEO actor role: GOV, MIL, COP …, see ``actor_role``),
``place`` (as coded, any case), ``date_from`` / ``date_to`` (ISO days, inclusive; an event counts when a day
of its span is in the range, an undated one by its first report), ``modality`` (fact, claim, intent, future,
negated), ``min_confidence`` (0–1), ``article`` (an article pk: the events it reports). ``sort``: newest,
oldest, articles, sources, confidence, conflict (lowest Goldstein first), cooperation.

Each item: the corpus event's columns (``date`` EDTF, ``lo``/``hi`` its days, counts NumMentions /
NumSources / NumArticles as ``num_*``), ``source`` / ``target`` (names), ``actors`` ([{side, name, entity,
country, role, code}] coded like GDELT's "RUSGOV"), ``evidence`` (the best sentence: the first of the head
report, the most informative one), ``articles`` (the first ARTICLES reports, oldest first), and ``lat`` / ``lon`` /
``place_country`` (ISO-3): the place's point, as geocoded in a report at that place (null when none is).
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import lru_cache

from ..lang import countries
from ..lang.actor_roles import table as role_table, role_of
from ..lang.names import key
from ..lang.people import office_holder
from ..store.corpus_event_list import LIST_COLUMNS, SORTS, EventFilter
from ..store.records import StoreError, day_bounds

ARTICLES = 3                      # reporting articles listed with each event
MODALITIES = ("fact", "claim", "intent", "future", "negated")
ROLES = tuple(sorted(set(role_table().values())))
SORT_NAMES = tuple(SORTS)


@lru_cache(maxsize=50_000)
def _role_named(phrase: str) -> str | None:
    """``role_of``, remembered: a role filter codes every candidate event's actors, the same names again and again."""
    return role_of(phrase)


@lru_cache(maxsize=50_000)
def _in_office_table(name: str) -> bool:
    """Whether the office-holder table knows the person at all (then the day decides the office)."""
    return office_holder(name) is not None


def actor_role(name: str, entity_type: str | None, main_role: str | None, on: str | None) -> str | None:
    """The CAMEO role of an event's actor: a person's office on the day (the office-holder table), else the
    role his most frequent title names; an organisation's or a descriptive actor's from its words; a place or
    country has none (GDELT codes it by its country alone)."""
    if entity_type == "LOC":
        return None
    if entity_type == "PER":
        holder = office_holder(name, on) if _in_office_table(name) else None
        if holder is not None and holder.role:
            return holder.role
        return _role_named(main_role) if main_role else None
    return _role_named(name)


def country_code(value: str | None) -> str | None:
    """ISO-3 of a country filter: "AZE", "aze", "Азербайджан", "РФ"; StoreError when it names no country."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if re.fullmatch(r"[A-Za-z]{3}", text) and countries.by_iso3(text.upper()):
        return text.upper()
    found = countries.country_named(text)
    if found is None:
        raise StoreError(f"unknown country {value!r}: give its ISO-3 code (AZE) or its Russian name")
    return found.iso3


def event_filter(store, *, type_=None, actor=None, country=None, place=None, date_from=None, date_to=None,
                 modality=None, min_confidence=None, article=None) -> EventFilter:
    """The SQL-side filter of the arguments (every one checked: StoreError says what is wrong)."""
    lo, hi = day_bounds(date_from or None, date_to or None)
    if modality and modality not in MODALITIES:
        raise StoreError(f"unknown modality {modality!r}: one of {', '.join(MODALITIES)}")
    if min_confidence is not None and not 0 <= min_confidence <= 1:
        raise StoreError(f"min_confidence {min_confidence} is outside 0–1")
    where = EventFilter(type=(type_ or "").strip() or None, modality=modality or None, min_confidence=min_confidence,
                        date_from=lo, date_to=hi, country=country_code(country), article=article)
    if place and place.strip():
        wanted = key(place)
        where.places = [p for p in store.corpus_event_places() if key(p) == wanted]
    if actor and actor.strip():
        text = actor.strip()
        if re.fullmatch(r"#\d{1,9}", text):
            where.actor_entities = [int(text[1:])]
        else:       # a corpus entity of that name, else a descriptive actor ("граждане России") written so
            where.actor_entities = store.corpus_entities_called(key(text))
            if not where.actor_entities:
                where.actor_name = text
    return where


def corpus_events(store, *, type_: str | None = None, actor: str | None = None, country: str | None = None,
                  role: str | None = None, place: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, modality: str | None = None, min_confidence: float | None = None,
                  article: int | None = None, sort: str = "newest", limit: int = 50, offset: int = 0) -> dict:
    """{total, items} of the corpus events the filters keep, in the ``sort`` order (see the module)."""
    if sort not in SORTS:
        raise StoreError(f"unknown sort {sort!r}: one of {', '.join(SORTS)}")
    role = (role or "").strip().upper() or None
    if role and role not in ROLES:
        raise StoreError(f"unknown actor role {role!r}: one of {', '.join(ROLES)}")
    where = event_filter(store, type_=type_, actor=actor, country=country, place=place, date_from=date_from,
                         date_to=date_to, modality=modality, min_confidence=min_confidence, article=article)
    if role is None:
        total, rows = store.corpus_event_page(where, sort, limit, offset)
        rows = [tuple(r) for r in rows]
    else:      # the actors' roles are read in Python (office holders, title words): every candidate is coded
        spans = store.corpus_event_spans(where, sort)
        roles = _roles(store, spans)
        ids = [ev for ev, _ in spans if role in roles[ev]]
        total = len(ids)
        found = store.corpus_event_rows(ids[offset:offset + limit])
        rows = [found[i] for i in ids[offset:offset + limit]]
    return {"total": total, "items": _items(store, rows)}


def _roles(store, events: list[tuple[int, str | None]]) -> dict[int, set[str]]:
    """Corpus event → the CAMEO roles of its actors, for (id, first day) pairs."""
    out: dict[int, set[str]] = {ev: set() for ev, _ in events}
    for ev, _side, _entity, _name, _country, role in _coded_actors(store, events):
        if role:
            out[ev].add(role)
    return out


def _actors(store, events: list[tuple[int, str | None]]) -> dict[int, list[dict]]:
    """Corpus event → its actors [{side, name, entity, country, role, code}] in order."""
    out: dict[int, list[dict]] = defaultdict(list)
    for ev, side, entity, name, country, role in _coded_actors(store, events):
        out[ev].append({"side": side, "name": name, "entity": entity, "country": country, "role": role,
                        "code": ((country or "") + (role or "")) or None})
    return out


def _coded_actors(store, events: list[tuple[int, str | None]]):
    """(event, side, entity, name, country, CAMEO role) of the actors of (id, first day) pairs, in order."""
    day = dict(events)
    rows = store.corpus_event_actor_rows([ev for ev, _ in events])
    main = store.main_roles(sorted({r[2] for r in rows if r[2] is not None and r[5] == "PER"}))
    for ev, side, entity, name, country, kind in rows:
        yield ev, side, entity, name, country, actor_role(name or "", kind, main.get(entity), day.get(ev))


def _items(store, rows: list[tuple]) -> list[dict]:
    ids = [r[0] for r in rows]
    if not ids:
        return []
    items = [dict(zip(LIST_COLUMNS, r)) for r in rows]
    actors = _actors(store, [(i["id"], i["lo"]) for i in items])
    evidence = store.corpus_event_evidence(ids)
    points = store.corpus_event_points(ids)
    reports: dict[int, list[dict]] = defaultdict(list)
    for ev, id_, title, published, site in store.articles_reporting(ids):
        if len(reports[ev]) < ARTICLES:
            reports[ev].append({"id": id_, "title": title, "published": published, "site": site})
    for item in items:
        ev = item["id"]
        found = actors.get(ev, [])
        item["source"] = [a["name"] for a in found if a["side"] == "source"]
        item["target"] = [a["name"] for a in found if a["side"] == "target"]
        item["actors"] = found
        item["evidence"] = best_sentence(evidence.get(ev, (None, None))[0])
        item["articles"] = reports.get(ev, [])
        geo = json.loads(points[ev]) if ev in points else {}
        item["lat"], item["lon"], item["place_country"] = geo.get("lat"), geo.get("lon"), geo.get("country")
    return items


def best_sentence(evidence_json: str | None) -> str | None:
    """The first report sentence of a report's evidence (its title or lead, where the coder found it)."""
    try:
        mentions = json.loads(evidence_json or "[]")
    except ValueError:
        return None
    return next((m.get("text") for m in mentions if m.get("kind") == "sentence" and m.get("text")), None)


__all__ = ["corpus_events", "actor_role", "country_code", "event_filter", "best_sentence", "MODALITIES", "ROLES",
           "SORT_NAMES", "ARTICLES"]
