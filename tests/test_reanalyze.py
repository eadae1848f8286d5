"""`svodka reanalyze`: a store re-analysed from the raw input it keeps — real stores (SQLite files and,
with $SVODKA_TEST_PG, PostgreSQL), real ingests, the real pipeline, the command line in a subprocess.

The corpus is a few pages written for these tests, one of each input form whose hints the re-analysis
must give again: a text dump (date header), an HTML file (its own date), two JSONL lines (id, url and
date in the line) and a WARC record in cp1251 (url, date and charset in the headers only).
"""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zlib
from dataclasses import replace as copy_of
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dbfile import database
from svodka import Article, Entity, Mention
from svodka.reanalyze import reanalyze
from svodka.ingest import ingest
from svodka.store import DB_SCHEMA_VERSION as SCHEMA_VERSION, open_store
from svodka.store.schema import MIGRATIONS, migration
from svodka.store.schema_link import MENTION_FORMS
from svodka.export import export
from svodka.reanalyze import replace, stored

TEXT = """ date 2025-03-14  Главная
Политика

Москва ответила Баку на ноту протеста

Министерство иностранных дел России в пятницу ответило на ноту протеста, которую накануне вручил посольству МИД Азербайджана.

Официальный представитель МИД России Мария Захарова сообщила журналистам, что Москва ответила Баку в установленный срок. «Мы открыты к диалогу и ждем ответных шагов», — сказала Захарова.

Президент Азербайджана Ильхам Алиев провел в Баку совещание, посвященное отношениям с Россией.

Владимир Путин обсудил ситуацию с постоянными членами Совета безопасности.
"""

HTML = """<!doctype html><html><head><meta charset="utf-8"><title>В Казани открыли новый мост — Вести Поволжья</title>
<meta property="article:published_time" content="2025-03-12T10:00:00+03:00"></head>
<body><nav>Главная | Город | Экономика</nav><h1>В Казани открыли новый мост через Казанку</h1>
<p>Мэр Казани Ильсур Метшин открыл во вторник новый мост через реку Казанку, строительство которого заняло два года.</p>
<p>Президент Татарстана Рустам Минниханов поблагодарил строителей и отметил, что мост разгрузит центр города.</p>
<p>По словам Метшина, движение по мосту для всех автомобилей откроют уже в апреле.</p>
<footer>© Вести Поволжья</footer></body></html>"""

WIRE = [
    {"id": "wire-0001", "url": "https://wire.example/ru/2025/03/16/putin-aliev", "date": "2025-03-16",
     "text": "Путин и Алиев обсудили по телефону отношения двух стран\n\n"
             "Президент России Владимир Путин провел телефонный разговор с президентом Азербайджана Ильхамом "
             "Алиевым, сообщила пресс-служба Кремля.\n\n"
             "Стороны обсудили отношения Москвы и Баку и договорились продолжить контакты. Алиев поблагодарил "
             "Путина за поздравления с праздником."},
    {"id": "wire-0002", "url": "https://wire.example/ru/2025/03/17/perm-snow", "date": "2025-03-17",
     "text": "В Перми ожидается сильный снегопад\n\n"
             "Синоптики Пермского края предупредили о сильном снегопаде, который начнется в ночь на вторник.\n\n"
             "Водителей просят без необходимости не выезжать на личном транспорте и не парковаться под деревьями."},
]

WARC_PAGE = """<html><head><title>Захарова прокомментировала заявление Баку</title></head><body>
<h1>Захарова прокомментировала заявление Баку</h1>
<p>Официальный представитель МИД России Мария Захарова прокомментировала заявление МИД Азербайджана о задержании российских граждан.</p>
<p>«Мы рассчитываем на скорейшее освобождение наших соотечественников», — заявила Захарова на брифинге в Москве.</p>
<p>Ранее Баку сообщил о задержании нескольких граждан России в рамках уголовного дела.</p>
</body></html>"""
WARC_URL = "https://news.example.ru/2025/03/15/zakharova"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "moskva.txt").write_text(TEXT, encoding="utf-8")
    (folder / "kazan.html").write_text(HTML, encoding="utf-8")
    (folder / "wire.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in WIRE),
                                       encoding="utf-8")
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=windows-1251")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        WARC_URL, "response", payload=io.BytesIO(WARC_PAGE.encode("cp1251")), http_headers=http,
        warc_headers_dict={"WARC-Date": "2025-03-15T09:30:00Z"}))
    (folder / "crawl.warc.gz").write_bytes(out.getvalue())
    return [str(folder / name) for name in ("moskva.txt", "kazan.html", "wire.jsonl", "crawl.warc.gz")]


def cli(*args: str, db: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    return subprocess.run([sys.executable, "-m", "svodka.cli", *args, "--db", db], capture_output=True, env=env,
                          timeout=600)


def snapshot(store) -> dict:
    """Everything a re-analysis with the same svodka must give again (corpus ids aside: given anew)."""
    with database(store) as c:
        return {
            "articles": c.rows("SELECT pk, id, sha256, source, url, site, published, rubric, title, lead, encoding,"
                               " layout, ingested FROM articles ORDER BY pk"),
            "data": {pk: json.loads(d) for pk, d in c.rows("SELECT pk, data FROM article_data")},
            "counts": store.counts(),
            "mentions": sorted(c.rows("SELECT article, entity, field, start, stop, text, kind, normal, stands_for"
                                      " FROM mentions"), key=repr),
            "corpus": sorted(c.rows("SELECT type, name, mentions, articles FROM corpus_entities")),
            "events": c.rows("SELECT count(*), sum(num_articles) FROM corpus_events"),
            "links": [c.value(f"SELECT count(*) FROM {t}")
                      for t in ("entity_links", "event_links", "link_state", "story_articles")],
            "stories": sorted(r[0] for r in c.rows("SELECT size FROM stories")),
        }


def make_older(store_url: str) -> None:
    """The store as a svodka before mentions had ``normal`` and ``stands_for`` left it."""
    with database(store_url) as c:
        for pk, data in c.rows("SELECT pk, data FROM article_data"):
            d = json.loads(data)
            for m in [m for e in d["entities"] for m in e["mentions"]] + [m for v in d["events"] for m in v["evidence"]]:
                m.pop("normal", None)
                m.pop("stands_for", None)
            c.run("UPDATE article_data SET data = :data WHERE pk = :pk",
                  data=json.dumps(d, ensure_ascii=False, separators=(",", ":")), pk=pk)
        c.run("ALTER TABLE mentions DROP COLUMN stands_for")
        c.run("ALTER TABLE mentions DROP COLUMN normal")
        # the steps after it have not run yet either: their tables go
        older = MIGRATIONS.index(MENTION_FORMS)
        later = [sql for step in range(older + 1, SCHEMA_VERSION) for sql in migration(step, c.backend)]
        created = [m.group(1) for m in (re.match(r"\s*CREATE TABLE (\w+)", sql) for sql in later) if m]
        for table in reversed(created):
            c.run(f"DROP TABLE {table}")
        for m in (re.match(r"\s*ALTER TABLE (\w+) ADD COLUMN (\w+)", sql) for sql in later):
            if m and m.group(1) not in created:              # a column a later step added to an older table
                c.run(f"ALTER TABLE {m.group(1)} DROP COLUMN {m.group(2)}")
        for m in (re.match(r"\s*CREATE INDEX (\w+) ON (\w+)", sql) for sql in later):
            if m and m.group(2) not in created:              # an index a later step put on an older table
                c.run(f"DROP INDEX {m.group(1)}")
        c.run("UPDATE meta SET value = :v WHERE key = 'schema_version'", v=str(older))


def test_an_older_store_gets_the_new_annotations_in_place(corpus, store_url, tmp_path):
    report = ingest(corpus, store_url, progress=False)
    assert (report.new, report.rejected) == (5, 0)
    with open_store(store_url) as store, database(store_url) as db:
        before = snapshot(store)
        named = db.value("SELECT count(*) FROM mentions WHERE normal IS NOT NULL")
        assert named > 0 and before["corpus"] and before["links"][0] > 0
    make_older(store_url)
    with open_store(store_url) as store, database(store_url) as db:    # migrated on open: the columns are back, empty
        assert store.schema_version == SCHEMA_VERSION
        assert db.rows("SELECT count(*), count(normal), count(stands_for) FROM mentions") == \
            [(before["counts"]["mentions"], 0, 0)]

    result = cli("reanalyze", "--no-progress", db=store_url)
    assert result.returncode == 0, result.stderr.decode()
    summary = result.stdout.decode()
    assert "5 articles: 5 re-analysed (5 changed), 0 failed" in summary and "linked anew" in summary

    with open_store(store_url) as store, database(store_url) as db:
        after = snapshot(store)
        for part in before:                 # the same pks, ids, hashes, hints, JSON, rows, links as a fresh ingest
            assert after[part] == before[part], part
        assert db.value("SELECT count(normal) FROM mentions") == named
        wire = store.article("wire-0001")                           # JSONL: id, url and date from the line
        assert (wire.url, wire.published) == (WIRE[0]["url"], "2025-03-16")
        warc = db.rows("SELECT url, site, published, encoding FROM articles WHERE source LIKE :s",
                       s="%crawl.warc.gz#%")                       # WARC: from the headers; the site: the URL's registrable domain
        assert warc == [(WARC_URL, "example.ru", "2025-03-15", "cp1251")]
        assert store.search("Захаровой")                            # the lemma index still answers
        written = export(store, "csv", tmp_path / "out")
        assert written["mentions.csv"] == before["counts"]["mentions"]
    header, *rows = (tmp_path / "out" / "mentions.csv").read_text(encoding="utf-8").splitlines()
    assert header == "article,entity,field,start,stop,text,kind,normal,stands_for"
    assert sum(1 for r in rows if not r.endswith(",,")) > 0


def test_what_fails_now_is_kept_as_it_was_and_reported(corpus, store_url, capsys):
    from svodka.cli import main

    ingest(corpus, store_url, progress=False)
    with database(store_url) as c:
        rows = {Path(source.split("#")[0]).name + ("#2" if source.endswith("#L2") else ""): (pk, sha, source)
                for pk, sha, source in c.rows("SELECT pk, sha256, source FROM articles")}
        empty, gone = rows["kazan.html"], rows["wire.jsonl#2"]
        c.run("UPDATE raw SET data = :data WHERE sha256 = :sha", data=zlib.compress(b"   \n"), sha=empty[1])
        c.run("DELETE FROM raw WHERE sha256 = :sha", sha=gone[1])
        c.run("UPDATE mentions SET normal = NULL")
        kept = {pk: c.value("SELECT data FROM article_data WHERE pk = :pk", pk=pk) for pk in (empty[0], gone[0])}

    assert main(["reanalyze", "--db", store_url, "--no-progress"]) == 0
    out, err = capsys.readouterr()
    assert f"svodka: {empty[2]}: empty document (kept as it was)" in err
    assert f"svodka: {gone[2]}: its raw input is not kept (kept as it was)" in err
    assert "5 articles: 3 re-analysed (0 changed), 2 failed and kept as they were" in out

    with database(store_url) as c:
        for pk, data in kept.items():
            assert c.value("SELECT data FROM article_data WHERE pk = :pk", pk=pk) == data
            assert c.value("SELECT count(normal) FROM mentions WHERE article = :pk", pk=pk) == 0
        assert c.value("SELECT count(normal) FROM mentions WHERE article NOT IN (:a, :b)", a=empty[0], b=gone[0]) > 0
        linked = {r[0] for r in c.rows("SELECT article FROM link_state WHERE stage = 'entities'")}
        assert linked == {pk for pk, _, _ in rows.values()}      # every article linked again, failed ones too


def test_a_changed_text_is_indexed_anew_and_input_never_kept_is_reported(store_url):
    article = Article(id="s1", source="synthetic", published="2025-01-10", title="Снегопад в Тюмени",
                      body=["Дороги Тюмени замело снегом за одну ночь."],
                      entities=[Entity("s1:e1", "LOC", "Тюмень",
                                       mentions=[Mention("title", 11, 17, "Тюмени", "name", normal="Тюмень")])])
    with open_store(store_url) as store:
        assert store.add_articles([article]) == 1               # no raws: as a caller without a pipeline stores
        with database(store_url) as db:
            pk = db.value("SELECT pk FROM articles")
        [item] = stored(store)
        assert item.data is None and item.pk == pk
        assert [h.id for h in store.search("Тюмени")] == ["s1"]

        new = copy_of(article, title="Ледоход в Томске", body=["Лед на реке Томи тронулся в среду."], entities=[])
        assert replace(store, [(item, new)]) == 1
        assert store.search("Тюмени") == [] and [h.id for h in store.search("Томске")] == ["s1"]
        with database(store_url) as db:
            assert db.rows("SELECT pk, id, title FROM articles") == [(pk, "s1", "Ледоход в Томске")]
            if db.backend == "sqlite":
                db.run("INSERT INTO search (search) VALUES ('integrity-check')")
        assert store.article("s1").title == "Ледоход в Томске" and store.article("s1").sha256 == item.sha256
        assert {t: n for t, n in store.counts().items() if n} == {"articles": 1, "article_data": 1, "sources": 1,
                                                                   "search": 1}

        report = reanalyze(store, progress=False)
        assert report.failed == [("s1", "synthetic", "its raw input is not kept")]
        assert (report.articles, report.reanalyzed, report.corpus_entities) == (1, 0, 0)
        assert store.article("s1").title == "Ледоход в Томске"
