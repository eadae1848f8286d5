"""A `svodka watch` process killed mid-round (SIGKILL) and started again loses no page and stores none
twice; SIGTERM ends the round after its open batch. The watcher is a real subprocess; the site a
loopback server in this process."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from svodka.crawl import add_source
from svodka.crawl.urls import key
from svodka.ingest import ingest
from svodka.store import open_store

from crawl_sites import Site, own_pages, rss

ROOT = Path(__file__).resolve().parents[1]
PAGES = 12


def late_page(body: bytes, seconds: float = 0.15):
    def answer(request) -> None:
        time.sleep(seconds)
        request.answer(200, body, {"Content-Type": "text/html; charset=utf-8"})
    return answer


@pytest.fixture
def site():
    s = Site("k").start()
    s.add("/robots.txt", "", "text/plain")
    for n, (_, html) in enumerate(own_pages(PAGES, "k")):
        s.handle(f"/p/{n}", late_page(html.encode()))
    s.add("/rss.xml", rss([(f"{s.base}/p/{n}", "2025-12-24") for n in range(PAGES)]), "application/rss+xml")
    yield s
    s.stop()


def start_watch(db: Path, *more: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-m", "svodka.cli", "watch", "--db", str(db), "--rounds", "1",
                             "--every", "0", "--delay", "0", "--batch-size", "2", "--no-progress", *more],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_articles(db: Path, at_least: int, process: subprocess.Popen, limit: float = 60.0) -> int:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the watcher ended early: {process.stderr.read()[-2000:]}")
        try:
            with open_store(db, read_only=True) as store:
                count = len(store)
        except Exception:  # noqa: BLE001 — the store may be mid-migration
            count = 0
        if count >= at_least:
            return count
        time.sleep(0.05)
    pytest.fail("the watcher stored nothing in time")


def prepared(tmp_path: Path, site: Site) -> Path:
    db = tmp_path / "watch.db"
    with open_store(db) as store:
        add_source(store, site.base, name="k", feeds=[site.base + "/rss.xml"])
    return db


def test_sigkill_mid_round_loses_nothing_and_stores_nothing_twice(tmp_path, site):
    db = prepared(tmp_path, site)
    first = start_watch(db)
    killed_at = wait_for_articles(db, 2, first)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    assert killed_at < PAGES
    second = start_watch(db)
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err[-2000:]
    assert "round" in out and "errors" in out

    with open_store(db, read_only=True) as store:
        urls = [row[0] for row in store.run("SELECT url FROM articles")]
        assert sorted(map(key, urls)) == sorted(key(f"{site.base}/p/{n}") for n in range(PAGES))
        assert store.crawl_url_states() == {"stored": PAGES}
        shas = {row[0] for row in store.run("SELECT sha256 FROM articles")}
    fetched = [p for p in site.paths() if p.startswith("/p/")]
    assert len(set(fetched)) == PAGES                 # some fetched twice is fine; stored twice is not

    # the archive, with the killed run's last record cut short, ingests to the same articles
    copy = tmp_path / "replay.db"
    ingest([str(tmp_path / "watch.db.warc")], str(copy), progress=False)
    with open_store(copy, read_only=True) as store:
        assert {row[0] for row in store.run("SELECT sha256 FROM articles")} == shas


def test_sigterm_finishes_the_open_batch_and_exits(tmp_path, site):
    db = prepared(tmp_path, site)
    watcher = start_watch(db)
    deadline = time.monotonic() + 60
    while len([p for p in site.paths() if p.startswith("/p/")]) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)                # pages are being fetched (the pipeline's batch is open)
    watcher.send_signal(signal.SIGTERM)
    out, err = watcher.communicate(timeout=30)
    assert watcher.returncode == 0, err[-2000:]
    assert "stopped" in out
    with open_store(db, read_only=True) as store:
        stored = len(store)
        states = store.crawl_url_states()
        assert 0 < states.get("stored", 0) == stored < PAGES   # what was fetched is stored and marked, the rest pending
        assert states.get("new", 0) == PAGES - stored
        assert store.crawl_last_round().status == "stopped"


def test_watch_analyses_on_a_dask_cluster(tmp_path, site):
    """`svodka watch --workers 1`: the pages are analysed on a local Dask cluster (a worker process)
    and the store gets what a watch in one process stores; the archive's place is said first."""
    stores = {}
    for label, more in (("cluster", ("--workers", "1")), ("local", ())):
        folder = tmp_path / label
        folder.mkdir()
        db = prepared(folder, site)
        watcher = start_watch(db, *more)
        out, err = watcher.communicate(timeout=180)
        assert watcher.returncode == 0, err[-2000:]
        lines = out.splitlines()
        assert lines[0].endswith(f"the WARC archive goes to {folder / 'watch.db.warc'}")
        assert f"{PAGES} pages fetched: {PAGES} new, 0 seen, 0 rejected, 0 errors" in lines[-1]
        with open_store(db, read_only=True) as store:
            assert store.crawl_url_states() == {"stored": PAGES}
            stores[label] = sorted(tuple(row) for row in store.run(
                "SELECT sha256, url, site, published, title FROM articles"))
        site.log.clear()
    assert stores["cluster"] == stores["local"] and len(stores["local"]) == PAGES


def test_sources_verbs(tmp_path, site, capsys, monkeypatch):
    from svodka.cli import main
    from svodka.cmd.crawl import duration

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SVODKA_DB", raising=False)
    db = str(tmp_path / "verbs.db")
    site.add("/", f'<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head></html>')
    toml = tmp_path / "sources.toml"
    toml.write_text(f'[[source]]\nname = "two"\nurl = "{site.base}/"\nfeeds = ["{site.base}/rss.xml"]\n', encoding="utf-8")
    assert main(["sources", "add", site.base, "--name", "one", "--delay", "0", "--db", db]) == 0
    assert f"added one ({site.base}): {site.base}/rss.xml (rss)" in capsys.readouterr().out
    assert main(["sources", "--db", db, "import", str(toml)]) == 0      # --db before the verb or after it
    assert main(["sources", "add", site.base, "--name", "one", "--db", db]) == 0
    assert "is there already" in capsys.readouterr().err
    capsys.readouterr()
    for argv in (["sources", "--db", db], ["sources", "--db", db, "list"], ["sources", "list", "--db", db]):
        assert main(argv) == 0
        listed = capsys.readouterr().out.splitlines()
        assert listed[0].startswith("name\thost") and [line.split("\t")[0] for line in listed[1:]] == ["one", "two"]
    for argv in (["sources", "--db", db, "--json"], ["sources", "--db", db, "list", "--json"],
                 ["sources", "list", "--json", "--db", db]):
        assert main(argv) == 0
        assert [json.loads(line)["name"] for line in capsys.readouterr().out.splitlines()] == ["one", "two"]
    assert main(["sources", "--db", db, "remove", "two"]) == 0 and main(["sources", "remove", "two", "--db", db]) == 2
    assert not (tmp_path / "svodka.db").exists()            # no verb fell back to the default store
    assert duration("15m") == 900 and duration("90") == 90 and duration("1h") == 3600
    with pytest.raises(ValueError):
        duration("soon")
