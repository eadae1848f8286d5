"""Attention over time (Media Cloud's central chart): how many articles match a query per day, week or month
of publication, and their share of every article published in the same period.

    from svodka.link.attention import attention, plot
    a = attention(store, ["Алиеву", "Пашинян"], interval="month", by_site=False, site=None, rubric=None)
    a["periods"], a["series"][0]["points"]      # [{period, count, total, share}], one per period
    plot(a, "attention.png")                    # matplotlib (Agg): PNG, SVG, PDF by the suffix

``queries``: one to four search queries (the search syntax; an empty query with an ``entity`` filter counts
that entity's articles). Filters are the search's: ``date_from``/``date_to`` and ``site``/``rubric`` narrow
both the matches and the articles they are a share of (the collection looked at); ``entity`` narrows only the
matches. ``interval``: day, week (ISO weeks, named by their Monday) or month; ``auto`` picks day for up to
three months of articles, week for up to two years, else month. The periods run from the first to the last
article of the collection, empty ones included. Articles without a (readable) date are left out of the
series and counted: ``undated`` (each series) and ``undated_total`` (the collection).

``by_site``: each query is split by site — its ten sites with most matches, the rest as one series "other";
a site's share is of all articles of the period, so a query's sites add up to the query's share.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

import numpy as np

from ..edtf import day_of
from ..store import text as searchtext
from ..store.records import StoreError

INTERVALS = ("auto", "day", "week", "month")
MAX_QUERIES = 4
TOP_SITES = 10
OTHER = "other"


def _period(day: str | None, interval: str) -> str | None:
    """The period a publication day (YYYY-MM-DD…) counts in, or None when it has no readable date."""
    d = day_of(day)
    if d is None:
        return None
    if interval == "month":
        return d.isoformat()[:7]
    if interval == "week":
        return (d - timedelta(days=d.weekday())).isoformat()
    return d.isoformat()


def _next(period: str, interval: str) -> str:
    if interval == "month":
        y, m = int(period[:4]), int(period[5:7])
        return f"{y + m // 12:04d}-{m % 12 + 1:02d}"
    return (date.fromisoformat(period) + timedelta(days=7 if interval == "week" else 1)).isoformat()


def _periods(first: str, last: str, interval: str) -> list[str]:
    out = [first]
    while out[-1] < last:
        out.append(_next(out[-1], interval))
    return out


def _auto(days: list[str]) -> str:
    """day for up to three months of articles, week for up to two years, else month."""
    readable = sorted(p for p in (_period(d, "day") for d in days) if p)
    if not readable:
        return "month"
    span = (date.fromisoformat(readable[-1]) - date.fromisoformat(readable[0])).days
    return "day" if span <= 92 else "week" if span <= 731 else "month"


def _bucket(rows, interval: str) -> tuple[Counter, int]:
    """(period → count, count without a readable date) of (day, count) rows."""
    counts: Counter = Counter()
    undated = 0
    for day, n in rows:
        period = _period(day, interval)
        if period is None:
            undated += n
        else:
            counts[period] += n
    return counts, undated


class Calendar:
    """Every article's publication day and site by its key: matches are counted per day (and site) from their
    keys alone, without reading the articles again — twice as fast as a grouped join on a large match set. The
    web app keeps one until the store changes; built from ``store.article_days()`` (one pass)."""

    def __init__(self, rows: Iterable[tuple[int, str | None, str | None]]) -> None:
        days: dict[str | None, int] = {}
        sites: dict[str | None, int] = {}
        keys, day_of, site_of = [], [], []
        for pk, day, site in rows:
            keys.append(pk)
            day_of.append(days.setdefault(day, len(days)))
            site_of.append(sites.setdefault(site, len(sites)))
        size = max(keys) + 1 if keys else 0
        self.day = np.full(size, -1, dtype=np.int32)       # -1: no article with this key
        self.site = np.zeros(size, dtype=np.int32)
        self.day[keys], self.site[keys] = day_of, site_of
        self.days, self.sites = list(days), list(sites)

    def count(self, pks: list[int], *, by_site: bool = False) -> list[tuple]:
        """(day, count) — with ``by_site`` (day, site, count) — of the articles ``pks`` (day None: undated).
        A key the calendar does not know (an article stored since it was made) is left out."""
        keys = np.asarray(pks, dtype=np.int64)
        keys = keys[(keys >= 0) & (keys < len(self.day))]
        day = self.day[keys]
        known = day >= 0
        day = day[known]
        if not by_site:
            counts = np.bincount(day, minlength=len(self.days))
            return [(self.days[i], int(counts[i])) for i in np.flatnonzero(counts)]
        pair = day.astype(np.int64) * len(self.sites) + self.site[keys][known]
        counts = np.bincount(pair)
        return [(self.days[i // len(self.sites)], self.sites[i % len(self.sites)], int(counts[i]))
                for i in np.flatnonzero(counts)]


def _counted(rows, interval: str) -> dict:
    counts, undated = _bucket(rows, interval)
    return {"counts": counts, "undated": undated}


def _split_by_site(q: str, rows: list[tuple], interval: str) -> list[dict]:
    """A query's series by site — (day, site, count) rows — the ``TOP_SITES`` with most matches, then the rest
    as one series, ``OTHER``; a site '' is the articles without one."""
    per_site: dict[str | None, list] = {}
    for day, site, n in rows:
        per_site.setdefault(site, []).append((day, n))
    ranked = sorted(per_site, key=lambda s: (-sum(n for _, n in per_site[s]), s is None, s or ""))
    out = [{"query": q, "site": site or "", **_counted(per_site[site], interval)} for site in ranked[:TOP_SITES]]
    if ranked[TOP_SITES:]:
        out.append({"query": q, "site": OTHER,
                    **_counted([r for site in ranked[TOP_SITES:] for r in per_site[site]], interval)})
    return out


def _at_once(key: tuple, compute: Callable[[], Any]) -> Any:
    return compute()


def attention(store, queries: list[str] | str, *, interval: str = "auto", by_site: bool = False,
              date_from: str | None = None, date_to: str | None = None, site: str | None = None,
              rubric: str | None = None, entity: str | None = None,
              remember: Callable[[tuple, Callable[[], Any]], Any] = _at_once,
              calendar: Calendar | None = None) -> dict:
    """Matches per period of each query and their share of all articles of the period (see the module's
    docstring). ``remember(key, compute)``: where a caller keeps the per-day counts (the web app, until the
    store changes: another interval of the same query costs no query); ``calendar``: the store's, when the
    caller keeps one (else it is made here). Raises StoreError for a bad interval, date or too many queries."""
    queries = [queries] if isinstance(queries, str) else list(queries)
    queries = [q for q in queries if q is not None] or [""]
    if len(queries) > MAX_QUERIES:
        raise StoreError(f"at most {MAX_QUERIES} queries on one chart (got {len(queries)})")
    if interval not in INTERVALS:
        raise StoreError(f"bad interval {interval!r}: expected one of {', '.join(INTERVALS)}")
    totals = remember(("published_per_day", date_from, date_to, site, rubric),
                      lambda: store.published_per_day(date_from, date_to, site, rubric))
    if interval == "auto":
        interval = _auto([d for d, _ in totals if d])
    total_counts, undated_total = _bucket(totals, interval)
    series = []
    for q in queries:
        parsed = searchtext.parse_query(q)
        if q.strip() and parsed.empty:             # words that are no query (only punctuation): nothing matches
            rows = []
        else:
            def count(parsed=parsed) -> list[tuple]:
                nonlocal calendar
                if calendar is None:                  # made once, and only when a count is not remembered
                    calendar = Calendar(store.article_days())
                return calendar.count(store.matching_pks(parsed, date_from, date_to, site, rubric, entity),
                                      by_site=by_site)
            rows = remember(("matches_per_day", q, date_from, date_to, site, rubric, entity, by_site), count)
        series += _split_by_site(q, rows, interval) if by_site else [{"query": q, "site": None,
                                                                       **_counted(rows, interval)}]
    periods = _periods(min(total_counts), max(total_counts), interval) if total_counts else []
    out_series = []
    for s in series:
        points = [{"period": p, "count": s["counts"].get(p, 0), "total": total_counts.get(p, 0),
                   "share": round(s["counts"].get(p, 0) / total_counts[p], 6) if total_counts.get(p) else 0.0}
                  for p in periods]
        label = s["query"] or (f"entity: {entity}" if entity else "all articles")
        if s["site"] is not None:
            label = f"{label} · {s['site'] or 'no site'}"
        out_series.append({"query": s["query"], "site": s["site"], "label": label,
                           "matches": sum(s["counts"].values()) + s["undated"], "undated": s["undated"],
                           "points": points})
    return {"interval": interval, "queries": queries, "by_site": by_site,
            "filters": {k: v for k, v in (("from", date_from), ("to", date_to), ("site", site), ("rubric", rubric),
                                          ("entity", entity)) if v},
            "periods": periods, "totals": [total_counts.get(p, 0) for p in periods],
            "undated_total": undated_total, "series": out_series}


def plot(found: dict, path: str, *, share: bool = False) -> str:
    """Draw each series (matches, or ``share`` of all articles) per period into ``path`` (the format from
    its suffix: png, svg, pdf). Returns the path."""
    import matplotlib        # an optional heavy dependency, loaded only to draw
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt     # after choosing the backend that needs no screen

    fig, ax = plt.subplots(figsize=(11, 4.5))
    periods = found["periods"]
    xs = range(len(periods))
    for s in found["series"]:
        ys = [p["share"] * 100 if share else p["count"] for p in s["points"]]
        ax.plot(xs, ys, marker="o" if len(periods) <= 60 else None, markersize=3, linewidth=1.6, label=s["label"])
    every = max(1, -(-len(periods) // 14))
    ax.set_xticks(list(xs)[::every])
    ax.set_xticklabels(periods[::every], rotation=30, ha="right", fontsize=8)
    ax.set_xlabel({"day": "day", "week": "week (from Monday)", "month": "month"}.get(found["interval"], ""))
    ax.set_ylabel("share of all articles, %" if share else "articles")
    ax.set_ylim(bottom=0)
    undated = sum(s["undated"] for s in found["series"])
    ax.set_title(f"Attention over time: {' vs '.join(repr(q) for q in found['queries'])}"
                 + (f" ({undated} undated matches left out)" if undated else ""), fontsize=10)
    if found["series"]:
        ax.legend(fontsize=7, loc="upper left", ncol=2)
    ax.grid(axis="y", color="#dddddd")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


__all__ = ["attention", "plot", "INTERVALS", "MAX_QUERIES", "TOP_SITES", "OTHER"]
