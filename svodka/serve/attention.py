"""Attention over time in the web app: ``/api/attention`` and the chart above the search results.

    /api/attention?q=Алиеву&q=Пашинян&interval=week&by=site&from=&to=&site=&rubric=&entity=
    /search?q=Алиеву&vs=Пашинян&interval=week&by=site      the chart on the search page (``vs``: a second query)

The counts are ``svodka.link.attention``'s; the store's counts per day (the matches of a query, and every
article of a collection: the share's denominator) are kept until the store changes (``Data.memo``), so a chart
costs one grouped count per new query, and another interval of it none.
"""
from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request

from ..link.attention import INTERVALS, MAX_QUERIES, attention
from . import data as D
from .attention_chart import chart, legend
from .i18n import translator

router = APIRouter(prefix="/api")

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
    return attention(store, queries, interval=interval, by_site=by_site, date_from=date_from, date_to=date_to,
                     site=site, rubric=rubric, entity=entity, remember=remember)


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


def for_search(request: Request, store, q: str, filters: dict, lang: str) -> dict:
    """The search page's chart: the query (and ``vs``, a second one) over the page's filters; ``interval`` and
    ``by`` from the request. Returns the chart, its legend, the links that change it, and ``keep``: the
    chart's parameters the page's other links carry on."""
    params = request.query_params
    vs = (params.get("vs") or "").strip()[:500]
    interval = params.get("interval") if params.get("interval") in INTERVALS else "auto"
    by_site = params.get("by") == "site"
    found = counted(request, store, [q, vs] if vs else [q], interval=interval, by_site=by_site, **filters)
    _ = translator(lang)
    words = {"articles": _("articles"), "of": _("of"), "share": _("share"), "day": _("day"),
             "week": _("week (from Monday)"), "month": _("month")}
    title = f"{_('Attention over time')}: " + " — ".join(s for s in (q, vs) if s)
    keep = {"vs": vs, "interval": params.get("interval") if interval != "auto" else None, "by": "site" if by_site else None}
    here = {k: v for k, v in params.items() if k not in ("page", "lang")}

    def switched(**change) -> str:
        pairs = [(k, v) for k, v in {**here, **change}.items() if v]
        return "/search" + ("?" + urlencode(pairs) if pairs else "")
    chosen = params.get("interval") if params.get("interval") in INTERVALS else "auto"
    return {"chart": chart(found, title, words=words), "legend": legend(found), "found": found, "vs": vs,
            "keep": {k: v for k, v in keep.items() if v},
            "intervals": [(name, switched(interval=None if name == "auto" else name), name == chosen)
                          for name in INTERVALS],
            "by_site": (switched(by=None if by_site else "site"), by_site),
            "undated_total": found["undated_total"]}
