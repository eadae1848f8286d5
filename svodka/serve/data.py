"""What the web UI and the API read: one read-only store per worker thread, results cached until the
store's content changes, and thin adapters over the store's view queries (``svodka.store.view_queries``:
events with filters, facets, stats, entity lists) and over the cross-article functions of ``svodka.link``
(dossier, timeline, stories).

Every query is a Store method and read-only (the connections refuse writes: ``Store.read_only``); what
SQL cannot say portably (EDTF day spans: ``svodka.edtf``; actor names: ``actors.py``) is done here, in Python.
"""
from __future__ import annotations

import dataclasses
import importlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ..store import Store, open_store
from ..store import text as searchtext
from ..lang.names import key
from ..store.records import day_bounds
from ..store.view_queries import EVENT_COLUMNS
from ..export import event_feature, feature_collection
from .actors import actor_match as _actor_match
from ..edtf import day_span as _day_span, month_bounds

FACET_CAP = 2000          # facets count over at most this many matches (the newest ones)
MAX_OFFSET = 100_000      # deeper pages are refused (a 4xx): nobody pages that far by hand


class LinkUnavailable(Exception):
    """The cross-article layer (svodka.link) cannot answer: not in this svodka, or not linked."""


class NotFound(Exception):
    """The thing asked for is not in the store (a 404 with this message)."""


class Data:
    """The store behind the app. ``store()`` gives this thread's read-only connection.

    Connections are not shared between threads: FastAPI runs handlers in a thread pool, so each
    worker thread opens its own (SQLite: one file open and a schema check; PostgreSQL: one connection).
    """

    def __init__(self, db: str, *, writable: bool = False) -> None:
        self.db = str(db)
        self.writable = writable
        self._local = threading.local()
        self._cache: dict[str, tuple[Any, Any]] = {}
        self._lru: OrderedDict[tuple, tuple[Any, Any]] = OrderedDict()
        self._lock = threading.Lock()
        with open_store(self.db, create=False) as store:     # fail at start-up, not on the first request
            self.schema_version = store.schema_version

    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db, create=False)
            if not self.writable:
                store.read_only()
            self._local.store = store
        return store

    def version(self, store: Store) -> tuple:
        """Changes whenever articles or rejected documents are added (for caching aggregates)."""
        return store.content_version()

    def cached(self, name: str, store: Store, compute: Callable[[], Any]) -> Any:
        """``compute()``, remembered until the store's content changes."""
        version = self.version(store)
        with self._lock:
            hit = self._cache.get(name)
        if hit and hit[0] == version:
            return hit[1]
        value = compute()
        with self._lock:
            self._cache[name] = (version, value)
        return value

    def memo(self, key_: tuple, store: Store, compute: Callable[[], Any], size: int = 512) -> Any:
        """``compute()`` for ``key_`` (a dossier, a timeline), kept for the ``size`` most recent keys
        until the store's content changes. Errors are not kept."""
        version = self.version(store)
        with self._lock:
            hit = self._lru.get(key_)
            if hit and hit[0] == version:
                self._lru.move_to_end(key_)
                return hit[1]
        value = compute()
        with self._lock:
            self._lru[key_] = (version, value)
            self._lru.move_to_end(key_)
            while len(self._lru) > size:
                self._lru.popitem(last=False)
        return value


# --- validation --------------------------------------------------------------------------

def check_dates(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """(inclusive lower bound, exclusive upper bound) as ISO dates; StoreError with a clear message."""
    return day_bounds(date_from or None, date_to or None)


# --- articles ------------------------------------------------------------------------------

def article_pk(store: Store, article_id: str | None) -> int | None:
    """The stored article a filter names (None when none is named; NotFound when there is no such article)."""
    if not article_id:
        return None
    found = store.find(article_id)
    if not found:
        raise NotFound(f"no article {article_id!r}")
    return found[0]


def article(store: Store, id_: str) -> dict:
    data = store.article_dict(id_)
    if data is None:
        raise NotFound(f"no article {id_!r}")
    return data


def count_articles(store: Store, *, date_from=None, date_to=None, site=None, rubric=None, entity=None) -> int:
    return store.count_articles(date_from, date_to, site, rubric, entity)


# --- stats and the home page ------------------------------------------------------------------

def stats(data: Data, store: Store) -> dict:
    """Corpus counts (cached until the store changes)."""
    def compute() -> dict:
        found = store.corpus_summary()
        by_type = found["entities_by_type"]
        return {
            "articles": found["articles"], "rejected": found["rejected"], "sites": found["sites"],
            "first_published": found["first_published"], "last_published": found["last_published"],
            "entities": sum(by_type.values()), "entities_by_type": by_type,
            "mentions": found["mentions"], "quotes": found["quotes"],
            "events": found["events"], "events_by_type": found["events_by_type"],
            "corpus_events": found["corpus_events"],
            "schema": store.schema_version,
        }
    return data.cached("stats", store, compute)


def crawl_state(store: Store, rounds: int = 1) -> dict:
    """What ``svodka watch`` did: sources (each with its last poll, status and URLs by state), the
    frontier by state and the last rounds (read through the store; cheap, so not cached)."""
    return {"sources": [s.to_dict() for s in store.crawl_sources()], "urls": store.crawl_url_states(),
            "rounds": [r.to_dict() for r in store.crawl_rounds(rounds)]}


def top_entities(data: Data, store: Store, limit: int = 8) -> dict:
    """The most-mentioned people, organisations and places (by articles) in the corpus's latest
    month (the month of the newest article: a corpus of last year's news has no "this month")."""
    def compute() -> dict:
        bounds = month_bounds(store.latest_published())
        out: dict[str, Any] = {"month": bounds[0][:7] if bounds else None, "PER": [], "ORG": [], "LOC": []}
        if not bounds:
            return out
        for kind, found in store.most_mentioned(*bounds, limit).items():
            out[kind] = [{"name": name, "articles": n} for name, n in found]
        return out
    return data.cached("top_entities", store, compute)


def latest(store: Store, limit: int = 10) -> list:
    return store.search("", limit=limit)


# --- search facets ----------------------------------------------------------------------------

def facets(store: Store, query: str, *, date_from=None, date_to=None, site=None, rubric=None, entity=None,
           cap: int = FACET_CAP) -> dict:
    """Counts by site, rubric, month and entity over the matches of a search (at most the ``cap``
    newest matches: ``capped`` says when there were more)."""
    parsed = searchtext.parse_query(query)
    if query.strip() and parsed.empty:
        return {"matches": 0, "capped": False, "site": [], "rubric": [], "month": [], "entity": []}
    pks = store.newest_matches(parsed, date_from, date_to, site, rubric, entity, limit=cap + 1)
    capped = len(pks) > cap
    pks = pks[:cap]
    out: dict[str, Any] = {"matches": len(pks), "capped": capped}
    if not pks:
        return {**out, "site": [], "rubric": [], "month": [], "entity": []}
    counts = store.facet_counts(pks)
    for facet in ("site", "rubric", "month"):
        out[facet] = [{"value": v, "count": n} for v, n in counts[facet]]
    out["month"].sort(key=lambda x: x["value"], reverse=True)
    out["entity"] = [{"value": name, "type": kind, "count": n} for name, kind, n in counts["entity"]]
    return out


# --- events ----------------------------------------------------------------------------------

def events(store: Store, *, type_: str | None = None, actor: str | None = None, date_from=None, date_to=None,
           place: str | None = None, article_id: str | None = None, located: bool = False, limit: int = 50,
           offset: int = 0) -> dict:
    """Events with filters, newest first: ``type`` (meet, arrest …), ``actor`` (source or target),
    ``date_from``/``date_to`` (the event's date, or the article's when the event has none; an event
    dated to a month, a season or a year is in the range when any of its days is), newest first by
    the first day it covers, ``place``, ``article_id``, ``located`` (only events with a point). Returns total
    and items; a located item has ``geo`` (svodka.geo) and its ``lat``/``lon`` (else null).

    SQL narrows by type and article; the EDTF spans, actors and places are read in Python (the same
    on every backend), then only the page's events are fetched whole."""
    lo, hi = check_dates(date_from, date_to)
    type_ = type_.strip() if type_ else None
    article = article_pk(store, article_id)
    actor_key = key(actor) if actor else ""
    place_key = key(place) if place else ""
    keep = []
    for pk, n, when_, published, source, target, place_ in store.event_rows(type_, article, located):
        if actor_key and not (_actor_match(source, actor_key) or _actor_match(target, actor_key)):
            continue
        if place_key and key(place_) != place_key:
            continue
        day = published[:10] if published is not None else None       # as SQL's substr(published, 1, 10)
        first, last = _day_span(when_, False) or day, _day_span(when_, True) or day
        if (lo and (last is None or last < lo)) or (hi and (first is None or first >= hi)):
            continue
        keep.append((first is not None, first or "", pk, n))
    keep.sort(key=lambda k: k[3])                                   # e.n ascending within one article …
    keep.sort(key=lambda k: k[:3], reverse=True)                    # … newest first, undated last
    page = [(pk, n) for _, _, pk, n in keep[offset:offset + limit]]
    details = store.events_of_articles(sorted({pk for pk, _ in page})) if page else {}
    items = []
    for pk, n in page:
        id_, title, published, site, *values = details[(pk, n)]
        item = {"article": id_, "n": n}
        item.update(dict(zip(EVENT_COLUMNS, values)))
        for name in ("source", "target", "evidence"):
            item[name] = json.loads(item[name] or "[]")
        item["geo"] = json.loads(item["geo"]) if item.get("geo") else None
        item["lat"], item["lon"] = (item["geo"] or {}).get("lat"), (item["geo"] or {}).get("lon")
        item["article_title"], item["article_published"], item["article_site"] = title, published, site
        items.append(item)
    return {"total": len(keep), "items": items}


MAP_EVENTS = 5000             # events one map shows at most (newest first)


MAP_SEARCH_ARTICLES = 100     # a search's map: the events of its first this many articles


def event_map(store: Store, *, other: str | None = None, q: str | None = None, **filters) -> dict:
    """The located events the events filters select (``events``'s keywords but limit and offset; ``other``: a
    second actor taking part too, for a timeline; ``q``: only the events of the articles this search finds
    first), as a GeoJSON FeatureCollection: one Point per event and place, ``articles`` the number of articles
    reporting it (its reports grouped by type, date, actors and point), ``quad_class`` for its colour (1–2
    cooperation, 3–4 conflict), ``total`` the located events considered."""
    if q:
        items = [item for hit in store.search(q, limit=MAP_SEARCH_ARTICLES)
                 for item in events(store, located=True, limit=MAP_EVENTS, offset=0, **{**filters, "article_id": hit.id})["items"]]
    else:
        items = events(store, located=True, limit=MAP_EVENTS, offset=0, **filters)["items"]
    if other:
        wanted = key(other)
        items = [i for i in items if _actor_match(json.dumps(i["source"]), wanted) or
                 _actor_match(json.dumps(i["target"]), wanted)]
    grouped: dict[tuple, dict] = {}
    for item in items:
        feature = event_feature(item)
        if feature is None:
            continue
        p = feature["properties"]
        group = (p["type"], p["date"] or item.get("article_published"), tuple(sorted(p["source"] or [])),
                 tuple(sorted(p["target"] or [])), tuple(feature["geometry"]["coordinates"]))
        if group in grouped:
            grouped[group]["properties"]["articles"] += 1
        else:
            p["articles"] = 1
            grouped[group] = feature
    collection = feature_collection(grouped.values())
    collection["total"] = len(items)
    return collection


def event_types(data: Data, store: Store) -> list[str]:
    """The event types in the store (cached until it changes)."""
    return data.cached("event_types", store, store.event_types)


# --- entities (per-article rows; the corpus entities are svodka.link's) ------------------------------

def entity_list(store: Store, *, q: str | None = None, type_: str | None = None, limit: int = 50,
                offset: int = 0) -> dict:
    """Entities, most written-about first: the corpus entities (svodka.link) when the store has them
    — id, type, name, born, country, articles, mentions — else one row per normalised name and type
    of the articles' own entities. ``q``: names starting with it, or this surname."""
    k = key(q) if q else ""
    if store.has_corpus_entities():
        total, rows = store.corpus_entity_list(k, type_, limit, offset)
        keys = ("id", "type", "name", "born", "country", "articles", "mentions")
        return {"total": total, "items": [dict(zip(keys, r)) for r in rows]}
    total, rows = store.article_entity_list(k, type_, limit, offset)
    return {"total": total, "items": [{"name": n, "type": t, "articles": a} for n, t, a in rows]}


# --- svodka.link ---------------------------------------------------------------------------------

def _link(module: str, name: str):
    try:
        mod = importlib.import_module(f"svodka.link.{module}")
        return getattr(mod, name)
    except (ImportError, AttributeError) as err:
        raise LinkUnavailable(f"cross-article linking ({module}.{name}) is not available in this svodka: {err}") from None


def plain(value: Any) -> Any:
    """A link result (dataclasses, records, tuples) → JSON-ready values."""
    if hasattr(value, "to_dict"):
        return plain(value.to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    return value


class Ambiguous(Exception):
    """A name several entities answer to: ``candidates`` (a 409 that lists them)."""

    def __init__(self, message: str, candidates: list[dict]) -> None:
        super().__init__(message)
        self.candidates = candidates


def _lookup_error(err: Exception, name: str) -> Exception:
    """svodka.link's AmbiguousName (a LookupError) → NotFound, or Ambiguous with the candidates."""
    candidates = [plain(c) for c in getattr(err, "candidates", None) or []]
    if candidates:
        return Ambiguous(str(err) or f"{name!r} is ambiguous", candidates)
    return NotFound(str(err) or f"no entity named {name!r}")


def dossier(store: Store, name: str, entity_id: int | None = None) -> dict:
    """The dossier of the corpus entity ``entity_id`` (when given and known) or of the one ``name``
    stands for; NotFound or Ambiguous otherwise."""
    if entity_id is not None:
        fn = _link("dossier", "entity_dossier")
        try:
            return plain(fn(store, entity_id))
        except LookupError:
            pass
    fn = _link("dossier", "dossier")
    try:
        result = fn(store, name)
    except LookupError as err:
        raise _lookup_error(err, name) from None
    if result is None:
        raise NotFound(f"no entity named {name!r}")
    return plain(result)


def corpus_ids(store: Store, article_pk: int) -> dict[str, int]:
    """The article's entities (local id) → their corpus entity ids, where linked."""
    try:
        return store.article_corpus_ids(article_pk)
    except store.errors:          # a store without the link tables
        return {}


def timeline(store: Store, a: str, b: str) -> dict:
    """svodka.link.timeline: the events between two actors and the monthly series."""
    fn = _link("timeline", "timeline")
    try:
        result = fn(store, a, b)
    except LookupError as err:
        raise _lookup_error(err, f"{a} / {b}") from None
    return plain(result)


def event_articles(store: Store, event_ids: list[int], per_event: int = 3) -> dict[int, list[dict]]:
    """Corpus event id → the articles that report it (id, title, published, site), oldest first."""
    out: dict[int, list[dict]] = {}
    try:
        rows = store.articles_reporting(event_ids)
    except store.errors:
        return {}
    for ev, id_, title, published, site in rows:
        items = out.setdefault(ev, [])
        if len(items) < per_event:
            items.append({"id": id_, "title": title, "published": published, "site": site})
    return out


def stories(store: Store, min_articles: int = 2, *, limit: int | None = None) -> list:
    fn = _link("stories", "stories")
    try:
        found = fn(store, min_articles=min_articles, limit=limit)
    except TypeError:                      # a stories() without ``limit``
        found = fn(store, min_articles=min_articles)
    return plain(list(found)[:limit] if limit is not None else found)


def story_of(store: Store, article_id: str) -> dict | None:
    """The article's story, or None (not assigned, or no story layer in this svodka)."""
    try:
        fn = _link("stories", "story_of")
    except LinkUnavailable:
        return None
    story = fn(store, article_id)
    return plain(story) if story is not None else None


def rejected(store: Store, limit: int, offset: int) -> dict:
    total, rows = store.rejected_page(limit, offset)
    return {"total": total, "items": [{"source": a, "reason": b, "sha256": c or None, "time": d} for a, b, c, d in rows]}
