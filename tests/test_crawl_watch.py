"""Watch rounds against loopback news sites (tests/crawl_sites.py): sources discovered or imported, pages
fetched politely and ingested as they come — each article stored once, nothing fetched off the site or
against robots.txt, every misbehaviour recorded with its reason while the round goes on, a second round
that asks with validators and adds nothing, and the WARC archive that ingests to the same articles.
Pages of ../shared/eval/realnews when it is there, else pages of svodka's own making."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from svodka.crawl import Archive, Crawler, Politeness, Settings, add_source, archive_folder, import_sources, watch
from svodka.crawl.urls import key
from svodka.ingest import ingest
from svodka.store import open_store

from conftest import store_at
from crawl_sites import (Site, atom, conditional, flaky, gzip_bomb, home, huge, news_sitemap, own_pages,
                         realnews_pages, redirect, rss, sitemap_index, slow, status_answer)

POLITE = dict(delay=0.02, timeout=1.0, max_bytes=2 * 1024 * 1024, backoff=0.05, max_wait=1.0, max_attempts=2)
DAY = "2025-12-24"


def pages_for(count: int, offset: int, name: str) -> list[bytes]:
    real = realnews_pages(count, offset)
    return real if len(real) == count else [html.encode() for _, html in own_pages(count, name)]


class World:
    """Site A (found from its home page: RSS + Atom, misbehaving pages), site B (imported from a TOML
    file: a sitemap index in robots.txt, a malformed feed), site D (429, come back in an hour), and a
    canary site C nobody may ask anything."""

    def __init__(self, tmp) -> None:
        self.a, self.b, self.c, self.d = (Site(n).start() for n in "abcd")
        a, b, c, d = self.a, self.b, self.c, self.d
        self.good: dict[str, str] = {}               # URL → feed day, of the pages that should be stored
        a.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        for n, body in enumerate(pages_for(5, 0, "a")):
            self.good[a.add(f"/news/{n}", body)] = DAY
        a.add("/private/x", "<html><body><p>private</p></body></html>")
        a.handle("/news/slow", slow(3.0))
        a.handle("/news/e500", status_answer(500))
        a.handle("/news/loop", redirect("/news/loop2"))
        a.handle("/news/loop2", redirect("/news/loop"))
        a.handle("/news/huge", huge())
        a.handle("/news/bomb", gzip_bomb())
        a.handle("/news/flaky", flaky(1, 503, pages_for(1, 5, "a-flaky")[0]))
        self.good[a.base + "/news/flaky"] = DAY
        items = [(f"{a.base}/news/0?utm_source=rss&utm_medium=feed", DAY), (f"{a.base}/news/1", DAY),
                 (f"{a.base}/news/2/", DAY), (f"{a.base}/news/3", DAY), (f"{a.base}/private/x", DAY),
                 (f"{c.base}/news/0", DAY), ("http://example.invalid/news/9", DAY), (f"{a.base}/doc.pdf", DAY),
                 (f"{a.base}/news/slow", DAY), (f"{a.base}/news/e500", DAY), (f"{a.base}/news/loop", DAY),
                 (f"{a.base}/news/huge", DAY), (f"{a.base}/news/bomb", DAY), (f"{a.base}/news/gone", DAY),
                 (f"{a.base}/news/flaky", DAY)]
        a.handle("/rss.xml", conditional(rss(items).encode(), "application/rss+xml"))
        https = a.base.replace("http://", "https://")
        a.add("/atom.xml", atom([(f"{https}/news/1", DAY), (f"{a.base}/news/4#top", DAY), (f"{a.base}/news/2", DAY)]),
              "application/atom+xml")
        a.add("/", home([("/rss.xml", "application/rss+xml"), ("/atom.xml", "application/atom+xml"),
                         (f"{c.base}/rss.xml", "application/rss+xml")]))

        b.add("/robots.txt", f"User-agent: *\nAllow: /\nSitemap: {b.base}/sitemap_index.xml\n", "text/plain")
        for n, body in enumerate(pages_for(3, 6, "b")):
            self.good[b.add(f"/story/{n}", body)] = None
        b.add("/sitemap_index.xml", sitemap_index([f"{b.base}/sitemap-news.xml"]), "application/xml")
        b.add("/sitemap-news.xml", news_sitemap([(f"{b.base}/story/{n}", None) for n in range(3)]), "application/xml")
        b.add("/broken.xml", "<rss><channel><item><link>", "application/rss+xml")
        self.toml = tmp / "sources.toml"
        self.toml.write_text(f'[[source]]\nname = "b"\nurl = "{b.base}/"\n'
                             f'feeds = ["{b.base}/sitemap_index.xml", "{b.base}/broken.xml"]\n', encoding="utf-8")

        d.add("/robots.txt", "", "text/plain")
        d.add("/rss.xml", rss([(f"{d.base}/n/1", DAY)]), "application/rss+xml")
        d.handle("/n/1", status_answer(429, {"Retry-After": "3600"}))

    def close(self) -> None:
        for site in (self.a, self.b, self.c, self.d):
            site.stop()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    w = World(tmp_path_factory.mktemp("sites"))
    yield w
    w.close()


def crawler(store, folder) -> Crawler:
    settings = Settings(every=0, batch_size=4, politeness=Politeness(**POLITE))
    return Crawler(store, Archive(folder / "archive"), settings=settings)


def add_all(store, world, crawl: Crawler) -> None:
    found = add_source(store, world.a.base + "/", name="a", fetcher=crawl.fetcher, archive=crawl.archive)
    assert sorted(kind for _, kind in found.feeds) == ["atom", "rss"]
    assert any("on another site" in p for p in found.problems)
    imported = import_sources(store, world.toml, fetcher=crawl.fetcher, archive=crawl.archive)
    assert [a.name for a in imported] == ["b"]
    add_source(store, world.d.base, name="d", feeds=[world.d.base + "/rss.xml"])


def stored(store) -> list[dict]:
    rows = []
    for row in store.run("SELECT id FROM articles ORDER BY pk"):
        article = store.article_dict(row[0])
        rows.append({k: article[k] for k in ("id", "sha256", "url", "published", "title", "body", "site")})
    return rows


def test_a_round_stores_each_article_once_politely_and_records_every_misbehaviour(world, tmp_path):
    store = open_store(tmp_path / "crawl.db")
    crawl = crawler(store, tmp_path)
    add_all(store, world, crawl)
    report = crawl.round()

    articles = stored(store)
    urls = [a["url"] for a in articles]
    assert sorted(map(key, urls)) == sorted(map(key, world.good)) and len({a["sha256"] for a in articles}) == len(articles)
    by_key = {key(a["url"]): a for a in articles}
    assert all(by_key[key(url)]["published"] == day for url, day in world.good.items() if day)
    assert report.new == len(world.good) and report.errors >= 7

    assert world.c.paths() == []                                 # nothing off the site, not even its feed
    assert not any(p.startswith("/private/") for p in world.a.paths())
    assert not any(p.endswith(".pdf") for p in world.a.paths())
    for path in ("/news/0", "/news/1", "/news/2", "/news/3", "/news/4"):   # one fetch under all its addresses
        assert sum(p.split("?")[0].rstrip("/") == path for p in world.a.paths()) == 1, path
    assert world.d.paths().count("/n/1") == 1                   # 429 + an hour: asked once, then left alone

    reasons = {url.rsplit("/", 1)[-1]: (state, reason) for url, state, reason, _ in store.crawl_failures()}
    assert reasons["slow"] == ("retry", "timed out (2 attempts)")
    assert reasons["e500"] == ("retry", "HTTP status 500, 2 attempts")
    assert reasons["loop"] == ("failed", "redirect loop")
    assert reasons["huge"][1].startswith("response over 2097152 bytes")
    assert reasons["bomb"] == ("failed", "response unpacks to over 2097152 bytes")
    assert reasons["gone"] == ("failed", "HTTP status 404")
    assert reasons["1"][0] == "retry" and "Retry-After 3600" in reasons["1"][1]
    assert store.crawl_blocked_hosts()[world.d.host][1].startswith("HTTP status 429")
    sources = {s.name: s for s in store.crawl_sources()}
    assert "malformed feed XML" in sources["b"].status or "not a feed" in sources["b"].status
    assert sources["a"].articles == 6 and sources["b"].articles == 3 and sources["d"].pending == 1
    last = store.crawl_last_round()
    assert last.new == report.new and last.by_host[world.a.host] >= 6 and last.status == "done"

    # a second round: feeds asked with their validators, nothing new, nothing fetched twice
    before = len(world.a.paths())
    again = crawl.round()
    assert again.new == 0 and again.found == 0
    asked = world.a.paths()[before:]
    assert "/news/0" not in asked and asked.count("/rss.xml") == 1
    assert any(h.get("If-None-Match") == '"v1"' for t, p, h in world.a.requests("/rss.xml"))
    crawl.archive.close()
    crawl.fetcher.close()

    # the archive ingests to the same articles (no robots.txt, feed, redirect or error among them)
    copy = open_store(tmp_path / "replay.db")
    report = ingest([str(tmp_path / "archive")], copy, progress=False)
    assert stored(copy) == articles and report.rejected == 0
    assert len(copy) == len(store)
    store.close()
    copy.close()

    # the web UI and the API show the sources and the last round (read-only)
    from fastapi.testclient import TestClient

    from svodka.serve import create_app
    with TestClient(create_app(str(tmp_path / "crawl.db"))) as client:
        crawl = client.get("/api/stats").json()["crawl"]
        assert crawl["last_round"]["id"] == again.id and crawl["urls"]["stored"] == len(articles)
        assert {s["name"]: s["articles"] for s in crawl["sources"]} == {"a": 6, "b": 3, "d": 0}
        page = client.get("/sources").text
        assert "malformed feed XML" in page and world.d.base in page and "HTTP status 429" not in page
        assert "Watching 3 sources" in client.get("/").text


def test_crawl_state_on_both_backends(backend, tmp_path, world, monkeypatch):
    """The crawl-state methods and a small watch round on SQLite and PostgreSQL, archived where the
    store's archive goes by default: beside the SQLite file; in the current folder, named after the
    database and the schema, for PostgreSQL."""
    url = store_at(backend, tmp_path, "crawlstate")
    store = open_store(url)
    sid = store.crawl_add_source("s", "http://127.0.0.1:1/", "127.0.0.1:1")
    assert store.crawl_add_source("s", "http://127.0.0.1:1/", "127.0.0.1:1") is None
    assert store.crawl_add_feed(sid, "http://127.0.0.1:1/rss", "rss") and not store.crawl_add_feed(sid, "http://127.0.0.1:1/rss", "rss")
    entries = [(f"127.0.0.1:1/n/{n}", f"http://127.0.0.1:1/n/{n}", "127.0.0.1:1", f"2025-12-{10 + n}" if n % 2 else None)
               for n in range(6)]
    assert store.crawl_add_urls(sid, entries + entries[:2]) == (6, 2)
    assert store.crawl_add_urls(sid, entries) == (0, 6)
    pending = store.crawl_pending(sid, 4)
    assert [p[3] for p in pending] == ["2025-12-15", "2025-12-13", "2025-12-11", None]
    store.crawl_mark([(pending[0][0], "stored", None), (pending[1][0], "retry", "timed out")])
    store.crawl_alias("127.0.0.1:1/n/0", "http://127.0.0.1:1/n/0", sid, "127.0.0.1:1", "known")
    assert store.crawl_url_states(sid) == {"new": 3, "stored": 1, "retry": 1, "known": 1}
    store.crawl_feed_polled(1, "ok", etag='"e"', modified=None, entries=6)
    store.crawl_feed_polled(1, "not modified")
    feed = store.crawl_feeds(sid)[0]
    assert (feed.etag, feed.entries, feed.status) == ('"e"', 6, "not modified")
    store.crawl_block_host("127.0.0.1:1", 4e9, "HTTP status 429")
    assert store.crawl_blocked_hosts() == {"127.0.0.1:1": (4e9, "HTTP status 429")}
    rid = store.crawl_start_round()
    store.crawl_end_round(rid, {"new": 2, "errors": 1, "by_host": {"127.0.0.1:1": 1}}, "done")
    assert store.crawl_last_round().to_dict()["by_host"] == {"127.0.0.1:1": 1}
    source = store.crawl_sources()[0]
    assert (source.articles, source.pending, source.feeds) == (1, 4, 1)
    assert json.loads(json.dumps(source.to_dict()))["urls"]["retry"] == 1
    assert store.crawl_remove_source("s") and store.crawl_sources() == [] and store.crawl_url_states() == {}

    # a small watch round: site B's sitemap pages into this backend
    monkeypatch.chdir(tmp_path)
    add_source(store, world.b.base, name="b", feeds=[world.b.base + "/sitemap_index.xml"])
    said = []
    [report] = watch(store, every=0, rounds=1, settings=Settings(batch_size=4, politeness=Politeness(**POLITE)),
                     say=said.append, handle_signals=False)
    assert report.new == 3 and len(store) == 3
    assert store.crawl_url_states() == {"stored": 3}
    store.close()
    folder = tmp_path / ("crawlstate.db.warc" if backend == "sqlite" else
                         f"svodka-archive-{urlsplit(url).path.strip('/')}-{url.rsplit('%3D', 1)[1]}")
    assert said[0].endswith(f"the WARC archive goes to {folder}") and len(list(folder.glob("crawl-*.warc.gz"))) == 1
    assert [p.name for p in tmp_path.iterdir() if "archive" in p.name] == ([folder.name] if backend != "sqlite" else [])


def test_where_the_archive_goes_by_default():
    assert archive_folder("news.db") == Path("news.db.warc")
    assert archive_folder("/srv/svodka/news.db") == Path("/srv/svodka/news.db.warc")
    assert archive_folder("sqlite:///news.db") == Path("news.db.warc")
    assert archive_folder("postgresql://svodka:secret@db.example:5432/news") == Path("svodka-archive-news")
    assert archive_folder("postgres://u@h/news?options=-csearch_path%3Dcrawl") == Path("svodka-archive-news-crawl")
    assert archive_folder("postgresql://u@h/?dbname=wire") == Path("svodka-archive-wire")
    assert archive_folder(":memory:") == Path("svodka-archive")


def test_the_archive_of_several_rounds_ingests_to_the_same_articles_once(tmp_path):
    """Three rounds: the frontier capped (a round fetches part of it), a page failing in one round and
    stored in the next, new items in a later feed, the same article again under a tracking address
    and the same bytes under another URL. `svodka ingest` of the archive folder (one WARC file a
    round) gives the crawl's articles — ids, bytes, URLs, dates, sites — each once; again, nothing."""
    from svodka.cli import main

    site = Site("r").start()
    try:
        pages = pages_for(6, 9, "r")
        site.add("/robots.txt", "", "text/plain")
        for n, body in enumerate(pages[:5]):
            site.add(f"/news/{n}", body)
        site.add("/print/0", pages[0])                                  # the same bytes under another URL
        site.handle("/news/late", flaky(2, 503, pages[5]))              # fails a whole round, then answers
        feed = [(f"{site.base}/news/{n}", f"2025-12-{20 + n}") for n in range(3)]
        feed += [(f"{site.base}/news/late", "2025-12-19"), (f"{site.base}/print/0", "2025-12-18")]
        site.handle("/rss.xml", lambda request: request.answer(200, rss(feed).encode(), {"Content-Type": "application/rss+xml"}))
        store = open_store(tmp_path / "rounds.db")
        add_source(store, site.base, name="r", feeds=[site.base + "/rss.xml"])
        settings = Settings(every=0, batch_size=2, per_source=3, politeness=Politeness(**POLITE))
        crawl = Crawler(store, Archive(tmp_path / "rounds.db.warc"), settings=settings)

        first = crawl.round()                       # the 3 newest of the 5 listed
        assert (first.fetched, first.new, first.errors) == (3, 3, 0)
        feed += [(f"{site.base}/news/3", "2025-12-23"), (f"{site.base}/news/4", "2025-12-24"),
                 (f"{site.base}/news/0?utm_source=rss", "2025-12-20")]
        second = crawl.round()                      # the 2 new ones and late, which fails (503 twice)
        assert (second.found, second.new, second.seen, second.errors) == (2, 2, 0, 1)
        third = crawl.round()                       # late answers now; the copy's bytes are known
        assert (third.new, third.seen, third.errors) == (1, 1, 0)
        assert crawl.round().fetched == 0
        crawl.fetcher.close()
        articles = stored(store)
        assert len(articles) == 6 == len({a["sha256"] for a in articles})
        assert sum(a["url"].endswith("/news/0") for a in articles) == 1
        assert store.crawl_url_states() == {"stored": 6, "known": 1}
        store.close()
    finally:
        site.stop()

    rounds = sorted((tmp_path / "rounds.db.warc").glob("crawl-*.warc.gz"))
    assert len(rounds) == 4                         # a WARC file a round
    replay = tmp_path / "replay.db"
    assert main(["ingest", str(tmp_path / "rounds.db.warc"), "--db", str(replay)]) == 0
    assert main(["ingest", str(tmp_path / "rounds.db.warc"), "--db", str(replay)]) == 0
    with open_store(replay, read_only=True) as copy:
        assert stored(copy) == articles             # the same articles, in the crawl's order, once
        assert copy.rejected() == []


def test_an_articles_site_is_its_urls_registrable_domain(tmp_path):
    """A fetched page's site is the registrable domain of its URL (tld's bundled public-suffix list),
    as for every other article; --site takes a host of the site too."""
    from svodka.ingest import ingest_documents
    from svodka.lang.sites import site_of
    from svodka.read.warc import response_document

    urls = ["https://news.example.ru/a/1", "https://www.example.ru/b/2", "http://ufa.kp.ru/c/3",
            "http://a.b.co.uk/d", "http://127.0.0.1:8080/e", "https://demo-site.example/f"]
    docs = [response_document(200, "text/html; charset=utf-8", html.encode(), url, url=url)
            for url, (_, html) in zip(urls, own_pages(len(urls), "s"))]
    with open_store(tmp_path / "sites.db") as store:
        assert ingest_documents(docs, store, progress=False).new == len(urls)
        sites = [a["site"] for a in stored(store)]
        assert sites == ["example.ru", "example.ru", "kp.ru", "b.co.uk", "127.0.0.1", "demo-site.example"]
        assert sites == [site_of(url) for url in urls]
        for given in ("example.ru", "news.example.ru", "WWW.Example.ru"):
            assert {h.site for h in store.search("сайта", site=given)} == {"example.ru"}, given
        assert len(store.search("сайта", site="sport.kp.ru")) == 1
