"""Concurrency: a small version of benchmarks/bench_load.py — 5 concurrent clients for 3 s against
the real `svodka serve` (a subprocess on a loopback port) over a small generated, linked store,
through the benchmark's own code: every request answered, no connection error, no 5xx, no status
that differs from the URL's own. And, in process, that under concurrent requests every SQLite
connection is only ever used by the thread that opened it.
"""
from __future__ import annotations

import asyncio
import sys
import threading

import pytest

from conftest import ROOT

httpx = pytest.importorskip("httpx")
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_load  # noqa: E402
from bench_serve import link  # noqa: E402
from bench_store import build_big  # noqa: E402


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    db = tmp_path_factory.mktemp("load") / "small.db"
    build_big(db, 300)
    link(db)
    return db, bench_load.plan(db, 120)


def test_five_clients_three_seconds_no_errors(small):
    db, urls = small
    assert {kind for kind, _ in urls} >= {"home", "search", "article", "dossier", "timeline", "api search"}
    with bench_load.serve(db) as base:
        result = bench_load.run(base, urls, clients=5, seconds=3)
    assert result["error_count"] == 0, (result["errors"], result["details"][:5])
    assert result["ok"] >= 20 and result["p95"] > 0
    assert all(status < 500 for status in result["statuses"])
    section = bench_load.markdown(result, command="test", articles=300, at_start=bench_load.machine())
    assert "| 5 |" in section and "p95" in section


def test_each_connection_stays_on_its_thread(small):
    """A connection is per thread (svodka/serve/data.py): every statement runs on the thread that
    opened the connection (a guard: the store taken in a dependency, as the API once did, was on
    the same thread in practice here, but nothing promised it)."""
    from svodka.serve import create_app

    db, urls = small
    app = create_app(db)
    data, opened_by, strays = app.state.data, {}, []
    own_store = data.store

    def watched_store():
        store = own_store()
        if id(store) not in opened_by:          # one store, one connection: each statement goes through run
            opened_by[id(store)] = threading.get_ident()
            key, run = id(store), store.run

            def watched_run(sql, *args, **kwargs):
                if opened_by[key] != threading.get_ident():
                    strays.append(sql[:80])
                return run(sql, *args, **kwargs)

            store.run = watched_run
        return store

    data.store = watched_store

    async def burst():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://svodka.test") as client:
            picked = [u for _, u in urls if u.startswith("/api/")][:30] + [u for _, u in urls if not u.startswith("/api/")][:20]
            answers = await asyncio.gather(*(client.get(u) for u in picked * 2))
        return [r.status_code for r in answers]

    statuses = asyncio.run(burst())
    assert all(s < 500 for s in statuses) and len(opened_by) >= 2
    assert strays == [], strays[:5]
