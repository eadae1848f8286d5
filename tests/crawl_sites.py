"""Loopback news sites for the crawler's tests and benchmark: each a standard-library HTTP server on
127.0.0.1 (its own port), serving pages, generated RSS / Atom / news sitemaps, robots.txt, and the
misbehaviour a crawler meets — slow answers, 500s, 429 with Retry-After, redirect loops, a 100 MB
answer, a gzip bomb, malformed XML. Every request is logged with its time, so tests can check what
was asked for and when.
"""
from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from email.utils import format_datetime
from datetime import datetime, timezone
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REALNEWS = SHARED / "eval" / "realnews"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address) -> None:
        pass            # a client hanging up early (the crawler refusing a huge answer) is expected


class Site:
    """One site. ``add(path, body)`` serves a page; ``handle(path, fn)`` a misbehaviour (``fn(request)``
    writes the answer); ``log``: (time, path with query, headers) of every request; ``base``:
    'http://127.0.0.1:PORT'."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.routes: dict[str, tuple[int, bytes, dict[str, str]]] = {}
        self.handlers: dict[str, Callable] = {}
        self.log: list[tuple[float, str, dict]] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True      # else each answer waits for a delayed ACK (40 ms)
            wbufsize = 1 << 16                  # headers and body in one write

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                with site.lock:
                    site.log.append((time.monotonic(), self.path, dict(self.headers)))
                path = urlsplit(self.path).path
                trimmed = path.rstrip("/") or "/"
                handler = site.handlers.get(path) or site.handlers.get(trimmed)
                try:
                    if handler is not None:
                        handler(self)
                        return
                    status, body, headers = site.routes.get(path) or site.routes.get(trimmed) or (
                        404, b"not found", {"Content-Type": "text/plain"})
                    self.answer(status, body, headers)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def answer(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.host = f"127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "Site":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
            status: int = 200, headers: dict[str, str] | None = None) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, data, {"Content-Type": content_type, **(headers or {})})
        return self.base + path

    def handle(self, path: str, fn: Callable) -> str:
        self.handlers[path] = fn
        return self.base + path

    def requests(self, prefix: str = "") -> list[tuple[float, str, dict]]:
        with self.lock:
            return [entry for entry in self.log if entry[1].startswith(prefix)]

    def paths(self) -> list[str]:
        return [path for _, path, _ in self.requests()]


# --- what the sites serve ------------------------------------------------------------------------

def page(title: str, paragraphs: list[str], *, canonical: str | None = None, published: str = "2025-12-24") -> str:
    """A small news page of svodka's own making."""
    link = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{escape(title)}</title>{link}'
            f'<meta property="article:published_time" content="{published}T10:00:00+03:00"></head>'
            f"<body><header><a href=\"/\">Главная</a> <a href=\"/news\">Новости</a></header>"
            f"<article><h1>{escape(title)}</h1>{body}</article><footer>© Редакция</footer></body></html>")


SENTENCES = [
    "Правительство обсудило меры поддержки малого бизнеса на совещании в среду.",
    "Министр финансов Антон Силуанов заявил, что бюджет будет исполнен в срок.",
    "Депутаты Государственной думы приняли закон во втором чтении.",
    "В Москве открылась выставка современного искусства, которая продлится месяц.",
    "Эксперты ожидают, что цены на жильё в регионах останутся стабильными.",
    "Губернатор Петербурга Александр Беглов провёл встречу с жителями города.",
    "Центральный банк сохранил ключевую ставку на прежнем уровне.",
    "Спортсмены сборной России завоевали три медали на чемпионате Европы.",
]


def own_pages(count: int, site: str) -> list[tuple[str, str]]:
    """``count`` distinct pages of svodka's own making: (title, html)."""
    out = []
    for n in range(count):
        title = f"{site}: новость номер {n + 1} о событиях недели"
        paragraphs = [SENTENCES[(n + k) % len(SENTENCES)] + f" Сообщение {n + 1}-{k} сайта {site}." for k in range(5)]
        out.append((title, page(title, paragraphs)))
    return out


def realnews_pages(count: int, offset: int = 0) -> list[bytes]:
    """Pages of ../shared/eval/realnews (their og:url and canonical links name the real outlets), or []."""
    index = REALNEWS / "index.tsv"
    if not index.exists():
        return []
    files = [line.split("\t", 1)[0] for line in index.read_text(encoding="utf-8").splitlines()[1:] if line]
    return [(REALNEWS / name).read_bytes() for name in files[offset:offset + count]]


def _rfc822(day: str) -> str:
    return format_datetime(datetime.fromisoformat(day + "T12:00:00+03:00"))


def rss(items: list[tuple[str, str | None]]) -> str:
    """An RSS 2.0 feed of (link, ISO day or None) items."""
    entries = "".join(
        f"<item><title>item</title><link>{escape(link)}</link>"
        + (f"<pubDate>{_rfc822(day)}</pubDate>" if day else "") + "</item>"
        for link, day in items)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>{entries}</channel></rss>'


def atom(items: list[tuple[str, str | None]]) -> str:
    entries = "".join(
        f'<entry><title>item</title><id>{escape(link)}</id><link href="{escape(link)}"/>'
        + (f"<published>{day}T12:00:00+03:00</published>" if day else "") + "</entry>"
        for link, day in items)
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{entries}</feed>'


def news_sitemap(items: list[tuple[str, str | None]]) -> str:
    urls = "".join(
        f"<url><loc>{escape(link)}</loc>"
        + (f"<news:news><news:publication><news:name>t</news:name><news:language>ru</news:language>"
           f"</news:publication><news:publication_date>{day}T12:00:00+03:00</news:publication_date>"
           f"<news:title>item</news:title></news:news>" if day else "")
        + "</url>" for link, day in items)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>')


def sitemap_index(children: list[str]) -> str:
    items = "".join(f"<sitemap><loc>{escape(c)}</loc></sitemap>" for c in children)
    return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'


def home(feeds: list[tuple[str, str]]) -> str:
    """A home page announcing feeds: (href, type)."""
    links = "".join(f'<link rel="alternate" type="{t}" href="{escape(h)}">' for h, t in feeds)
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Главная</title>{links}</head><body><h1>Новости</h1></body></html>'


# --- misbehaviour -----------------------------------------------------------------------------------

def slow(seconds: float, body: bytes = b"<html><body><p>late</p></body></html>"):
    def answer(request) -> None:
        time.sleep(seconds)
        request.answer(200, body, {"Content-Type": "text/html"})
    return answer


def status_answer(status: int, headers: dict[str, str] | None = None):
    def answer(request) -> None:
        request.answer(status, b"busy", {"Content-Type": "text/plain", **(headers or {})})
    return answer


def redirect(target: str):
    def answer(request) -> None:
        request.answer(302, b"", {"Location": target})
    return answer


def huge(size: int = 100 * 1024 * 1024):
    """A ``size``-byte answer, streamed (the client is expected to hang up early)."""
    def answer(request) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", str(size))
        request.end_headers()
        chunk = b"<p>" + b"x" * 65530 + b"</p>"
        sent = 0
        while sent < size:
            request.wfile.write(chunk)
            sent += len(chunk)
    return answer


def huge_undeclared(size: int = 100 * 1024 * 1024):
    """A ``size``-byte answer without Content-Length (the connection's end ends it)."""
    def answer(request) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Connection", "close")
        request.end_headers()
        request.close_connection = True
        chunk = b"<p>" + b"y" * 65530 + b"</p>"
        sent = 0
        while sent < size:
            request.wfile.write(chunk)
            sent += len(chunk)
    return answer


_BOMB: list[bytes] = []


def gzip_bomb():
    """~100 KB of gzip that unpack to 100 MB."""
    if not _BOMB:
        _BOMB.append(gzip.compress(b"\0" * (100 * 1024 * 1024), 9))

    def answer(request) -> None:
        request.answer(200, _BOMB[0], {"Content-Type": "text/html", "Content-Encoding": "gzip"})
    return answer


def flaky(fails: int, status: int = 500, body: bytes = b"", headers: dict[str, str] | None = None):
    """``fails`` answers of ``status`` (with ``headers``), then ``body``."""
    count = [0]

    def answer(request) -> None:
        count[0] += 1
        if count[0] <= fails:
            request.answer(status, b"try later", {"Content-Type": "text/plain", **(headers or {})})
        else:
            request.answer(200, body, {"Content-Type": "text/html; charset=utf-8"})
    return answer


def conditional(body: bytes, content_type: str, etag: str = '"v1"'):
    """A feed that answers 304 to a request carrying its ETag."""
    def answer(request) -> None:
        if request.headers.get("If-None-Match") == etag:
            request.send_response(304)
            request.send_header("ETag", etag)
            request.send_header("Content-Length", "0")
            request.end_headers()
            return
        request.answer(200, body, {"Content-Type": content_type, "ETag": etag,
                                   "Last-Modified": "Wed, 24 Dec 2025 10:00:00 GMT"})
    return answer


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat()
