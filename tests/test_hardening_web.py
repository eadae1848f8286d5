"""Issue 19 ("Hardening"), the web UI and the REST API, against real components: a SQLite store built
from the demo corpus, the hostile pages, a JSONL wire document whose id holds "/" and two copies of a
story's article written with the Store API (one untitled, one whose title carries direction marks);
FastAPI's TestClient in process, `svodka serve` over raw sockets, uvicorn with svodka's protocol in a
thread (for a route that fails on purpose), and headless Chromium (skipped when absent).

- an ambiguous name on the dossier and timeline pages: a choice page, never a 500;
- every error page (400, 404, 409, 422, 500) carries the security headers; a 500 keeps the connection;
- article ids with "/": the JSON and raw links work;
- an untitled story member says "untitled";
- direction marks in crawled text cannot reorder svodka's own text beside it;
- request headers over 16 KiB → 400, as docs/security.md says;
- a raw (not percent-encoded) Cyrillic request target is answered normally;
- /api/docs: a header per column, no RST markup, JSON values;
- Russian months in the right case, counted nouns in the right form in both languages.
"""
from __future__ import annotations

import hashlib
import html as htmllib
import json
import os
import re
import socket
import subprocess
import sys
import threading
import warnings
from dataclasses import replace
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
    from fastapi.testclient import TestClient  # noqa: E402

from svodka.lang.plural import plural_en, plural_ru  # noqa: E402
from svodka.ingest import ingest  # noqa: E402
from svodka.store import open_store  # noqa: E402
from test_api import build_store  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
SLASH_ID = "wire/2025/12/slash-1"
SLASH_TEXT = ("Экономика\n\nВ Казани открыли новый мост через Казанку\n\n"
              "Мэр Казани открыл новый мост через реку Казанку, сообщила пресс-служба городской администрации.\n\n"
              "Строительство моста продолжалось два года, движение по нему откроют уже на следующей неделе.\n\n"
              "По словам мэра, мост разгрузит центр города и сократит время в пути для жителей.\n")
# a stray PDI first (it would close an isolation around it), then a right-to-left override
RLO_TITLE = "\u2069\u202eПеревёрнутый заголовок"
RLO_WORDS = "Перевёрнутый заголовок"
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


# --- the store, the app, the servers -----------------------------------------------------------------

def _copy(art, id_: str, title: str | None):
    """The article under another id, site and sha256, with ``title``; annotations of the old title dropped."""
    entities = []
    for e in art.entities:
        kept = [m for m in e.mentions if m.field != "title"]
        if kept:
            entities.append(replace(e, mentions=kept))
    return replace(art, id=id_, title=title, sha256=hashlib.sha256(id_.encode()).hexdigest(), site=f"{id_}.example",
                   source=f"{id_}.txt", url=None, entities=entities, events=[],
                   quotes=[q for q in art.quotes if q.field != "title"], times=[t for t in art.times if t.field != "title"])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    """The store and the id of the story article the copies joined."""
    from svodka.link import update
    from svodka.link.stories import stories, story_of

    folder = tmp_path_factory.mktemp("hardening")
    db = build_store(folder)
    wire = folder / "wire.jsonl"
    wire.write_text(json.dumps({"id": SLASH_ID, "url": "https://example.ru/most", "date": "2025-12-22",
                                "text": SLASH_TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert ingest([str(wire)], db, progress=False).new == 1                # the real reading path
    with open_store(db) as store:
        story = next(s for s in stories(store, 2) if all(a.title for a in s.articles))
        original = story.articles[0].id
        art = store.article(original)
        copies = [_copy(art, "story-untitled", None), _copy(art, "story-rlo", RLO_TITLE)]
        with store.transaction():
            store.add_articles(copies, {c.sha256: (c.id.encode(), "text") for c in copies})
            update(store)
        for c in copies:
            joined = story_of(store, c.id)
            assert joined is not None and joined.id == story.id, c.id
    return db, original


@pytest.fixture(scope="module")
def db(built) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def original(built) -> str:
    return built[1]


@pytest.fixture(scope="module")
def client(db):
    from svodka.serve import create_app

    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(autouse=True)
def english(request):
    """Each test starts in English: a ``?lang=ru`` before leaves a cookie in the module's client."""
    if "client" in request.fixturenames:
        request.getfixturevalue("client").cookies.clear()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(db, tmp_path_factory):
    """`svodka serve` on a free loopback port; its port."""
    port = free_port()
    log = open(tmp_path_factory.mktemp("log") / "serve.log", "w+b")
    proc = subprocess.Popen([sys.executable, "-m", "svodka.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, PYTHONWARNINGS="ignore"))
    try:
        wait_for(f"http://127.0.0.1:{port}", lambda: proc.poll() is None)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def boom():
    raise RuntimeError("a bug, on purpose")


def failing_app(db):
    """The app with two routes that fail (a bug in a page and in the API)."""
    from svodka.serve import create_app

    app = create_app(db)
    app.add_api_route("/boom", boom)
    app.add_api_route("/api/boom", boom)
    return app


@pytest.fixture(scope="module")
def failing_server(db):
    """uvicorn in a thread, configured as `svodka serve` runs it, over the failing app; its port."""
    import uvicorn

    from svodka.serve.wire import PROTOCOL

    port = free_port()
    config = uvicorn.Config(failing_app(db), host="127.0.0.1", port=port, http=PROTOCOL, log_level="critical",
                            access_log=False)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    try:
        wait_for(f"http://127.0.0.1:{port}", thread.is_alive)
        yield port
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def read_response(f) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 response from a socket file (Content-Length bodies)."""
    status_line = f.readline()
    assert status_line.startswith(b"HTTP/1.1 "), status_line
    headers: dict[str, str] = {}
    while (line := f.readline()) not in (b"\r\n", b""):
        k, _, v = line.decode("latin-1").partition(":")
        headers[k.strip().lower()] = v.strip()
    body = f.read(int(headers.get("content-length", "0")))
    return int(status_line.split()[1]), headers, body


def raw(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """``request`` written byte for byte (no client encodes the target); the response."""
    with socket.create_connection(("127.0.0.1", port), timeout=15) as s:
        s.sendall(request)
        return read_response(s.makefile("rb"))


def get(target: bytes, headers: bytes = b"") -> bytes:
    return b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + b"Connection: close\r\n\r\n"


def security_headers() -> dict[str, str]:
    from svodka.serve.app import HEADERS
    return {k.lower(): v for k, v in HEADERS.items()}


def assert_secured(headers, where) -> None:
    got = {k.lower(): v for k, v in dict(headers).items()}
    for k, v in security_headers().items():
        assert got.get(k) == v, (where, k, got.get(k))


def text_of(html: str) -> str:
    return htmllib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def hrefs_in(html: str, section: str) -> list[str]:
    part = re.search(section, html, re.S)
    assert part, section
    return [htmllib.unescape(h) for h in re.findall(r'href="([^"]+)"', part.group(0))]


# --- 1. ambiguous names: a choice page; error pages secured; a 500 keeps the connection --------------

def test_ambiguous_dossier_is_a_choice_page(client):
    api = client.get("/api/entities/Душанбе")
    assert api.status_code == 409
    candidates = api.json()["candidates"]
    assert {c["type"] for c in candidates} == {"LOC", "ORG"}
    r = client.get("/entity/Душанбе")                      # 300 Multiple Choices: a page to choose on
    assert r.status_code == 300 and r.headers["content-type"].startswith("text/html"), r.text[:300]
    assert "location" not in r.headers
    assert_secured(r.headers, "/entity/Душанбе")
    text = text_of(r.text)
    assert "Place" in text and "Organisation" in text
    for c in candidates:
        assert f"{c['articles']} {plural_en(c['articles'], 'article')}" in text, c
    links = hrefs_in(r.text, r'<ul class="candidates">.*?</ul>')
    assert links == [f"/entity/{quote(c['name'], safe='')}?id={c['id']}" for c in candidates]
    for c, link in zip(candidates, links):
        d = client.get(link)
        assert d.status_code == 200 and f'<h1 class="name">{c["name"]}</h1>' in d.text, link
    ru = text_of(client.get("/entity/Душанбе", params={"lang": "ru"}).text)
    assert "Место" in ru and "Организация" in ru
    for c in candidates:
        assert f"{c['articles']} {plural_ru(c['articles'], 'статья', 'статьи', 'статей')}" in ru, c


def test_ambiguous_person_shows_roles(client):
    candidates = client.get("/api/entities/Алиева").json()["candidates"]
    assert len(candidates) == 2
    text = text_of(client.get("/entity/Алиева").text)
    for c in candidates:
        roles = client.get(f"/api/entities/%23{c['id']}").json()["roles"]
        assert c["name"] in text and "Person" in text
        if roles:
            assert roles[0]["role"] in text, (c, roles[0])


@pytest.mark.parametrize("side", ["a", "b"])
def test_ambiguous_timeline_is_a_choice_page(client, side):
    params = {"a": "Алиева", "b": "Россия"} if side == "a" else {"a": "Россия", "b": "Алиева"}
    api = client.get("/api/timeline", params=params)
    assert api.status_code == 409
    candidates = api.json()["candidates"]
    r = client.get("/timeline", params=params)
    assert r.status_code == 300 and "Мехрибан Алиева" in r.text, r.text[:300]
    assert_secured(r.headers, "/timeline")
    links = hrefs_in(r.text, r'<ul class="candidates">.*?</ul>')
    other = "b" if side == "a" else "a"
    assert len(links) == len(candidates)
    for c, link in zip(candidates, links):
        assert f"{side}=%23{c['id']}" in link and f"{other}={quote('Россия')}" in link, link
        t = client.get(link)
        assert t.status_code == 200 and c["name"] in re.search(r"<h1>(.*?)</h1>", t.text, re.S).group(1), link


@pytest.mark.parametrize("path, status", [
    ("/nothing/here", 404), ("/article/no-such-article", 404), ("/entity/Душанбе", 300),
    ("/timeline?a=Алиева&b=Россия", 300), ("/search?month=2025-13", 400), ("/search?page=0", 422),
    ("/api/nothing", 404), ("/api/entities/Душанбе", 409), ("/api/search?from=yesterday", 400),
    ("/api/articles?limit=0", 422), ("/static/nothing.css", 404),
])
def test_error_pages_carry_the_security_headers(client, path, status):
    r = client.get(path)
    assert r.status_code == status, (path, r.status_code)
    assert_secured(r.headers, path)
    assert_secured(client.head(path).headers, "HEAD " + path)


def test_a_bug_is_a_secured_500_in_process(db):
    with TestClient(failing_app(db), raise_server_exceptions=False) as c:
        page = c.get("/boom")
        assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
        assert "RuntimeError" in page.text and "Traceback" not in page.text and "on purpose" not in page.text
        assert_secured(page.headers, "/boom")
        api = c.get("/api/boom")
        assert api.status_code == 500 and api.json() == {"error": "internal error (RuntimeError)"}
        assert_secured(api.headers, "/api/boom")


def test_a_500_keeps_the_connection_on_the_wire(failing_server):
    with socket.create_connection(("127.0.0.1", failing_server), timeout=15) as s:
        f = s.makefile("rb")
        for target in (b"/boom", b"/api/boom", b"/api/stats", b"/boom", b"/"):
            s.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            status, headers, body = read_response(f)
            assert status == (500 if b"boom" in target else 200), (target, status, body[:200])
            assert_secured(headers, target)
            assert headers.get("connection", "").lower() != "close", (target, headers)
            assert b"Traceback" not in body


def test_ambiguous_pages_on_the_wire(server):
    status, headers, body = raw(server, get(b"/entity/" + quote("Душанбе").encode()))
    assert status == 300 and b'class="candidates"' in body
    assert_secured(headers, "wire /entity/Душанбе")


# --- 6. ids with "/" -----------------------------------------------------------------------------------

def test_an_id_with_a_slash_has_working_links(client, server):
    r = client.get("/article/" + quote(SLASH_ID, safe=""))
    assert r.status_code == 200 and "мост" in r.text
    links = hrefs_in(r.text, r'<p class="source muted">.*?</p>')
    api = [h for h in links if h.startswith("/api/")]
    assert len(api) == 2, links
    for link in api:
        got = client.get(link)
        assert got.status_code == 200, (link, got.status_code, got.text[:200])
        status, _, body = raw(server, get(link.encode()))
        assert status == 200, (link, status)
        if link.endswith("/raw"):
            assert got.headers["content-type"] == "application/octet-stream" and b"slash-1" in got.content
            assert re.fullmatch(r'attachment; filename="[0-9a-f]{16}\.raw"', got.headers["content-disposition"])
        else:
            assert got.json()["id"] == SLASH_ID and json.loads(body)["id"] == SLASH_ID
    for tail in ("/sources", "/story"):
        got = client.get("/api/articles/" + quote(SLASH_ID, safe="") + tail)
        assert got.status_code in ((200,) if tail == "/sources" else (200, 404)), (tail, got.status_code)
        assert "error" not in got.json() or "no story" in got.json()["error"]
    assert client.get("/api/articles/" + quote(SLASH_ID, safe="")).json()["id"] == SLASH_ID


# --- 7. untitled story members -------------------------------------------------------------------------

def test_an_untitled_story_member_says_untitled(client, original):
    for path in ("/article/story-untitled", f"/article/{quote(original, safe='')}", "/stories"):
        html = client.get(path).text
        assert ">None<" not in html and "None" not in text_of(html), path
    html = client.get("/article/story-untitled").text
    story = re.search(r'<section class="story">.*?</section>', html, re.S).group(0)
    assert re.search(r"<strong>(<[^>]+>)*untitled(<[^>]+>)*</strong>", story), story
    ru = client.get("/article/story-untitled", params={"lang": "ru"}).text
    story = re.search(r'<section class="story">.*?</section>', ru, re.S).group(0)
    assert re.search(r"<strong>(<[^>]+>)*без заголовка(<[^>]+>)*</strong>", story) and ">untitled<" not in story


# --- 8. direction marks in crawled text are isolated ---------------------------------------------------

class Isolation(HTMLParser):
    """For each text node holding ``words``: the open elements around it."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source"}

    def __init__(self, words: str) -> None:
        super().__init__()
        self.words, self.stack, self.found = words, [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop() == tag:
                break

    def handle_data(self, data):
        if self.words in data:
            self.found.append((list(self.stack), data))


def balanced(text: str) -> bool:
    """No closing mark without its opener, no opener left open."""
    stack = []
    for ch in BIDI.findall(text):
        if ch in "\u202a\u202b\u202d\u202e":
            stack.append("\u202c")
        elif ch in "\u2066\u2067\u2068":
            stack.append("\u2069")
        elif not stack or stack.pop() != ch:
            return False
    return not stack


def test_hostile_titles_are_isolated_in_the_html(client, original):
    css = client.get("/static/style.css").text
    assert re.search(r"(^|[,}\s])a\s*(,[^{]*)?\{[^}]*unicode-bidi:\s*isolate", css), "links are isolated"
    pages = [f"/article/{quote(original, safe='')}", "/article/story-rlo", "/stories", "/search?q=" + quote(RLO_WORDS)]
    seen = 0
    for path in pages:
        parser = Isolation(RLO_WORDS)
        parser.feed(client.get(path).text)
        assert parser.found, path
        for stack, data in parser.found:
            seen += 1
            assert balanced(data), (path, data)
            if "title" in stack:                       # checked below
                continue
            # in a <bdi>, a link (isolated by the stylesheet) or a heading of its own
            assert "bdi" in stack or stack[-1] in ("a", "h1", "h3"), (path, stack)
    assert seen >= 4
    # the page's <title>: the crawled title between FSI and PDI, then svodka's name
    head = re.search(r"<title>(.*?)</title>", client.get("/article/story-rlo").text, re.S).group(1)
    assert re.fullmatch("\u2068[^\u2068\u2069]*" + RLO_WORDS + "[^\u2068\u2069]*\u2069 · svodka", htmllib.unescape(head)), head


def test_direction_marks_in_any_field_stay_balanced(client):
    """Every page shows crawled strings only balanced: a stray PDF or PDI never closes svodka's isolation,
    an override never stays open."""
    for path in ("/", "/stories", "/events", "/search?q=" + quote(RLO_WORDS), "/article/story-rlo",
                 "/entity/" + quote("\u2069\u202eНикто"),
                 "/search?q=" + quote("\u2069\u202eмост") + "&site=" + quote("\u202c\u2069x")):
        html = client.get(path).text
        text = htmllib.unescape("".join(re.split(r"<[^>]+>", html)))
        assert balanced(text), (path, [m.start() for m in BIDI.finditer(text)][:10])


# --- 9. header limit; 10. raw Cyrillic targets ------------------------------------------------------------

def test_headers_over_16_kib_get_a_400(client, server):
    big = b"X-Big: " + b"a" * 17 * 1024 + b"\r\n"
    for headers in (big, b"X-Huge: " + b"a" * 100 * 1024 + b"\r\n",
                    b"".join(b"X-Part-%d: %s\r\n" % (i, b"b" * 6000) for i in range(3))):
        for target in (b"/api/stats", b"/"):
            status, got, body = raw(server, get(target, headers))
            assert status == 400, (target, len(headers), status)
            assert_secured(got, "wire 400")
            if target.startswith(b"/api"):
                assert "header" in json.loads(body)["error"]
    status, got, body = raw(server, get(b"/api/stats", b"X-Fine: " + b"a" * 8000 + b"\r\n"))
    assert status == 200 and json.loads(body)["articles"] > 50
    assert raw(server, get(b"/api/stats"))[0] == 200
    r = client.get("/api/stats", headers={"X-Big": "a" * 17 * 1024})
    assert r.status_code == 400 and "header" in r.json()["error"]
    assert client.get("/api/stats", headers={"X-Fine": "a" * 8000}).status_code == 200


def test_a_raw_cyrillic_target_is_answered(server):
    status, headers, body = raw(server, get("/api/search?q=Алиеву".encode()))
    assert status == 200, body[:300]
    found = json.loads(body)
    assert found["query"] == "Алиеву" and found["items"]
    assert_secured(headers, "raw cyrillic")
    status, _, body = raw(server, get("/search?q=Алиеву".encode()))
    assert status == 200 and "<mark>Алиев".encode() in body
    status, _, body = raw(server, get("/entity/Ильхам%20Алиев".encode()))
    assert status == 200 and "президент Азербайджана".encode() in body
    # kept-alive: a second raw request on the same connection
    with socket.create_connection(("127.0.0.1", server), timeout=15) as s:
        f = s.makefile("rb")
        for _ in range(2):
            s.sendall("GET /api/search?q=Путин HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            status, _, body = read_response(f)
            assert status == 200 and json.loads(body)["query"] == "Путин"


def test_a_malformed_request_gets_a_json_error(server):
    for request in (b"GET /api/stats\x01 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                    b"GET /a b c HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                    b"BLAH\r\n\r\n"):
        status, headers, body = raw(server, request)
        assert status == 400, request
        assert headers["content-type"].startswith("application/json")
        assert isinstance(json.loads(body)["error"], str)
        assert_secured(headers, request)


# --- 11. the API docs page ---------------------------------------------------------------------------

def test_api_docs_page(client):
    html = client.get("/api/docs").text
    tables = re.findall(r"<table.*?</table>", html, re.S)
    assert len(tables) >= 10
    for table in tables:
        heads = re.findall(r"<th>(.*?)</th>", table, re.S)
        assert heads and all(h.strip() for h in heads), heads
        for row in re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>.*</tbody>", table, re.S).group(0), re.S):
            cells = re.findall(r"<td>(.*?)</td>", row, re.S)
            assert len(cells) == len(heads), (heads, cells)
            assert all(text_of(c).strip() for c in cells), row
    text = text_of(html)
    assert "`" not in text, re.findall(r".{30}`.{30}", text)[:3]
    assert not re.search(r"\b(False|True|None)\b", text), re.findall(r".{30}\b(?:False|True|None)\b.{10}", text)[:3]
    assert not re.search(r"default\s*(,|$|<|\s—)", text)
    assert "default false" in text and "default 20" in text
    assert "<code>svodka show ID --json</code>" in html


# --- rough edges: months in Russian, counted nouns --------------------------------------------------------

MONTHS_IN = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре",
             "ноябре", "декабре")
MONTHS_NOM = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
              "ноябрь", "декабрь")


def test_russian_months_in_the_right_case(client):
    home = text_of(client.get("/", params={"lang": "ru"}).text)
    said = re.search(r"Чаще всего упоминались в (\w+) (\d{4})", home)
    assert said and said.group(1) in MONTHS_IN, said and said.group(0)
    english = text_of(client.get("/", params={"lang": "en"}).text)
    assert re.search(r"Most mentioned in (January|February|March|April|May|June|July|August|September|October"
                     r"|November|December) \d{4}", english)
    facets = client.get("/search", params={"q": "Алиеву", "lang": "ru"}).text
    months = re.findall(r'href="[^"]*month=\d{4}-\d{2}[^"]*">(\w+) (\d{4})</a>', facets)
    assert months and all(m.lower() in MONTHS_NOM for m, _ in months), months


EN_NOUNS = {"article": "articles", "source": "sources", "event": "events", "result": "results"}
RU_NOUNS = [("статья", "статьи", "статей"), ("источник", "источника", "источников"),
            ("событие", "события", "событий"), ("результат", "результата", "результатов")]


def counted(text: str, lang: str) -> list[tuple[int, str, str]]:
    """(n, the word written, the word it should be) for every "<number> <noun>" in ``text``."""
    out = []
    if lang == "en":
        for n, word in re.findall(r"(?<![\d.\-])(\d[\d\u202f\u00a0]*)\+? (articles?|sources?|events?|results?)\b", text):
            n = int(re.sub(r"\D", "", n))
            one = word.rstrip("s")
            out.append((n, word, plural_en(n, one, EN_NOUNS[one])))
    else:
        stems = "|".join(f for forms in RU_NOUNS for f in forms)
        for n, word in re.findall(rf"(?<![\d.\-])(\d[\d\u202f\u00a0]*)\+? ({stems})(?!\w)", text):
            n = int(re.sub(r"\D", "", n))
            forms = next(f for f in RU_NOUNS if word in f)
            out.append((n, word, plural_ru(n, *forms)))
    return out


class Muted(HTMLParser):
    """The text of svodka's small print (class "muted"), where it says how many of what: crawled text
    elsewhere on the page may count things in its own grammar."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.parts = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in Isolation.VOID:
            self.depth.append("muted" in (dict(attrs).get("class") or "").split())

    def handle_endtag(self, tag):
        if self.depth:
            self.depth.pop()

    def handle_data(self, data):
        if any(self.depth):
            self.parts.append(data)


def muted_text(html: str) -> str:
    parser = Muted()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def test_counted_nouns_agree_in_both_languages(client, original):
    seen = {"en": set(), "ru": set()}
    for path in ("/stories", "/events", "/events?type=meet", "/search?q=Алиеву", "/search?q=мост Казанку",
                 "/entity/Душанбе", "/entity/Алиева", f"/events?article={quote(original, safe='')}",
                 "/timeline?a=Россия&b=Азербайджан"):
        for lang in ("en", "ru"):
            text = muted_text(client.get(path + ("&" if "?" in path else "?") + "lang=" + lang).text)
            for n, word, right in counted(text, lang):
                assert word == right, (path, lang, n, word)
                seen[lang].add(word)
    assert {"article", "articles"} <= seen["en"] and {"статья", "статей"} <= seen["ru"], seen
    assert any(w.startswith("event") for w in seen["en"]) and any(w.startswith("result") for w in seen["en"])


def test_the_plural_filter_uses_the_shared_helpers():
    from svodka.serve.i18n import counter

    for n, en, ru in [(1, "1 article", "1 статья"), (2, "2 articles", "2 статьи"), (5, "5 articles", "5 статей"),
                      (11, "11 articles", "11 статей"), (21, "21 articles", "21 статья"), (1234, "1\u202f234 articles",
                                                                                        "1\u202f234 статьи")]:
        assert counter("en")(n, "article") == en and counter("ru")(n, "article") == ru


# --- Chromium: the choice page and isolation as rendered ---------------------------------------------------

@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    p = context.new_page()
    p.set_default_timeout(15_000)
    p.problems = []
    p.on("pageerror", lambda err: p.problems.append(f"pageerror: {err}"))
    p.on("console", lambda msg: p.problems.append(f"console: {msg.text}") if msg.type == "error" else None)
    yield p
    context.close()


def test_choice_pages_in_chromium(server, page):
    base = f"http://127.0.0.1:{server}"
    page.goto(base + "/entity/" + quote("Душанбе"))
    items = page.locator("ul.candidates li")
    assert items.count() == 2
    assert "Organisation" in items.nth(0).inner_text() + items.nth(1).inner_text()
    page.locator("ul.candidates li", has_text="Organisation").get_by_role("link").click()
    page.wait_for_url(re.compile(r"/entity/.*\?id=\d+"))
    assert page.locator("h1.name").inner_text() == "Душанбе"
    assert page.locator(".card.big .type").inner_text().lower().startswith("organisation")
    page.goto(base + "/timeline?a=" + quote("Алиева") + "&b=" + quote("Россия"))
    page.get_by_role("link", name="Мехрибан Алиева").click()
    page.wait_for_url(re.compile(r"/timeline\?a=%23\d+"))
    assert "Мехрибан Алиева" in page.locator("h1").inner_text()
    assert page.locator("form.filters-form").is_visible()
    assert not page.problems, page.problems


LAYOUT = """item => {
    const title = [...item.querySelectorAll('a, strong')].find(e => e.textContent.includes(WORDS));
    const muted = item.querySelector('span.muted');
    if (!title || !muted) return null;
    const rects = title.getClientRects(), end = rects[rects.length - 1];
    const text = muted.firstChild, range = document.createRange();
    const at = i => { range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect(); };
    const first = at(0), tenth = at(9);
    return {end: [end.right, end.bottom], first: [first.left, first.top], tenth: [tenth.left, tenth.top],
            text: text.data};
}"""


def test_a_hostile_title_does_not_reverse_the_text_after_it(server, page, original):
    base = f"http://127.0.0.1:{server}"
    checked = 0
    for path in (f"/article/{quote(original, safe='')}", "/article/story-rlo", "/stories"):
        page.goto(base + path)
        items = page.locator("li", has_text=RLO_WORDS)
        assert items.count() >= 1, path
        for i in range(items.count()):
            box = items.nth(i).evaluate(LAYOUT.replace("WORDS", json.dumps(RLO_WORDS)))
            if box is None:
                continue
            (end_x, end_y), (x0, y0), (x9, y9) = box["end"], box["first"], box["tenth"]
            assert re.match(r"\d{1,2} [A-Z][a-z]+ \d{4}", box["text"]), box          # a date in words
            # what follows the title starts after it: further right on its line, or on a later line …
            assert x0 >= end_x - 1 or y0 >= end_y - 1, (path, box)
            # … and reads left to right ("14 January 2025": its 1st character left of its 10th)
            assert abs(y0 - y9) > 1 or x0 < x9, (path, box)
            checked += 1
    assert checked >= 3
    isolated = page.evaluate(
        "w => [...document.querySelectorAll('a, bdi')].filter(e => e.textContent.includes(w))"
        ".map(e => getComputedStyle(e).unicodeBidi)", RLO_WORDS)
    assert isolated and all(v == "isolate" for v in isolated), isolated
    assert not page.problems, page.problems
