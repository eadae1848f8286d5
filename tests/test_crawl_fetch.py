"""The polite fetcher, feed parsing and URL keys against loopback sites (tests/crawl_sites.py): robots.txt
and Crawl-delay obeyed, one request at a time per host, Retry-After and backoff, timeouts, redirect and
size limits, gzip bombs — each misbehaviour a one-line reason, never an exception."""
from __future__ import annotations

import time

import pytest

from svodka.crawl import feeds
from svodka.crawl.fetch import Fetcher, Politeness, USER_AGENT, retry_after
from svodka.crawl.urls import host_of, key, normalise
from svodka.crawl.watch import canonical_link

from crawl_sites import (Site, conditional, flaky, gzip_bomb, huge, huge_undeclared, redirect, rss, slow,
                         status_answer)

FAST = dict(delay=0.0, timeout=1.5, max_bytes=2 * 1024 * 1024, backoff=0.1, max_wait=1.5, max_attempts=3)


@pytest.fixture
def site():
    s = Site("a").start()
    yield s
    s.stop()


def fetcher(**changes) -> Fetcher:
    return Fetcher(Politeness(**{**FAST, **changes}))


def test_one_article_under_several_addresses_is_one_key():
    base = "http://127.0.0.1:8001"
    variants = [f"{base}/news/1", f"{base}/news/1/", f"{base}/news/1?utm_source=rss&utm_medium=feed",
                "https://127.0.0.1:8001/news/1", f"{base}/news/1#comments", f"{base}/news/1?fbclid=abc"]
    assert {key(normalise(v)) for v in variants} == {"127.0.0.1:8001/news/1"}
    assert key(normalise(f"{base}/news/1?id=2")) != key(normalise(f"{base}/news/1"))
    assert normalise("ftp://127.0.0.1/x") is None and normalise("javascript:alert(1)") is None
    assert normalise("/a/b", "http://127.0.0.1:8001/feed") == "http://127.0.0.1:8001/a/b"
    assert host_of("http://127.0.0.1:80/x") == "127.0.0.1" and host_of("http://127.0.0.1:8001/x") == "127.0.0.1:8001"


def test_feed_and_sitemap_parsing_gives_urls_and_their_days():
    listing = feeds.parse(rss([("/a/1?utm_source=x", "2025-12-24"), ("http://127.0.0.1:9/b", None)]).encode(),
                          "http://127.0.0.1:9/rss.xml")
    assert listing.kind == "rss" and not listing.error
    assert [(e.url, e.date) for e in listing.entries] == [("http://127.0.0.1:9/a/1", "2025-12-24"),
                                                          ("http://127.0.0.1:9/b", None)]
    broken = feeds.parse(b"<rss><channel><item><link>http://127.0.0.1:9/c</link></item><item><lin", "http://x/")
    assert broken.error.startswith("malformed feed XML") and [e.url for e in broken.entries] == ["http://127.0.0.1:9/c"]
    assert feeds.parse(b"<html><body>no feed</body></html>", "http://x/").kind is None
    assert canonical_link(b'<html><head><link href="/a/1" rel=canonical></head>') == "/a/1"
    assert retry_after("7") == 7.0 and retry_after("soon") is None
    assert 0 < retry_after("Wed, 21 Oct 2099 07:28:00 GMT") and retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0


def test_robots_disallow_and_crawl_delay_are_obeyed(site):
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.3\n", "text/plain")
    for n in range(3):
        site.add(f"/a/{n}", f"<html><body><p>page {n}</p></body></html>")
    site.add("/private/secret", "<html><body>secret</body></html>")
    with fetcher() as f:
        results = [f.get(f"{site.base}/a/{n}") for n in range(3)]
        blocked = f.get(f"{site.base}/private/secret")
    assert all(r.ok for r in results)
    assert blocked.error == "disallowed by robots.txt" and not blocked.ok
    assert "/private/secret" not in site.paths()
    times = [t for t, path, _ in site.requests() if path.startswith("/a/")]
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.29
    assert all(h.get("User-Agent") == USER_AGENT for _, _, h in site.requests())


def test_one_request_at_a_time_per_host_from_many_threads(site):
    import threading

    def late(request):
        time.sleep(0.1)
        request.answer(200, b"<html><body>x</body></html>", {"Content-Type": "text/html"})
    for n in range(6):
        site.handle(f"/s/{n}", late)
    with fetcher(delay=0.05) as f:
        threads = [threading.Thread(target=f.get, args=(f"{site.base}/s/{n}",)) for n in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    times = sorted(t for t, path, _ in site.requests() if path.startswith("/s/"))
    assert len(times) == 6 and min(b - a for a, b in zip(times, times[1:])) >= 0.14   # 0.1 s answer + 0.05 s delay


def test_retry_after_and_backoff(site):
    site.add("/robots.txt", "", "text/plain")
    site.handle("/busy", flaky(1, 429, b"<html><body>ok</body></html>", {"Retry-After": "1"}))
    site.handle("/down", status_answer(500))
    site.handle("/later", status_answer(503, {"Retry-After": "3600"}))
    with fetcher() as f:
        started = time.monotonic()
        busy = f.get(f"{site.base}/busy")
        assert busy.ok and time.monotonic() - started >= 0.95
        down = f.get(f"{site.base}/down")
        assert down.error == "HTTP status 500, 3 attempts" and down.transient
        assert len([p for p in site.paths() if p == "/down"]) == 3
        later = f.get(f"{site.base}/later")
        assert later.retry_at and "Retry-After 3600" in later.error and "left alone" in later.error
        again = f.get(f"{site.base}/busy")          # the host is left alone now: nothing is asked
        assert again.error.startswith("host asked to wait") and again.retry_at
    assert site.paths().count("/later") == 1 and site.paths().count("/busy") == 2


def test_timeouts_redirects_sizes_and_bombs(site):
    site.add("/robots.txt", "", "text/plain")
    site.handle("/slow", slow(3.0))
    site.handle("/loop/a", redirect("/loop/b"))
    site.handle("/loop/b", redirect("/loop/a"))
    site.handle("/away", redirect("http://127.0.0.2:9/elsewhere"))
    site.handle("/moved", redirect("/final"))
    site.add("/final", "<html><body>final</body></html>")
    site.handle("/huge", huge())
    site.handle("/huge-undeclared", huge_undeclared())
    site.handle("/bomb", gzip_bomb())
    with fetcher(max_attempts=1) as f:
        started = time.monotonic()
        assert f.get(f"{site.base}/slow").error == "timed out"
        assert time.monotonic() - started < 2.5
        assert f.get(f"{site.base}/loop/a").error == "redirect loop"
        assert f.get(f"{site.base}/away").error == "redirect off the site, to http://127.0.0.2:9/elsewhere"
        moved = f.get(f"{site.base}/moved")
        assert moved.ok and moved.final_url == f"{site.base}/final" and [e.status for e in moved.exchanges] == [302, 200]
        assert f.get(f"{site.base}/huge").error.startswith("response over 2097152 bytes (Content-Length")
        assert f.get(f"{site.base}/huge-undeclared").error == "response over 2097152 bytes"
        bomb = f.get(f"{site.base}/bomb")
        assert bomb.error == "response unpacks to over 2097152 bytes" and bomb.content is None
        assert f.get("file:///etc/passwd").error == "not an http(s) URL"


def test_conditional_get_and_unreachable_robots(site):
    body = rss([("/a/1", None)]).encode()
    site.handle("/rss.xml", conditional(body, "application/rss+xml"))
    site.add("/robots.txt", "", "text/plain")
    with fetcher() as f:
        first = f.get(f"{site.base}/rss.xml")
        etag = first.headers.get("etag")
        second = f.get(f"{site.base}/rss.xml", {"If-None-Match": etag})
    assert first.ok and second.not_modified and second.content == b""
    broken = Site("b").start()
    try:
        broken.handle("/robots.txt", status_answer(503))
        broken.add("/a", "<html><body>a</body></html>")
        with fetcher(max_attempts=1) as f:
            result = f.get(f"{broken.base}/a")
        assert result.error.startswith("robots.txt unreachable") and "/a" not in broken.paths()
    finally:
        broken.stop()
