"""The crawl's archive: every HTTP exchange the fetcher made, as WARC (gzip per record), written as it
happens, so that ``svodka ingest`` of the archive gives the articles the crawl gave.

For each exchange: a ``request`` record, a ``response`` record (the body as received, its
content-encoding kept; the transfer encoding is undone, so its header is dropped) and a ``metadata``
record (``application/warc-fields``, ``WARC-Concurrent-To`` the response) with svodka's fields:

    svodka-kind    page | feed | sitemap | robots | home | redirect | error — only "page" responses
                   are documents when the archive is read again (``svodka.read.warc``)
    svodka-url     the article's URL (a same-site canonical link, else the fetched URL)
    svodka-date    the date the feed or sitemap gave the article (empty: none)
    svodka-source  the source's name; svodka-site: its home page; svodka-via: the feed it came from

A file a round (``crawl-<UTC time>-<pid>.warc.gz`` in the archive folder: ``archive_folder``). Each
record is flushed as written: a killed crawler leaves at most its last record cut short, which the
reader skips with a warning.
"""
from __future__ import annotations

import os
import re
import threading
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .fetch import REDIRECT_STATUSES, Exchange, Fetched
from .urls import SVODKA_VERSION

HOP_HEADERS = {"transfer-encoding"}     # undone by the client: the body is stored without it
FIELDS = ("kind", "url", "date", "source", "site", "via")


def archive_folder(db: str) -> Path:
    """Where a store's archive goes by default (``--archive DIR`` chooses another):

    - a SQLite store: ``<store file>.warc/`` beside the file (``news.db`` → ``news.db.warc/``);
    - a PostgreSQL store (no file to put it beside): ``svodka-archive-<database>/`` in the current
      folder, ``svodka-archive-<database>-<schema>/`` when the URL sets a ``search_path``
      (``postgresql://u@host/news`` → ``./svodka-archive-news/``), so two stores never share one;
    - an in-memory store: ``svodka-archive/`` in the current folder."""
    scheme = db.split("://", 1)[0].lower() if "://" in db else ""
    if scheme in ("postgres", "postgresql"):
        return Path(f"svodka-archive-{_server_store_label(db)}")
    path = db.split("://", 1)[-1].split("?", 1)[0]
    if scheme == "sqlite":
        path = path[1:] if path.startswith("/") else path
    if not path or path == ":memory:":
        return Path("svodka-archive")
    return Path(path + ".warc")


def _server_store_label(url: str) -> str:
    """'news' for postgresql://…/news, 'news-crawl' with ?options=-csearch_path%3Dcrawl; safe as a
    folder name."""
    parts = urlsplit(url)
    database = unquote(parts.path.lstrip("/")) or parse_qs(parts.query).get("dbname", [""])[0] \
        or unquote(parts.username or "") or "postgres"
    options = " ".join(parse_qs(parts.query).get("options", []))
    schema = re.search(r"search_path\s*=\s*([^\s,]+)", options)
    label = database + (f"-{schema.group(1)}" if schema else "")
    return re.sub(r"[^\w.-]+", "_", label).strip("._") or "postgres"


class Archive:
    """WARC files under ``folder``: ``write(exchange, kind=…, …)`` adds one exchange; the file opens at
    the first write and ``close()`` ends it. Thread-safe."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path: Path | None = None
        self._file = None
        self._writer: WARCWriter | None = None
        self._lock = threading.Lock()
        self.records = 0

    def _open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        self.path = self.folder / f"crawl-{stamp}-{os.getpid()}.warc.gz"
        self._file = open(self.path, "xb")
        self._writer = WARCWriter(self._file, gzip=True)
        info = {"software": f"svodka/{SVODKA_VERSION}", "format": "WARC File Format 1.1",
                "description": "svodka crawl: request, response and svodka metadata for every fetch"}
        self._writer.write_record(self._writer.create_warcinfo_record(self.path.name, info))
        self._file.flush()

    def write(self, exchange: Exchange, *, kind: str, url: str | None = None, date: str | None = None,
              source: str | None = None, site: str | None = None, via: str | None = None) -> str:
        """Archive one exchange; returns the response record's WARC-Record-ID."""
        with self._lock:
            if self._writer is None:
                self._open()
            w = self._writer
            stamp = exchange.date.strftime("%Y-%m-%dT%H:%M:%SZ")
            request_line = f"GET {_target(exchange.url)} {exchange.http_version}"
            request = w.create_warc_record(
                exchange.url, "request", payload=BytesIO(b""),
                http_headers=StatusAndHeaders(request_line, exchange.request_headers, is_http_request=True),
                warc_headers_dict={"WARC-Date": stamp})
            headers = [(k, v) for k, v in exchange.headers if k.lower() not in HOP_HEADERS]
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(exchange.body))))
            response = w.create_warc_record(
                exchange.url, "response", payload=BytesIO(exchange.body), length=len(exchange.body),
                http_headers=StatusAndHeaders(f"{exchange.status} {exchange.reason}".strip(), headers,
                                              protocol=exchange.http_version),
                warc_headers_dict={"WARC-Date": stamp})
            response_id = response.rec_headers.get_header("WARC-Record-ID")
            request.rec_headers.add_header("WARC-Concurrent-To", response_id)
            values = {"kind": kind, "url": url or "", "date": date or "", "source": source or "",
                      "site": site or "", "via": via or ""}
            block = "".join(f"svodka-{name}: {_one_line(values[name])}\r\n" for name in FIELDS).encode("utf-8")
            metadata = w.create_warc_record(
                exchange.url, "metadata", payload=BytesIO(block), length=len(block),
                warc_content_type="application/warc-fields",
                warc_headers_dict={"WARC-Date": stamp, "WARC-Concurrent-To": response_id})
            for record in (request, response, metadata):
                w.write_record(record)
            self._file.flush()
            self.records += 3
            return response_id

    def fetched(self, fetched: Fetched, kind: str, **fields) -> str | None:
        """Archive every exchange of a fetch: robots.txt, redirect hops and failed tries under their
        own kinds, the final answer as ``kind`` with ``fields``; the final response's record id."""
        record_id = None
        last = len(fetched.exchanges) - 1
        for n, exchange in enumerate(fetched.exchanges):
            final = n == last
            if exchange.url.endswith("/robots.txt") and not (final and kind == "robots"):
                what = "robots"
            elif exchange.status in REDIRECT_STATUSES:
                what = "redirect"
            elif final and (200 <= exchange.status < 300 or exchange.status == 304):
                what = kind
            else:
                what = "error"
            record_id = self.write(exchange, kind=what, **(fields if final else {}))
        return record_id

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
            self._file = self._writer = None


def _target(url: str) -> str:
    """The request target of a GET line: the path and query."""
    rest = url.split("://", 1)[-1]
    slash = rest.find("/")
    return rest[slash:] if slash >= 0 else "/"


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


__all__ = ["Archive", "archive_folder", "FIELDS"]
