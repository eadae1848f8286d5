"""Page render time of the web UI on a large store.

    python benchmarks/bench_serve.py [--big 100000] [--db PATH] [--requests 400] [--no-link]

The store is bench_store.py's generated one (BIG synthetic articles with entities, mentions, quotes
and times; built once into a temporary file and reused while its size matches), linked across
articles (svodka.link: corpus entities, events, stories; done once and recorded in the store, which
takes a while on 100k articles; ``--no-link`` skips it, and the dossier pages then measure a 404).

Then REQUESTS page views, a mix of what a reader does — home, search (words in any case form,
phrases, OR, filters; with facets), article, dossier, timeline, events, stories — each timed end to
end through the ASGI app in process (routing, queries, Jinja2 rendering, SVG charts; no network) →
p50/p95 ms overall and by page (a dossier or timeline seen before comes from the app's cache
until the store changes: "first" and "cached" views are listed apart). Goal: p95 ≤ 100 ms. Wall-clock, one process, one core; the first
views warm the caches (pymorphy, the page cache, the corpus counts) and are not counted. The attention query is timed with the pages: the search page's chart
(``/search/attention.svg``, an image the page loads beside itself) and ``/api/attention`` (two queries, or one
split by site).
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import quote, urlencode

warnings.filterwarnings("ignore")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import NAMES, RUBRICS, SITES, build_big, make_queries  # noqa: E402

from svodka.store import open_store  # noqa: E402

LINK_MARK = "bench_linked"


def link(path: Path) -> None:
    """Link the store across articles once (entities, events, stories), as an ingest would have."""
    with open_store(path) as store:
        linked = store.run("SELECT value FROM meta WHERE key = :mark", {"mark": LINK_MARK}).scalar()
        if linked == str(len(store)):
            print(f"    linked already ({linked} articles)")
            return
        from svodka.link import entities, events, stories

        for name, fn in (("entities", entities.link_new), ("events", events.link_new), ("stories", stories.assign_new)):
            started = time.perf_counter()
            with store.transaction():
                fn(store)
            print(f"    linked {name} in {time.perf_counter() - started:.0f} s", flush=True)
        with store.transaction():
            store.run("INSERT INTO meta (key, value) VALUES (:mark, :articles)"
                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                      {"mark": LINK_MARK, "articles": str(len(store))})
        store.run("PRAGMA wal_checkpoint(TRUNCATE)")


def views(path: Path, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """(kind, url) page views: a reader's mix."""
    rng = random.Random(seed)
    with open_store(path) as store:
        top = store.run("SELECT max(pk) FROM articles").scalar()
        ids = [store.run("SELECT id FROM articles WHERE pk = :pk", {"pk": rng.randint(1, top)}).scalar()
               for _ in range(count)]
    queries = make_queries(count)
    people = [n for n, t in NAMES if t == "PER"]
    places = [n for n, t in NAMES if t == "LOC"]
    kinds = ["search", "search", "search", "article", "article", "home", "dossier", "timeline", "events", "stories",
             "search_filtered", "entity_search", "attention", "attention"]
    out = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        if kind == "home":
            url = "/"
        elif kind == "search":
            _, q, _ = queries[i]
            url = "/search?" + urlencode({"q": q})
        elif kind == "search_filtered":
            params = {"q": rng.choice(queries)[1]}
            pick = rng.randrange(3)
            if pick == 0:
                params["site"] = rng.choice(SITES)
            elif pick == 1:
                params["rubric"] = rng.choice(RUBRICS)
            else:
                params["month"] = f"2025-{rng.randint(1, 12):02d}"
            url = "/search?" + urlencode(params)
        elif kind == "attention":                 # the search page's chart, or /api/attention: two queries, by site
            if i % 3 == 0:
                url = "/search/attention.svg?" + urlencode({"q": queries[i][1]})
            else:
                params = {"q": [queries[i][1]] + ([rng.choice(queries)[1]] if i % 3 == 1 else [])}
                if i % 3 == 2:
                    params["by"] = "site"
                url = "/api/attention?" + urlencode(params, doseq=True)
        elif kind == "entity_search":
            url = "/search?" + urlencode({"entity": rng.choice(NAMES)[0]})
        elif kind == "article":
            url = "/article/" + quote(ids[i], safe="")
        elif kind == "dossier":
            url = "/entity/" + quote(rng.choice([n for n, _ in NAMES]), safe="")
        elif kind == "timeline":
            url = "/timeline?" + urlencode({"a": rng.choice(people), "b": rng.choice(places)})
        elif kind == "events":       # the corpus events list: as it opens, then filtered, sorted or paged
            params = rng.choice([{}, {}, {"sort": "articles"}, {"type": "meet"}, {"country": "RUS"},
                                 {"actor": rng.choice(people)}, {"page": rng.randint(2, 50)},
                                 {"from": f"2025-{rng.randint(1, 12):02d}-01", "to": f"2025-{rng.randint(1, 12):02d}-28"},
                                 {"min_confidence": "0.8", "sort": "conflict"}])
            if "from" in params and params["from"] > params["to"]:
                params["from"], params["to"] = params["to"][:8] + "01", params["from"][:8] + "28"
            url = "/events" + ("?" + urlencode(params) if params else "")
        else:
            url = "/stories"
        out.append((kind, url))
    return out


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]


def bench(path: Path, count: int) -> tuple[float, float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from svodka.serve import create_app

    plan = views(path, count)
    client = TestClient(create_app(path), raise_server_exceptions=True)
    for _, url in views(path, 24, seed=99):                # warm-up: caches, pymorphy, page cache
        client.get(url)
    times: dict[str, list[float]] = {}
    statuses: dict[int, int] = {}
    size = 0
    seen: set[str] = set()
    for kind, url in plan:
        if kind in ("dossier", "timeline"):           # the app keeps recent dossiers and timelines
            kind += " (cached)" if url in seen else " (first)"
            seen.add(url)
        started = time.perf_counter()
        r = client.get(url)
        ms = (time.perf_counter() - started) * 1000
        times.setdefault(kind, []).append(ms)
        statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
        size += len(r.content)
    every = sorted(t for ts in times.values() for t in ts)
    p50, p95 = pct(every, 50), pct(every, 95)
    print(f"pages: {count} views on {path.name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {every[-1]:.1f} ms; "
          f"goal p95 <= 100 ms")
    print(f"    statuses {dict(sorted(statuses.items()))}, {size / count / 1024:.0f} KiB a page on average")
    for kind, ts in sorted(times.items()):
        ts.sort()
        print(f"    {kind:18s} n={len(ts):3d}  p50 {pct(ts, 50):6.1f} ms  p95 {pct(ts, 95):6.1f} ms  max {ts[-1]:6.1f} ms")
    return p50, p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--big", type=int, default=100_000, help="articles in the store")
    parser.add_argument("--requests", type=int, default=400, help="page views timed")
    parser.add_argument("--db", default=os.path.join(tempfile.gettempdir(), "svodka-bench-store.db"),
                        help="where the store is built (and reused; shared with bench_store.py)")
    parser.add_argument("--no-link", action="store_true", help="do not link the store across articles")
    args = parser.parse_args()
    path = Path(args.db)
    build_big(path, args.big)
    if not args.no_link:
        link(path)
    bench(path, args.requests)


if __name__ == "__main__":
    main()
