"""Downloads: what a page lists, as CSV or JSON — the page's URL with ``.csv`` or ``.json``.

    /search.csv?q=…&site=…         every matching article (newest first): id, published, site, rubric, title, url
    /events.csv?type=…&actor=…     every event the events page lists with these filters, in its order
    /timeline.csv?a=…&b=…          the events between two actors
    /entity/NAME/events.csv        a dossier's events (all of them, not only the latest the page shows)
    /entity/NAME/quotes.csv        a dossier's quotes
    /stories.csv?min_articles=2    the stories (JSON: each with its articles)

CSV: a header row, UTF-8, the csv module's quoting; lists and records are JSON text in their cell. JSON: one
array of objects. Both are sent as attachments. The long lists (search, events, stories) stream: rows are
read from the store a chunk at a time over a connection of the download's own (inside one read snapshot) and
written as they come, so no download is built whole in memory.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import StreamingResponse

from ..link.dossier import dossier as link_dossier, entity_dossier
from ..link.stories import stories as link_stories
from ..store import StoreError, open_store
from ..store import text as searchtext
from ..store.attention_queries import DOWNLOAD_COLUMNS
from . import data as D
from . import event_views
from .pages import _confidence as confidence, _month_range as month_range

router = APIRouter(include_in_schema=False)

CHUNK = 500                  # rows read from the store at a time (events, stories)
ALL = 1_000_000              # a dossier's quotes and events: every one
Fmt = Annotated[str, Path(pattern="^(csv|json)$", description="csv or json")]
Text = Annotated[str | None, Query(max_length=200)]
From = Annotated[str | None, Query(alias="from", max_length=10)]
To = Annotated[str | None, Query(alias="to", max_length=10)]
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


# --- writing rows ------------------------------------------------------------------------------

def _cell(value):
    if value is None:
        return ""
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def csv_text(rows: Iterable[dict], columns: list[str] | None = None, batch: int = 200) -> Iterator[str]:
    """CSV text of dict rows, ``batch`` rows a piece; the header is ``columns`` or the first row's keys."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    n = 0
    if columns:
        writer.writerow(columns)
    for row in rows:
        if columns is None:
            columns = list(row)
            writer.writerow(columns)
        writer.writerow([_cell(row.get(c)) for c in columns])
        n += 1
        if n % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if columns is None and not n:
        yield ""
    yield buffer.getvalue()


def json_text(rows: Iterable[dict], batch: int = 200) -> Iterator[str]:
    """A JSON array of the rows, ``batch`` rows a piece."""
    pieces = ["["]
    first = True
    for row in rows:
        pieces.append(("\n" if first else ",\n") + json.dumps(row, ensure_ascii=False))
        first = False
        if len(pieces) >= batch:
            yield "".join(pieces)
            pieces = []
    pieces.append("\n]\n")
    yield "".join(pieces)


def send(fmt: str, name: str, rows: Iterable[dict], columns: list[str] | None = None) -> StreamingResponse:
    body = csv_text(rows, columns) if fmt == "csv" else json_text(rows)
    return StreamingResponse((piece.encode("utf-8") for piece in body), media_type=FORMATS[fmt],
                             headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


def own_store_rows(request: Request, read: Callable[[object], Iterable[dict]]) -> Iterator[dict]:
    """``read(store)``'s rows over a connection of this download's own, in one read snapshot: the app's
    per-thread connection serves other requests while a long download is still being sent."""
    data = request.app.state.data
    store = open_store(data.db, create=False)
    try:
        if not data.writable:
            store.read_only()
        with store.snapshot():
            yield from read(store)
    finally:
        store.close()


# --- the lists ---------------------------------------------------------------------------------

@router.get("/search.{fmt}")
def search_download(request: Request, fmt: Fmt, q: Annotated[str, Query(max_length=500)] = "",
                    date_from: From = None, date_to: To = None, site: Text = None, rubric: Text = None,
                    entity: Text = None, month: Annotated[str | None, Query(max_length=7)] = None) -> StreamingResponse:
    """Every article the search finds (not only a page of it), newest first."""
    if month:
        date_from, date_to = month_range(month)
    D.check_dates(date_from, date_to)
    parsed = searchtext.parse_query(q)
    nothing = bool(q.strip()) and parsed.empty          # only punctuation: no article matches

    def read(store) -> Iterator[dict]:
        if nothing:
            return
        for row in store.matching_articles(parsed, date_from, date_to, site, rubric, entity):
            yield dict(zip(DOWNLOAD_COLUMNS, row))
    return send(fmt, "search", own_store_rows(request, read), list(DOWNLOAD_COLUMNS))


# The events page's query names → the keywords of the function that lists its events (``data.events``): the
# download lists what the page lists, whatever that function becomes, through this one mapping.
EVENT_FILTERS = {"type": "type_", "actor": "actor", "country": "country", "role": "role", "from": "date_from",
                 "to": "date_to", "place": "place", "modality": "modality", "min_confidence": "min_confidence",
                 "sort": "sort", "article": "article_id"}


def list_events(store, *, min_confidence: str | None = None, sort: str | None = None, **filters) -> dict:
    """The corpus events as the events page lists them (the same filters, the same order)."""
    return event_views.corpus_events(store, min_confidence=confidence(min_confidence), sort=sort or "newest",
                                     **filters)


def event_filters(request: Request) -> dict:
    """The events page's filters of this request, as ``list_events`` takes them (too long a value: a 400)."""
    out = {}
    for name, keyword in EVENT_FILTERS.items():
        value = (request.query_params.get(name) or "").strip() or None
        if value is not None and len(value) > 200:
            raise StoreError(f"{name}: at most 200 characters")
        out[keyword] = value
    return out


@router.get("/events.{fmt}")
def events_download(request: Request, fmt: Fmt) -> StreamingResponse:
    """Every event the events page lists with the same filters, in its order, read a chunk at a time through
    the function the page lists them with."""
    filters = event_filters(request)
    list_events(request.app.state.data.store(), **filters, limit=1, offset=0)    # a bad filter: a 4xx, now

    def read(store) -> Iterator[dict]:
        offset = 0
        while True:
            found = list_events(store, **filters, limit=CHUNK, offset=offset)
            for item in found["items"]:
                if isinstance(item.get("evidence"), list) and "sentence" not in item:   # an article's report
                    item["sentence"] = next((m.get("text") for m in item.get("evidence") or []
                                             if m.get("kind") == "sentence"), None)
                yield item
            offset += CHUNK
            if offset >= found["total"] or not found["items"]:
                return
    return send(fmt, "events", own_store_rows(request, read))


@router.get("/timeline.{fmt}")
def timeline_download(request: Request, fmt: Fmt, a: Annotated[str, Query(min_length=1, max_length=200)],
                      b: Annotated[str, Query(min_length=1, max_length=200)]) -> StreamingResponse:
    """The events between two actors, in date order (the timeline page's table)."""
    s = request.app.state.data.store()
    t = request.app.state.data.memo(("timeline", a.strip(), b.strip()), s, lambda: D.timeline(s, a.strip(), b.strip()))
    return send(fmt, "timeline", t.get("events") or [])


def _dossier(request: Request, name: str, entity_id: int | None) -> dict:
    """Every quote and event of the entity (the page shows the latest); NotFound or Ambiguous as the page."""
    s = request.app.state.data.store()
    try:
        if entity_id is not None:
            try:
                return D.plain(entity_dossier(s, entity_id, quotes=ALL, events=ALL))
            except LookupError:
                pass
        return D.plain(link_dossier(s, name, quotes=ALL, events=ALL))
    except LookupError as err:
        raise D._lookup_error(err, name) from None


@router.get("/entity/{name:path}/events.{fmt}")
def dossier_events_download(request: Request, name: str, fmt: Fmt,
                            id: Annotated[int | None, Query(ge=1)] = None) -> StreamingResponse:
    return send(fmt, "events", _dossier(request, name, id).get("events") or [])


@router.get("/entity/{name:path}/quotes.{fmt}")
def dossier_quotes_download(request: Request, name: str, fmt: Fmt,
                            id: Annotated[int | None, Query(ge=1)] = None) -> StreamingResponse:
    return send(fmt, "quotes", _dossier(request, name, id).get("quotes") or [])


STORY_COLUMNS = ["id", "label", "first", "last", "size", "sites", "articles"]


@router.get("/stories.{fmt}")
def stories_download(request: Request, fmt: Fmt,
                     min_articles: Annotated[int, Query(ge=1, le=1000)] = 2) -> StreamingResponse:
    """The stories, oldest first; CSV: one row a story with its sites and its articles' ids, JSON: each story
    with its articles (id, published, site, title, url)."""
    def read(store) -> Iterator[dict]:
        offset = 0
        while True:
            found = link_stories(store, min_articles, limit=CHUNK, offset=offset)
            for story in found:
                row = D.plain(story)
                if fmt == "csv":
                    row["articles"] = [a.get("id") for a in row.get("articles") or []]
                yield row
            offset += CHUNK
            if len(found) < CHUNK:
                return
    return send(fmt, "stories", own_store_rows(request, read), STORY_COLUMNS if fmt == "csv" else None)
