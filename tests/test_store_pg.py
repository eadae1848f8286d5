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
from dbfile import database
from svodka.link.dossier import dossier
from svodka.link.stories import stories
from svodka.link.timeline import timeline
from svodka.ingest import ingest
from svodka.store import open_store
from svodka.store.schema import CRAWL_TABLES, LINK_TABLES, MIGRATIONS, TABLES, migration

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
    with database(store) as db:
        rows = db.rows(f"SELECT {', '.join(columns)} FROM {table}")
    return sorted(rows, key=repr)


def test_the_same_knowledge_base_on_both(both):
    lite, pg = both
    with database(lite) as db:
        tables = [r[0] for r in db.rows("SELECT name FROM sqlite_master WHERE type = 'table'")
                  if not r[0].startswith("search") and r[0] not in SKIP_TABLES]
        info = {table: db.rows(f"PRAGMA table_info({table})") for table in tables}
    assert {"articles", "entities", "corpus_entities", "corpus_events", "stories", "story_articles"} <= set(tables)
    for table in tables:
        columns = [r[1] for r in info[table] if r[1] not in TIMESTAMPS.get(table, set())]
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
            pg.unlink_all()
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
    with open_store(url) as store, database(url) as c:
        assert c.rows("SELECT count(*), count(DISTINCT sha256) FROM articles") == [(12, 12)]
        assert store.counts()["search"] == store.counts()["raw"] == 12
        assert c.value("SELECT count(*) FROM link_state WHERE stage = 'entities'") == 12
        assert c.value("SELECT count(*) FROM story_articles") == 12
        doubles = c.value("SELECT count(*) FROM (SELECT type, key FROM corpus_entities GROUP BY type, key"
                          " HAVING count(*) > 1) AS d")
        assert doubles == 0
        assert {p.name for p in pages} == {Path(s).name for (s,) in c.rows("SELECT source FROM articles")}


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


def test_both_engines_have_the_same_schema(tmp_path):
    """The store's tables are written out for each engine: the same columns (PostgreSQL's have SQLite's implicit
    rowid as a last identity column, so that ORDER BY rowid is insertion order on both), the same indexes — on
    PostgreSQL NULLS FIRST, SQLite's NULL order — and text compared bytewise (COLLATE "C") on PostgreSQL."""
    lite_db, pg_db = str(tmp_path / "schema.db"), new_pg_store("schema")
    for db in (lite_db, pg_db):
        open_store(db).close()
    tables = set(TABLES) | set(LINK_TABLES) | set(CRAWL_TABLES)
    with database(lite_db) as db:
        info = {t: db.rows(f"PRAGMA table_info({t})") for t in tables}       # (cid, name, type, notnull, default, pk)
        without_rowid = {t for t in tables if "WITHOUT ROWID" in db.value(
            "SELECT sql FROM sqlite_master WHERE name = :t", t=t)}
        indexes = {name: table for name, table in db.rows(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL") if table in tables}
    with database(pg_db) as db:
        pg_columns: dict[str, list[str]] = {}
        for table, column, collation, data_type in db.rows(
                "SELECT table_name, column_name, collation_name, data_type FROM information_schema.columns"
                " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"):
            pg_columns.setdefault(table, []).append(column)
            assert table not in tables or data_type != "text" or collation == "C", (table, column)
        pg_indexes = {name: (table, sql) for name, table, sql in db.rows(
            "SELECT indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            " AND indexname NOT IN (SELECT conname FROM pg_constraint)") if table in tables}   # keys aside
    for table, rows in info.items():
        keyed = [r[2].upper() for r in rows if r[5]] == ["INTEGER"]          # an INTEGER PRIMARY KEY is the rowid
        implicit_rowid = not keyed and table not in without_rowid
        # (a column added by a later step comes after PostgreSQL's rowid there: compared as sets)
        assert sorted(pg_columns[table]) == sorted([r[1] for r in rows] + (["rowid"] if implicit_rowid else [])), table
    assert set(pg_indexes) == set(indexes)
    for name, (table, sql) in pg_indexes.items():
        assert table == indexes[name] and sql.count("NULLS FIRST") == sql.count(",") + 1, sql


def test_a_store_with_the_first_crawl_tables_is_carried_to_the_schema_of_the_others():
    """The crawl tables were first made on PostgreSQL with the database's collation and without the rowid
    of a text-keyed table; a later step makes them as every other table (COLLATE "C", rowid, NULLS FIRST)
    and keeps their rows."""
    url = new_pg_store("crawlstep")
    crawl_step = next(i for i, step in enumerate(MIGRATIONS) if "crawl_sources" in str(migration(i, "postgresql")))
    with database(url) as db:                      # the store as the step that made the crawl tables left it
        db.run("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        for step in range(crawl_step + 1):
            for sql in migration(step, "postgresql"):
                db.run(sql)
        db.run("INSERT INTO meta (key, value) VALUES ('schema_version', :v)", v=str(crawl_step + 1))
        db.run("INSERT INTO crawl_sources (name, home, host, added) VALUES ('b', 'http://b/', 'b', 'x'),"
               " ('B', 'http://B/', 'B', 'x'), ('a', 'http://a/', 'a', 'x')")
        db.run("INSERT INTO crawl_urls (key, url, source, host, found) VALUES ('b/1', 'http://b/1', 1, 'b', 'x'),"
               " ('b/0', 'http://b/0', 1, 'b', 'x')")
        db.run("INSERT INTO crawl_hosts (host, blocked_until, reason) VALUES ('b', 1, 'HTTP status 429')")
        assert db.value("SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema()"
                        " AND table_name LIKE 'crawl%' AND collation_name = 'C'") == 0
        if db.value("SELECT count(*) FROM pg_collation WHERE collname = 'und-x-icu'"):   # a database in a
            for table, column in (("crawl_sources", "name"), ("crawl_urls", "key")):    # language's order
                db.run(f'ALTER TABLE {table} ALTER COLUMN {column} TYPE TEXT COLLATE "und-x-icu"')
            assert db.rows("SELECT name FROM crawl_sources ORDER BY name") == [("a",), ("b",), ("B",)]
    with open_store(url) as store:
        assert [s.name for s in store.crawl_sources()] == ["B", "a", "b"]           # bytewise, as on SQLite
        assert [k for k, *_ in store.crawl_pending(1, 10)] == ["b/0", "b/1"]
        assert store.crawl_blocked_hosts() == {}
    with database(url) as db:
        assert db.value("SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema()"
                        " AND table_name LIKE 'crawl%' AND data_type = 'text' AND collation_name IS DISTINCT FROM 'C'") == 0
        assert db.rows("SELECT key, rowid FROM crawl_urls ORDER BY rowid") == [("b/1", 1), ("b/0", 2)]
        assert db.value("SELECT indexdef FROM pg_indexes WHERE indexname = 'crawl_urls_state'"
                        " AND schemaname = current_schema()").count("NULLS FIRST") == 2
