"""PostgreSQL against SQLite: the demo corpus ingested into both gives the same knowledge base, and
two ingests at once into one PostgreSQL store store nothing twice. A real server ($SVODKA_TEST_PG;
these tests skip without one), real ingests, real subprocesses.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, new_pg_store, pg_url
from svodka.link.dossier import dossier
from svodka.link.stories import stories
from svodka.link.timeline import timeline
from svodka.ingest import ingest
from svodka.store import open_store

DEMO = [str(ROOT / "demo" / d) for d in ("text", "html", "jsonl", "warc")]
# columns that hold the time of the ingest, not its content
TIMESTAMPS = {"articles": {"ingested"}, "sources": {"seen"}, "rejected": {"time"}}
SKIP_TABLES = {"meta", "search"}
QUERIES = ["Алиеву", "Пескову", '"Путин поздравил"', "Путин поздравил", "снегопад OR жара", "Москва снегопад",
           "складе", "Азербайджан Россия переговоры", "'; DROP TABLE articles; --", "NEAR(путин алиев, 2)"]


@pytest.fixture(scope="module")
def both(tmp_path_factory, replay_pipeline):
    pg_url()
    sqlite_db = str(tmp_path_factory.mktemp("same") / "demo.db")
    pg_db = new_pg_store("same")
    for db in (sqlite_db, pg_db):
        report = ingest(DEMO, db, progress=False, pipeline=replay_pipeline, batch_size=20)
        assert report.new == 51
    with open_store(sqlite_db) as lite, open_store(pg_db) as pg:
        lite.url, pg.url = sqlite_db, pg_db
        yield lite, pg


def table_rows(store, table: str, columns: list[str]) -> list[tuple]:
    rows = store.conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
    return sorted((tuple(r) for r in rows), key=repr)


def test_the_same_knowledge_base_on_both(both):
    lite, pg = both
    tables = [r[0] for r in lite.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
              if not r[0].startswith("search") and r[0] not in SKIP_TABLES]
    assert {"articles", "entities", "corpus_entities", "corpus_events", "stories", "story_articles"} <= set(tables)
    for table in tables:
        columns = [r[1] for r in lite.conn.execute(f"PRAGMA table_info({table})")
                   if r[1] not in TIMESTAMPS.get(table, set())]
        a, b = table_rows(lite, table, columns), table_rows(pg, table, columns)
        assert len(a) == len(b), table
        assert a == b, (table, next((x, y) for x, y in zip(a, b) if x != y))
    assert lite.counts() == pg.counts()


def test_the_same_search_results_on_both(both):
    lite, pg = both
    for query in QUERIES:
        a, b = lite.search(query, limit=100), pg.search(query, limit=100)
        assert {h.id for h in a} == {h.id for h in b}, query
        assert {h.id: (h.snippet, h.highlights) for h in a} == {h.id: (h.snippet, h.highlights) for h in b}
    for filters in ({"site": "most-news.example"}, {"entity": "алиев"}, {"rubric": "политика"},
                    {"date_from": "2025-10-01", "date_to": "2025-12-24"}):
        assert [h.id for h in lite.search("", limit=100, **filters)] == [h.id for h in pg.search("", limit=100, **filters)]
        assert {h.id for h in lite.search("Алиев", limit=100, **filters)} == \
            {h.id for h in pg.search("Алиев", limit=100, **filters)}
    # the ranking weighs a title word above a body word on both
    for store in (lite, pg):
        best = store.search("поздравил Алиеву", limit=3)
        assert all(h.published == "2025-12-24" for h in best)


def test_the_same_dossiers_timelines_and_stories_on_both(both):
    lite, pg = both
    assert dossier(lite, "Ильхам Алиев") == dossier(pg, "Ильхам Алиев")
    assert timeline(lite, "Россия", "Азербайджан") == timeline(pg, "Россия", "Азербайджан")
    assert stories(lite, min_articles=2) == stories(pg, min_articles=2)


def test_a_failed_transaction_stores_nothing(both):
    _, pg = both
    before = pg.counts()
    with pytest.raises(RuntimeError):
        with pg.transaction():
            pg.add_source("0" * 64, "nowhere")
            pg.conn.execute("UPDATE corpus_entities SET articles = articles + 1")
            raise RuntimeError("stop")
    assert pg.counts() == before and not pg.has_source("0" * 64, "nowhere")


def test_two_ingests_at_once_store_each_document_once(tmp_path):
    from test_store import write_pages

    url = new_pg_store("concurrent")
    pages = write_pages(tmp_path / "pages", 12)
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    runs = [subprocess.Popen([sys.executable, "-m", "svodka.cli", "ingest", str(tmp_path / "pages"), "--db", url,
                              "--batch-size", str(size), "--no-progress"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env) for size in (3, 4)]
    outputs = [p.communicate(timeout=300) for p in runs]
    assert all(p.returncode == 0 for p in runs), [o[1][-2000:] for o in outputs]
    with open_store(url) as store:
        c = store.conn
        assert c.execute("SELECT count(*), count(DISTINCT sha256) FROM articles").fetchone() == (12, 12)
        assert store.counts()["search"] == store.counts()["raw"] == 12
        assert c.execute("SELECT count(*) FROM link_state WHERE stage = 'entities'").fetchone()[0] == 12
        assert c.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 12
        doubles = c.execute("SELECT count(*) FROM (SELECT type, key FROM corpus_entities GROUP BY type, key"
                            " HAVING count(*) > 1) AS d").fetchone()[0]
        assert doubles == 0
        assert {p.name for p in pages} == {Path(s).name for s in c.execute("SELECT source FROM articles").fetchall()
                                           for s in s}


def test_the_same_api_answers_on_both(both):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from svodka.serve import create_app

    lite, pg = both
    paths = ["/api/stats", "/api/articles?limit=100", "/api/search?q=Алиеву&limit=50", "/api/search?q=снегопад OR жара",
             "/api/events?limit=100", "/api/events?actor=Алиев&from=2025-10-01", "/api/events?place=Душанбе",
             "/api/entities?limit=100", "/api/entities?q=ал", "/api/entities/Ильхам Алиев",
             "/api/timeline?a=Россия&b=Азербайджан", "/api/stories", "/api/rejected"]
    answers = []
    for store in (lite, pg):
        with TestClient(create_app(store.url)) as client:
            responses = {p: client.get(p) for p in paths}
            assert all(r.status_code == 200 for r in responses.values()), {p: r.text[:200] for p, r in responses.items()}
            answers.append({p: r.json() for p, r in responses.items()})
    for path in paths:
        a, b = answers[0][path], answers[1][path]
        if path.startswith("/api/search"):                 # the scores are each engine's own
            for hit in a["items"] + b["items"]:
                hit.pop("score")
            a["items"].sort(key=lambda h: h["id"])
            b["items"].sort(key=lambda h: h["id"])
        assert a == b, path


def test_a_schema_step_written_once_runs_on_both(tmp_path):
    """A new migration step is SQLite DDL; svodka.store.dialect translates it for PostgreSQL."""
    from svodka.store.dialect import pg_ddl

    step = ["CREATE TABLE notes (id INTEGER PRIMARY KEY, article INTEGER NOT NULL, text TEXT, weight REAL)",
            "CREATE INDEX notes_article ON notes(article, weight)",
            "ALTER TABLE notes ADD COLUMN tag TEXT"]
    answers = []
    for db in (str(tmp_path / "step.db"), new_pg_store("step")):
        with open_store(db) as store:
            with store.transaction():
                for sql in step:
                    store.conn.execute(sql if store.backend == "sqlite" else pg_ddl(sql))
                for article, text, weight, tag in [(2, "б", 0.1, None), (1, "a", None, "x"), (2, "B", 1.5, "y")]:
                    store.conn.execute("INSERT INTO notes (article, text, weight, tag) VALUES (?, ?, ?, ?)",
                                       (article, text, weight, tag))
            answers.append(store.conn.execute("SELECT id, article, text, weight, tag FROM notes"
                                              " ORDER BY weight, text").fetchall())
    assert answers[0] == answers[1] == [(2, 1, "a", None, "x"), (1, 2, "б", 0.1, None), (3, 2, "B", 1.5, "y")]
