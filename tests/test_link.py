"""The knowledge base across articles: entities, events, dossiers, timelines — real SQLite files and a
real PostgreSQL server (every test runs on both; PostgreSQL when $SVODKA_TEST_PG names one).

The demo corpus (and the seed page, when ../shared is here) is ingested once for the module through
the whole pipeline (``svodka.ingest``, which links each batch); the namesake rules are checked on
small stores of hand-made articles.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, store_at
from dbfile import database
from svodka import Article, Entity, Event, Mention
from svodka.link import entities, events, update
from svodka.link.dossier import dossier
from svodka.link.names import person_name
from svodka.link.lookup import AmbiguousName, find, resolve
from svodka.edtf import DAY, MONTH, SEASON
from svodka.link.events import span
from svodka.link.timeline import timeline
from svodka.ingest import ingest
from svodka.store import open_store

DEMO = [str(ROOT / "demo" / d) for d in ("text", "html", "jsonl", "warc")]
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "000_68e2d56d0b42af1b.txt"
LINK_TABLES = ("corpus_entities", "corpus_names", "corpus_entity_values", "entity_links", "link_state",
               "corpus_events", "corpus_event_actors", "event_links")
DUSHANBE = ["text/vestnik-dnya/2025-10-09-putin-aliev-dushanbe.txt", "text/perekrestok/2025-10-09-dushanbe-shag-k-primireniyu.txt",
            "html/daily-obzor/2025-10-09-putin-aliev-vstretilis-v-dushanbe.html", "html/yug-telegraf/2025-10-10-vstrecha-v-dushanbe.html",
            "jsonl/wire.jsonl", "warc/crawl.warc.gz"]


def cli(*args: str, db: Path | str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    extra = ["--db", str(db)] if db else []
    return subprocess.run([sys.executable, "-m", "svodka.cli", *args, *extra], capture_output=True, env=env,
                          timeout=300)


def counts(store) -> dict[str, int]:
    with database(store) as db:
        return {t: db.value(f"SELECT count(*) FROM {t}") for t in LINK_TABLES}


@pytest.fixture(scope="module")
def kb(backend, tmp_path_factory, replay_pipeline):
    db = store_at(backend, tmp_path_factory.mktemp("kb"), "kb")
    paths = DEMO + ([str(SEED)] if SEED.exists() else [])
    report = ingest(paths, db, batch_size=16, progress=False,       # four batches: linking resumes three times
                    pipeline=replay_pipeline)
    store = open_store(db)
    yield db, report, store
    store.close()


def links_of(store) -> dict[tuple[str, str], int]:
    """(article id, its entity) → the corpus entity it is linked to."""
    with database(store) as db:
        return {(a, e): c for a, e, c in db.rows(
            "SELECT a.id, l.entity, l.corpus FROM entity_links l JOIN articles a ON a.pk = l.article")}


def seed_pk(store) -> int | None:
    with database(store) as db:
        return db.value("SELECT pk FROM articles WHERE source = :source", source=str(SEED))


# --- the demo corpus ----------------------------------------------------------------------------

def test_every_article_is_linked_once(kb):
    db, report, store = kb
    n = len(store)
    assert report.new == n >= 51
    with database(db) as c:
        check_linked_once(c, n)


def check_linked_once(c, n: int) -> None:
    for stage in ("entities", "events"):
        assert c.value("SELECT count(*) FROM link_state WHERE stage = :stage", stage=stage) == n
        assert c.value("SELECT upto FROM link_marks WHERE stage = :stage", stage=stage) == \
            c.value("SELECT max(pk) FROM articles")
    # every entity is linked but those mentioned only in credits and attributions ("Фото: ТАСС")
    topical = ("SELECT count(*) FROM entities e WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article = e.article"
               " AND m.entity = e.entity AND m.kind IN ('credit', 'attribution')) OR EXISTS (SELECT 1 FROM mentions m"
               " WHERE m.article = e.article AND m.entity = e.entity AND m.kind NOT IN ('credit', 'attribution'))")
    assert c.value("SELECT count(*) FROM entity_links") == c.value(topical)
    assert c.value("SELECT count(*) FROM event_links") == c.value("SELECT count(*) FROM events")
    # the aggregates add up: every mention and every article counted once
    assert c.value("SELECT sum(mentions) FROM corpus_entities") == c.value(
        "SELECT count(*) FROM mentions WHERE kind NOT IN ('credit', 'attribution')")
    assert c.value("SELECT sum(articles) FROM corpus_entities") == \
        c.value("SELECT count(*) FROM (SELECT DISTINCT article, corpus FROM entity_links) AS t")
    assert c.value("SELECT sum(num_articles) FROM corpus_events") == \
        c.value("SELECT count(*) FROM (SELECT DISTINCT article, event FROM event_links) AS t")


def test_aliev_dossier_roles_birth_and_namesakes(kb):
    db, _, store = kb
    result = cli("entity", "Ильхам Алиев", db=db)
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode()
    assert text.startswith("Ильхам Алиев") and "born 1961-12-24" in text and "AZE" in text
    assert "президент Азербайджана" in text
    d = dossier(store, "Ильхам Алиев")
    role = next(r for r in d["roles"] if r["role"] == "президент Азербайджана")
    assert role["first"] == "2025-04-03" and role["last"] >= "2025-12-24" and role["articles"] >= 5
    assert d["born"] == "1961-12-24" and d["country"] == "AZE" and d["articles"] >= 15
    assert {m["month"] for m in d["by_month"]} >= {"2025-04", "2025-10", "2025-12"}
    assert sum(m["mentions"] for m in d["by_month"]) == d["mentions"]
    co = [c["name"] for c in d["co_mentioned"]]
    assert "Владимир Путин" in co[:5]
    assert d["quotes"] and all(q["text"] for q in d["quotes"])
    assert any(e["type"] == "meet" and (e["date"] or "").startswith("2025-10") for e in d["events"])
    # Мехрибан Алиева is someone else: another first name, another gender, another birth date
    m = dossier(store, "Мехрибан Алиева")
    assert m["id"] != d["id"] and m["born"] == "1964-08-26" and m["gender"] == "femn"
    assert any(r["role"].startswith("первый вице-президент") for r in m["roles"])
    assert not any(r["role"].startswith("первый вице-президент") for r in d["roles"])
    # any case form finds them; the surname's form carries the gender
    assert resolve(store, "Алиеву").id == resolve(store, "ильхама алиева").id == d["id"]
    assert resolve(store, "Алиевой").id == resolve(store, "Мехрибан Алиевой").id == m["id"]
    assert resolve(store, "Путина").name == "Владимир Путин"
    assert resolve(store, "России").name == "Россия"
    # the wire's "Путин" and "Алиев" alone are the presidents (unambiguous in the corpus)
    with database(db) as c:
        assert not c.rows("SELECT 1 FROM corpus_entities WHERE type = 'PER' AND first_name IS NULL"
                          " AND last_name IN ('алиев', 'путин')")
    as_json = json.loads(cli("entity", "Алиеву", "--json", db=db).stdout)
    assert as_json["id"] == d["id"] and as_json["roles"] == d["roles"]
    missing = cli("entity", "Никого Такого", db=db)
    assert missing.returncode == 2 and b"no entity" in missing.stderr and b"Traceback" not in missing.stderr


def test_dushanbe_meeting_is_one_event_with_many_sources(kb):
    db, _, store = kb
    with database(db) as c:
        check_dushanbe(c)


def check_dushanbe(c) -> None:
    ev = c.run("SELECT id, cameo, goldstein, quad_class, date, place, num_mentions, num_sources, num_articles"
               " FROM corpus_events WHERE type = 'meet' AND date = '2025-10-09' ORDER BY num_articles DESC").fetchone()
    assert ev is not None
    id_, cameo, gold, quad, when, place, nm, ns, na = ev
    assert place == "Душанбе" and cameo.startswith("04") and quad == 1 and gold is not None
    assert ns >= 5 and na >= 6 and nm >= na
    linked = {r[0] for r in c.rows("SELECT a.source FROM event_links l JOIN articles a ON a.pk = l.article"
                                   " WHERE l.event = :id", id=id_)}
    for page in DUSHANBE:
        assert any(s.split("#")[0].endswith(page) for s in linked), page
    actors = {r[0] for r in c.rows("SELECT c.name FROM corpus_event_actors a JOIN corpus_entities c"
                                   " ON c.id = a.entity WHERE a.event = :id", id=id_)}
    assert actors == {"Владимир Путин", "Ильхам Алиев"}
    # the Aktau crash, recalled in many pages, is one accident
    crash = c.value("SELECT max(num_articles) FROM corpus_events WHERE type = 'accident' AND place = 'Актау'"
                    " AND date LIKE '2024-12%'")
    assert crash >= 5
    # … and the only one: later references to it ("ответственность за крушение под Актау") join it
    assert c.value("SELECT count(*) FROM corpus_events WHERE type = 'accident' AND (place = 'Актау' OR"
                   " date LIKE '2024-12%')") == 1


def test_raid_that_starts_the_crisis_is_on_the_timeline(kb):
    _, _, store = kb
    t = timeline(store, "Россия", "Азербайджан")
    raid = [e for e in t["events"] if e["type"] == "arrest" and (e["date"] or "").startswith("2025-06-2")]
    assert raid and raid[0]["direction"] == "A→B"      # Russian police (in Екатеринбург) → natives of Azerbaijan


def test_timeline_russia_azerbaijan(kb, tmp_path):
    db, _, store = kb
    result = cli("timeline", "Россия", "Азербайджан", "--json", "--plot", str(tmp_path / "ru-az.png"), db=db)
    assert result.returncode == 0, result.stderr.decode()
    t = json.loads(result.stdout)
    assert t["a"]["country"] == "RUS" and t["b"]["country"] == "AZE"
    assert "Владимир Путин" in t["a"]["members"] and "Ильхам Алиев" in t["b"]["members"]
    evs = t["events"]
    call = [e for e in evs if e["type"] == "call" and e["date"] == "2025-12-24"]
    meet = [e for e in evs if e["type"] == "meet" and (e["date"] or "").startswith("2025-10")]
    assert call and meet
    assert all(e["cameo"] and e["goldstein"] is not None and e["modality"] and e["sources"] for e in evs)
    assert any(e["quad_class"] == 4 for e in evs) and any(e["quad_class"] == 1 for e in evs)
    pk = seed_pk(store)
    if pk is not None:                   # the seed's call and its October meeting are in the timeline
        with database(store) as conn:
            seed_events = {r[0] for r in conn.rows("SELECT event FROM event_links WHERE article = :pk", pk=pk)}
            seed_meet = conn.run("SELECT e.date FROM events e WHERE e.article = :pk AND e.type = 'meet'"
                               " AND e.modality = 'fact'", pk=pk).fetchone()
        assert {e["id"] for e in call} & seed_events
        assert {e["id"] for e in meet} & seed_events
        assert seed_meet and seed_meet[0] == "2025-10"
    months = {r["month"]: r for r in t["series"]}
    assert months["2025-07"]["conflict"] > 0 and months["2025-07"]["goldstein_sum"] < 0
    assert months["2025-10"]["cooperation"] > 0 and months["2025-10"]["goldstein_mean"] > 0
    assert list(months) == sorted(months)
    png = tmp_path / "ru-az.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    text = cli("timeline", "России", "Азербайджаном", "--plot", str(tmp_path / "ru-az.svg"), db=db)
    assert text.returncode == 0 and "2025-12-24" in text.stdout.decode() and "month" in text.stdout.decode()
    assert (tmp_path / "ru-az.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    # a person against a country: Путин is Россия's, not Азербайджан's
    assert timeline(store, "Путин", "Азербайджан")["events"]
    assert not timeline(store, "Путин", "Россия")["events"]


def test_relinking_and_reingesting_add_nothing(kb):
    db, _, store = kb
    before = counts(store)
    assert entities.link_new(store) == 0 and events.link_new(store) == 0
    with store.transaction():
        update(store)
    assert counts(store) == before
    result = cli("link", db=db)
    assert result.returncode == 0 and "0 articles newly linked" in result.stdout.decode()
    report = ingest(DEMO, db, progress=False)
    assert report.new == 0 and counts(store) == before


# --- namesakes and the linking rules, on hand-made articles --------------------------------------

def person(id_: str, name: str, *, roles=(), born=None, country=None, kind="name") -> Entity:
    return Entity(id=id_, type="PER", name=name, roles=list(roles), born=born, country=country,
                  mentions=[Mention("lead", 0, len(name), name, kind)])


def article(n: int, day: str, ents: list[Entity], evs: list[Event] = (), site: str = "a.example") -> Article:
    return Article(id=f"t{n}", source=f"t{n}.txt", site=site, published=day, title=f"Статья {n}", sha256=f"{n:064x}",
                   entities=ents, events=list(evs))


def link(store, arts: list[Article]) -> None:
    with store.transaction():
        store.add_articles(arts)
        entities.link_new(store)
        events.link_new(store)


def ids(store, name: str) -> list[int]:
    return [c.id for c in find(store, name)]


def test_bodies_of_different_countries_are_kept_apart(store_url):
    def body(id_: str, country: str | None) -> Entity:
        return Entity(id=id_, type="ORG", name="МИД", country=country, mentions=[Mention("lead", 0, 3, "МИД", "name")])

    store = open_store(store_url)
    link(store, [article(1, "2025-01-10", [body("t1:e1", "RUS")]), article(2, "2025-01-11", [body("t2:e1", "DEU")]),
                 article(3, "2025-01-12", [body("t3:e1", "RUS")]), article(4, "2025-01-13", [body("t4:e1", None)])])
    link_of = links_of(store)
    assert link_of[("t1", "t1:e1")] == link_of[("t3", "t3:e1")] != link_of[("t2", "t2:e1")]
    assert link_of[("t4", "t4:e1")] in (link_of[("t1", "t1:e1")], link_of[("t2", "t2:e1")])
    store.close()


def test_namesakes_are_kept_apart(store_url):
    store = open_store(store_url)
    link(store, [
        article(1, "2025-01-10", [person("t1:e1", "Ильхам Алиев", roles=["президент Азербайджана"], born="1961-12-24",
                                         country="AZE"),
                                  person("t1:e2", "Мехрибан Алиева", roles=["первый вице-президент"], born="1964-08-26")]),
        article(2, "2025-02-10", [person("t2:e1", "Ильхам Алиев", roles=["футболист"], born="1990-05-01")]),
        article(3, "2025-03-10", [person("t3:e1", "Ильхам Алиев", roles=["президент Азербайджана"])]),
        article(4, "2025-04-10", [person("t4:e1", "Ильхам Алиев", born="1961")]),
    ])
    found = find(store, "Ильхам Алиев")
    assert len(found) == 2                           # conflicting birth dates: two people
    by_born = {c.born: c.id for c in found}
    president, player = by_born["1961-12-24"], by_born["1990-05-01"]
    link_of = links_of(store)
    assert link_of[("t3", "t3:e1")] == president    # no birth date: the one sharing the role
    assert link_of[("t4", "t4:e1")] == president    # "1961" agrees with 1961-12-24 only
    assert ids(store, "Мехрибан Алиева") and ids(store, "Мехрибан Алиева")[0] not in (president, player)
    with pytest.raises(AmbiguousName) as err:
        resolve(store, "Ильхам Алиев")
    assert len(err.value.candidates) == 2
    result = cli("entity", "Алиеву", db=store_url)
    assert result.returncode == 2 and "#%d" % president in result.stderr.decode()
    assert dossier(store, f"#{player}")["roles"][0]["role"] == "футболист"
    store.close()


def test_a_surname_alone_links_only_when_unambiguous(store_url):
    store = open_store(store_url)
    summoned = lambda who, n: Event(type="demand", cameo="100", goldstein=-5.0, quad_class=3,  # noqa: E731
                                    source=["МИД"], target=[who], date="2025-01-01", place="Баку")
    mid = lambda n: Entity(id=f"t{n}:e9", type="ORG", name="МИД")                           # noqa: E731
    # a surname before any full name: its own entity for now
    link(store, [article(1, "2025-01-01", [person("t1:e1", "Кравец", kind="surname"), mid(1)], [summoned("Кравец", 1)])])
    assert [c.name for c in find(store, "Кравец")] == ["Кравец"]
    # the full name arrives: the lone surname is merged into it (order does not matter), and the two
    # reports of one event about him become one event
    link(store, [article(2, "2025-01-02", [person("t2:e1", "Сергей Кравец", roles=["посол России"], country="RUS"),
                                           mid(2)], [summoned("Сергей Кравец", 2)], site="b.example")])
    found = find(store, "Кравцу")
    assert len(found) == 1 and found[0].name == "Сергей Кравец" and found[0].articles == 2
    with database(store) as db:
        assert db.value("SELECT count(*) FROM entity_merges") == 1
        assert db.rows("SELECT num_articles, num_sources FROM corpus_events") == [(2, 2)]
    assert dossier(store, "Кравец")["events"][0]["target"] == ["Сергей Кравец"]
    # a second Кравец: a bare surname is now ambiguous, unless its article names one in full
    link(store, [
        article(3, "2025-01-03", [person("t3:e1", "Анна Кравец", roles=["адвокат"])]),
        article(4, "2025-01-04", [person("t4:e1", "Кравец", kind="surname")]),
        article(5, "2025-01-05", [person("t5:e1", "Анна Кравец"), person("t5:e2", "Кравец", kind="surname")]),
        article(6, "2025-01-06", [person("t6:e1", "Кравец", roles=["посол России"])]),
    ])
    link_of = links_of(store)
    sergey, anna = ids(store, "Сергей Кравец")[0], ids(store, "Анна Кравец")[0]
    assert link_of[("t5", "t5:e2")] == anna          # the article's own Анна Кравец
    assert link_of[("t6", "t6:e1")] == sergey        # the role decides
    lone = link_of[("t4", "t4:e1")]
    assert lone not in (sergey, anna)                # no guess
    with database(store) as db:
        assert db.rows("SELECT name, first_name FROM corpus_entities WHERE id = :id", id=lone) == [("Кравец", None)]
    # first name and patronymic: the person of that first name the article names in full
    link(store, [article(7, "2025-01-07", [person("t7:e1", "Сергей Кравец"), person("t7:e2", "Сергей Петрович")])])
    assert ids(store, "Сергею Петровичу") == [sergey]
    store.close()


def test_events_link_across_articles_by_date_precision(store_url):
    store = open_store(store_url)
    putin = lambda n: person(f"t{n}:e1", "Владимир Путин", country="RUS")          # noqa: E731
    aliev = lambda n: person(f"t{n}:e2", "Ильхам Алиев", country="AZE")            # noqa: E731
    ru = lambda n: Entity(id=f"t{n}:e3", type="LOC", name="Россия", country="RUS")  # noqa: E731
    az = lambda n: Entity(id=f"t{n}:e4", type="LOC", name="Азербайджан", country="AZE")  # noqa: E731

    def meet(when, source=("Владимир Путин",), target=("Ильхам Алиев",), place="Душанбе", modality="fact"):
        return Event(type="meet", cameo="040", goldstein=1.0, quad_class=1, source=list(source), target=list(target),
                     date=when, place=place, modality=modality,
                     evidence=[Mention("lead", 0, 5, "x", "sentence"), Mention("body[0]", 0, 5, "x", "sentence")])

    link(store, [
        article(1, "2025-10-09", [putin(1), aliev(1)], [meet("2025-10-09")], site="a.example"),
        article(2, "2025-10-10", [putin(2), aliev(2)], [meet("2025-10-10", place="Таджикистан")], site="b.example"),
        article(3, "2025-12-24", [putin(3), aliev(3)], [meet("2025-10")], site="b.example"),
        article(4, "2025-10-09", [ru(4), az(4)], [meet("2025-10-09", ["Россия"], ["Азербайджан"], None)], site="c.example"),
        article(5, "2026-01-10", [putin(5), aliev(5)], [meet("2025-10-12")], site="d.example"),        # 3 days off
        article(6, "2025-10-09", [putin(6), aliev(6)], [meet("2025-10-20", modality="intent")], site="e.example"),
    ])
    with database(store) as db:
        rows = db.rows(f"SELECT e.id, e.date, e.place, e.num_sources, e.num_articles, e.num_mentions, e.polarity,"
                       f" {db.group_concat('a.id')} FROM corpus_events e JOIN event_links l ON l.event = e.id"
                       " JOIN articles a ON a.pk = l.article GROUP BY e.id ORDER BY e.id")
    main = rows[0]
    assert main[1:7] == ("2025-10-09", "Душанбе", 3, 4, 8, "") and set(main[7].split(",")) == {"t1", "t2", "t3", "t4"}
    assert [r[7] for r in rows[1:]] == ["t6", "t5"] and rows[1][6] == "~"       # linked by date: t5 is last
    # a month that fits two meetings is no guess
    link(store, [article(7, "2025-10-30", [putin(7), aliev(7)], [meet("2025-10")], site="f.example")])
    with database(store) as db:
        assert db.value("SELECT count(*) FROM corpus_events") == 4
    t = timeline(store, "Россия", "Азербайджан")
    assert [e["date"] for e in t["events"]] == ["2025-10", "2025-10-09", "2025-10-12", "2025-10-20"]
    assert [e["direction"] for e in t["events"]] == ["A—B"] * 4
    assert [(r["month"], r["events"], r["goldstein_sum"]) for r in t["series"]] == [("2025-10", 4, 4.0)]
    store.close()


def test_date_spans():
    assert span("2025-10-09").precision == DAY and span("2025-10").precision == MONTH
    assert span("2025-22").precision == SEASON and str(span("2025-24").hi) == "2026-02-28"
    assert span("2025-10-09").agrees(span("2025-10-10")) and not span("2025-10-09").agrees(span("2025-10-11"))
    assert span("2025-10").agrees(span("2025-10-31")) and not span("2025-10").agrees(span("2025-11-01"))
    assert span("2025-22").agrees(span("2025-07")) and not span("2025-22").agrees(span("2025-10-09"))
    assert span("2025").agrees(span("2025-12-24")) and span("../2025-07-17").agrees(span("2025-07-01"))
    assert span(None, "2025-12-24T10:00:00") == span("2025-12-24") and span(None) is None
    assert person_name("Ильхам Гейдарович Алиев").patronymic == "гейдарович"
    assert person_name("Роман Абрамович").last == "абрамович"
    assert person_name("Мехрибан Алиева").gender == "femn" and person_name("Ильхам Алиев").gender == "masc"


def test_an_undated_report_joins_the_one_event_before_its_article(store_url):
    store = open_store(store_url)
    aktau = lambda n: Entity(id=f"t{n}:e1", type="LOC", name="Актау", country="KAZ")   # noqa: E731

    def crash(when):
        return Event(type="accident", source=[], target=[], date=when, place="Актау", modality="fact",
                     evidence=[Mention("body[0]", 0, 5, "x", "sentence")])

    link(store, [article(1, "2024-12-26", [aktau(1)], [crash("2024-12-25")]),
                 article(2, "2025-04-03", [aktau(2)], [crash(None)], site="b.example"),
                 article(3, "2023-01-10", [aktau(3)], [crash(None)], site="c.example")])
    with database(store) as db:
        rows = db.rows(f"SELECT e.date, {db.group_concat('a.id')} FROM corpus_events e JOIN event_links l"
                       " ON l.event = e.id JOIN articles a ON a.pk = l.article GROUP BY e.id ORDER BY e.id")
    # the April reference joins the December crash; one from before the crash cannot be it and gets no date
    assert rows[0][0] == "2024-12-25" and set(rows[0][1].split(",")) == {"t1", "t2"}
    assert rows[1] == (None, "t3")
    store.close()


def test_story_event_coverage(kb):
    from svodka.eval.coverage import coverage

    _, _, store = kb
    got = coverage(store)
    # the demo's two big stories (the Dushanbe meeting, the birthday call) are each one corpus event
    assert got["stories"] >= 2 and got["coverage"] >= 0.8 and got["events_per_article"] > 0


def test_reports_of_one_act_by_a_body_its_head_or_unnamed_officers_are_one_event(store_url):
    """One outlet names the ministry, another its minister (whose role names it); one names unnamed
    investigators, another the investigative body of that country; one tells who detained, another whom."""
    store = open_store(store_url)
    ministry = lambda n: Entity(id=f"t{n}:e1", type="ORG", name="Минфин", country="EST")          # noqa: E731
    fund = lambda n: Entity(id=f"t{n}:e2", type="ORG", name="Балтнефть")                           # noqa: E731
    minister = lambda n: person(f"t{n}:e3", "Карл Таммик", roles=["глава Минфина Эстонии"], country="EST")  # noqa: E731
    committee = lambda n: Entity(id=f"t{n}:e4", type="ORG", name="Следственный комитет", country="RUS")  # noqa: E731
    other_body = lambda n: Entity(id=f"t{n}:e5", type="ORG", name="Минобороны", country="EST")     # noqa: E731

    def ev(type_, cameo, source, target, place=None):
        return Event(type=type_, cameo=cameo, source=list(source), target=list(target), date="2025-03-14",
                     place=place, evidence=[Mention("lead", 0, 5, "x", "sentence")])

    day = "2025-03-14"
    link(store, [
        article(1, day, [ministry(1), fund(1)], [ev("reject", "120", ["Минфин"], ["Балтнефть"])], site="a.example"),
        article(2, day, [minister(2), fund(2)], [ev("reject", "120", ["Карл Таммик"], ["Балтнефть"])], site="b.example"),
        article(3, day, [other_body(3), fund(3)], [ev("reject", "120", ["Минобороны"], ["Балтнефть"])], site="c.example"),
        article(4, day, [], [ev("investigate", "091", ["следователи"], [], "Москва")], site="a.example"),
        article(5, day, [committee(5)], [ev("investigate", "091", ["Следственный комитет"], [], "Москва")],
                site="b.example"),
        article(6, day, [], [ev("arrest", "173", ["полиция"], [], "Таллин")], site="a.example"),
        article(7, day, [], [ev("arrest", "173", [], ["участники акции протеста"], "Таллин")], site="b.example"),
        article(8, day, [], [ev("arrest", "173", [], ["участники протестов"], "Таллин")], site="c.example"),
        article(9, day, [], [ev("arrest", "173", [], ["участники протестов"], "Тарту")], site="d.example"),
    ])
    with database(store) as db:
        rows = db.rows(f"SELECT e.type, {db.group_concat('a.id')} FROM corpus_events e JOIN event_links l"
                       " ON l.event = e.id JOIN articles a ON a.pk = l.article GROUP BY e.id ORDER BY e.id")
    groups = sorted((t, tuple(sorted(a.split(",")))) for t, a in rows)
    assert groups == [("arrest", ("t6", "t7", "t8")), ("arrest", ("t9",)), ("investigate", ("t4", "t5")),
                      ("reject", ("t1", "t2")), ("reject", ("t3",))]
    store.close()
