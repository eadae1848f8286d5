"""The pages: server-rendered HTML (Jinja2, autoescape on), English with a Russian switch.

    /                 corpus counts, latest articles, most-mentioned entities of the latest month, search box
    /search           results with highlighted snippets and facets (site, rubric, month, entity)
    /article/ID       the article laid out like a news page, mentions highlighted and linked, quotes, events, story
    /entity/NAME      a dossier: card (name, roles, birth date), mentions over time (SVG), quotes, events, co-mentions
    /timeline?a=&b=   cooperation and conflict between two actors over time (SVG), the events under it
    /events           corpus events (one row per real event) with filters, sorting and pages
    /stories          articles about one story across sources

Language: ``?lang=ru`` (or ``en``) switches and is remembered in the ``lang`` cookie.
"""
from __future__ import annotations

import calendar
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..store import StoreError
from ..lang.names import key
from ..edtf import human, human_time
from . import apidocs, attention as attention_view, bidi, charts, choice, data as D, event_views
from .charts import signed
from .highlight import Annotations, entity_href, snippet
from .i18n import DEFAULT, TYPES, counter, in_month, month_name, pick, translator

HERE = Path(__file__).resolve().parent
PER_PAGE = 20
SHOWN = 30             # a dossier's quotes and events shown (the newest)

router = APIRouter(include_in_schema=False)

# finalize: every {{ … }} is written with its direction marks balanced (bidi.py)
env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True, default_for_string=True),
                  trim_blocks=True, lstrip_blocks=True, auto_reload=False, finalize=bidi.balance)


# --- helpers for templates ---------------------------------------------------------------------

def url(path: str, **params: Any) -> str:
    """``path`` with the non-empty params as a query string (values are encoded here)."""
    pairs = [(k.rstrip("_"), v) for k, v in params.items() if v not in (None, "", False)]
    return path + ("?" + urlencode(pairs) if pairs else "")


def entity_url(name: str, id_: int | None = None) -> str:
    return entity_href(name, id_)


def article_url(id_: str) -> str:
    return "/article/" + quote(id_ or "", safe="")


def safe_href(value: str | None) -> str | None:
    """An outside link only when it is http(s): never ``javascript:`` or ``data:``."""
    if not value:
        return None
    v = value.strip()
    return v if v.lower().startswith(("http://", "https://")) else None


def num(value: Any) -> str:
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u202f")
    if isinstance(value, float):
        return signed(value)
    return "" if value is None else str(value)


MAP_VENDOR = HERE / "static" / "vendor"        # the Makefile installs the map's npm packages here


def map_assets() -> bool:
    """Whether the map's country outlines and projection are installed (``make``): else the map draws its
    points on a plain frame and the page asks for nothing that is not there."""
    return (MAP_VENDOR / "countries-110m.json").is_file() and (MAP_VENDOR / "d3-geo.min.js").is_file()


env.filters.update(num=num, snippet=snippet, q=lambda s: quote(s or "", safe=""), bdi=bidi.bdi, isolated=bidi.isolated)
env.globals.update(url=url, entity_url=entity_url, article_url=article_url, safe_href=safe_href, TYPES=TYPES,
                   map_assets=map_assets)


def ui_lang(request: Request) -> str:
    return pick(request.query_params.get("lang")) or pick(request.cookies.get("lang")) or DEFAULT


def switch_url(request: Request, lang: str) -> str:
    """This page in the other language: a query-only link, so that no part of the request's path
    (``//host``, ``/\\host`` on an error page) can make it point elsewhere."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"] + [("lang", lang)]
    return "?" + urlencode(params)


def render(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    lang = ui_lang(request)
    ctx.update(request=request, lang=lang, _=translator(lang), path=request.url.path, outlet=_outlets(request),
               lang_en=switch_url(request, "en"), lang_ru=switch_url(request, "ru"),
               month_name=lambda v: month_name(v, lang), in_month=lambda v: in_month(v, lang), count=counter(lang),
               when=lambda v: human(v, lang), when_time=lambda v: human_time(v, lang))
    html = env.get_template(template).render(**ctx)
    response = HTMLResponse(html, status_code=status)
    asked = pick(request.query_params.get("lang"))
    if asked and asked != request.cookies.get("lang"):
        response.set_cookie("lang", asked, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


def _outlets(request: Request) -> Callable[[str | None], str | None]:
    """site → the name its outlet gives itself (kept until the store changes); the site where it gives none."""
    data = request.app.state.data
    try:
        store = data.store()
        names = data.cached("site_names", store, store.site_names)
    except Exception:  # noqa: BLE001 - an error page without a store shows sites as they are
        names = {}
    return lambda site: names.get(site, site) if site else site


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    title = {400: "Bad request", 404: "Not found", 409: "Bad request", 422: "Bad request",
             503: "Not available"}.get(status, "Error")
    return render(request, "error.html", status=status, title=title, message=message, status_code=status)


def api_docs(request: Request, schema: dict) -> HTMLResponse:
    """The OpenAPI schema as a page (apidocs.py)."""
    return render(request, "api_docs.html", ops=apidocs.operations(schema), info=schema.get("info", {}),
                  about=apidocs.literals(schema.get("info", {}).get("description")))


def _store(request: Request):
    return request.app.state.data.store()


Text = Annotated[str | None, Query(max_length=200)]
From = Annotated[str | None, Query(alias="from", max_length=10)]
To = Annotated[str | None, Query(alias="to", max_length=10)]
PageNo = Annotated[int, Query(ge=1, le=D.MAX_OFFSET // PER_PAGE)]


def _pages(page: int, has_next: bool, total: int | None = None) -> dict:
    last = None if total is None else max(1, -(-total // PER_PAGE))
    return {"page": page, "prev": page - 1 if page > 1 else None,
            "next": page + 1 if (has_next if total is None else page < last) else None, "last": last}


# --- pages ---------------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    s = _store(request)
    data = request.app.state.data
    crawl = D.crawl_state(s)
    return render(request, "home.html", stats=D.stats(data, s), top=D.top_entities(data, s),
                  latest=D.latest(s, 12), crawl=crawl)


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request) -> HTMLResponse:
    """The sites `svodka watch` follows, each source's state, and the last rounds (read-only)."""
    return render(request, "sources.html", crawl=D.crawl_state(_store(request), rounds=10))


def _month_range(month: str | None) -> tuple[str | None, str | None]:
    if not month:
        return None, None
    try:
        y, m = int(month[:4]), int(month[5:7])
        if len(month) != 7 or month[4] != "-" or not 1 <= m <= 12:
            raise ValueError
    except ValueError:
        raise StoreError(f"bad month {month!r}: expected YYYY-MM") from None
    return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "", date_from: From = None, date_to: To = None,
           site: Text = None, rubric: Text = None, entity: Text = None,
           month: Annotated[str | None, Query(max_length=7)] = None, page: PageNo = 1) -> HTMLResponse:
    s = _store(request)
    if month:
        date_from, date_to = _month_range(month)
    filters = dict(date_from=date_from, date_to=date_to, site=site, rubric=rubric, entity=entity)
    D.check_dates(date_from, date_to)
    searched = bool(q.strip() or any(filters.values()))
    hits, facets, attention = [], None, None
    if searched:
        hits = s.search(q, **filters, limit=PER_PAGE + 1, offset=(page - 1) * PER_PAGE)
        facets = D.facets(s, q, **filters)
        attention = attention_view.for_search(request, q, filters, ui_lang(request))
    params = dict(q=q, site=site, rubric=rubric, entity=entity, month=month,
                  **({} if month else {"from": date_from, "to": date_to}), **(attention or {}).get("keep", {}))
    return render(request, "search.html", q=q, hits=hits[:PER_PAGE], facets=facets, searched=searched, attention=attention,
                  params=params, filters={k: v for k, v in params.items() if k != "q" and v},
                  pages=_pages(page, len(hits) > PER_PAGE))


@router.get("/article/{id:path}", response_class=HTMLResponse)       # a caller-given id may hold "/"
def article(request: Request, id: str) -> HTMLResponse:
    s = _store(request)
    art = D.article(s, id)
    found = s.find(art["id"]) or s.find(art.get("sha256") or id)
    ids = D.corpus_ids(s, found[0]) if found else {}
    notes = Annotations(art, ids, ui_lang(request))
    marked = {
        "title": notes.mark("title", art.get("title")),
        "alt_titles": [notes.mark(f"alt_titles[{i}]", t) for i, t in enumerate(art.get("alt_titles") or [])],
        "lead": notes.mark("lead", art.get("lead")),
        "body": [notes.mark(f"body[{i}]", p) for i, p in enumerate(art.get("body") or [])],
        "media": [{"caption": notes.mark(f"media[{i}].caption", m.get("caption")),
                   "credit": notes.mark(f"media[{i}].credit", m.get("credit"))}
                  for i, m in enumerate(art.get("media") or [])],
    }
    groups: dict[str, list[dict]] = {"PER": [], "ORG": [], "LOC": []}
    names = {}
    for e in art.get("entities") or []:
        item = {**e, "corpus": ids.get(e.get("id")), "count": len(e.get("mentions") or [])}
        groups.setdefault(e.get("type") or "MISC", []).append(item)
        names[key(e.get("name"))] = item
    for g in groups.values():
        g.sort(key=lambda x: (-x["count"], x.get("name") or ""))
    by_id = {e.get("id"): e for e in art.get("entities") or []}
    quotes = [{**q, "entity": by_id.get(q.get("speaker_id"))} for q in art.get("quotes") or []]
    events = []
    for ev in art.get("events") or []:
        sentence = next((m.get("text") for m in ev.get("evidence") or [] if m.get("kind") == "sentence"), None)
        events.append({**ev, "sentence": sentence,
                       "source_links": [(a, names.get(key(a))) for a in ev.get("source") or []],
                       "target_links": [(a, names.get(key(a))) for a in ev.get("target") or []]})
    cards = [{**c, "entity": names.get(key(c.get("name")))} for c in art.get("cards") or []]
    tags = [(t, names.get(key(t))) for t in art.get("tags") or []]
    story = D.story_of(s, art["id"])
    return render(request, "article.html", a=art, m=marked, groups=groups, quotes=quotes, events=events,
                  cards=cards, tags=tags, story=story, sources=s.sources(art.get("sha256") or art["id"]),
                  url_ok=safe_href(art.get("url")))


@router.get("/entity/{name:path}", response_class=HTMLResponse)
def entity(request: Request, name: str, id: Annotated[int | None, Query(ge=1)] = None) -> HTMLResponse:
    s = _store(request)
    try:
        d = request.app.state.data.memo(("dossier", name, id), s, lambda: D.dossier(s, name, id))
    except D.Ambiguous as err:
        return render(request, "ambiguous.html", status=300, name=name,
                      candidates=choice.candidates(s, err, lambda c: entity_url(c.get("name"), c.get("id"))))
    months = charts.fill_months({m["month"]: m["articles"] for m in d.get("by_month") or [] if m.get("month")})
    lang = ui_lang(request)
    _ = translator(lang)
    chart = charts.bars(months, f"{_('Mentions over time')}: {d.get('name')}", amount=lambda n: counter(lang)(int(n), "article"),
                        y_title=_("articles"), x_title=_("month"), lang=lang)
    return render(request, "dossier.html", d=d, chart=chart, quotes=(d.get("quotes") or [])[-SHOWN:][::-1],
                  events=(d.get("events") or [])[-SHOWN:][::-1], shown=SHOWN)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, a: Text = None, b: Text = None) -> HTMLResponse:
    s = _store(request)
    a, b = (a or "").strip(), (b or "").strip()
    if not (a and b):
        return render(request, "timeline.html", a=a, b=b, t=None, chart=None, events=[])
    try:
        t = request.app.state.data.memo(("timeline", a, b), s, lambda: D.timeline(s, a, b))
    except D.Ambiguous as err:
        side = choice.timeline_side(s, a)

        def href(c: dict) -> str:
            return url("/timeline", **{"a": a, "b": b, side: f"#{c.get('id')}"})
        return render(request, "ambiguous.html", status=300, name=a if side == "a" else b,
                      candidates=choice.candidates(s, err, href))
    lang = ui_lang(request)
    _ = translator(lang)
    events = [dict(e) for e in t.get("events") or []]
    reports = D.event_articles(s, [e["id"] for e in events if isinstance(e.get("id"), int)])
    for e in events:
        e["articles"] = reports.get(e.get("id"), [])
    rows = t.get("series") or series_of(events)
    names = ((t.get("a") or {}).get("name") or a, (t.get("b") or {}).get("name") or b)
    chart = charts.balance(rows, f"{_('Cooperation and conflict over time')}: {names[0]} – {names[1]}",
                           labels=(_("cooperation"), _("conflict"), _("mean Goldstein")),
                           y_titles=(_("events a month"), _("mean Goldstein")),
                           x_title=_("month"), amount=lambda n: counter(lang)(int(n), "event"), lang=lang)
    return render(request, "timeline.html", a=a, b=b, t=t, names=names, chart=chart, events=events)


def series_of(events: list[dict]) -> list[dict]:
    """Monthly rows {month, cooperation, conflict, goldstein_mean} from events (QuadClass 1–2 is
    cooperation, 3–4 conflict), for a timeline that comes without its own series."""
    rows: dict[str, dict] = {}
    for ev in events:
        month = charts.month_of(ev.get("month") or ev.get("date"))
        if not month or ev.get("modality") == "negated":
            continue
        r = rows.setdefault(month, {"month": month, "cooperation": 0, "conflict": 0, "sum": 0.0, "n": 0})
        quad = ev.get("quad_class")
        if quad in (1, 2):
            r["cooperation"] += 1
        elif quad in (3, 4):
            r["conflict"] += 1
        if isinstance(ev.get("goldstein"), (int, float)):
            r["sum"] += ev["goldstein"]
            r["n"] += 1
    if not rows:
        return []
    out = []
    for month, _ in charts.fill_months({m: 1 for m in rows}):
        r = rows.get(month, {"month": month, "cooperation": 0, "conflict": 0, "sum": 0.0, "n": 0})
        out.append({**r, "goldstein_mean": round(r["sum"] / r["n"], 2) if r["n"] else None})
    return out


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, type: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]*$")] = None,
           actor: Text = None, country: Annotated[str | None, Query(max_length=60)] = None,
           role: Annotated[str | None, Query(max_length=3, pattern=r"^[A-Za-z]{0,3}$")] = None,
           date_from: From = None, date_to: To = None, place: Text = None,
           modality: Annotated[str | None, Query(max_length=10)] = None,
           min_confidence: Annotated[str | None, Query(max_length=5)] = None,
           sort: Annotated[str | None, Query(max_length=12)] = None,
           article: Annotated[str | None, Query(max_length=128)] = None, page: PageNo = 1) -> HTMLResponse:
    """The corpus events (one row per real event, event_views.py), with the filter form; an article's own
    events stay on its page."""
    s = _store(request)
    found = event_views.corpus_events(s, type_=type, actor=actor, country=country, role=role, place=place,
                                      date_from=date_from, date_to=date_to, modality=modality,
                                      min_confidence=_confidence(min_confidence), sort=sort or "newest",
                                      article_id=article, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    params = {"type": type, "actor": actor, "country": country, "role": role, "place": place, "from": date_from,
              "to": date_to, "modality": modality, "min_confidence": min_confidence, "sort": sort, "article": article}
    return render(request, "events.html", found=found, params=params, pages=_pages(page, False, found["total"]),
                  choices=event_views.choices(request.app.state.data, s), filtered=any(params.values()))


def _confidence(value: str | None) -> float | None:
    """The minimum confidence of the form (a number 0–1, or empty)."""
    if not value or not value.strip():
        return None
    try:
        return float(value)
    except ValueError:
        raise StoreError(f"bad minimum confidence {value!r}: a number from 0 to 1") from None


@router.get("/map", response_class=HTMLResponse)
def event_map(request: Request, type: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]*$")] = None,
              actor: Text = None, date_from: From = None, date_to: To = None, place: Text = None,
              article: Annotated[str | None, Query(max_length=128)] = None) -> HTMLResponse:
    """The events on a world map: the page holds the filters, static/map.js draws /api/map's points."""
    s = _store(request)
    D.check_dates(date_from, date_to)
    params = {"type": type, "actor": actor, "from": date_from, "to": date_to, "place": place, "article": article}
    source = url("/api/map", type=type, actor=actor, from_=date_from, to_=date_to, place=place, article=article)
    return render(request, "map.html", params=params, source=source, types=D.event_types(request.app.state.data, s))


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, min_articles: Annotated[int, Query(ge=1, le=1000)] = 2, page: PageNo = 1) -> HTMLResponse:
    s = _store(request)
    offset = (page - 1) * PER_PAGE
    found = D.stories(s, min_articles, limit=offset + PER_PAGE + 1)
    return render(request, "stories.html", stories=found[offset:offset + PER_PAGE], min_articles=min_articles,
                  pages=_pages(page, len(found) > offset + PER_PAGE))
