"""Ingest on a real Dask LocalCluster (2 worker processes) gives the same database as one process.

The corpus is the demo (text dumps, HTML in two encodings, JSONL, WARC) plus a copy of one page
under another name, an unreadable file and a missing path; the pipeline's batches are small (8)
so that many batches are in flight at once and come back out of order.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from svodka.cluster import ClusterPipeline
from svodka.pipeline import Pipeline
from svodka.ingest import ingest
from svodka.store import open_store

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo"
TIMESTAMPS = {"ingested", "seen", "time"}


def content(path: Path) -> dict[str, list]:
    """Every row of every table but the full-text index, without the wall-clock columns."""
    conn = sqlite3.connect(path)
    out = {}
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                         " AND name NOT LIKE 'search%' AND name NOT LIKE 'sqlite%'")]
    for table in tables:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in TIMESTAMPS]
        rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        if table == "meta":
            rows = [r for r in rows if r[0] != "created"]
        out[table] = sorted(rows, key=repr)
    out["search"] = conn.execute("SELECT rowid FROM search ORDER BY rowid").fetchall()
    conn.close()
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(DEMO / "text", folder / "text")
    first = sorted((folder / "text").rglob("*.txt"))[0]
    (folder / "text" / "zz-copy.txt").write_bytes(first.read_bytes())      # same bytes, another source
    (folder / "text" / "garbage.txt").write_bytes(bytes(range(256)) * 40)   # not a page
    return [str(folder / "text"), str(DEMO / "html"), str(DEMO / "jsonl"), str(DEMO / "warc"),
            str(folder / "missing.txt")]


@pytest.fixture(scope="module")
def cluster():
    with ClusterPipeline(workers=2, pipeline=Pipeline(batch_size=8)) as running:
        yield running


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("single") / "one.db"
    report = ingest(corpus, db, pipeline=Pipeline(batch_size=8), batch_size=5, progress=False)
    assert report.new >= 50 and report.rejected >= 2 and report.skipped == 1
    return db


def test_cluster_ingest_equals_single_process(corpus, cluster, single, tmp_path):
    assert cluster.workers == 2
    db = tmp_path / "cluster.db"
    report = ingest(corpus, db, pipeline=cluster, batch_size=5, progress=False)
    expected = content(single)
    assert report.new == len(expected["articles"])
    got = content(db)
    assert got.keys() == expected.keys()
    for table in expected:
        assert got[table] == expected[table], table
    # the linked layer came out whole: entities and events across articles, stories
    assert got["corpus_entities"] and got["corpus_events"] and got["stories"]

    again = ingest(corpus, db, pipeline=cluster, batch_size=5, progress=False)
    assert (again.new, again.rejected, again.skipped) == (0, 0, report.documents)
    assert content(db) == got


def test_resumed_cluster_ingest_equals_single_process(corpus, cluster, single, tmp_path):
    """Half the corpus first (an interrupted run), then all of it: the same store as one clean run."""
    db = tmp_path / "resumed.db"
    ingest(corpus[:1], db, pipeline=cluster, batch_size=5, progress=False)
    report = ingest(corpus, db, pipeline=cluster, batch_size=5, progress=False)
    assert report.skipped >= 20
    expected, got = content(single), content(db)
    for table in ("articles", "sources", "raw", "entities", "events", "rejected", "corpus_entities"):
        # pks are the order of storing, which the interruption changed; compare by identity
        assert _by_sha(got, table, db) == _by_sha(expected, table, single), table


def _by_sha(rows: dict, table: str, db: Path) -> list:
    if table in ("sources", "raw"):
        return rows[table]
    conn = sqlite3.connect(db)
    if table == "articles":
        out = conn.execute("SELECT sha256, id, title, published FROM articles").fetchall()
    elif table == "rejected":
        out = conn.execute("SELECT source, reason, sha256 FROM rejected").fetchall()
    elif table == "corpus_entities":
        out = conn.execute("SELECT type, name, mentions, articles FROM corpus_entities").fetchall()
    else:
        out = conn.execute(f"SELECT a.sha256, t.* FROM {table} t JOIN articles a ON a.pk = t.article").fetchall()
        out = [(r[0], *r[2:]) for r in out]
    conn.close()
    return sorted(out, key=repr)


def test_cli_ingest_on_a_running_scheduler(corpus, cluster, single, tmp_path):
    """`svodka ingest --scheduler ADDR` uses the running cluster (here the fixture's)."""
    db = tmp_path / "cli.db"
    address = cluster.client.scheduler.address
    done = subprocess.run([sys.executable, "-m", "svodka.cli", "ingest", *corpus, "--db", str(db),
                           "--scheduler", address, "--no-progress"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "rejected" in done.stdout
    with open_store(db) as store:
        assert len(store) == len(content(single)["articles"])
        reasons = {r.source.rsplit("/", 1)[-1]: r.reason for r in store.rejected()}
    assert reasons["missing.txt"] == "not found"
    art = json.loads(subprocess.run([sys.executable, "-m", "svodka.cli", "search", "Алиеву", "--db", str(db),
                                     "--json"], capture_output=True, text=True, cwd=ROOT).stdout.splitlines()[0])
    assert art["title"]


def test_bad_cluster_options():
    with pytest.raises(ValueError):
        ClusterPipeline()
    with pytest.raises(ValueError):
        ClusterPipeline(workers=2, scheduler="tcp://127.0.0.1:1")


def test_the_cluster_pulls_input_only_as_fast_as_workers_finish(cluster):
    """An endless input streams: results come out while at most `window` batches are read ahead."""
    pulled = 0

    def endless():
        nonlocal pulled
        page = (DEMO / "text").rglob("*.txt").__next__().read_bytes()
        from svodka.read import read_bytes
        while True:
            pulled += 1
            yield read_bytes(page + str(pulled).encode(), f"endless#{pulled}", kind="text")

    results = cluster.pipe(endless())
    first = [next(results) for _ in range(20)]
    assert len(first) == 20     # (copies of one page teach each other that all of it is template)
    assert pulled - len(first) <= (cluster.window + 1) * cluster.batch_size      # the read-ahead
    results.close()


def test_a_failed_batch_is_retried_a_document_at_a_time(cluster):
    """The retry after a worker died gives each document its own task and the same kind of result."""
    from svodka.read import read_paths

    docs = [d for d in read_paths([str(DEMO / "html")]) if hasattr(d, "data")][:3]
    again = cluster._one_by_one(docs, RuntimeError("worker died"))
    assert [r.source for r in again] == [d.source for d in docs]
    assert all(hasattr(r, "body") and r.title for r in again)
