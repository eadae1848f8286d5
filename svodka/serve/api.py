"""The REST API, under ``/api`` (OpenAPI: ``/api/openapi.json``, readable at ``/api/docs``).

Read-only. JSON field names are the CLI's: an article is ``svodka show ID --json`` (docs/format.md),
a search hit is ``svodka search --json``'s object, an event ``svodka events --db … --format json``'s (a corpus
event; with ``level=article``: ``article`` and the Event fields). Lists page with ``limit`` and ``offset`` and say ``total`` (or
``next_offset`` where a total would cost a full count). A bad parameter is a 4xx with ``error`` (one
line) and ``detail``; a missing thing a 404; cross-article linking not in this store a 503.
"""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from ..store import StoreError
from ..store.sqlite import Store
from . import data as D, event_views

router = APIRouter(prefix="/api")


def get(path: str, **options):
    """``router.get`` with no response model: the handlers return plain JSON-ready dicts, and for a
    sync handler FastAPI would check the model in a second thread-pool call — under load, a second
    wait for a free thread (the API's p50 was twice the pages')."""
    return router.get(path, response_model=None, **options)

DATE = r"^\d{4}-\d{2}-\d{2}$"
Limit = Annotated[int, Query(ge=1, le=100, description="at most this many items (1–100)")]
Offset = Annotated[int, Query(ge=0, le=D.MAX_OFFSET, description="skip this many items")]
From = Annotated[str | None, Query(alias="from", max_length=10, description="on or after this day (YYYY-MM-DD)")]
To = Annotated[str | None, Query(alias="to", max_length=10, description="on or before this day (YYYY-MM-DD)")]
Site = Annotated[str | None, Query(max_length=200, description="the site's host, without www.")]
Rubric = Annotated[str | None, Query(max_length=200, description="the rubric (case-insensitive)")]
ArticleId = Annotated[str, Path(max_length=128, description="id, sha256 or a unique sha256 prefix")]
EntityName = Annotated[str | None, Query(max_length=200, description="an entity's normalised name, or its last word")]


def store(request: Request) -> Store:
    """This worker thread's read-only connection to the app's store. Called in the handler's body,
    not as a dependency: FastAPI runs a sync dependency as a thread-pool call of its own (one more
    wait for a free thread under load), and nothing guarantees that the handler then runs on the
    thread whose connection it got."""
    return request.app.state.data.store()


def page(items: list, limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"limit": limit, "offset": offset}
    if total is not None:
        out["total"] = total
    more = len(items) > limit if total is None else offset + limit < total
    out["next_offset"] = offset + limit if more else None
    out["items"] = items[:limit]
    return out


@get("/stats", summary="Corpus counts")
def api_stats(request: Request) -> dict:
    """Articles, rejected documents, sites, entities (by type), mentions, quotes, events (by type),
    the first and last publication dates, the most-mentioned entities of the latest month, and the
    crawler's state (``crawl``: sources, URLs by state, the last round)."""
    s = store(request)
    data = request.app.state.data
    crawl = D.crawl_state(s)
    crawl["last_round"] = crawl.pop("rounds")[0] if crawl["rounds"] else None
    return {**D.stats(data, s), "top_entities": D.top_entities(data, s), "crawl": crawl}


@get("/articles", summary="Articles, newest first, with filters")
def api_articles(request: Request, date_from: From = None, date_to: To = None, site: Site = None,
                 rubric: Rubric = None, entity: EntityName = None, limit: Limit = 20, offset: Offset = 0) -> dict:
    """Each item is a search hit without a query (``snippet``: the start of the lead or body)."""
    s = store(request)
    D.check_dates(date_from, date_to)
    hits = s.search("", date_from=date_from, date_to=date_to, site=site, rubric=rubric, entity=entity,
                    limit=limit, offset=offset)
    total = D.count_articles(s, date_from=date_from, date_to=date_to, site=site, rubric=rubric, entity=entity)
    return page([h.to_dict() for h in hits], limit, offset, total)


# An id may hold "/" (JSONL input gives any id): the routes take a path, the longer ones first.
@get("/articles/{id:path}/sources", summary="Where an article was read from")
def api_sources(request: Request, id: ArticleId) -> dict:
    s = store(request)
    art = D.article(s, id)
    return {"id": art["id"], "sha256": art.get("sha256"), "sources": s.sources(art["sha256"] or id)}


@get("/articles/{id:path}/raw", summary="The exact input bytes of an article",
            response_class=Response, responses={200: {"content": {"application/octet-stream": {}}}})
def api_raw(request: Request, id: ArticleId) -> Response:
    """Served as an attachment (``application/octet-stream``): never rendered by the browser."""
    s = store(request)
    art = D.article(s, id)
    raw = s.raw(art.get("sha256") or id)
    if raw is None:
        raise D.NotFound(f"no raw bytes kept for {id!r}")
    name = art["id"] if re.fullmatch(r"[\w.-]{1,100}", art["id"] or "", re.ASCII) else (art.get("sha256") or "article")[:16]
    return Response(raw, media_type="application/octet-stream",      # a caller-given id never reaches the header
                    headers={"Content-Disposition": f'attachment; filename="{name}.raw"'})


@get("/articles/{id:path}/story", summary="The story an article belongs to")
def api_article_story(request: Request, id: ArticleId) -> dict:
    s = store(request)
    art = D.article(s, id)
    story = D.story_of(s, art["id"])
    if story is None:
        raise D.NotFound(f"article {id!r} is in no story yet")
    return story


@get("/articles/{id:path}", summary="One article with every annotation")
def api_article(request: Request, id: ArticleId) -> dict:
    """The article JSON (``svodka show ID --json``): fields, entities with mentions, quotes, times, events."""
    s = store(request)
    return D.article(s, id)


@get("/search", summary="Full-text search over lemmas")
def api_search(request: Request,
               q: Annotated[str, Query(max_length=500, description='words (all must match), "a phrase", a OR b')] = "",
               date_from: From = None, date_to: To = None, site: Site = None, rubric: Rubric = None,
               entity: EntityName = None, limit: Limit = 20, offset: Offset = 0,
               facets: Annotated[bool, Query(description="add counts by site, rubric, month and entity")] = False) -> dict:
    """Results best first (bm25), each with a snippet of the original text and the matched words'
    spans (``highlights``: offsets into ``snippet``). "Алиеву" finds "Алиев", "Алиева" …"""
    s = store(request)
    D.check_dates(date_from, date_to)
    hits = s.search(q, date_from=date_from, date_to=date_to, site=site, rubric=rubric, entity=entity,
                    limit=limit + 1, offset=offset)
    out = {"query": q, **page([h.to_dict() for h in hits], limit, offset)}
    if facets:
        out["facets"] = D.facets(s, q, date_from=date_from, date_to=date_to, site=site, rubric=rubric, entity=entity)
    return out


@get("/events", summary="Events with filters: one row per real event (corpus) or per report (article)")
def api_events(request: Request,
               level: Annotated[Literal["corpus", "article"], Query(description="corpus: one row per real event, "
                                                                  "however many articles report it; article: one row per article's event")] = "corpus",
               type: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]+$", description="meet, call, arrest …")] = None,
               actor: Annotated[str | None, Query(max_length=200, description="a source or target actor (name or surname)")] = None,
               country: Annotated[str | None, Query(max_length=60, description="corpus: an actor of this country (ISO-3 or name)")] = None,
               role: Annotated[str | None, Query(max_length=3, pattern=r"^[A-Za-z]{3}$", description="corpus: an actor of this CAMEO role (GOV, MIL, COP …)")] = None,
               date_from: From = None, date_to: To = None,
               place: Annotated[str | None, Query(max_length=200, description="the place, as coded")] = None,
               modality: Annotated[str | None, Query(max_length=10, description="corpus: fact, claim, intent, future or negated")] = None,
               min_confidence: Annotated[float | None, Query(ge=0, le=1, description="corpus: at least this confidence (0–1)")] = None,
               sort: Annotated[str, Query(max_length=12, description="corpus: newest, oldest, articles, sources, confidence, conflict, cooperation")] = "newest",
               article: Annotated[str | None, Query(max_length=128, description="only the events this article reports")] = None,
               located: Annotated[bool, Query(description="article: only events with a point on the map")] = False,
               limit: Limit = 50, offset: Offset = 0) -> dict:
    """``level=corpus`` (the default): corpus events — ``id``, type, cameo, root_code, plover, goldstein,
    quad_class, ``date`` (EDTF) and ``lo``/``hi`` (its days), place, modality, killed, injured, confidence, key,
    num_mentions / num_sources / num_articles (GDELT's NumMentions …), first_seen, last_seen, ``source`` and
    ``target`` (names), ``actors`` (side, name, entity, country, role, code), ``evidence`` (the best sentence),
    ``articles`` (the first reports), and ``lat`` / ``lon`` / ``place_country`` (the place's point and ISO-3 country,
    null when not located). ``level=article``: each item is ``article`` (its id) and the Event
    fields (``geo`` among them), ``lat`` and ``lon`` (the place's point, null when not located), plus the article's
    title, date and site (``located``: only those with a point). Dates: the event's (EDTF; a month overlaps
    each of its days), else the article's (article) or its first report's (corpus)."""
    s = store(request)
    if level != "article" and located:
        raise StoreError("located: only with level=article (the map's points: /api/map)")
    if level == "article":
        corpus_only = [name for name, value in (("country", country), ("role", role), ("modality", modality),
                                                ("min_confidence", min_confidence)) if value is not None]
        if corpus_only or sort != "newest":
            raise StoreError(f"{', '.join(corpus_only or ['sort'])}: only with level=corpus")
        found = D.events(s, type_=type, actor=actor, date_from=date_from, date_to=date_to, place=place,
                         article_id=article, located=located, limit=limit, offset=offset)
    else:
        found = event_views.corpus_events(s, type_=type, actor=actor, country=country, role=role, place=place,
                                          date_from=date_from, date_to=date_to, modality=modality,
                                          min_confidence=min_confidence, sort=sort, article_id=article,
                                          limit=limit, offset=offset)
    return page(found["items"], limit, offset, found["total"])


@get("/map", summary="Located events as GeoJSON, for the map")
def api_map(request: Request,
            type: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]*$", description="meet, call, arrest …")] = None,
            actor: Annotated[str | None, Query(max_length=200, description="a source or target actor (name or surname)")] = None,
            date_from: From = None, date_to: To = None,
            place: Annotated[str | None, Query(max_length=200, description="the place, as coded")] = None,
            article: Annotated[str | None, Query(max_length=128, description="only this article's events")] = None,
            other: Annotated[str | None, Query(max_length=200, description="a second actor taking part too")] = None,
            q: Annotated[str | None, Query(max_length=500, description="only the events of the articles this search finds first (100)")] = None) -> dict:
    """A GeoJSON FeatureCollection (RFC 7946) of the located events the /api/events filters select (the newest
    5 000): a Point at [lon, lat] per event and place, with type, cameo, quad_class (1–2 cooperation, 3–4
    conflict), goldstein, date, source, target, place, country, feature, located_from (sentence or dateline),
    the first reporting article, and ``articles``: how many articles report it."""
    s = store(request)
    return D.event_map(s, type_=type or None, actor=actor, date_from=date_from, date_to=date_to, place=place,
                       article_id=article, other=other, q=q)


@get("/entities", summary="Entities by name, most written-about first")
def api_entities(request: Request,
                 q: Annotated[str | None, Query(max_length=200, description="names starting with this, or this surname")] = None,
                 type: Annotated[str | None, Query(pattern=r"^(PER|ORG|LOC)$", description="PER, ORG or LOC")] = None,
                 limit: Limit = 50, offset: Offset = 0) -> dict:
    s = store(request)
    found = D.entity_list(s, q=q, type_=type, limit=limit, offset=offset)
    return page(found["items"], limit, offset, found["total"])


@get("/entities/{name:path}", summary="An entity's dossier")    # a name may hold "/"
def api_dossier(request: Request, name: Annotated[str, Path(max_length=200, description="a name in any case form")]) -> dict:
    """The corpus entity by name (svodka.link.dossier): names, roles, birth date, country, mentions
    over time, quotes, events, co-mentioned entities, articles."""
    s = store(request)
    return request.app.state.data.memo(("dossier", name), s, lambda: D.dossier(s, name))


@get("/timeline", summary="Events between two actors over time")
def api_timeline(request: Request,
                 a: Annotated[str, Query(min_length=1, max_length=200, description="one actor (a person, organisation or country)")],
                 b: Annotated[str, Query(min_length=1, max_length=200, description="the other actor")]) -> dict:
    """svodka.link.timeline: the events between the two, in date order, with cooperation and
    conflict (Goldstein) over time."""
    s = store(request)
    return request.app.state.data.memo(("timeline", a, b), s, lambda: D.timeline(s, a, b))


@get("/stories", summary="Stories: articles about one story across sources")
def api_stories(request: Request,
                min_articles: Annotated[int, Query(ge=1, le=1000, description="stories with at least this many articles")] = 2,
                limit: Limit = 20, offset: Offset = 0) -> dict:
    s = store(request)
    found = D.stories(s, min_articles, limit=offset + limit + 1)
    return page(found[offset:], limit, offset)


@get("/rejected", summary="Documents that could not be read as articles, and why")
def api_rejected(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict:
    s = store(request)
    found = D.rejected(s, limit, offset)
    return page(found["items"], limit, offset, found["total"])
