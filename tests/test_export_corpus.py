"""The export's corpus tables (issue 18, 6) on the linked demo store, on both backends: corpus entities, their
links to articles, corpus events with their counts and their reports — read back from CSV (the csv module)
and Parquet (pyarrow) and checked against the store; GDELT rows carry the corpus event's counts.
"""
from __future__ import annotations

import csv
import json

import pytest

from conftest import ROOT, store_at
from dbfile import database
from svodka.events.gdelt import COLUMNS
from svodka.export import export
from svodka.ingest import ingest
from svodka.store import open_store

DEMO = [str(ROOT / "demo" / d) for d in ("text", "html", "jsonl", "warc")]
NEW_TABLES = ("corpus_entities", "entity_links", "corpus_events", "event_links")


@pytest.fixture(scope="module")
def linked(backend, tmp_path_factory, replay_pipeline):
    db = store_at(backend, tmp_path_factory.mktemp("corpus-export"), "corpus_export")
    report = ingest(DEMO, db, progress=False, pipeline=replay_pipeline)
    assert report.new == 51
    store = open_store(db)
    yield store
    store.close()


def read_csv(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_corpus_tables_in_csv_and_parquet(linked, tmp_path):
    import pyarrow.parquet as pq

    written_csv = export(linked, "csv", tmp_path / "csv")
    written_pq = export(linked, "parquet", tmp_path / "pq")
    with database(linked) as db:
        counts = {t: db.value(f"SELECT count(*) FROM {t}") for t in NEW_TABLES}
        aliev = db.value("SELECT id FROM corpus_entities WHERE name = 'Ильхам Алиев'")
        reported = {e: n for e, n in db.rows("SELECT event, count(DISTINCT article) FROM event_links GROUP BY event")}
    assert all(counts[t] > 10 for t in NEW_TABLES), counts
    tables = {}
    for t in NEW_TABLES:
        assert written_csv[f"{t}.csv"] == written_pq[f"{t}.parquet"] == counts[t]
        rows_csv = read_csv(tmp_path / "csv" / f"{t}.csv")
        rows_pq = pq.read_table(tmp_path / "pq" / f"{t}.parquet").to_pylist()
        assert len(rows_csv) == len(rows_pq) == counts[t], t
        assert list(rows_csv[0]) == list(rows_pq[0]), t             # the same columns in both
        tables[t] = rows_pq

    entity = next(e for e in tables["corpus_entities"] if e["id"] == aliev)
    assert entity["type"] == "PER" and entity["born"] == "1961-12-24" and entity["country"] == "AZE"
    assert "президент Азербайджана" in entity["roles"] and isinstance(entity["aliases"], list)
    csv_entity = next(e for e in read_csv(tmp_path / "csv" / "corpus_entities.csv") if e["id"] == str(aliev))
    assert json.loads(csv_entity["roles"]) == entity["roles"]         # lists are JSON text in CSV

    ids = {e["id"] for e in tables["corpus_entities"]}
    articles = {a["id"] for a in read_csv(tmp_path / "csv" / "articles.csv")}
    links = tables["entity_links"]
    assert {link["entity"] for link in links} <= ids and {link["article"] for link in links} <= articles
    assert sum(1 for link in links if link["entity"] == aliev) == entity["articles"]

    events = tables["corpus_events"]
    assert all(isinstance(e["source"], list) and isinstance(e["num_articles"], int) for e in events)
    assert all(e["num_articles"] == reported[e["id"]] for e in events)       # as many as the reports' articles
    meeting = max(events, key=lambda e: e["num_articles"])
    assert meeting["num_articles"] >= 5 and meeting["num_sources"] >= 5 and meeting["num_mentions"] >= 5
    reports = [r for r in tables["event_links"] if r["event"] == meeting["id"]]
    assert len({r["article"] for r in reports}) == meeting["num_articles"] and {r["article"] for r in reports} <= articles


def test_gdelt_counts_are_the_corpus_events(linked, tmp_path):
    export(linked, "gdelt", tmp_path)
    rows = [line.split("\t") for line in (tmp_path / "events.gdelt.tsv").read_text(encoding="utf-8").splitlines()]
    at = [COLUMNS.index(c) for c in ("NumMentions", "NumSources", "NumArticles")]
    got = [tuple(int(r[i]) for i in at) for r in rows]
    with database(linked) as db:
        # the coded, not negated reports in storage order, each with its corpus event's counts
        expected = db.rows(
            "SELECT c.num_mentions, c.num_sources, c.num_articles FROM events e"
            " JOIN event_links l ON l.article = e.article AND l.n = e.n JOIN corpus_events c ON c.id = l.event"
            " WHERE e.cameo IS NOT NULL AND e.cameo != '' AND e.modality != 'negated' ORDER BY e.article, e.n")
    assert len(got) == len(expected) > 10
    assert got == [tuple(max(1, v) for v in row) for row in expected]
    assert max(n for _, _, n in got) >= 5 and max(s for _, s, _ in got) >= 5      # no longer always 1
