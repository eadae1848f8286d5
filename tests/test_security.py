"""Hostile content and hostile requests against the real app (FastAPI's TestClient in process, and
`svodka serve` under uvicorn over raw sockets and in headless Chromium):

- a store whose articles carry markup, event handlers, quotes, ``javascript:`` / ``data:`` /
  ``vbscript:`` URLs, RTL and zero-width characters and very long words in every field (written
  with the Store API and linked, plus JSONL documents read by the real pipeline): every page parses
  to no script, no event handler and no link that leaves svodka except a plain http(s) one, and
  every API answer is JSON that carries the text as it was, with no byte readable as markup;
- SQL injection strings in every parameter of every route (taken from the app's routes, not a
  list kept here): never a 5xx, never a changed store, never more rows than a harmless value gets;
- path traversal on /static (dot segments, encoded, double-encoded, absolute, backslashes): never a
  file from outside the static folder;
- the limits (414 for a long URL, 413 for a large body), the Host check against DNS rebinding, the
  security headers, and GET/HEAD only on every route (the server has no write API).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import warnings
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import wait_for

pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.routing import APIRoute  # noqa: E402
    from fastapi.testclient import TestClient  # noqa: E402

from svodka import Article, Card, Entity, Event, Media, Mention, Quote, Related, TimeExpr  # noqa: E402
from svodka.ingest import ingest  # noqa: E402
from svodka.store import open_store  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")

SCRIPT = "<script>window.__pwned=1</script>"
ATTR = '"><img src=x onerror="window.__pwned=2">'
QUOTES = "'\"`<>&amp;"
ODD = "\u202eтекст наоборот\u202c\u200b\u200d\ufeff"
LONG = "Бaку" * 1500                         # one 6000-character word
BAD_URLS = ["javascript:window.__pwned=3", " JaVaScRiPt:window.__pwned=4", "java\tscript:window.__pwned=5",
            "data:text/html,<script>window.__pwned=6</script>", "vbscript:msgbox(7)", "//evil.example/x",
            "\x01javascript:window.__pwned=8"]
GOOD_URL = 'https://example.ru/a?x="><script>window.__pwned=9</script>'
PERSON = f"Ильхам {SCRIPT}Алиев"
PLACE = f"Баку{ATTR}"
ODD_ID = 'odd/id"><script>window.__pwned=10</script>'


def hostile_article(n: int, url: str, id_: str | None = None) -> Article:
    """An article with hostile text in every field the pages show, and annotations pointing into it."""
    title = f"Алиев {SCRIPT} встретился {ATTR} №{n}"
    body = [f"Президент {PERSON} прибыл в {PLACE}. {QUOTES}", f"«{SCRIPT}», — сказал он. {ODD}", LONG,
            f"Ссылка: {BAD_URLS[n % len(BAD_URLS)]}"]
    at = body[0].index(PERSON)
    person = Entity(f"h{n}:e1", "PER", PERSON, aliases=[ATTR], roles=[f"президент {ATTR}"], country="AZE",
                    born="1961-12-24", mentions=[Mention("body[0]", at, at + len(PERSON), PERSON)])
    at = body[0].index(PLACE)
    place = Entity(f"h{n}:e2", "LOC", PLACE, mentions=[Mention("body[0]", at, at + len(PLACE), PLACE)])
    sha = hashlib.sha256(f"hostile {n}".encode()).hexdigest()
    return Article(
        id=id_ or f"hostile-{n}", source=f"{SCRIPT}/{n}.html", url=url, site=f"evil{ATTR}.example",
        published=f"2025-12-{n + 1:02d}", rubric=f"Политика{SCRIPT}", title=title, alt_titles=[ATTR],
        lead=f"{QUOTES} {ODD} {SCRIPT}", body=body, authors=[SCRIPT, ATTR], tags=[ATTR, PERSON],
        media=[Media(caption=SCRIPT, credit=ATTR)], related=[Related(title=f"{ATTR}{SCRIPT}", rubric=SCRIPT)],
        cards=[Card(name=PERSON, description=SCRIPT, born="1961-12-24")], sha256=sha, layout="text",
        entities=[person, place],
        quotes=[Quote("direct", SCRIPT, "body[1]", 1, 1 + len(SCRIPT), speaker=ATTR, speaker_id=f"h{n}:e1")],
        times=[TimeExpr("lead", 0, 4, QUOTES[:4], f'2025-12"{ATTR}')],
        events=[Event("meet", cameo="043", plover="CONSULT", goldstein=2.8, quad_class=1, source=[PERSON],
                      target=[PLACE], date=f"2025-12-{n + 1:02d}", place=PLACE, confidence=0.9,
                      evidence=[Mention("body[0]", 0, 9, "Президент", "sentence")])])


JSONL = [{"id": ODD_ID, "url": "data:text/html,<script>window.__pwned=11</script>", "date": "2025-11-02",
          "text": "Политика\n\nМИД <script>window.__pwned=12</script> ответил на заявление\n\n"
                  "Официальный представитель МИД России заявила журналистам, что ведомство изучит заявление "
                  "и ответит в ближайшее время.\n\nПо ее словам, позиция министерства остается неизменной, а "
                  "консультации с партнерами продолжатся на следующей неделе.\n\nРанее стороны провели несколько "
                  "раундов переговоров по вопросам транспорта и торговли между странами региона.\n"},
         {"id": "vb", "url": "vbscript:msgbox(13)", "date": "2025-11-03",
          "text": "Экономика\n\nЦентробанк \"><img src=x onerror=window.__pwned=14> сохранил ставку\n\n"
                  "Совет директоров Банка России сохранил ключевую ставку на прежнем уровне, сообщила пресс-служба "
                  "регулятора.\n\nАналитики ожидали такого решения, отметив замедление инфляции в последние месяцы."
                  "\n\nСледующее заседание по ставке запланировано на февраль будущего года.\n"}]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.db"
    lines = folder / "wire.jsonl"
    lines.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in JSONL), encoding="utf-8")
    report = ingest([str(lines)], path, progress=False)            # the real reading path …
    assert report.new == 2, report
    articles = [hostile_article(n, url) for n, url in enumerate(BAD_URLS)]
    articles.append(hostile_article(len(BAD_URLS), GOOD_URL, id_=f"good{ATTR}"))
    with open_store(path) as store, store.transaction():          # … and every field at once
        store.add_articles(articles, {a.sha256: (f"<html>{SCRIPT}{n}</html>".encode(), "html")
                                      for n, a in enumerate(articles)})
        from svodka.link import update
        update(store)
    return path


@pytest.fixture(scope="module")
def client(db):
    from svodka.serve import create_app

    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def article_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY pk")]


# --- escaping -------------------------------------------------------------------------------------

class Inert(HTMLParser):
    """Collects what would run or lead away in a page: script/iframe/object elements, event-handler
    attributes, and every URL-bearing attribute."""

    URL_ATTRS = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        own_script = tag == "script" and {k for k, _ in attrs} <= {"src", "defer"} and \
            re.fullmatch(r"/static/[\w./-]+\.js", dict(attrs).get("src") or "")     # the map's, svodka's own file
        if tag in ("script", "iframe", "object", "embed", "base", "meta") and not own_script and not (
                tag == "meta" and {k for k, _ in attrs} <= {"charset", "name", "content"}):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in self.URL_ATTRS and value is not None:
                self.links.append(value)

    def handle_data(self, data):
        self.text.append(data)


def safe_link(value: str) -> bool:
    """svodka's own paths and queries, or a plain http(s) URL; nothing a browser would run."""
    v = value.strip()
    if v.startswith(("//", "/\\")) or "\\" in v[:3]:
        return False
    return v.startswith(("/", "?", "#")) or v.lower().startswith(("http://", "https://"))


def check_page(html: str, where: str) -> Inert:
    parser = Inert()
    parser.feed(html)
    assert not parser.problems, (where, parser.problems)
    bad = [link for link in parser.links if not safe_link(link)]
    assert not bad, (where, bad)
    assert not any(u.strip().lower().startswith(("javascript", "data", "vbscript")) for u in parser.links)
    return parser


def pages_to_check(db: Path) -> list[str]:
    paths = ["/", "/search?q=Алиев", "/search?q=script", "/search?q=" + quote(SCRIPT), "/search?site=" + quote(ATTR),
             "/events", "/events?actor=" + quote(PERSON), "/stories?min_articles=1",
             f"/timeline?a={quote(PERSON)}&b={quote(PLACE)}",
             "/entity/" + quote(PERSON, safe=""), "/entity/" + quote(PLACE, safe=""), "/api/docs",
             "/nothing/" + quote(SCRIPT), "//evil.example/x", "/search?q=" + quote(ATTR) + "&lang=" + quote(ATTR)]
    return paths + ["/article/" + quote(i, safe="") for i in article_ids(db)]


def test_every_page_keeps_hostile_text_inert(client, db):
    shown_as_text = 0
    for path in pages_to_check(db):
        r = client.get(path)
        assert r.status_code == (404 if path.startswith(("/nothing", "//")) else 200), (path, r.status_code)
        assert r.headers["content-type"].startswith("text/html"), path
        parser = check_page(r.text, path)
        shown_as_text += "<script>window.__pwned" in "".join(parser.text)
    assert shown_as_text >= 10                          # the text is there, as text


def test_article_links_are_live_only_for_http(client, db):
    for id_ in article_ids(db):
        html = client.get("/article/" + quote(id_, safe="")).text
        source = re.search(r'<p class="source muted">(.*?)</p>', html, re.S).group(1)
        hrefs = re.findall(r'href="([^"]*)"', source)
        outside = [h for h in hrefs if not h.startswith("/api/")]
        with sqlite3.connect(db) as conn:
            url = conn.execute("SELECT url FROM articles WHERE id = ?", (id_,)).fetchone()[0]
        if url == GOOD_URL:                                # a real link, its quotes escaped in the attribute
            assert outside == [GOOD_URL.replace("&", "&amp;").replace('"', "&#34;").replace("<", "&lt;")
                               .replace(">", "&gt;")], outside
            assert 'rel="noopener noreferrer nofollow"' in source
        else:
            assert outside == [], (url, outside)


def test_article_with_a_slash_and_markup_in_its_id_opens(client):
    r = client.get("/article/" + quote(ODD_ID, safe=""))
    assert r.status_code == 200 and "МИД" in r.text
    raw = client.get("/api/articles/" + quote("vb", safe="") + "/raw")
    assert raw.headers["content-type"] == "application/octet-stream"
    assert raw.headers["content-disposition"] == 'attachment; filename="vb.raw"'
    odd = client.get("/api/articles/" + quote(f"good{ATTR}", safe="") + "/raw")
    assert odd.status_code == 200 and re.fullmatch(r'attachment; filename="[0-9a-f]{16}\.raw"',
                                                   odd.headers["content-disposition"])


def test_api_answers_are_json_with_nothing_readable_as_markup(client, db):
    with open_store(db) as store:
        for id_ in article_ids(db):
            r = client.get("/api/articles/" + quote(id_, safe=""))
            if r.status_code == 404:                     # an id with "/" is reached by its sha256
                sha = store.article_dict(id_)["sha256"]
                r = client.get(f"/api/articles/{sha}")
            assert r.json() == store.article_dict(id_)                 # the text as it came …
            assert not re.search(r"[<>]", r.text)                       # … with no raw markup byte
    for path in ("/api/search?q=script&facets=true", "/api/articles?limit=100", "/api/events?limit=100",
                 "/api/entities", "/api/entities/" + quote(PERSON, safe=""),
                 f"/api/timeline?a={quote(PERSON)}&b={quote(PLACE)}",
                 "/api/stories?min_articles=1", "/api/articles/" + quote(SCRIPT, safe=""), "/api/stats"):
        r = client.get(path)
        assert r.status_code < 500 and r.headers["content-type"] == "application/json", path
        assert not re.search(r"[<>]", r.text), (path, r.text[:200])
        assert r.headers["x-content-type-options"] == "nosniff"


# --- SQL injection through every parameter of every route ------------------------------------------

INJECTIONS = ["' OR '1'='1", "x' OR 1=1 --", "\") OR 1=1 --", "1; DROP TABLE articles; --",
              "' UNION SELECT sql, name, 1, 1, 1, 1, 1, 1 FROM sqlite_master --", "%' OR '%'='",
              "1) OR (1=1", "*", "x\x00' OR 1=1"]


def fingerprint(db: Path) -> tuple:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        digest = hashlib.sha256()
        for line in conn.iterdump():
            digest.update(line.encode("utf-8", "surrogatepass"))
        return tables, {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}, digest.hexdigest()
    finally:
        conn.close()


def routes(app) -> list[tuple[str, list[str], list[str]]]:
    """(path, path parameters, query parameters) of every GET route the app has, included routers
    walked (newer FastAPI keeps an included router as one entry that holds the original)."""
    out = []

    def walk(found, prefix: str = "") -> None:
        for route in found:
            inner = getattr(route, "original_router", None)
            if inner is not None:
                context = getattr(route, "include_context", None)
                walk(inner.routes, prefix + (getattr(context, "prefix", "") or ""))
            elif isinstance(route, APIRoute) and "GET" in route.methods:
                query = [p.alias or p.name for p in route.dependant.query_params]
                out.append((prefix + route.path, [p.name for p in route.dependant.path_params], query))

    walk(app.routes)
    return out


def count_items(response) -> int | None:
    if "json" in response.headers.get("content-type", ""):
        body = response.json()
        return len(body.get("items", [])) if isinstance(body, dict) else None
    return len(re.findall(r'class="hit"|<tr>\s*<td>', response.text))


def test_sql_injection_in_every_parameter_changes_nothing(client, db):
    before = fingerprint(db)
    found = routes(client.app)
    assert len(found) >= 20 and any(p for _, p, _ in found) and sum(len(q) for _, _, q in found) >= 40
    tried = 0
    for path, path_params, query_params in found:
        base_query = {"a": "Алиев", "b": "Баку"} if path.endswith("/timeline") else {}
        url = re.sub(r"\{(\w+)(:path)?\}", "hostile-1", path)
        for value in INJECTIONS:
            for name in path_params:                                        # in the path …
                r = client.get(re.sub(r"\{" + name + r"(:path)?\}", quote(value, safe=""), path), params=base_query)
                assert 400 <= r.status_code < 500, (path, name, value, r.status_code, r.text[:300])   # finds nothing
                tried += 1
            for name in query_params:                                       # … and in the query
                r = client.get(url, params={**base_query, name: value})
                assert r.status_code < 500, (path, name, value, r.status_code, r.text[:300])
                tried += 1
                if name in ("q", "lang", "limit", "offset", "page", "facets", "min_articles", "id", "a", "b"):
                    continue
                harmless = client.get(url, params={**base_query, name: "zzqx-no-such-value"})
                if r.status_code == 200 and harmless.status_code == 200:    # no extra rows
                    assert (count_items(r) or 0) <= (count_items(harmless) or 0), (path, name, value)
    assert tried >= 300
    assert fingerprint(db) == before


# --- static files and traversal --------------------------------------------------------------------

TRAVERSALS = ["/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/app.py", "/static/%2e%2e%2fapp.py",
              "/static/%252e%252e%252fapp.py", "/static/..%5capp.py", "/static/..\\app.py", "/static//etc/passwd",
              "/static/%2fetc%2fpasswd", "/static/../../../../etc/passwd", "/static/....//....//app.py",
              "/static/%c0%ae%c0%ae/app.py", "/static/style.css%00.py", "/static/./../__init__.py",
              "/static/" + "%2e%2e/" * 12 + "etc/passwd", "/static/templates/../../app.py"]


def test_static_traversal_in_process(client):
    assert client.get("/static/style.css").status_code == 200
    for path in TRAVERSALS:
        r = client.get(path)
        assert r.status_code in (400, 404, 405), (path, r.status_code)
        assert "def create_app" not in r.text and "root:" not in r.text


# --- the real server: raw HTTP, limits, Host, methods ----------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(db, tmp_path_factory):
    port = free_port()
    log = open(tmp_path_factory.mktemp("log") / "serve.log", "w+b")
    proc = subprocess.Popen([sys.executable, "-m", "svodka.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, PYTHONWARNINGS="ignore"))
    base = f"http://127.0.0.1:{port}"
    try:
        def alive() -> bool:
            if proc.poll() is None:
                return True
            log.seek(0)
            pytest.fail(log.read().decode(errors="replace"))

        wait_for(base, alive)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def raw_request(port: int, target: str, *, method: str = "GET", host: str = "127.0.0.1",
                headers: str = "", body: bytes = b"") -> tuple[int, bytes]:
    """One request written byte for byte (no client normalises the path); the status and the body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"{method} {target} HTTP/1.1\r\nHost: {host}\r\n{headers}Connection: close\r\n\r\n".encode("latin-1")
                  + body)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), rest


def test_static_traversal_on_the_wire(server):
    assert raw_request(server, "/static/style.css")[0] == 200
    for path in TRAVERSALS + ["/static/../../../../../../etc/passwd", "/static/..", "/static/%2e%2e"]:
        status, body = raw_request(server, path)
        assert status in (400, 404), (path, status)
        assert b"def create_app" not in body and b"root:" not in body


def test_limits_on_the_wire(server):
    status, body = raw_request(server, "/api/search?q=" + "a" * 9000)
    assert status == 414 and b"URL longer" in body
    assert raw_request(server, "/api/search?q=" + "a" * 9000, method="HEAD") == (414, b"")
    assert raw_request(server, "/search?q=" + "%D0%AF" * 500 + "&site=" + "x" * 200)[0] == 200   # the longest real one
    status, _ = raw_request(server, "/api/stats", method="POST", headers="Content-Length: 10000000\r\n")
    assert status == 413
    status, _ = raw_request(server, "/", method="GET", headers="Content-Length: 20000\r\n", body=b"x" * 20000)
    assert status == 413
    chunked = b"".join(b"%x\r\n%s\r\n" % (4096, b"y" * 4096) for _ in range(8)) + b"0\r\n\r\n"
    status, _ = raw_request(server, "/api/stats", method="POST", headers="Transfer-Encoding: chunked\r\n", body=chunked)
    assert status in (405, 413)


def test_host_check_against_dns_rebinding(server):
    assert raw_request(server, "/api/stats", host=f"127.0.0.1:{server}")[0] == 200
    assert raw_request(server, "/api/stats", host=f"localhost:{server}")[0] == 200
    status, body = raw_request(server, "/api/stats", host=f"rebind.evil.example:{server}")
    assert status == 400 and b"Host not allowed" in body


def test_only_get_and_head_on_every_route(client, server):
    paths = []
    for path, _, _ in routes(client.app):
        paths.append(re.sub(r"\{(\w+)(:path)?\}", "hostile-1", path).replace("/timeline", "/timeline?a=x&b=y"))
    paths += ["/static/style.css", "/api/openapi.json"]
    for path in paths:
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code and head.content == b"", path
        assert head.headers.get("content-length") == got.headers.get("content-length"), path
        for method in ("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PROPFIND"):
            r = client.request(method, path)
            assert r.status_code == 405, (method, path, r.status_code)
    assert raw_request(server, "/api/articles", method="DELETE")[0] == 405
    schema = client.get("/api/openapi.json").json()
    assert all(set(ops) == {"get"} for ops in schema["paths"].values())


def test_security_headers_everywhere(client, server):
    for path in ("/", "/api/stats", "/static/style.css", "/nothing", "/api/nothing", "/article/hostile-1"):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        for part in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'",
                     "frame-ancestors 'none'", "form-action 'self'"):
            assert part in csp, (path, part)
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
        assert h["referrer-policy"] == "no-referrer" and h["cross-origin-resource-policy"] == "same-origin"
    status, _ = raw_request(server, "/api/search?q=" + "a" * 9000)                # refusals carry them too
    with socket.create_connection(("127.0.0.1", server), timeout=10) as s:
        s.sendall(b"GET /x?" + b"a" * 9000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        head = s.recv(65536).split(b"\r\n\r\n")[0].lower()
    assert b"content-security-policy" in head and b"x-content-type-options: nosniff" in head
    cookie = client.get("/", params={"lang": "ru"}).headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


# --- a real browser -----------------------------------------------------------------------------------

def test_hostile_pages_inert_in_chromium(server, db):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    base = f"http://127.0.0.1:{server}"
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--headless"])
        try:
            page = browser.new_page()
            page.set_default_timeout(15_000)
            problems = []
            page.on("pageerror", lambda err: problems.append(f"pageerror: {err}"))
            page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
            page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
            paths = [p for p in pages_to_check(db) if not p.startswith(("/nothing", "//"))]
            for path in paths:
                page.goto(base + path)
                assert page.evaluate("typeof window.__pwned") == "undefined", path
                # no element that runs or embeds, but svodka's own static scripts (the map's)
                own = "script[src^='/static/']:not([onload]):not([onerror])"
                assert page.locator(f"script:not({own}), iframe, object, embed").count() == 0, path
                hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
                outside = [h for h in hrefs if not h.startswith(base)]
                assert all(h.startswith(("http://", "https://")) for h in outside), (path, outside)
                assert not any(h.startswith(("http://evil", "https://evil")) for h in hrefs), (path, hrefs)
                # a 6 000-character word wraps: no page grows sideways
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
            page.goto(base + "/article/hostile-0")
            assert "<script>window.__pwned=1</script>" in page.locator("h1.headline").inner_text()
            assert "javascript:window.__pwned=3" in page.locator("p.source").inner_text()   # shown, not linked
        finally:
            browser.close()
    # nothing had to be blocked: the Content Security Policy never fired, nothing ran
    assert not [p for p in problems if "favicon" not in p], problems
