"""Crash safety of ingest: the real `svodka ingest` (a subprocess, small batches) over the demo corpus
plus generated pages is SIGKILLed at seeded random moments, several times in a row, then run to
the end. The store must then hold what one clean, uninterrupted ingest holds: every accepted
document exactly once (articles, raw bytes, sources, rejected documents), every annotation and
every cross-article link of each article once, and a file that passes SQLite's integrity, foreign
key and FTS5 checks. The state after each kill is checked too (no duplicates, no damage).
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

DEMO = [str(ROOT / "demo" / d) for d in ("text", "html", "jsonl", "warc")]
KILLS = 5
SEED = 20251125
BATCH = "3"

# Generated pages, on purpose unlike each other (they are articles, not one template 40 times).
CITIES = ["Казани", "Перми", "Самаре", "Омске", "Томске", "Твери", "Вологде", "Курске", "Рязани", "Чите"]
TOPICS = [
    ("Общество", "В {city} открыли новую школу на {n} мест",
     "Новая школа на {n} мест открылась в микрорайоне {m}, сообщили в городской администрации.",
     "Строительство обошлось бюджету в {k} миллионов рублей, подрядчик завершил работы на {d} дней раньше срока.",
     "Глава города Олег {surname} пообещал до конца года открыть еще один детский сад."),
    ("Происшествия", "В {city} на складе номер {n} потушили пожар",
     "Пожар на складе номер {n} в промышленной зоне потушили за {d} часа, никто не пострадал, сообщили спасатели.",
     "На место выезжали {k} пожарных расчетов, площадь возгорания составила {m} квадратных метров.",
     "Причины пожара выясняют специалисты, прокуратура начала проверку, заявил Сергей {surname}."),
    ("Экономика", "Завод в {city} увеличил выпуск продукции на {n} процентов",
     "Машиностроительный завод в {city} за квартал увеличил выпуск продукции на {n} процентов.",
     "Директор предприятия Иван {surname} рассказал, что завод получил {k} новых заказов.",
     "В следующем году на заводе планируют создать еще {m} рабочих мест."),
    ("Культура", "В {city} прошел фестиваль уличного театра",
     "Фестиваль уличного театра в {city} собрал {n} участников из {d} регионов.",
     "Зрители увидели {k} спектаклей, лучшим признан коллектив из Новосибирска.",
     "Организатор фестиваля Анна {surname} заявила, что в будущем году он пройдет снова."),
]
SURNAMES = ["Кузнецов", "Орлов", "Лапин", "Егоров", "Соколов", "Волков", "Петров", "Зайцев"]


def write_pages(folder: Path, count: int) -> None:
    """``count`` article pages (text dumps), one page stored twice under two names (one document,
    two sources), and one document that is no article (rejected)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        rubric, title, *paragraphs = TOPICS[n % len(TOPICS)]
        values = dict(city=CITIES[n % len(CITIES)], n=n + 11, m=100 + 7 * n, k=n % 9 + 3, d=n % 5 + 2,
                      surname=SURNAMES[n % len(SURNAMES)])
        text = f" date 2025-{n % 12 + 1:02d}-{n % 27 + 1:02d}  \n{rubric}\n\n{title.format(**values)}\n\n"
        text += "\n\n".join(p.format(**values) for p in paragraphs) + "\n"
        (folder / f"page{n:03d}.txt").write_text(text, encoding="utf-8")
    (folder / "copy-of-page000.txt").write_bytes((folder / "page000.txt").read_bytes())
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 16)


def run_ingest(db: Path, corpus: list[str]) -> subprocess.Popen:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    return subprocess.Popen([sys.executable, "-m", "svodka.cli", "ingest", *corpus, "--db", str(db),
                             "--batch-size", BATCH, "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)


def snapshot(db: Path) -> dict:
    """What the store holds, keyed by content (sha256, source), not by row ids or times."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        q = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
        per_article = {}
        for table in ("entities", "mentions", "quotes", "times", "events", "entity_links", "event_links"):
            for sha, n in q(f"SELECT a.sha256, count(*) FROM {table} t JOIN articles a ON a.pk = t.article "
                            "GROUP BY a.sha256"):
                per_article[(table, sha)] = n
        return {
            "articles": sorted(q("SELECT sha256, id, title, published, site FROM articles")),
            "article_data": q("SELECT count(*) FROM article_data")[0][0],
            "raw": sorted(q("SELECT sha256, size FROM raw")),
            "sources": sorted(q("SELECT sha256, source FROM sources")),
            "rejected": sorted(q("SELECT sha256, source, reason FROM rejected")),
            "search": q("SELECT count(*) FROM search")[0][0],
            "per_article": per_article,
            "linked": sorted(q("SELECT stage, count(*) FROM link_state GROUP BY stage")),
            "stories": q("SELECT count(*) FROM story_articles")[0][0],
            "corpus_entities": sorted(q("SELECT type, name FROM corpus_entities WHERE articles > 0")),
        }
    finally:
        conn.close()


def check_sound(db: Path) -> None:
    """No damage and no document twice, whatever moment the last writer died at."""
    conn = sqlite3.connect(str(db))             # read-write: a killed writer's WAL is recovered here
    try:
        one = lambda sql: conn.execute(sql).fetchone()  # noqa: E731
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO search(search) VALUES('integrity-check')")      # FTS5 index vs content
        assert one("SELECT count(*), count(DISTINCT sha256) FROM articles")[0] == one(
            "SELECT count(DISTINCT sha256) FROM articles")[0]
        assert one("SELECT count(*) FROM articles") == one("SELECT count(*) FROM article_data")
        assert one("SELECT count(*) FROM articles") == one("SELECT count(*) FROM search")
        assert one("SELECT count(*) FROM articles WHERE sha256 NOT IN (SELECT sha256 FROM raw)") == (0,)
        assert one("SELECT count(*) FROM articles WHERE sha256 NOT IN (SELECT sha256 FROM sources)") == (0,)
        assert one("SELECT count(*) FROM (SELECT sha256 FROM rejected WHERE sha256 IS NOT NULL "
                   "GROUP BY sha256 HAVING count(*) > 1)") == (0,)
        assert one("SELECT count(*) FROM rejected r JOIN articles a ON a.sha256 = r.sha256") == (0,)
        # a batch is stored and linked together, or not at all: every article linked once
        for stage in ("entities", "events"):
            assert one(f"SELECT count(*) FROM articles WHERE pk NOT IN "
                       f"(SELECT article FROM link_state WHERE stage = '{stage}')") == (0,), stage
        # every entity linked, but those mentioned only in credits and attributions ("Фото: ТАСС")
        assert one("SELECT count(*) FROM entities e LEFT JOIN entity_links l "
                   "ON l.article = e.article AND l.entity = e.entity WHERE l.corpus IS NULL AND NOT ("
                   "EXISTS (SELECT 1 FROM mentions m WHERE m.article = e.article AND m.entity = e.entity"
                   " AND m.kind IN ('credit', 'attribution')) AND NOT EXISTS (SELECT 1 FROM mentions m"
                   " WHERE m.article = e.article AND m.entity = e.entity"
                   " AND m.kind NOT IN ('credit', 'attribution')))") == (0,)
        assert one("SELECT count(*) FROM entity_links WHERE corpus NOT IN (SELECT id FROM corpus_entities)") == (0,)
        assert one("SELECT count(*) FROM event_links WHERE event NOT IN (SELECT id FROM corpus_events)") == (0,)
        assert one("SELECT count(*) FROM story_articles WHERE story NOT IN (SELECT id FROM stories)") == (0,)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("corpus") / "generated"
    write_pages(folder, 36)
    return DEMO + [str(folder)]


def test_ingest_killed_at_random_moments_stores_each_document_once(tmp_path, corpus):
    clean_db = tmp_path / "clean.db"
    started = time.monotonic()
    clean = run_ingest(clean_db, corpus)
    assert clean.wait(timeout=300) == 0, clean.stdout.read().decode(errors="replace")
    clean_seconds = time.monotonic() - started
    expected = snapshot(clean_db)
    assert len(expected["articles"]) >= 85 and len(expected["rejected"]) == 1
    check_sound(clean_db)

    db = tmp_path / "crashed.db"
    rng = random.Random(SEED)
    killed, stored_after_kill = 0, []
    for _ in range(KILLS):
        stored = stored_after_kill[-1] if stored_after_kill else 0
        left = max(0.1, 1 - stored / len(expected["articles"]))          # a resumed run has less to do
        proc = run_ingest(db, corpus)
        # anywhere in a run: during start-up, reading, the pipeline, a commit or the linking
        deadline = time.monotonic() + rng.uniform(0.05, 0.95) * left * clean_seconds
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait(timeout=60)
        if db.exists():
            check_sound(db)
            stored_after_kill.append(len(snapshot(db)["articles"]))
    assert killed >= KILLS - 1, f"only {killed} of {KILLS} runs were still going when the kill came"
    assert stored_after_kill == sorted(stored_after_kill)              # a kill never loses committed work

    final = run_ingest(db, corpus)
    assert final.wait(timeout=300) == 0, final.stdout.read().decode(errors="replace")
    check_sound(db)
    got = snapshot(db)
    for part in expected:
        assert got[part] == expected[part], part

    again = run_ingest(db, corpus)                                     # and a complete store is left alone
    assert again.wait(timeout=120) == 0
    assert b" 0 new" in again.stdout.read()
    assert snapshot(db) == got

