"""What the web UI and the API read: one read-only store per worker thread, the queries the Store
API has no method for (events with filters, facets, stats, entity lists), and thin adapters over
the cross-article functions of ``svodka.link`` (dossier, timeline, stories).

Every query is read-only (the connections refuse writes: ``Store.read_only``) and every value is a
bound parameter; table and column names come from this module only, never from a request. The SQL
runs on every backend (SQLite, PostgreSQL): what SQL cannot say portably is done in Python.
"""
from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

from ..store import Store, open_store
from ..store.records import day_bounds, key

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
        row = store.conn.execute("SELECT (SELECT max(pk) FROM articles), (SELECT max(pk) FROM rejected)").fetchone()
        return tuple(row)

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

def article(store: Store, id_: str) -> dict:
    data = store.article_dict(id_)
    if data is None:
        raise NotFound(f"no article {id_!r}")
    return data


def count_articles(store: Store, *, date_from=None, date_to=None, site=None, rubric=None, entity=None) -> int:
    filters, params = store.filters(date_from, date_to, site, rubric, entity, "pk")
    where = " WHERE " + " AND ".join(filters) if filters else ""
    return store.conn.execute(f"SELECT count(*) FROM articles{where}", params).fetchone()[0]


# --- stats and the home page ------------------------------------------------------------------

def stats(data: Data, store: Store) -> dict:
    """Corpus counts (cached until the store changes)."""
    def compute() -> dict:
        c = store.conn
        one = lambda sql: c.execute(sql).fetchone()
        first, last = one("SELECT min(published), max(published) FROM articles")
        by_type = {t: n for t, n in c.execute(
            "SELECT type, count(*) FROM (SELECT DISTINCT type, key FROM entities) AS t GROUP BY type") if t}
        return {
            "articles": one("SELECT count(*) FROM articles")[0],
            "rejected": one("SELECT count(*) FROM rejected")[0],
            "sites": one("SELECT count(DISTINCT site) FROM articles")[0],
            "first_published": first, "last_published": last,
            "entities": sum(by_type.values()), "entities_by_type": by_type,
            "mentions": one("SELECT count(*) FROM mentions")[0],
            "quotes": one("SELECT count(*) FROM quotes")[0],
            "events": one("SELECT count(*) FROM events")[0],
            "events_by_type": {t: n for t, n in c.execute(
                "SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC, 1") if t},
            "schema": store.schema_version,
        }
    return data.cached("stats", store, compute)


def month_bounds(day: str | None) -> tuple[str, str] | None:
    """The calendar month holding ``day`` (ISO): (first day, first day of the next month)."""
    if not day:
        return None
    try:
        d = date.fromisoformat(day[:10])
    except ValueError:
        return None
    start = d.replace(day=1)
    nxt = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
    return start.isoformat(), nxt.isoformat()


def top_entities(data: Data, store: Store, limit: int = 8) -> dict:
    """The most-mentioned people, organisations and places (by articles) in the corpus's latest
    month (the month of the newest article: a corpus of last year's news has no "this month")."""
    def compute() -> dict:
        last = store.conn.execute("SELECT max(published) FROM articles").fetchone()[0]
        bounds = month_bounds(last)
        out: dict[str, Any] = {"month": bounds[0][:7] if bounds else None, "PER": [], "ORG": [], "LOC": []}
        if not bounds:
            return out
        # articles of the month first (the published index), then their entities (CROSS JOIN keeps
        # that order: the other way round scans every entity of the corpus)
        rows = store.conn.execute(
            "SELECT e.type, min(e.name), count(DISTINCT e.article) AS n FROM articles a CROSS JOIN entities e"
            " ON e.article = a.pk WHERE a.published >= ? AND a.published < ? AND e.type IN ('PER', 'ORG', 'LOC')"
            " GROUP BY e.type, e.key ORDER BY n DESC, 2", bounds).fetchall()
        for kind, name, n in rows:
            if len(out[kind]) < limit:
                out[kind].append({"name": name, "articles": n})
        return out
    return data.cached("top_entities", store, compute)


def latest(store: Store, limit: int = 10) -> list:
    return store.search("", limit=limit)


# --- search facets ----------------------------------------------------------------------------

def facets(store: Store, query: str, *, date_from=None, date_to=None, site=None, rubric=None, entity=None,
           cap: int = FACET_CAP) -> dict:
    """Counts by site, rubric, month and entity over the matches of a search (at most the ``cap``
    newest matches: ``capped`` says when there were more)."""
    from ..store import text as searchtext

    parsed = searchtext.parse_query(query)
    if query.strip() and parsed.empty:
        return {"matches": 0, "capped": False, "site": [], "rubric": [], "month": [], "entity": []}
    if parsed.empty:
        filters, params = store.filters(date_from, date_to, site, rubric, entity, "pk")
        where = " WHERE " + " AND ".join(filters) if filters else ""
        inner = f"SELECT pk FROM articles{where} ORDER BY pk DESC LIMIT ?"
        args = [*params, cap + 1]
    else:
        filters, params = store.filters(date_from, date_to, site, rubric, entity)
        match, match_args = store.text_match(parsed)
        inner = (f"SELECT search.rowid AS pk FROM search WHERE {match}"
                 f"{''.join(' AND ' + f for f in filters)} ORDER BY search.rowid DESC LIMIT ?")
        args = [*match_args, *params, cap + 1]
    c = store.conn
    with store.text_plan():
        pks = [r[0] for r in c.execute(inner, args)]
    capped = len(pks) > cap
    pks = pks[:cap]
    out: dict[str, Any] = {"matches": len(pks), "capped": capped}
    if not pks:
        return {**out, "site": [], "rubric": [], "month": [], "entity": []}
    marks = ",".join("?" * len(pks))

    def group(expr: str) -> list[dict]:
        rows = c.execute(f"SELECT {expr} AS v, count(*) FROM articles WHERE pk IN ({marks}) AND {expr} IS NOT NULL"
                         " GROUP BY v ORDER BY 2 DESC, 1 LIMIT 12", pks).fetchall()
        return [{"value": v, "count": n} for v, n in rows]

    out["site"] = group("site")
    out["rubric"] = group("rubric")
    out["month"] = sorted(group("substr(published, 1, 7)"), key=lambda x: x["value"], reverse=True)
    rows = c.execute(f"SELECT min(name), min(type), count(DISTINCT article) FROM entities WHERE article IN ({marks})"
                     " AND type IN ('PER', 'ORG', 'LOC') GROUP BY key ORDER BY 3 DESC, 1 LIMIT 12", pks).fetchall()
    out["entity"] = [{"value": name, "type": kind, "count": n} for name, kind, n in rows]
    return out


# --- events ----------------------------------------------------------------------------------

EVENT_COLUMNS = ("type", "cameo", "plover", "goldstein", "quad_class", "source", "target", "date", "place",
                 "modality", "killed", "injured", "evidence", "confidence")


def _actor_match(actors_json: str, wanted: str) -> int:
    """SQL function: whether one of the event's actors is ``wanted`` (a key): the whole name, or
    its last word ("Алиев" → "Ильхам Алиев")."""
    try:
        actors = json.loads(actors_json or "[]")
    except ValueError:
        return 0
    for actor in actors:
        k = key(actor)
        if k == wanted or k.rsplit(" ", 1)[-1] == wanted:
            return 1
    return 0


SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}     # EDTF seasons; winter runs into February


def _day_span(value: str | None, end: bool) -> str | None:
    """The first (or last) day an EDTF date covers, as YYYY-MM-DD: "2025" → 2025-01-01 … 2025-12-31,
    "2025-10" → October, "2025-22" (summer) → 2025-06-01 … 2025-08-31, "a/b" → a's start … b's end."""
    import calendar

    if not value:
        return None
    parts = value.split("/")
    text = (parts[-1] if end else parts[0]).strip().rstrip("?~%")
    try:
        y = int(text[:4])
        if len(text) == 4:
            return f"{y:04d}-12-31" if end else f"{y:04d}-01-01"
        m = int(text[5:7])
        if len(text) >= 10:
            return text[:10]
        if m in SEASONS:
            first, last = SEASONS[m]
            if not end:
                return f"{y:04d}-{first:02d}-01"
            y2, m2 = (y + 1, last - 12) if last > 12 else (y, last)
            return f"{y2:04d}-{m2:02d}-{calendar.monthrange(y2, m2)[1]:02d}"
        if 1 <= m <= 12:
            return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}" if end else f"{y:04d}-{m:02d}-01"
    except (ValueError, IndexError):
        return None
    return None


def events(store: Store, *, type_: str | None = None, actor: str | None = None, date_from=None, date_to=None,
           place: str | None = None, article_id: str | None = None, limit: int = 50, offset: int = 0) -> dict:
    """Events with filters, newest first: ``type`` (meet, arrest …), ``actor`` (source or target),
    ``date_from``/``date_to`` (the event's date, or the article's when the event has none; an event
    dated to a month, a season or a year is in the range when any of its days is), newest first by
    the first day it covers, ``place``, ``article_id``. Returns total and items.

    SQL narrows by type and article; the EDTF spans, actors and places are read in Python (the same
    on every backend), then only the page's events are fetched whole."""
    lo, hi = check_dates(date_from, date_to)
    where, params = [], []
    if type_:
        where.append("e.type = ?"), params.append(type_.strip())
    if article_id:
        found = store.find(article_id)
        if not found:
            raise NotFound(f"no article {article_id!r}")
        where.append("e.article = ?"), params.append(found[0])
    actor_key = key(actor) if actor else ""
    place_key = key(place) if place else ""
    sql_where = " WHERE " + " AND ".join(where) if where else ""
    c = store.conn
    keep = []
    for pk, n, when_, published, source, target, place_ in c.execute(
            "SELECT e.article, e.n, e.date, a.published, e.source, e.target, e.place FROM events e"
            f" JOIN articles a ON a.pk = e.article{sql_where}", params):
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
    details = {}
    pks = sorted({pk for pk, _ in page})
    if pks:
        for row in c.execute(
                f"SELECT e.article, e.n, a.id, a.title, a.published, a.site, {', '.join('e.' + x for x in EVENT_COLUMNS)}"
                f" FROM events e JOIN articles a ON a.pk = e.article WHERE e.article IN ({','.join('?' * len(pks))})",
                pks):
            details[(row[0], row[1])] = row[2:]
    items = []
    for pk, n in page:
        id_, title, published, site, *values = details[(pk, n)]
        item = {"article": id_, "n": n}
        item.update(dict(zip(EVENT_COLUMNS, values)))
        for name in ("source", "target", "evidence"):
            item[name] = json.loads(item[name] or "[]")
        item["article_title"], item["article_published"], item["article_site"] = title, published, site
        items.append(item)
    return {"total": len(keep), "items": items}


def event_types(data: Data, store: Store) -> list[str]:
    """The event types in the store (cached until it changes)."""
    return data.cached("event_types", store, lambda: [r[0] for r in store.conn.execute(
        "SELECT DISTINCT type FROM events WHERE type IS NOT NULL ORDER BY 1")])


# --- entities (per-article rows; the corpus entities are svodka.link's) ------------------------------

def entity_list(store: Store, *, q: str | None = None, type_: str | None = None, limit: int = 50,
                offset: int = 0) -> dict:
    """Entities, most written-about first: the corpus entities (svodka.link) when the store has them
    — id, type, name, born, country, articles, mentions — else one row per normalised name and type
    of the articles' own entities. ``q``: names starting with it, or this surname."""
    k = key(q) if q else ""
    try:
        return _corpus_entity_list(store, k, type_, limit, offset)
    except _NotLinked:
        pass
    sql_where, params = _name_filter(k, type_, "last")
    c = store.conn
    total = c.execute(f"SELECT count(*) FROM (SELECT 1 FROM entities{sql_where} GROUP BY key, type) AS t",
                      params).fetchone()[0]
    rows = c.execute(
        f"SELECT min(name), type, count(DISTINCT article) AS n FROM entities{sql_where} GROUP BY key, type"
        " ORDER BY n DESC, 1 LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return {"total": total, "items": [{"name": n, "type": t, "articles": a} for n, t, a in rows]}


def _name_filter(k: str, type_: str | None, last_column: str) -> tuple[str, list]:
    """WHERE clause for an entity list: names starting with ``k`` (or a last name equal to it), a type."""
    where, params = [], []
    if k:
        where.append(f"(key >= ? AND key < ? OR {last_column} = ?)")
        params += [k, k + "\uffff", k]
    if type_:
        where.append("type = ?")
        params.append(type_)
    return (" WHERE " + " AND ".join(where) if where else ""), params


class _NotLinked(Exception):
    """The store's corpus entities are empty: list the articles' own entities instead."""


def _corpus_entity_list(store: Store, k: str, type_: str | None, limit: int, offset: int) -> dict:
    c = store.conn
    if not c.execute("SELECT 1 FROM corpus_entities LIMIT 1").fetchone():
        raise _NotLinked
    sql_where, params = _name_filter(k, type_, "last_name")
    total = c.execute(f"SELECT count(*) FROM corpus_entities{sql_where}", params).fetchone()[0]
    rows = c.execute(f"SELECT id, type, name, born, country, articles, mentions FROM corpus_entities{sql_where}"
                     " ORDER BY articles DESC, mentions DESC, id LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    keys = ("id", "type", "name", "born", "country", "articles", "mentions")
    return {"total": total, "items": [dict(zip(keys, r)) for r in rows]}


# --- svodka.link ---------------------------------------------------------------------------------

def _link(module: str, name: str):
    import importlib

    try:
        mod = importlib.import_module(f"svodka.link.{module}")
        return getattr(mod, name)
    except (ImportError, AttributeError) as err:
        raise LinkUnavailable(f"cross-article linking ({module}.{name}) is not available in this svodka: {err}") from None


def plain(value: Any) -> Any:
    """A link result (dataclasses, records, tuples) → JSON-ready values."""
    import dataclasses

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
        return dict(store.conn.execute("SELECT entity, corpus FROM entity_links WHERE article = ?", (article_pk,)))
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
        for i in range(0, len(event_ids), 500):
            chunk = event_ids[i:i + 500]
            rows = store.conn.execute(
                "SELECT DISTINCT l.event, a.id, a.title, a.published, a.site, a.pk FROM event_links l"
                f" JOIN articles a ON a.pk = l.article WHERE l.event IN ({','.join('?' * len(chunk))})"
                " ORDER BY l.event, a.published, a.pk", chunk).fetchall()
            for ev, id_, title, published, site, _ in rows:
                items = out.setdefault(ev, [])
                if len(items) < per_event:
                    items.append({"id": id_, "title": title, "published": published, "site": site})
    except store.errors:
        return {}
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
    rows = store.conn.execute("SELECT source, reason, sha256, time FROM rejected ORDER BY pk LIMIT ? OFFSET ?",
                              (limit, offset)).fetchall()
    total = store.conn.execute("SELECT count(*) FROM rejected").fetchone()[0]
    return {"total": total, "items": [{"source": a, "reason": b, "sha256": c or None, "time": d} for a, b, c, d in rows]}
