"""Stories and exports on the demo corpus: real SQLite files and a real PostgreSQL server (every test on
both; PostgreSQL when $SVODKA_TEST_PG names one), real pipeline, real subprocesses (no mocks).

The demo corpus is analysed once for the module and stored with ``Store.add_articles``; stories are
assigned with ``assign_new`` directly (an ingest does the same through ``svodka.link.update``).
"""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import date

import pytest

from svodka.model import FORMAT_VERSION as SCHEMA_VERSION

from conftest import ROOT, store_at
from dbfile import database
from svodka import Article, analyze_paths
from svodka.link.stories import (assign_new, hashes, pair_score, shingles, signature, stories, story_of,
                                 unassigned)
from svodka.store import open_store
from svodka.export import TABLE_NAMES, ExportError, export

DEMO = [str(ROOT / "demo" / d) for d in ("text", "html", "jsonl", "warc")]

# the six pages of the Душанбе meeting, 2025-10-09 (demo/README.md), by source, id or URL ending
DUSHANBE = ["vestnik-dnya/2025-10-09-putin-aliev-dushanbe.txt", "perekrestok/2025-10-09-dushanbe-shag-k-primireniyu.txt",
            "daily-obzor/2025-10-09-putin-aliev-vstretilis-v-dushanbe.html", "yug-telegraf/2025-10-10-vstrecha-v-dushanbe.html",
            "most-20251009-1740", "2025/10/09/putin-i-aliev-v-dushanbe.html"]
BIRTHDAY = ["vestnik-dnya/2025-12-24-putin-pozdravil-alieva.txt", "perekrestok/2025-12-24-aliev-poluchil-pozdravlenie.txt",
            "daily-obzor/2025-12-24-putin-pozvonil-alievu-v-den-rozhdeniya.html",
            "yug-telegraf/2025-12-24-prezidenty-sozvonilis.html", "most-20251224-1455", "2025/12/24/putin-pozdravil-alieva.html"]
SNOW_MOSCOW, SNOW_EKB = "2025/12/10/pervyy-silnyy-snegopad.html", "most-20251210-0815"


def cli(*args: str, db=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    extra = ["--db", str(db)] if db else []
    return subprocess.run([sys.executable, "-m", "svodka.cli", *args, *extra], capture_output=True, env=env,
                          timeout=300)


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    found = list(analyze_paths(DEMO))
    assert all(isinstance(a, Article) for a in found) and len(found) == 51
    return found


@pytest.fixture(scope="module")
def demo(backend, articles, tmp_path_factory):
    db = store_at(backend, tmp_path_factory.mktemp("stories"), "demo")
    store = open_store(db)
    assert store.add_articles(articles) == 51
    assert unassigned(store) == 51
    assert assign_new(store) == 51
    yield db, store
    store.close()


def pk_of(store, ref: str) -> int:
    """The article a README reference names: a source path ending, a caller id or a URL ending."""
    with database(store) as db:
        rows = db.rows("SELECT pk FROM articles WHERE id = :ref OR source LIKE :tail OR url LIKE :tail",
                       ref=ref, tail=f"%{ref}")
    assert len(rows) == 1, ref
    return rows[0][0]


def story_pk(store, ref: str) -> int:
    with database(store) as db:
        return db.value("SELECT story FROM story_articles WHERE article = :pk", pk=pk_of(store, ref))


def id_of(store, pk: int) -> str:
    with database(store) as db:
        return db.value("SELECT id FROM articles WHERE pk = :pk", pk=pk)


def members(store, story: int) -> set[int]:
    with database(store) as db:
        return {r[0] for r in db.rows("SELECT article FROM story_articles WHERE story = :story", story=story)}


# --- stories --------------------------------------------------------------------------------

def test_the_dushanbe_meeting_is_one_story_of_six_outlets(demo):
    _, store = demo
    story = story_pk(store, DUSHANBE[0])
    assert members(store, story) == {pk_of(store, ref) for ref in DUSHANBE}
    found = {s.id: s for s in stories(store)}[story]
    assert (found.first, found.last, len(found.articles), len(found.sites)) == ("2025-10-09", "2025-10-10", 6, 6)
    assert found.label == found.articles[0].title and found.articles[-1].published == "2025-10-10"
    assert [a.published for a in found.articles] == sorted(a.published for a in found.articles)


def test_the_birthday_call_is_one_story(demo):
    _, store = demo
    assert members(store, story_pk(store, BIRTHDAY[0])) == {pk_of(store, ref) for ref in BIRTHDAY}


def test_two_snowfalls_on_one_day_are_two_stories(demo):
    _, store = demo
    moscow, ekb = story_pk(store, SNOW_MOSCOW), story_pk(store, SNOW_EKB)
    assert moscow != ekb
    assert members(store, moscow) == {pk_of(store, SNOW_MOSCOW)} and members(store, ekb) == {pk_of(store, SNOW_EKB)}
    # they share words but no place: the pair counts for nothing
    a, b = (store.article_dict(id_of(store, pk_of(store, r))) for r in (SNOW_MOSCOW, SNOW_EKB))
    from svodka.link.stories import _entity_keys, _Item
    ents = _entity_keys(store, [pk_of(store, SNOW_MOSCOW), pk_of(store, SNOW_EKB)])
    wa, wb = hashes(shingles(a)), hashes(shingles(b))
    item = _Item(0, 0, "2025-12-10", wb, signature(shingles(b)), ents[pk_of(store, SNOW_EKB)])
    assert pair_score(wa, ents[pk_of(store, SNOW_MOSCOW)], "2025-12-10", item) == 0.0


def test_stories_are_short_and_unrelated_news_stays_alone(demo):
    _, store = demo
    listed = stories(store)
    assert 8 <= len(listed) <= 14
    for s in listed:
        assert 0 <= (date.fromisoformat(s.last) - date.fromisoformat(s.first)).days <= 3
        assert len(s.sites) >= 2            # a story is told by several outlets
    singles = {s.id for s in stories(store, min_articles=1)} - {s.id for s in listed}
    assert story_pk(store, "uralsky-kurier/2025-02-15-volki-overtime.txt") in singles      # hockey
    assert story_pk(store, "yug-telegraf/2025-04-10-aliev-otkryl-vystavku.html") in singles  # Алиев, not the storyline
    with database(store) as db:
        assert db.value("SELECT sum(size) FROM stories") == 51 == db.value("SELECT count(*) FROM story_articles")


def test_reassigning_adds_nothing_and_signatures_are_reproducible(demo):
    _, store = demo
    def sizes():
        with database(store) as db:
            return {t: db.rows(f"SELECT count(*), coalesce(sum(size), 0) FROM {t}") for t in ("stories", "story_articles")}

    before = sizes()
    assert assign_new(store) == 0 and unassigned(store) == 0
    assert sizes() == before
    with database(store) as db:
        kept = db.rows("SELECT d.pk, d.data, s.shingles, s.minhash FROM article_data d"
                       " JOIN story_articles s ON s.article = d.pk LIMIT 5")
    for pk, data, words, sig in kept:
        text = shingles(json.loads(data))
        assert hashes(text).tobytes() == words and signature(text).tobytes() == sig


def test_incremental_batches_in_any_order_give_the_same_key_stories(articles, store_url):
    """An ingest assigns batch by batch, newest pages possibly first: the stories must not depend on it."""
    with open_store(store_url) as store:
        ordered = list(reversed(articles))
        for i in range(0, len(ordered), 7):
            with store.transaction():
                store.add_articles(ordered[i:i + 7])
                assert assign_new(store) == len(ordered[i:i + 7])
        assert members(store, story_pk(store, DUSHANBE[-1])) == {pk_of(store, ref) for ref in DUSHANBE}
        assert story_pk(store, SNOW_MOSCOW) != story_pk(store, SNOW_EKB)
        # the label is the earliest article's title, whoever founded the story
        with database(store) as db:
            head = db.rows("SELECT label, first FROM stories WHERE id = :id", id=story_pk(store, DUSHANBE[0]))[0]
        assert head[1] == "2025-10-09" and head[0] != "Встреча в Душанбе: что договорились сделать Путин и Алиев"


def test_story_of_and_the_stories_command(demo, tmp_path):
    db, store = demo
    ekb_id = id_of(store, pk_of(store, SNOW_EKB))
    assert len(story_of(store, ekb_id).articles) == 1 and story_of(store, "no-such-id") is None
    result = cli("stories", "--json", db=db)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in result.stdout.decode().splitlines()]
    assert [x["id"] for x in lines] == [s.id for s in stories(store)]
    assert {"id", "label", "first", "last", "size", "sites", "articles"} <= set(lines[0])
    assert {"id", "published", "site", "title"} <= set(lines[0]["articles"][0])
    text = cli("stories", "--min-articles", "6", db=db)
    out = text.stdout.decode()
    assert text.returncode == 0 and out.count("\nstory ") + out.startswith("story ") == 2    # Душанбе and the birthday
    assert "9–10 October 2025  6 articles, 6 sites" in out and "Путин и Алиев" in out
    missing = cli("stories", db=tmp_path / "absent.db")
    assert missing.returncode == 2 and b"no store" in missing.stderr


def test_the_stories_command_assigns_what_an_older_store_left_unassigned(articles, store_url):
    picked = [a for a in articles if (a.published or "").startswith(("2025-10-09", "2025-10-10", "2025-12-10"))]
    with open_store(store_url) as store:
        store.add_articles(picked)              # as a store written before stories existed
        assert unassigned(store) == len(picked) >= 8
    result = cli("stories", "--json", "--min-articles", "1", db=store_url)
    assert result.returncode == 0, result.stderr
    sizes = sorted(json.loads(x)["size"] for x in result.stdout.decode().splitlines())
    assert sizes[-1] == 6 and sizes.count(1) >= 2 and sum(sizes) == len(picked)
    with open_store(store_url) as store:
        assert unassigned(store) == 0


# --- export ---------------------------------------------------------------------------------

def store_counts(store) -> dict[str, int]:
    with database(store) as db:
        return {t: db.value(f"SELECT count(*) FROM {t}") for t in TABLE_NAMES}


def test_export_jsonl_is_the_stored_articles(demo, tmp_path):
    _, store = demo
    assert export(store, "jsonl", tmp_path) == {"articles.jsonl": 51}
    lines = (tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [json.loads(x) for x in lines]
    assert len(docs) == 51 and all(d["schema"] == SCHEMA_VERSION and "entities" in d and "events" in d for d in docs)
    assert docs[0] == store.article_dict(docs[0]["id"])
    assert not list(tmp_path.glob("*.part"))


def test_export_csv_one_table_each_with_the_store_row_counts(demo, tmp_path):
    _, store = demo
    written = export(store, "csv", tmp_path)
    counts = store_counts(store)
    assert written == {f"{t}.csv": counts[t] for t in TABLE_NAMES}
    assert counts["entities"] > 100 and counts["events"] > 10 and counts["stories"] > 10
    for table in TABLE_NAMES:
        with open(tmp_path / f"{table}.csv", encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert len(rows) == counts[table], table
    with open(tmp_path / "articles.csv", encoding="utf-8", newline="") as fh:
        first = next(csv.DictReader(fh))
    doc = store.article_dict(first["id"])
    assert json.loads(first["body"]) == doc["body"] and first["title"] == doc["title"]
    assert set(first) == set(doc) - {"schema", "entities", "quotes", "times", "events"}   # JSON field names
    with open(tmp_path / "entities.csv", encoding="utf-8", newline="") as fh:
        ent = next(csv.DictReader(fh))
    assert set(ent) == {"article", "id", "type", "name", "aliases", "roles", "born", "country", "geo"}
    assert ent["id"].startswith(ent["article"] + ":") and isinstance(json.loads(ent["roles"]), list)


def test_export_parquet_reads_back_with_pyarrow(demo, tmp_path):
    import pyarrow.parquet as pq

    _, store = demo
    counts = store_counts(store)
    assert export(store, "parquet", tmp_path) == {f"{t}.parquet": counts[t] for t in TABLE_NAMES}
    for table in TABLE_NAMES:
        assert pq.read_table(tmp_path / f"{table}.parquet").num_rows == counts[table], table
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert all(isinstance(e["source"], list) and isinstance(e["n"], int) for e in events)
    assert any(e["cameo"] and e["goldstein"] is not None for e in events)
    arts = pq.read_table(tmp_path / "articles.parquet", columns=["id", "body", "published"]).to_pylist()
    assert arts[0]["body"] == store.article_dict(arts[0]["id"])["body"]
    dushanbe = [s for s in pq.read_table(tmp_path / "stories.parquet").to_pylist() if s["id"] == story_pk(store, DUSHANBE[0])]
    assert dushanbe[0]["size"] == 6 and len(dushanbe[0]["sites"]) == 6


def test_export_gdelt_rows_have_61_columns(demo, tmp_path):
    _, store = demo
    written = export(store, "gdelt", tmp_path)
    rows = [line.split("\t") for line in (tmp_path / "events.gdelt.tsv").read_text(encoding="utf-8").splitlines()]
    with database(store) as db:
        coded = db.value("SELECT count(*) FROM events WHERE cameo IS NOT NULL AND cameo != ''"
                         " AND modality != 'negated'")
    assert written == {"events.gdelt.tsv": len(rows)} and 10 < len(rows) == coded
    assert all(len(r) == 61 for r in rows)
    assert all(r[0].isdigit() and r[26] and len(r[59]) == 14 for r in rows)     # id, EventCode, DATEADDED


def test_export_command_and_errors(demo, tmp_path):
    db, store = demo
    result = cli("export", "--format", "csv", "--out", str(tmp_path / "out"), db=db)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.decode().splitlines()) == len(TABLE_NAMES)
    assert (tmp_path / "out" / "mentions.csv").exists()
    with pytest.raises(ExportError):
        export(store, "xml", tmp_path)
    bad = cli("export", "--format", "jsonl", "--out", str(tmp_path / "x"), db=tmp_path / "absent.db")
    assert bad.returncode == 2 and b"svodka:" in bad.stderr
