"""A small version of benchmarks/bench_load.py: 5 concurrent clients for 3 s against the real
`svodka serve` (a subprocess on a loopback port) over a small generated, linked store, through the
benchmark's own code — every request answered, no connection error, no 5xx, no status that
differs from the URL's own.
"""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT

pytest.importorskip("httpx")
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_load  # noqa: E402
from bench_serve import link  # noqa: E402
from bench_store import build_big  # noqa: E402


def test_five_clients_three_seconds_no_errors(tmp_path, capsys):
    db = tmp_path / "small.db"
    build_big(db, 300)
    link(db)
    urls = bench_load.plan(db, 120)
    assert {kind for kind, _ in urls} >= {"home", "search", "article", "dossier", "timeline", "api search"}
    with bench_load.serve(db) as base:
        result = bench_load.run(base, urls, clients=5, seconds=3)
    assert result["error_count"] == 0, (result["errors"], result["details"][:5])
    assert result["ok"] >= 20 and result["p95"] > 0
    assert all(status < 500 for status in result["statuses"])
    section = bench_load.markdown(result, command="test", articles=300, at_start=bench_load.machine())
    assert "| 5 |" in section and "p95" in section
