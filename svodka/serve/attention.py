"""Attention over time in the web app: ``/api/attention`` and the chart above the search results.

    /api/attention?q=Алиеву&q=Пашинян&interval=week&by=site&from=&to=&site=&rubric=&entity=
    /search?q=Алиеву&vs=Пашинян&interval=week&by=site      the chart on the search page (``vs``: a second query)
    /search/attention.svg?q=…&vs=…                         that chart, an image the page shows

The counts are ``svodka.link.attention``'s; the store's counts per day (the matches of a query, and every
article of a collection: the share's denominator) are kept until the store changes (``Data.memo``), so a chart
costs one grouped count per new query, and another interval of it none; every article's day and site
(``Calendar``) are kept the same way, so a query's matches are counted from their keys.
"""
from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ..link.attention import INTERVALS, MAX_QUERIES, Calendar, attention
from . import data as D
from .attention_chart import chart
from .i18n import DEFAULT, pick, translator

router = APIRouter(prefix="/api")
pages_router = APIRouter(include_in_schema=False)

Interval = Annotated[str, Query(pattern="^(" + "|".join(INTERVALS) + ")$",
                                description="day, week (ISO, named by its Monday), month, or auto")]
By = Annotated[str | None, Query(pattern="^(site)?$", description="site: each query split by site (ten largest + other)")]
Filter = Annotated[str | None, Query(max_length=200)]
From = Annotated[str | None, Query(alias="from", max_length=10, description="published on or after (YYYY-MM-DD)")]
To = Annotated[str | None, Query(alias="to", max_length=10, description="published on or before (YYYY-MM-DD)")]


def counted(request: Request, store, queries: list[str], *, interval: str = "auto", by_site: bool = False,
            date_from=None, date_to=None, site=None, rubric=None, entity=None) -> dict:
    """``attention`` over the app's store, with the collection's articles per day kept until the store changes."""
    D.check_dates(date_from, date_to)
    data = request.app.state.data

    def remember(key: tuple, compute):
        return data.memo(("attention", *key), store, compute)
    calendar = data.cached("attention_calendar", store, lambda: Calendar(store.article_days()))
    return attention(store, queries, interval=interval, by_site=by_site, date_from=date_from, date_to=date_to,
                     site=site, rubric=rubric, entity=entity, remember=remember, calendar=calendar)


@router.get("/attention", summary="Attention over time: matching articles per day, week or month",
            response_model=None)
def api_attention(request: Request,
                  q: Annotated[list[str], Query(max_length=500, description=f"a search query; up to {MAX_QUERIES}")] = [],  # noqa: B006 — FastAPI copies defaults
                  interval: Interval = "auto", by: By = None, date_from: From = None, date_to: To = None,
                  site: Filter = None, rubric: Filter = None, entity: Filter = None) -> dict:
    """For each query (the search syntax; none: every article, or the ``entity``'s), the articles published
    in each period and their share of all articles of the period (under the same dates, site and rubric);
    ``undated``: matches without a date, left out of the points. ``by=site``: each query split by site."""
    store = request.app.state.data.store()
    return counted(request, store, q or [""], interval=interval, by_site=by == "site", date_from=date_from,
                   date_to=date_to, site=site, rubric=rubric, entity=entity)


def words_for(lang: str) -> dict[str, str]:
    _ = translator(lang)
    return {"articles": _("articles"), "of": _("of"), "share": _("share"), "day": _("day"),
            "week": _("week (from Monday)"), "month": _("month"), "undated": _("undated")}


@pages_router.get("/search/attention.svg")
def attention_svg(request: Request, q: Annotated[str, Query(max_length=500)] = "",
                  vs: Annotated[str, Query(max_length=500)] = "", interval: Interval = "auto", by: By = None,
                  date_from: From = None, date_to: To = None, site: Filter = None, rubric: Filter = None,
                  entity: Filter = None, lang: Annotated[str | None, Query(max_length=5)] = None) -> Response:
    """The search page's chart: the query (and ``vs``, a second one) under the page's filters."""
    store = request.app.state.data.store()
    queries = [q, vs.strip()] if vs.strip() else [q]
    found = counted(request, store, queries, interval=interval, by_site=by == "site", date_from=date_from,
                    date_to=date_to, site=site, rubric=rubric, entity=entity)
    lang = pick(lang) or pick(request.cookies.get("lang")) or DEFAULT
    title = f"{translator(lang)('Attention over time')}: " + " — ".join(x for x in queries if x)
    return Response(chart(found, title, words=words_for(lang)), media_type="image/svg+xml")


def for_search(request: Request, q: str, filters: dict, lang: str) -> dict:
    """What the search page shows of the chart, without counting anything (the chart is an image the browser
    asks for beside the page): its address, its title, the links that change it, and ``keep``: the chart's
    parameters the page's other links carry on."""
    params = request.query_params
    vs = (params.get("vs") or "").strip()[:500]
    chosen = params.get("interval") if params.get("interval") in INTERVALS else "auto"
    by_site = params.get("by") == "site"
    keep = {"vs": vs, "interval": None if chosen == "auto" else chosen, "by": "site" if by_site else None}
    here = {k: v for k, v in params.items() if k not in ("page", "lang")}

    def link(path: str, pairs: dict) -> str:
        pairs = [(k, v) for k, v in pairs.items() if v]
        return path + ("?" + urlencode(pairs) if pairs else "")
    chart_params = {"q": q, **keep, "from": filters.get("date_from"), "to": filters.get("date_to"),
                    "site": filters.get("site"), "rubric": filters.get("rubric"), "entity": filters.get("entity"),
                    "lang": lang}
    _ = translator(lang)
    return {"src": link("/search/attention.svg", chart_params), "vs": vs,
            "title": f"{_('Attention over time')}: " + " — ".join(x for x in (q, vs) if x),
            "keep": {k: v for k, v in keep.items() if v},
            "intervals": [(name, link("/search", {**here, "interval": None if name == "auto" else name}),
                           name == chosen) for name in INTERVALS],
            "by_site": (link("/search", {**here, "by": None if by_site else "site"}), by_site)}
