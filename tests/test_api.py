"""The REST API and the pages over a real store (the demo corpus, the seed, hostile pages), through
FastAPI's TestClient (httpx): every endpoint, its filters and pages, and bad parameters → 4xx with a
clear message, never a 500. The store is built once per backend: a SQLite file, and a PostgreSQL
store when $SVODKA_TEST_PG names a server.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

with warnings.catch_warnings():                 # starlette's note on its httpx client
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from conftest import ROOT, SEED, store_at  # noqa: E402
from dbfile import database  # noqa: E402
from svodka.ingest import ingest  # noqa: E402
from svodka.store import open_store  # noqa: E402

DEMO = [str(ROOT / "demo" / d) for d in ("text", "html", "jsonl", "warc")]
SEED_ID = "1115e92010d957e0"

HOSTILE_TXT = """ date 2025-12-20  
Политика

Алиев <script>window.__pwned = 1</script> провел встречу в Баку

Президент Азербайджана Ильхам Алиев провел встречу <img src=x onerror="window.__pwned = 2"> с делегацией в Баку, сообщила пресс-служба.

Встреча прошла в рабочем режиме, стороны обсудили сотрудничество <a href="javascript:window.__pwned = 3">подробнее</a> в сфере энергетики и транспорта.

По итогам переговоров было подписано соглашение <script>document.body.dataset.pwned = "yes"</script> о сотрудничестве на ближайшие годы.

«Мы довольны результатами», — заявил Ильхам Алиев журналистам после встречи <svg onload="window.__pwned = 5"></svg>.
"""
HOSTILE_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>&lt;script&gt;window.__pwned=6&lt;/script&gt; Песков прокомментировал переговоры</title>
<link rel="canonical" href="javascript:window.__pwned=7"></head><body>
<h1>&lt;script&gt;window.__pwned=6&lt;/script&gt; Песков прокомментировал переговоры</h1>
<p>Пресс-секретарь президента России Дмитрий Песков заявил, что переговоры прошли конструктивно &lt;img src=x onerror="window.__pwned=9"&gt; и в теплой атмосфере.</p>
<p>По его словам, стороны договорились продолжить контакты <a href="javascript:window.__pwned=10">в ближайшее время</a>, а также обсудили вопросы торговли и транспорта.</p>
<p>Ранее в Кремле сообщали о подготовке визита, который должен состояться в начале следующего года &lt;script&gt;window.__pwned=11&lt;/script&gt;.</p>
</body></html>
"""
HOSTILE_TEXT_JSONL = ("Политика\n\nМИД <script>window.__pwned=12</script> ответил на заявление\n\n"
                      "Официальный представитель МИД России заявила журналистам, что ведомство изучит заявление и ответит "
                      "в ближайшее время.\n\nПо ее словам, позиция министерства остается неизменной, а консультации с "
                      "партнерами продолжатся на следующей неделе.\n\nРанее стороны провели несколько раундов переговоров "
                      "по вопросам транспорта и торговли между странами региона.\n")
HOSTILE_TITLES = ("Алиев <script>", "<script>window.__pwned=6</script> Песков", "МИД <script>")


def write_hostile(folder: Path) -> list[str]:
    """Pages whose title and body carry <script>, event handlers and javascript: links (and one
    document that is no article), as a text dump, an HTML page and a JSONL line with a javascript: URL."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (folder / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (folder / "hostile.jsonl").write_text(json.dumps(
        {"id": "hostile-jsonl", "url": "javascript:window.__pwned=13", "date": "2025-12-21", "text": HOSTILE_TEXT_JSONL},
        ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 20)
    return [str(folder)]


def build_store(folder: Path, db: Path | str | None = None, pipeline=None, pages: Path | None = None) -> Path | str:
    """The demo corpus, the seed (when ../shared is here) and the hostile pages (written to ``pages``,
    else into ``folder``), ingested (into a SQLite file in ``folder`` unless ``db`` says where)."""
    db = db or folder / "serve.db"
    paths = DEMO + write_hostile(pages or folder / "hostile") + ([str(SEED)] if SEED.exists() else [])
    report = ingest(paths, db, progress=False, pipeline=pipeline)
    assert report.new >= 54 and report.rejected == 1, report
    return db


@pytest.fixture(scope="module")
def db(backend, tmp_path_factory, replay_pipeline) -> Path | str:
    folder = tmp_path_factory.mktemp("serve")
    pages = tmp_path_factory.getbasetemp() / "serve-hostile"        # one input for both backends
    return build_store(folder, store_at(backend, folder, "serve"), replay_pipeline, pages)


@pytest.fixture(scope="module")
def client(db):
    from svodka.serve import create_app

    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def store(db):
    s = open_store(db)
    yield s
    s.close()


def ok(response, status: int = 200):
    assert response.status_code == status, (response.status_code, response.text[:500])
    return response.json() if "json" in response.headers.get("content-type", "") else response.text


def bad(response, status: int | tuple = (400, 422), *words: str) -> dict:
    """A 4xx JSON error with a one-line message that names what was wrong."""
    statuses = status if isinstance(status, tuple) else (status,)
    assert response.status_code in statuses, (response.status_code, response.text[:500])
    body = response.json()
    assert isinstance(body.get("error"), str) and body["error"] and "\n" not in body["error"]
    assert "Traceback" not in response.text
    for w in words:
        assert w in body["error"], (w, body["error"])
    return body


def demo_article(store) -> str:
    """Without the seed: the best "Алиеву" hit that names Ильхам Алиев and has quotes and events."""
    for hit in store.search("Алиеву", limit=20):
        art = store.article(hit.id)
        if art.quotes and art.events and any(e.name == "Ильхам Алиев" for e in art.entities):
            return hit.id
    raise AssertionError("no demo article names Ильхам Алиев with quotes and events")


def hostile_ids(store) -> dict[str, str]:
    out = {}
    for prefix in HOSTILE_TITLES:
        with database(store) as db:
            found = db.value("SELECT id FROM articles WHERE title LIKE :t", t=prefix + "%")
        assert found, prefix
        out[prefix] = found
    return out


# --- stats and articles -------------------------------------------------------------------------

def test_stats(client, store):
    s = ok(client.get("/api/stats"))
    counts = store.counts()
    assert s["articles"] == counts["articles"] == len(store)
    assert s["rejected"] == 1 and s["quotes"] == counts["quotes"] and s["events"] == counts["events"]
    assert s["mentions"] == counts["mentions"]
    assert set(s["entities_by_type"]) == {"PER", "ORG", "LOC"} and s["entities"] == sum(s["entities_by_type"].values())
    assert s["first_published"] <= s["last_published"]
    assert sum(s["events_by_type"].values()) == s["events"]
    assert 0 < s["corpus_events"] < s["events"]                  # reports of one event are one corpus event
    top = s["top_entities"]
    assert top["month"] == s["last_published"][:7]
    assert "Ильхам Алиев" in [e["name"] for e in top["PER"]]


def test_articles_list_with_filters_and_pages(client, store):
    first = ok(client.get("/api/articles", params={"limit": 5}))
    assert first["total"] == len(store) and len(first["items"]) == 5 and first["next_offset"] == 5
    dates = [h["published"] or "" for h in first["items"]]
    assert dates == sorted(dates, reverse=True)
    second = ok(client.get("/api/articles", params={"limit": 5, "offset": 5}))
    assert not {h["id"] for h in first["items"]} & {h["id"] for h in second["items"]}
    assert set(first["items"][0]) >= {"id", "sha256", "title", "published", "site", "rubric", "url", "snippet"}
    last = ok(client.get("/api/articles", params={"limit": 100}))
    assert len(last["items"]) == last["total"] and last["next_offset"] is None
    site = ok(client.get("/api/articles", params={"site": "www.daily-obzor.example", "limit": 100}))
    assert site["total"] == 6 and all(h["site"] == "daily-obzor.example" for h in site["items"])
    dec = ok(client.get("/api/articles", params={"from": "2025-12-01", "to": "2025-12-24", "limit": 100}))
    assert dec["items"] and all("2025-12-01" <= h["published"] <= "2025-12-24" for h in dec["items"])
    assert dec["total"] == len(dec["items"])
    who = ok(client.get("/api/articles", params={"entity": "Ильхам Алиев", "rubric": "политика", "limit": 100}))
    assert who["items"] and all(h["rubric"] == "Политика" for h in who["items"])


@pytest.mark.parametrize("params, status, word", [
    ({"limit": 0}, 422, "limit"), ({"limit": 101}, 422, "limit"), ({"limit": "ten"}, 422, "limit"),
    ({"offset": -1}, 422, "offset"), ({"offset": 10**9}, 422, "offset"),
    ({"from": "вчера"}, 400, "date"), ({"to": "2025-02-30"}, 400, "date"),
    ({"from": "2025-12-01", "to": "2025-01-01"}, 400, "range"), ({"from": "2025-01-01-01-01"}, 422, "from"),
    ({"site": "x" * 300}, 422, "site"),
])
def test_articles_bad_parameters(client, params, status, word):
    bad(client.get("/api/articles", params=params), status, word)


def test_one_article_with_every_annotation(client, store):
    any_id = store.search("", limit=1)[0].id
    wanted = SEED_ID if SEED.exists() else any_id
    art = ok(client.get(f"/api/articles/{wanted}"))
    assert art == store.article_dict(wanted)                    # the CLI's `show --json`
    assert {"entities", "quotes", "times", "events", "body", "title"} <= set(art)
    if SEED.exists():
        alijev = next(e for e in art["entities"] if e["name"] == "Ильхам Алиев")
        assert "президент Азербайджана" in alijev["roles"] and alijev["born"] == "1961-12-24" and alijev["mentions"]
        assert art["quotes"] and art["events"] and art["times"]
    by_sha = ok(client.get(f"/api/articles/{art['sha256']}"))
    assert by_sha["id"] == art["id"]
    sources = ok(client.get(f"/api/articles/{wanted}/sources"))
    assert sources["sources"] == store.sources(wanted)
    raw = client.get(f"/api/articles/{wanted}/raw")
    assert raw.status_code == 200 and raw.content == store.raw(wanted)
    assert raw.headers["content-type"] == "application/octet-stream"
    assert raw.headers["content-disposition"].startswith("attachment")
    story = client.get(f"/api/articles/{wanted}/story")
    assert story.status_code in (200, 404)
    if story.status_code == 200:
        assert wanted in [a["id"] for a in story.json()["articles"]]
    for path in ("/api/articles/no-such-article", "/api/articles/no-such/raw", "/api/articles/no-such/story",
                 "/api/articles/no-such/sources"):
        bad(client.get(path), 404, "no-such")
    bad(client.get("/api/articles/" + "a" * 200), 422)


# --- search ----------------------------------------------------------------------------------------

def test_search_with_snippets_facets_and_pages(client, store):
    found = ok(client.get("/api/search", params={"q": "Алиеву", "limit": 5, "facets": "true"}))
    assert found["query"] == "Алиеву" and len(found["items"]) == 5 and found["next_offset"] == 5
    for hit in found["items"]:
        assert hit["highlights"] and all(hit["snippet"][s:e].startswith("Алиев") for s, e in hit["highlights"])
    assert [h["id"] for h in found["items"]] == [h.id for h in store.search("Алиеву", limit=5)]
    more = ok(client.get("/api/search", params={"q": "Алиеву", "limit": 5, "offset": 5}))
    assert not {h["id"] for h in found["items"]} & {h["id"] for h in more["items"]} and "facets" not in more
    facets = found["facets"]
    every = store.search("Алиеву", limit=1000)
    assert facets["matches"] == len(every) and not facets["capped"]
    assert sum(f["count"] for f in facets["month"]) == sum(1 for h in every if h.published)
    assert any(f["value"] == "most-news.example" for f in facets["site"])
    assert facets["entity"][0]["count"] >= facets["entity"][-1]["count"]
    assert any(f["value"] == "Ильхам Алиев" for f in facets["entity"])
    narrowed = ok(client.get("/api/search", params={"q": "Алиеву", "site": "most-news.example", "from": "2025-12-01",
                                                     "limit": 100}))
    assert narrowed["items"] and all(h["site"] == "most-news.example" and h["published"] >= "2025-12-01"
                                     for h in narrowed["items"])
    empty = ok(client.get("/api/search", params={"q": "снегопад", "from": "2025-06-01", "to": "2025-06-30"}))
    assert empty["items"] == [] and empty["next_offset"] is None


@pytest.mark.parametrize("q", ['"', "*", "NEAR(", "'; DROP TABLE articles; --", "OR", "AND OR NOT", "a:b",
                               "title:путин", "(", "\\", "\x00", "<script>alert(1)</script>", "%", "_"])
def test_search_hostile_queries_never_fail(client, q):
    found = ok(client.get("/api/search", params={"q": q, "facets": "1"}))
    assert isinstance(found["items"], list)


def test_search_bad_parameters(client):
    bad(client.get("/api/search", params={"q": "x" * 501}), 422, "q")
    bad(client.get("/api/search", params={"q": "Алиев", "from": "2025-13-01"}), 400, "date")
    bad(client.get("/api/search", params={"q": "Алиев", "limit": -5}), 422, "limit")
    bad(client.get("/api/search", params={"q": "Алиев", "facets": "maybe"}), 422, "facets")


# --- events ---------------------------------------------------------------------------------------

def test_article_events_with_filters(client, store):
    def get(**params):
        return ok(client.get("/api/events", params={"level": "article", **params}))

    every = get(limit=100)
    assert every["total"] == store.counts()["events"] and len(every["items"]) == min(100, every["total"])
    first = every["items"][0]
    assert set(first) >= {"article", "type", "cameo", "plover", "goldstein", "quad_class", "source", "target", "date",
                          "place", "modality", "killed", "injured", "evidence", "confidence"}
    calls = get(type="call", limit=100)
    assert calls["total"] >= 3 and all(e["type"] == "call" for e in calls["items"])
    actor = get(actor="Алиев", limit=100)
    assert actor["items"]
    for e in actor["items"]:
        assert any(a.lower().endswith("алиев") for a in e["source"] + e["target"]), e
    full = get(actor="ильхам алиев", limit=100)
    assert {(e["article"], e["n"]) for e in full["items"]} <= {(e["article"], e["n"]) for e in actor["items"]}
    dated = get(**{"from": "2025-10-01", "to": "2025-10-31", "limit": 100})
    assert dated["items"]
    from svodka.serve.data import _day_span
    for e in dated["items"]:                          # every event that covers a day of October
        lo = _day_span(e["date"], False) or e["article_published"][:10]
        hi = _day_span(e["date"], True) or e["article_published"][:10]
        assert hi >= "2025-10-01" and lo <= "2025-10-31", e["date"]
    summer = get(**{"from": "2025-07-01", "to": "2025-07-31", "limit": 100})
    assert any(e["date"] == "2025-22" for e in summer["items"])         # EDTF summer covers July
    starts = [_day_span(e["date"], False) or e["article_published"][:10] for e in every["items"]]
    assert starts == sorted(starts, reverse=True)
    place = next(e["place"] for e in every["items"] if e["place"])
    at = get(place=place.upper(), limit=100)
    # case-insensitive, as the filter is documented: a hostile all-caps page's "БАКУ" is at Баку too
    assert at["items"] and all(e["place"].lower() == place.lower() for e in at["items"])
    one = every["items"][0]["article"]
    of_article = get(article=one, limit=100)
    assert of_article["total"] == len(store.article(one).events) and all(e["article"] == one for e in of_article["items"])
    page2 = get(limit=10, offset=10)
    assert [(e["article"], e["n"]) for e in page2["items"]] == [(e["article"], e["n"]) for e in every["items"][10:20]]


def test_corpus_events_with_filters(client, store):
    """level=corpus (the default): one row per real event, its counts, best sentence and reporting articles."""
    def get(**params):
        return ok(client.get("/api/events", params={"limit": 100, **params}))

    every = get()
    with database(store) as conn:
        corpus, reports = conn.value("SELECT count(*) FROM corpus_events"), conn.value("SELECT count(*) FROM events")
    assert every["total"] == corpus < reports
    assert sum(e["num_articles"] for e in every["items"]) > len(every["items"])        # merged reports
    first = every["items"][0]
    assert set(first) >= {"id", "type", "cameo", "goldstein", "date", "lo", "hi", "place", "modality", "confidence",
                          "num_mentions", "num_sources", "num_articles", "source", "target", "actors", "evidence",
                          "articles"}
    dushanbe = [e for e in every["items"] if e["type"] == "meet" and e["place"] == "Душанбе" and e["date"] == "2025-10-09"]
    assert len(dushanbe) == 1, dushanbe                           # one meeting, however many outlets told it
    meet = dushanbe[0]
    assert meet["num_articles"] >= 5 and meet["num_sources"] >= 3 and len(meet["articles"]) == 3 and meet["evidence"]
    assert {a["code"] for a in meet["actors"]} == {"RUSGOV", "AZEGOV"}
    starts = [e["lo"] for e in every["items"] if e["lo"]]
    assert starts == sorted(starts, reverse=True)                 # newest first, undated last
    assert all(e["type"] == "meet" for e in get(type="meet")["items"])
    aliev = get(actor="Алиев")["items"]
    assert aliev and all(any(a.lower().endswith("алиев") for a in e["source"] + e["target"]) for e in aliev)
    assert {e["id"] for e in get(actor="ильхам алиев")["items"]} == {e["id"] for e in aliev}
    aze = get(country="Азербайджан")
    assert aze["items"] and aze == get(country="aze")
    for e in aze["items"]:
        assert any(a["country"] == "AZE" for a in e["actors"]), e
    police = get(role="cop")["items"]
    assert police and all(any(a["role"] == "COP" for a in e["actors"]) for e in police)
    assert all(e["place"] == "Душанбе" for e in get(place="ДУШАНБЕ")["items"])
    assert get(place="Нигдегород")["total"] == 0 == get(actor="Никто Никакойский")["total"]    # empty IN-lists
    october = get(**{"from": "2025-10-01", "to": "2025-10-31"})["items"]
    assert october and all(e["lo"] <= "2025-10-31" and e["hi"] >= "2025-10-01" if e["lo"] else
                           "2025-10-01" <= e["first_seen"][:10] <= "2025-10-31" for e in october)
    assert all(e["modality"] == "intent" for e in get(modality="intent")["items"])
    sure = get(min_confidence=0.9)["items"]
    assert sure and all(e["confidence"] >= 0.9 for e in sure)
    most = [e["num_articles"] for e in get(sort="articles")["items"]]
    assert most == sorted(most, reverse=True) and most[0] == max(e["num_articles"] for e in every["items"])
    oldest = [e["lo"] for e in get(sort="oldest")["items"] if e["lo"]]
    assert oldest == sorted(oldest)
    conflict = [e["goldstein"] for e in get(sort="conflict")["items"] if e["goldstein"] is not None]
    assert conflict == sorted(conflict)
    page2 = get(limit=10, offset=10)
    assert [e["id"] for e in page2["items"]] == [e["id"] for e in every["items"][10:20]] and page2["next_offset"] == 20
    article = meet["articles"][0]["id"]
    assert meet["id"] in {e["id"] for e in get(article=article)["items"]}


def test_corpus_events_carry_their_place_point(client, store):
    """level=corpus rows carry the place's point and country, as geocoded in a report at that place (the head
    report's first), and the events downloads carry them too."""
    items = ok(client.get("/api/events", params={"limit": 100}))["items"]
    located = [e for e in items if e["lat"] is not None]
    assert located and all(e["lon"] is not None and e["place_country"] for e in located)
    with database(store) as conn:
        for e in items:
            points = {(g["lat"], g["lon"], g["country"]) for (geo,) in conn.rows(
                "SELECT e.geo FROM event_links l JOIN events e ON e.article = l.article AND e.n = l.n"
                " WHERE l.event = :event AND e.place = :place AND e.geo IS NOT NULL", event=e["id"], place=e["place"])
                      for g in [json.loads(geo)]}
            assert ((e["lat"], e["lon"], e["place_country"]) in points) if points else \
                (e["lat"], e["lon"], e["place_country"]) == (None, None, None), e
    meet = next(e for e in items if e["type"] == "meet" and e["place"] == "Душанбе" and e["date"] == "2025-10-09")
    assert meet["place_country"] == "TJK" and 38 < meet["lat"] < 39 and 68 < meet["lon"] < 69
    rows = {r["id"]: r for r in ok(client.get("/events.json", params={"type": "meet"}))}
    assert (rows[meet["id"]]["lat"], rows[meet["id"]]["lon"]) == (meet["lat"], meet["lon"])
    assert "lat,lon,place_country" in ok(client.get("/events.csv", params={"type": "meet"})).splitlines()[0]


def test_corpus_events_bad_parameters(client):
    bad(client.get("/api/events", params={"sort": "loudest"}), 400, "sort")
    bad(client.get("/api/events", params={"role": "XYZ"}), 400, "role")
    bad(client.get("/api/events", params={"country": "Нарния"}), 400, "country")
    bad(client.get("/api/events", params={"modality": "maybe"}), 400, "modality")
    bad(client.get("/api/events", params={"min_confidence": 2}), 422, "min_confidence")
    bad(client.get("/api/events", params={"level": "story"}), 422, "level")
    bad(client.get("/api/events", params={"level": "article", "role": "GOV"}), 400, "level=corpus")


def test_events_bad_parameters(client):
    bad(client.get("/api/events", params={"type": "DROP TABLE"}), 422, "type")
    bad(client.get("/api/events", params={"from": "2025/10/01"}), 400, "date")
    bad(client.get("/api/events", params={"article": "no-such-article"}), 404, "no-such-article")
    bad(client.get("/api/events", params={"limit": 1000}), 422, "limit")
    assert ok(client.get("/api/events", params={"type": "no_such_type"}))["total"] == 0


# --- entities, dossier, timeline, stories (svodka.link) ------------------------------------------------

def test_entities_and_dossier(client):
    listed = ok(client.get("/api/entities", params={"q": "алиев", "limit": 10}))
    assert "Ильхам Алиев" in [e["name"] for e in listed["items"]]
    people = ok(client.get("/api/entities", params={"type": "PER", "limit": 5}))
    assert all(e["type"] == "PER" for e in people["items"]) and people["total"] >= 5
    counts = [e["articles"] for e in people["items"]]
    assert counts == sorted(counts, reverse=True)
    bad(client.get("/api/entities", params={"type": "XYZ"}), 422, "type")
    d = ok(client.get("/api/entities/Ильхам Алиев"))
    assert d["name"] == "Ильхам Алиев" and d["type"] == "PER" and d["born"] == "1961-12-24"
    assert "президент Азербайджана" in [r["role"] for r in d["roles"]]
    assert d["by_month"] and d["articles"] >= 10
    assert ok(client.get("/api/entities/Алиеву"))["id"] == d["id"]          # any case form
    bad(client.get("/api/entities/Никтоникакой Несуществующий"), 404, "Несуществующий")
    bad(client.get("/api/entities/" + "я" * 300), 422)


def test_timeline(client):
    t = ok(client.get("/api/timeline", params={"a": "Россия", "b": "Азербайджан"}))
    assert t["a"]["name"] == "Россия" and t["b"]["name"] == "Азербайджан"
    assert t["events"] and t["series"]
    assert {"call", "meet"} & {e["type"] for e in t["events"]}
    bad(client.get("/api/timeline", params={"a": "Россия"}), 422, "b")
    bad(client.get("/api/timeline", params={"a": "", "b": "Азербайджан"}), 422, "a")
    bad(client.get("/api/timeline", params={"a": "Россия", "b": "Нигдестан Никакой"}), 404, "Нигдестан")


def test_stories(client):
    found = ok(client.get("/api/stories", params={"limit": 100}))
    assert found["items"] and all(s["size"] >= 2 and len(s["articles"]) == s["size"] for s in found["items"])
    page = ok(client.get("/api/stories", params={"limit": 1, "offset": 1}))
    assert page["items"][0]["id"] == found["items"][1]["id"]
    big = ok(client.get("/api/stories", params={"min_articles": 3, "limit": 100}))
    assert all(s["size"] >= 3 for s in big["items"])
    bad(client.get("/api/stories", params={"min_articles": 0}), 422, "min_articles")


def test_rejected(client):
    found = ok(client.get("/api/rejected"))
    assert found["total"] == 1 and found["items"][0]["source"].endswith("junk.bin") and found["items"][0]["reason"]


# --- the API as a whole ----------------------------------------------------------------------------

def test_openapi_lists_every_endpoint_and_docs_are_local(client):
    schema = ok(client.get("/api/openapi.json"))
    paths = set(schema["paths"])
    assert paths >= {"/api/stats", "/api/articles", "/api/articles/{id}", "/api/search", "/api/events",
                     "/api/entities", "/api/entities/{name}", "/api/timeline", "/api/stories", "/api/rejected"}
    assert all(set(ops) == {"get"} for ops in schema["paths"].values())          # read-only
    docs = ok(client.get("/api/docs"))
    assert "/api/timeline" in docs and "/api/openapi.json" in docs
    assert not re.search(r'(src|href)="(https?:)?//', docs)                      # nothing from the internet


def test_every_endpoint_survives_hostile_values(client):
    """No parameter value makes any endpoint fail: each answer is a 2xx or a 4xx, never a 5xx."""
    schema = client.get("/api/openapi.json").json()
    values = ["", " ", "'", '"', "%", "_", "*", "\x00", "-1", "0", "99999999999999999999", "1.5", "2025-13-45",
              "<script>alert(1)</script>", "javascript:alert(1)", "../../etc/passwd", "NEAR(", "'; DROP TABLE x; --",
              "я" * 150, "true"]
    for path, ops in schema["paths"].items():
        params = [p for p in ops["get"].get("parameters", []) if p["in"] == "query"]
        for value in values:
            url = re.sub(r"\{[^}]+\}", lambda _: quote(value, safe="") or "x", path)
            for p in params or [None]:
                query = {p["name"]: value} if p else {}
                if path == "/api/timeline":
                    query = {"a": "Россия", "b": "Азербайджан", **query}
                r = client.get(url, params=query)
                assert r.status_code < 500, (url, query, r.status_code, r.text[:300])


def test_read_only(client, db, store):
    before = store.counts()
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/articles").status_code == 405
        assert getattr(client, method)("/").status_code == 405
    served = client.app.state.data.store()          # the app's own connection refuses a write
    with pytest.raises(store.errors):
        served.run("DELETE FROM articles")
    assert store.counts() == before


def test_security_headers(client):
    for path in ("/", "/api/stats", "/static/style.css"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'self'" in csp and "object-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


# --- pages -----------------------------------------------------------------------------------------

def page(client, path: str, status: int = 200, **params) -> str:
    r = client.get(path, params=params or None)
    assert r.status_code == status, (path, params, r.status_code, r.text[:800])
    assert r.headers["content-type"].startswith("text/html")
    assert "Traceback" not in r.text
    return r.text


def test_pages_render(client, store):
    home = page(client, "/")
    assert 'name="q"' in home and "Latest articles" in home and f">{len(store)}<" in home
    assert "Ильхам Алиев" in home                                  # most mentioned this month
    found = page(client, "/search", q="Алиеву")
    assert "<mark>Алиев" in found and 'href="/article/' in found and "Refine" in found
    faceted = page(client, "/search", q="Алиеву", month="2025-12", site="most-news.example")
    assert "<mark>" in faceted
    assert "Search the news" in page(client, "/search")
    wanted = SEED_ID if SEED.exists() else demo_article(store)
    art = page(client, f"/article/{wanted}")
    assert 'class="ent ent-PER' in art and 'class="ent ent-LOC' in art and "/entity/" in art
    assert 'class="quote' in art and "The events it reports" in art
    if SEED.exists():
        assert ">Ильхам Алиев</a>" in art and "Photo: Александр Казаков / ТАСС" in re.sub(r"<[^>]+>", "", art)
        assert "Ильхамом Алиевым</a>" in art                         # the mention, linked, as written
    d = page(client, "/entity/Ильхам Алиев")
    assert "президент Азербайджана" in d and "24 December 1961" in d and "<svg" in d and 'class="bar"' in d
    t = page(client, "/timeline", a="Россия", b="Азербайджан")
    assert "<svg" in t and ('class="coop"' in t or 'class="conflict"' in t) and "<table" in t
    cells = re.findall(r'<td class="date">(.*?)</td>', t)          # dates in words, the EDTF kept for the API
    assert cells and not [c for c in cells if re.search(r"\d{4}-\d{2}", c)] and "9 October 2025" in cells
    assert "axis-title" in t and "\u2212" in t                                 # titled axes, a signed scale
    assert 'name="a"' in page(client, "/timeline")
    ev = page(client, "/events", type="call")
    assert "<table" in ev and ev.count('<span class="etype">call</span>') >= 2 and 'class="n-articles"' in ev
    assert "Stories" in page(client, "/stories") and "/article/" in page(client, "/stories")
    for path in ("/", "/search?q=Алиеву", f"/article/{wanted}", "/entity/Ильхам Алиев", "/events", "/stories",
                 "/timeline?a=Россия&b=Азербайджан", "/api/docs"):
        html = client.get(path).text
        assert not re.search(r'<(script|link|img|iframe)[^>]*(src|href)="(https?:)?//', html), path


def test_russian_switch(client):
    r = client.get("/", params={"lang": "ru"})
    assert r.status_code == 200 and "Последние статьи" in r.text and 'lang="ru"' in r.text
    assert r.cookies.get("lang") == "ru" or "lang=ru" in r.headers.get("set-cookie", "")
    again = client.get("/events", cookies={"lang": "ru"})
    assert "События" in again.text and "English" in again.text
    back = client.get("/events", params={"lang": "en"}, cookies={"lang": "ru"})
    assert "Events" in back.text and "Русский" in back.text
    assert client.get("/", params={"lang": "xx"}).status_code == 200     # an unknown language: English


@pytest.mark.parametrize("path, status", [
    ("/search?from=yesterday&q=x", 400), ("/search?month=2025-13", 400), ("/search?page=0", 422),
    ("/search?page=abc", 422), ("/article/no-such-article", 404), ("/entity/Никтоникакой Несуществующий", 404),
    ("/timeline?a=Россия&b=Нигдестан", 404), ("/events?type=Bad Type", 422), ("/events?from=2025-99-01", 400),
    ("/events?article=nope", 404), ("/stories?min_articles=-1", 422), ("/nothing/here", 404),
    ("/entity/Ильхам Алиев?id=abc", 422),
])
def test_pages_bad_parameters(client, path, status):
    html = page(client, path, status)
    assert 'class="message"' in html


def injected_script(html: str) -> bool:
    """A <script> that is not svodka's own static file (the map's: /static/map.js, /static/vendor/…)."""
    return re.search(r'<script(?![^>]*\bsrc="/static/[\w./-]+"[^>]*>\s*</script>)', html, re.I) is not None


def test_hostile_pages_are_escaped(client, store):
    ids = hostile_ids(store)
    for prefix, id_ in ids.items():
        html = page(client, f"/article/{id_}")
        assert "&lt;script&gt;" in html
        assert not injected_script(html)
        assert not re.search(r"<(img|svg)[^>]*on\w+=", html, re.I)
        assert 'href="javascript:' not in html.lower()
    jsonl = page(client, f"/article/{ids['МИД <script>']}")
    assert "javascript:window.__pwned=13" in jsonl                # shown as text, never as a link
    found = page(client, "/search", q="довольны результатами")
    assert not injected_script(found) and "&lt;script&gt;" in found
    listed = page(client, "/search", q="script")
    assert not injected_script(listed)
    title = store.article(ids["Алиев <script>"]).title
    assert "<script>" in title                                   # the store keeps the text as it came
    assert ok(client.get(f"/api/articles/{ids['Алиев <script>']}"))["title"] == title


def test_serve_command_refuses_a_missing_store(tmp_path):
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    result = subprocess.run([sys.executable, "-m", "svodka.cli", "serve", "--db", str(tmp_path / "absent.db")],
                            capture_output=True, env=env, timeout=120)
    assert result.returncode == 2 and b"no store" in result.stderr and b"Traceback" not in result.stderr
    assert not (tmp_path / "absent.db").exists()


def test_ambiguous_names_list_their_candidates():
    from svodka.serve import data as D

    class Candidate:
        def to_dict(self):
            return {"id": 1, "name": "Иван Петров", "type": "PER"}

    err = LookupError("'Петров' is ambiguous")
    err.candidates = [Candidate(), Candidate()]
    out = D._lookup_error(err, "Петров")
    assert isinstance(out, D.Ambiguous) and out.candidates[0]["name"] == "Иван Петров"
    assert isinstance(D._lookup_error(LookupError(""), "X"), D.NotFound)


def test_pages_name_an_outlet_as_it_names_itself(client, store):
    """site_name (og:site_name) is shown wherever a site is: the stories, the search facet; the site stays the
    key the filters use."""
    assert store.site_names().get("daily-obzor.example") == "Ежедневный обзор"
    stories = ok(client.get("/stories"))
    assert "Ежедневный обзор" in stories
    found = ok(client.get("/search", params={"q": "Алиеву"}))
    assert "Ежедневный обзор" in found and "site=daily-obzor.example" in found
