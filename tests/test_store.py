"""The store end to end: real SQLite files and a real PostgreSQL server, real ingests, real
subprocesses (no mocks). Every test runs on both backends (PostgreSQL when $SVODKA_TEST_PG names a
server, else those variants skip).

The demo corpus is ingested once per backend (the language layer runs once: the second ingest
replays its results); the other tests use a few small pages of their own.
"""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, store_at
from dbfile import database
from svodka import Article, Entity, Event, Mention, Quote, TimeExpr
from svodka.ingest import ingest
from svodka.store import DB_SCHEMA_VERSION as SCHEMA_VERSION, Store, StoreError, open_store
from svodka.store.schema import MIGRATIONS, TABLES

DEMO = [str(ROOT / "demo" / d) for d in ("text", "html", "jsonl", "warc")]
HOSTILE = ['"', "*", "NEAR(", "'; DROP TABLE articles; --", '"unclosed phrase', "OR", "AND OR NOT",
           "a:b", "title:путин", "^путин", "путин*", "(", ")", "{}", "NEAR(путин алиев, 2)", "-", "\\", "\x00"]

PAGE = """ date 2025-05-{day:02d}  Главная
Происшествия

В {city} на складе номер {n} потушили пожар

Пожар на складе номер {n} в промышленной зоне города потушили за {hours} часа, никто не пострадал, сообщили спасатели.

На место выезжали {crews} пожарных расчетов. Площадь возгорания составила {area} квадратных метров.

Причины пожара выясняют специалисты, предварительная версия — короткое замыкание в электропроводке.

Прокуратура начала проверку соблюдения требований пожарной безопасности на складе номер {n}.
"""
CITIES = ["Казани", "Перми", "Самаре", "Омске", "Томске", "Твери"]


def page(n: int) -> str:
    return PAGE.format(day=n % 28 + 1, city=CITIES[n % len(CITIES)], n=n + 1, hours=n % 5 + 2,
                       crews=n + 3, area=100 + 7 * n)


def write_pages(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"page{n:02d}.txt"
        path.write_text(page(n), encoding="utf-8")
        paths.append(path)
    return paths


def cli(*args: str, db: Path | str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    extra = ["--db", str(db)] if db else []
    return subprocess.run([sys.executable, "-m", "svodka.cli", *args, *extra], capture_output=True, env=env,
                          timeout=300)


# --- the demo corpus, once -------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(backend, tmp_path_factory, replay_pipeline):
    db = store_at(backend, tmp_path_factory.mktemp("store"), "demo")
    report = ingest(DEMO, db, progress=False, pipeline=replay_pipeline)
    store = open_store(db)
    yield db, report, store
    store.close()


def test_demo_is_stored_with_every_annotation(demo):
    db, report, store = demo
    assert (report.new, report.skipped, report.rejected) == (51, 0, 0)
    counts = store.counts()
    assert counts["articles"] == counts["article_data"] == counts["raw"] == counts["sources"] == counts["search"] == 51
    assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
    docs = [json.loads(r[0]) for r in store.article_data_rows()]
    # the normalised tables hold exactly what the JSON holds
    assert counts["entities"] == sum(len(d["entities"]) for d in docs) > 100
    assert counts["mentions"] == sum(len(e["mentions"]) for d in docs for e in d["entities"])
    assert counts["quotes"] == sum(len(d["quotes"]) for d in docs) > 10
    assert counts["times"] == sum(len(d["times"]) for d in docs) > 10
    art = store.article("ed948d7474199ad3")
    assert art.title.startswith("Путин и Алиев") and art.entities and art.entities[0].mentions
    assert art.to_dict() == store.article_dict("ed948d7474199ad3")
    assert store.article(art.sha256).id == art.id == store.article(art.sha256[:12]).id
    assert store.article("no-such-id") is None


def test_reingest_adds_nothing_anywhere(demo):
    db, _, store = demo
    before = store.counts()
    started = time.perf_counter()
    report = ingest(DEMO, db, progress=False)
    assert (report.new, report.skipped, report.rejected) == (0, 51, 0)
    assert time.perf_counter() - started < 10          # known bytes never reach the pipeline
    assert store.counts() == before
    result = cli("ingest", *DEMO, db=db)
    assert result.returncode == 0, result.stderr
    assert "0 new, 51 already in the store" in result.stdout.decode()
    assert store.counts() == before


def test_show_raw_gives_the_exact_input_bytes(demo):
    db, _, store = demo
    cp1251 = ROOT / "demo/html/yug-telegraf/2025-04-10-aliev-otkryl-vystavku.html"
    art = next(a for a in (store.article(h.id) for h in store.search("", limit=100)) if a.source == str(cp1251))
    assert art.encoding == "cp1251"
    result = cli("show", art.id, "--raw", db=db)
    assert result.returncode == 0 and result.stdout == cp1251.read_bytes()
    assert store.raw(art.id) == store.raw(art.sha256) == cp1251.read_bytes()
    wire = store.article("most-20250403-1544")              # a JSONL line: its bytes are the line's
    line = next(l for l in (ROOT / "demo/jsonl/wire.jsonl").read_bytes().splitlines() if b"most-20250403-1544" in l)
    assert store.raw(wire.id) == line
    shown = cli("show", art.id, "--json", db=db)
    assert json.loads(shown.stdout)["title"] == art.title
    text = cli("show", art.id, db=db).stdout.decode()
    assert art.title in text and f"source: {cp1251}" in text
    missing = cli("show", "nothing-here", db=db)
    assert missing.returncode == 2 and b"Traceback" not in missing.stderr


def test_search_finds_every_form_from_an_inflected_query(demo):
    _, _, store = demo
    hits = store.search("Алиеву", limit=100)
    forms = {h.snippet[s:e] for h in hits for s, e in h.highlights}
    assert {"Алиев", "Алиева"} <= forms and all(f.startswith("Алиев") for f in forms)
    titles = [h.title for h in hits]
    assert any("Алиева" in t for t in titles) and any("Алиев " in t for t in titles)
    every = {h.id for h in store.search("", limit=100) if "Алиев" in store.article(h.sha256).reader_text()}
    assert {h.id for h in hits} == every and len(every) >= 15
    assert all(h.score is not None for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    birthday = store.search("поздравил Алиеву", limit=5)
    assert birthday and all(h.published == "2025-12-24" for h in birthday[:3])
    marked = birthday[0].marked()
    assert "[Алиев" in marked and "[поздравил]" in marked


def test_snippet_spans_in_json(demo):
    db, _, _ = demo
    result = cli("search", "Пескову", "--json", "--limit", "5", db=db)
    assert result.returncode == 0
    hits = [json.loads(l) for l in result.stdout.decode().splitlines()]
    assert hits
    for hit in hits:
        assert set(hit) >= {"id", "title", "published", "site", "rubric", "score", "snippet", "highlights"}
        assert hit["highlights"] and all(hit["snippet"][s:e].startswith("Песков") for s, e in hit["highlights"])
    text = cli("search", "Пескову", "--limit", "3", db=db).stdout.decode()
    assert "[Песков]" in text


def test_phrases_and_or(demo):
    _, _, store = demo
    phrase = store.search('"Путин поздравил"', limit=50)
    assert len(phrase) >= 3
    for hit in phrase:
        assert re.search(r"Путин\w*\s+поздрав", store.article(hit.sha256).reader_text()), hit.title
    loose = store.search("Путин поздравил", limit=50)
    assert {h.id for h in phrase} < {h.id for h in loose} or {h.id for h in phrase} == {h.id for h in loose}
    snow, heat = store.search("снегопад", limit=50), store.search("жара", limit=50)
    either = store.search("снегопад OR жара", limit=50)
    assert snow and heat and {h.id for h in either} == {h.id for h in snow} | {h.id for h in heat}
    both = store.search("Москва снегопад", limit=50)
    assert both and {h.id for h in both} <= {h.id for h in snow}


def test_filters(demo):
    db, _, store = demo
    hits = store.search("Алиев", date_from="2025-10-01", date_to="2025-12-24", limit=100)
    assert hits and all("2025-10-01" <= h.published <= "2025-12-24" for h in hits)
    assert any(h.published == "2025-12-24" for h in hits)              # the upper bound is inclusive
    site = store.search("", site="www.daily-obzor.example", limit=100)
    assert len(site) == 6 and all(h.site == "daily-obzor.example" for h in site)
    politics = store.search("Алиев", rubric="политика", limit=100)
    assert politics and all(h.rubric == "Политика" for h in politics)
    with_entity = store.search("", entity="Ильхам Алиев", limit=100)
    assert len(with_entity) >= 10
    for h in with_entity:
        assert "ильхам алиев" in {e.name.lower() for e in store.article(h.sha256).entities}
    by_surname = store.search("", entity="алиев", limit=100)
    assert {h.id for h in with_entity} <= {h.id for h in by_surname}
    assert store.search("Алиев", entity="Дмитрий Песков", site="most-news.example", limit=100)
    assert store.search("снегопад", date_from="2025-06-01", date_to="2025-06-30") == []
    with pytest.raises(StoreError):
        store.search("Алиев", date_from="вчера")
    with pytest.raises(StoreError):
        store.search("Алиев", date_from="2025-12-01", date_to="2025-01-01")
    bad = cli("search", "Алиев", "--to", "2025-02-30", db=db)
    assert bad.returncode == 2 and b"Traceback" not in bad.stderr and b"date" in bad.stderr
    listed = cli("search", "Алиеву", "--site", "most-news.example", "--from", "2025-12-01", "--json", db=db)
    rows = [json.loads(l) for l in listed.stdout.decode().splitlines()]
    assert rows and all(r["site"] == "most-news.example" and r["published"] >= "2025-12-01" for r in rows)


def test_hostile_queries_do_not_raise(demo):
    db, _, store = demo
    before = store.counts()
    for query in HOSTILE:
        assert isinstance(store.search(query), list), query
    assert store.search("'; DROP TABLE articles; --") == []
    for query in ['"', "NEAR(", "'; DROP TABLE articles; --", "*"]:
        result = cli("search", query, db=db)
        assert result.returncode == 0 and b"Traceback" not in result.stderr, (query, result.stderr)
    assert store.counts() == before


# --- small stores of our own ---------------------------------------------------------------

def test_same_bytes_under_another_path_is_one_document(tmp_path, store_url):
    pages = write_pages(tmp_path / "a", 2)
    copy = tmp_path / "b" / "copy.txt"
    copy.parent.mkdir()
    copy.write_bytes(pages[0].read_bytes())
    db = store_url
    report = ingest([str(tmp_path / "a"), str(copy)], db, progress=False)
    assert (report.new, report.skipped, report.rejected) == (2, 1, 0)
    with open_store(db) as store:
        assert len(store) == 2
        art = store.article(store.search("", limit=10)[-1].id)
        assert sorted(store.sources(art.id)) == sorted([str(pages[0]), str(copy)])
        before = store.counts()
    again = ingest([str(copy), str(tmp_path / "a")], db, progress=False)
    assert (again.new, again.skipped) == (0, 3)
    with open_store(db) as store:
        assert store.counts() == before


def test_rejected_documents_are_listed_once(tmp_path, store_url):
    src = tmp_path / "in"
    write_pages(src, 1)
    (src / "junk.bin").write_bytes(bytes(range(256)) * 40)
    (src / "empty.txt").write_bytes(b"")
    (src / "nothing.html").write_text("<html><head><title></title></head><body><nav>Меню</nav></body></html>")
    db = store_url
    paths = [str(src), str(tmp_path / "missing.txt")]
    report = ingest(paths, db, progress=False)
    assert (report.new, report.rejected) == (1, 4)
    with open_store(db) as store:
        listed = {Path(r.source).name: r.reason for r in store.rejected()}
        assert set(listed) == {"junk.bin", "empty.txt", "nothing.html", "missing.txt"}
        assert "binary" in listed["junk.bin"] and "not found" in listed["missing.txt"]
        assert all(listed.values())
        html_sha = next(r.sha256 for r in store.rejected() if r.source.endswith("nothing.html"))
        assert store.raw(html_sha) == (src / "nothing.html").read_bytes()  # rejected bytes are kept too
        before = store.counts()
    again = ingest(paths, db, progress=False)
    assert (again.new, again.rejected, again.skipped) == (0, 0, 5)
    with open_store(db) as store:
        assert store.counts() == before
    result = cli("rejected", db=db)
    lines = result.stdout.decode().splitlines()
    assert result.returncode == 0 and len(lines) == 4
    assert any(l.startswith(str(src / "junk.bin") + "\t") and "binary" in l for l in lines)
    as_json = [json.loads(l) for l in cli("rejected", "--json", db=db).stdout.decode().splitlines()]
    assert {Path(r["source"]).name for r in as_json} == set(listed)


def stored_articles(db: str) -> int:
    """Articles committed to the store so far, read by another connection (0 before the schema is there)."""
    if db.endswith(".db"):
        if not Path(db).exists():
            return 0
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
                return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:       # schema not there yet
            return 0
    import psycopg
    with psycopg.connect(db, autocommit=True) as conn:
        if conn.execute("SELECT to_regclass('articles')").fetchone()[0] is None:
            return 0
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_killed_ingest_resumes_without_doubles(tmp_path, store_url):
    src = tmp_path / "docs"
    write_pages(src, 30)
    db = store_url
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    proc = subprocess.Popen([sys.executable, "-m", "svodka.cli", "ingest", str(src), "--db", str(db),
                             "--batch-size", "5", "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    stored = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            stored = stored_articles(db)
            if stored >= 5:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
    assert 5 <= stored < 30 and stored % 5 == 0

    report = ingest([str(src)], db, batch_size=5, progress=False)
    assert report.skipped >= stored and report.new + report.skipped == 30 and report.rejected == 0
    with open_store(db) as store, database(db) as conn:
        if store.backend == "sqlite":
            assert conn.value("PRAGMA integrity_check") == "ok"
            assert conn.run("INSERT INTO search(search) VALUES('integrity-check')") is not None
        assert conn.rows("SELECT count(*), count(DISTINCT sha256) FROM articles") == [(30, 30)]
        counts = store.counts()
        assert counts["articles"] == counts["raw"] == counts["sources"] == counts["search"] == 30
        assert conn.value("SELECT count(*) FROM (SELECT article, entity FROM entities "
                          "GROUP BY 1, 2 HAVING count(*) > 1) AS t") == 0
        assert len(store.search("складе номер 17")) >= 1
        assert store.search('"номер 17"')[0].title == "В Томске на складе номер 17 потушили пожар"


def test_articles_without_the_pipeline_round_trip(tmp_path, store_url):
    mention = Mention("title", 0, 5, "Алиев", "surname")
    article = Article(
        id="x1", source="synthetic", site="example.ru", published="2025-02-03", rubric="Мир",
        title="Алиев прибыл в Москву", lead="Визит продлится два дня.",
        body=["Президент Азербайджана Ильхам Алиев прибыл в Москву с рабочим визитом.",
              "«Мы рады гостям», — сказал Дмитрий Песков.",
              "Вечером Владимир Путин встретился с Алиевым в Кремле."],
        entities=[Entity("x1:e1", "PER", "Ильхам Алиев", roles=["президент Азербайджана"], country="AZE",
                         mentions=[mention])],
        quotes=[Quote("direct", "Мы рады гостям", "body[1]", 1, 15, speaker="Дмитрий Песков")],
        times=[TimeExpr("body[0]", 0, 3, "два дня", "P2D")],
        events=[Event("visit", cameo="042", plover="CONSULT", goldstein=1.9, quad_class=1,
                      source=["x1:e1"], target=["RUS"], date="2025-02-03", place="Москва",
                      evidence=[mention], confidence=0.8)])
    url = f"sqlite:///{tmp_path / 'a.db'}" if store_url.endswith(".db") else store_url
    with open_store(url) as store:
        assert store.add_articles([article]) == 1
        assert store.add_articles([article]) == 0
        back = store.article("x1")
        assert back.to_dict() == {**article.to_dict(), "sha256": back.sha256}
        assert back.events[0].evidence == [mention] and back.entities[0].mentions == [mention]
        with database(url) as db:
            rows = db.rows("SELECT type, cameo, goldstein, source, target, place FROM events")
        assert rows == [("visit", "042", 1.9, '["x1:e1"]', '["RUS"]', "Москва")]
        assert {t: n for t, n in store.counts().items() if n} == {
            "articles": 1, "article_data": 1, "sources": 1, "entities": 1, "mentions": 1, "quotes": 1, "times": 1, "events": 1,
            "search": 1}
        hit = store.search("Алиеву", entity="Ильхам Алиев")[0]
        assert hit.id == "x1" and hit.field == "body[0]" and hit.marked().count("[Алиев]") == 1
        assert store.search("Алиеву встретился")[0].marked() == "Вечером Владимир Путин [встретился] с [Алиевым] в Кремле."


def test_schema_and_urls(tmp_path):
    path = tmp_path / "v.db"
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
    with database(path) as db:
        assert set(TABLES) <= {r[0] for r in db.rows("SELECT name FROM sqlite_master")}
        db.run("UPDATE meta SET value = :v WHERE key = 'schema_version'", v=str(SCHEMA_VERSION + 1))
    with pytest.raises(StoreError, match="newer"):
        open_store(path)
    (tmp_path / "not.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        open_store(tmp_path / "not.db")
    with pytest.raises(StoreError):
        open_store(tmp_path / "absent.db", create=False)
    with pytest.raises(StoreError, match="unknown store URL scheme"):
        open_store("mysql://localhost/svodka")
    assert isinstance(open_store(f"sqlite:///{tmp_path / 'u.db'}"), Store)
    assert (tmp_path / "u.db").exists()
    assert len(open_store(":memory:")) == 0


def test_postgresql_schema_and_urls():
    from conftest import new_pg_store

    url = new_pg_store("schema")
    with pytest.raises(StoreError, match="no store"):
        open_store(url, create=False)                        # an empty schema holds no store
    with open_store(url) as store:
        assert store.backend == "postgresql" and isinstance(store, Store)
        assert store.schema_version == SCHEMA_VERSION
    with database(url) as db:
        tables = {r[0] for r in db.rows(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
        assert set(TABLES) | {"meta", "search", "stories", "corpus_entities"} <= tables
    with open_store(url.replace("postgresql://", "postgres://", 1), create=False) as store:   # both schemes
        assert len(store) == 0
    with database(url) as db:
        db.run("UPDATE meta SET value = :v WHERE key = 'schema_version'", v=str(SCHEMA_VERSION + 1))
    with pytest.raises(StoreError, match="newer"):
        open_store(url)
    with pytest.raises(StoreError, match="cannot connect") as err:
        open_store("postgresql://nobody:secret@127.0.0.1:9/none?connect_timeout=2")
    assert "secret" not in str(err.value)
