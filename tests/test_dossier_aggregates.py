"""The dossier's per-entity aggregates (svodka.store.schema_dossier: months, co-mentions, quotes spoken) and the
dossier's cut-down reads (the latest events, the latest articles, the top co-mentions) against the same figures
gathered on the fly from the links — the queries a dossier ran before the aggregates — on real stores of both
backends: the demo corpus ingested in four batches (the linker counts each batch), a surname merged into its
full name (the merge recounts), and a store linked before the aggregates existed (the schema step fills them).
"""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, store_at
from dbfile import database
from svodka import Article, Entity, Mention, Quote
from svodka.ingest import ingest
from svodka.link import entities, events
from svodka.link.dossier import entity_dossier
from svodka.link.names import country_iso
from svodka.store import open_store
from svodka.store.schema import MIGRATIONS, migration
from svodka.store.schema_dossier import DOSSIER_AGGREGATES

DEMO = [str(ROOT / "demo" / d) for d in ("text", "html", "jsonl", "warc")]
AGGREGATES = {"corpus_entity_months": "entity, month, articles, mentions",
              "corpus_co_mentions": "entity, other, articles", "corpus_quotes": "corpus, article, n"}

MONTHS = ("SELECT substr(a.published, 1, 7) AS m, count(DISTINCT l.article), sum(l.mentions) FROM entity_links l"
          " JOIN articles a ON a.pk = l.article WHERE l.corpus = :corpus AND a.published IS NOT NULL"
          " GROUP BY m ORDER BY m")
CO_MENTIONED = ("SELECT c.id, c.name, c.type, count(DISTINCT o.article) AS k FROM entity_links l"
                " JOIN entity_links o ON o.article = l.article AND o.corpus != l.corpus"
                " JOIN corpus_entities c ON c.id = o.corpus WHERE l.corpus = :corpus"
                " GROUP BY c.id ORDER BY k DESC, c.articles DESC, c.id")
QUOTES = ("SELECT q.text, q.kind, q.speaker, a.published, a.id, a.site, a.url, a.source FROM entity_links l"
          " JOIN quotes q ON q.article = l.article AND q.speaker_id = l.entity"
          " JOIN articles a ON a.pk = l.article WHERE l.corpus = :corpus"
          " UNION SELECT q.text, q.kind, q.speaker, a.published, a.id, a.site, a.url, a.source FROM entity_links l"
          " JOIN entities e ON e.article = l.article AND e.entity = l.entity"
          " JOIN quotes q ON q.article = l.article AND q.speaker_id IS NULL AND q.speaker = e.name"
          " JOIN articles a ON a.pk = l.article WHERE l.corpus = :corpus")
RECENT = ("SELECT a.id, a.published, a.site, a.title FROM articles a WHERE a.pk IN"
          " (SELECT article FROM entity_links WHERE corpus = :corpus)"
          " ORDER BY a.published DESC NULLS LAST, a.pk DESC LIMIT :limit")
EVENT_SIDES = "SELECT DISTINCT event, side FROM corpus_event_actors WHERE entity = :entity OR key = :key"


def check_aggregates(store) -> int:
    """Every corpus entity's aggregates and cut-down reads equal the on-the-fly figures; returns the entities."""
    cids = sorted(store.corpus_entity_names())
    with database(store) as db:
        for cid in cids:
            assert store.entity_months(cid) == db.rows(MONTHS, corpus=cid), cid
            every = db.rows(CO_MENTIONED, corpus=cid)
            for limit in (0, 1, 3, 10, len(every) + 1):
                assert store.co_mentioned(cid, limit) == every[:limit], (cid, limit)
            assert sorted(db.rows("SELECT other, articles FROM corpus_co_mentions WHERE entity = :e", e=cid)) == \
                sorted((i, k) for i, _, _, k in every)
            assert sorted(store.entity_quotes(cid), key=repr) == sorted(db.rows(QUOTES, corpus=cid), key=repr), cid
            for limit in (1, 3, 10):
                assert store.entity_recent_articles(cid, limit) == db.rows(RECENT, corpus=cid, limit=limit), cid
            _, type_, name, _, _, country, *_ = store.corpus_entity_record(cid)
            iso = country_iso(name, type_, country)
            sides = db.rows(EVENT_SIDES, entity=cid, key=f"c:{iso}" if iso else None)
            ids = sorted({e for e, _ in sides})
            by_date = [e for _, e in sorted(((db.value("SELECT lo FROM corpus_events WHERE id = :id", id=e) or "", e)
                                             for e in ids))]
            assert store.entity_event_count(cid, iso) == len(ids)
            for limit in (1, 5, len(ids) + 1):
                assert [r[0] for r in store.entity_latest_events(cid, iso, limit)][::-1] == by_date[-limit:]
            assert sorted(store.entity_event_sides(cid, iso, ids)) == sorted(sides)
    return len(cids)


def rows_of(store) -> dict[str, list[tuple]]:
    with database(store) as db:
        return {t: sorted(db.rows(f"SELECT {cols} FROM {t}")) for t, cols in AGGREGATES.items()}


@pytest.fixture(scope="module")
def demo(backend, tmp_path_factory, replay_pipeline):
    db = store_at(backend, tmp_path_factory.mktemp("agg"), "agg")
    report = ingest(DEMO, db, batch_size=16, progress=False, pipeline=replay_pipeline)   # linked in four batches
    assert report.new == 51
    with open_store(db) as store:
        yield db, store


def test_the_linker_counts_what_the_links_hold(demo):
    _, store = demo
    assert check_aggregates(store) > 50
    with database(store) as db:              # the demo has quotes, co-mentions and the countries' events
        assert all(db.value(f"SELECT count(*) FROM {t}") > 0 for t in AGGREGATES)
        assert db.value("SELECT count(*) FROM corpus_event_actors WHERE key LIKE 'c:%'") > 0


def test_a_store_linked_before_the_aggregates_gets_them_filled(demo):
    """The schema step fills the tables of a store linked before it with the rows the linker would have counted."""
    db_url, store = demo
    counted = rows_of(store)
    step = MIGRATIONS.index(DOSSIER_AGGREGATES)
    with database(db_url) as db:
        for sql in migration(step, db.backend):
            if m := re.match(r"\s*CREATE TABLE (\w+)", sql):
                db.run(f"DROP TABLE {m.group(1)}")
            elif m := re.match(r"\s*CREATE INDEX (\w+) ON corpus_event_actors", sql):
                db.run(f"DROP INDEX {m.group(1)}")
        db.run("UPDATE meta SET value = :v WHERE key = 'schema_version'", v=str(step))
    with open_store(db_url) as migrated:
        assert migrated.schema_version == len(MIGRATIONS)
        assert rows_of(migrated) == counted
        check_aggregates(migrated)


def person(id_: str, name: str, kind: str = "name") -> Entity:
    return Entity(id=id_, type="PER", name=name, mentions=[Mention("lead", 0, len(name), name, kind)])


def place(id_: str, name: str) -> Entity:
    return Entity(id=id_, type="LOC", name=name, mentions=[Mention("body", 0, len(name), name, "name")])


def said(text: str, speaker: str, speaker_id: str | None) -> Quote:
    return Quote(kind="direct", text=text, field="body", start=0, stop=len(text), speaker=speaker,
                 speaker_id=speaker_id)


def article(n: int, day: str | None, ents: list[Entity], quotes: list[Quote] = ()) -> Article:
    return Article(id=f"t{n}", source=f"t{n}.txt", site="a.example", published=day, title=f"Статья {n}",
                   sha256=f"{n:064x}", entities=ents, quotes=list(quotes))


def link(store, arts: list[Article]) -> None:
    with store.transaction():
        store.add_articles(arts)
        entities.link_new(store)
        events.link_new(store)


def test_a_merge_recounts_the_entity_it_keeps(store_url):
    """A surname alone, later merged into the full name: its months, co-mentions and quotes are the full name's,
    and an article naming both counts once."""
    store = open_store(store_url)
    link(store, [
        article(1, "2025-01-01", [person("t1:e1", "Кравец", "surname"), place("t1:e2", "Баку")],
                [said("Мы готовы к переговорам", "Кравец", "t1:e1")]),
        article(2, "2025-02-03", [person("t2:e1", "Кравец", "surname"), place("t2:e2", "Москва")],
                [said("Переговоры идут", "Кравец", None)]),
        article(3, None, [person("t3:e1", "Кравец", "surname"), place("t3:e2", "Баку")]),
    ])
    assert check_aggregates(store) == 3
    link(store, [
        article(4, "2025-02-05", [person("t4:e1", "Сергей Кравец"), person("t4:e2", "Кравец", "surname"),
                                  place("t4:e3", "Баку")], [said("Мы готовы  к переговорам", "Сергей Кравец", "t4:e1")]),
    ])
    with database(store) as db:
        assert db.value("SELECT count(*) FROM entity_merges") == 1
    assert check_aggregates(store) == 3
    sergey = next(cid for cid, name in store.corpus_entity_names().items() if name == "Сергей Кравец")
    d = entity_dossier(store, sergey)
    assert d["by_month"] == [{"month": "2025-01", "articles": 1, "mentions": 1},
                             {"month": "2025-02", "articles": 2, "mentions": 3}]
    assert [(c["name"], c["articles"]) for c in d["co_mentioned"]] == [("Баку", 3), ("Москва", 1)]
    assert d["quotes_total"] == 2 and [q["articles"] for q in d["quotes"]] == [["t2"], ["t4", "t1"]]
    # a text told twice counts once, kept or not (the page's "latest N of total" = the download's rows)
    assert [entity_dossier(store, sergey, quotes=n)["quotes_total"] for n in (0, 1, 2)] == [2, 2, 2]
    assert [q["text"] for q in entity_dossier(store, sergey, quotes=1)["quotes"]] == ["Мы готовы  к переговорам"]
    store.close()
