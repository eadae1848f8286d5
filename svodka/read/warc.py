"""WARC / WET archives (plain or gzip), streamed one record at a time with warcio.

Documents come from ``response`` records (the HTTP payload; the HTTP content-type charset
is an encoding hint), ``resource`` records and WET ``conversion`` records (plain text).
``request``, ``metadata``, ``warcinfo`` and ``revisit`` records are not documents and are
skipped silently. A document record is Rejected, with the reason, when its HTTP status is
not 2xx or its payload is neither HTML nor text (images, PDF, scripts …), so every
document record of the archive is accounted for. A broken record gives one Rejected and the
reading goes on at the next record header; a truncated one gives one Rejected and ends the
archive; the batch goes on.

svodka's crawler (``svodka.crawl.archive``) follows each response with a ``metadata`` record of
``svodka-*`` fields (``WARC-Concurrent-To`` the response): only responses it marks ``page`` are
documents (robots.txt, feeds, redirects … are not), with its article URL and its feed date (none
when empty) instead of the capture's — so the archive reads as the crawl did.
"""
from __future__ import annotations

import zlib
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..model import RawDocument, Rejected
from . import document, gz
from .document import iso_date, read_bytes, split_header

DOCUMENT_RECORDS = {"response", "resource", "conversion"}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain", ""}     # "" (no content type): sniffed from the payload


class _Truncated(Exception):
    """The archive ended inside a record."""


class _Archive(ArchiveIterator):
    """warcio's iterator, noting the truncations it treats as a quiet end of the archive:
    a record cut inside its headers, and a last gzip member that ends early."""

    truncated = False

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__(stream)
        self._start = self.fh.tell()
        self._first = True

    def _next_record(self, next_line):
        first, self._first = self._first, False
        try:
            return super()._next_record(next_line)
        except EOFError:
            # warcio's "no more records"; but a started header line, or a non-empty stream
            # without a single record, means the last record was cut off
            if next_line or (first and self.fh.tell() > self._start):
                self.truncated = True
            raise

    def inside_gzip_member(self) -> bool:
        """True when the input ran out inside a gzip member."""
        decompressor = getattr(self.reader, "decompressor", None)
        return decompressor is not None and not getattr(decompressor, "eof", True)

    def close(self) -> None:
        if self.inside_gzip_member():
            self.truncated = True
        super().close()


def _content_type(value: str | None) -> tuple[str, str | None]:
    """("text/html", "windows-1251") from a Content-Type header."""
    if not value:
        return "", None
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return mime.strip().lower(), charset


def _status_reason(status: str) -> str | None:
    """Why a response with this status line is no document, or None for a 2xx."""
    status = (status or "").strip()
    if status.isdigit() and status.startswith("2"):
        return None
    return f"HTTP status {status}" if status.isdigit() else "invalid HTTP status line"


def _kind_of(mime: str) -> str | None | bool:
    """"html", None (text, or sniffed), or False: not a document's payload."""
    if mime in HTML_TYPES:
        return "html"
    return None if mime in TEXT_TYPES else False


def response_document(status: int | str, content_type: str | None, payload: bytes, where: str, *,
                      url: str | None = None, date: str | None = None,
                      record_id: str | None = None) -> RawDocument | Rejected:
    """An HTTP response's unpacked payload as the reader takes it from a WARC response record:
    the crawler builds its documents with this, so the archive read again gives the same ones."""
    reason = _status_reason(str(status))
    if reason:
        return Rejected(where, reason)
    mime, charset = _content_type(content_type)
    kind = _kind_of(mime)
    if kind is False:
        return Rejected(where, f"not an HTML or text payload ({mime})")
    if len(payload) > document.MAX_DOCUMENT_BYTES:
        return Rejected(where, "record over size limit")
    return read_bytes(payload, where, url=url, date=date, kind=kind, record_id=record_id, encoding=charset)


class _CrawlFields:
    """svodka's metadata record about the response record ``concurrent_to``."""

    def __init__(self, concurrent_to: str | None, fields: dict[str, str]) -> None:
        self.concurrent_to, self.fields = concurrent_to, fields


def _crawl_fields(record) -> _CrawlFields | None:
    headers = record.rec_headers
    if (headers.get_header("Content-Type") or "").split(";")[0].strip() != "application/warc-fields":
        return None
    block = record.content_stream().read(1 << 16).decode("utf-8", "replace")
    fields = {}
    for line in block.splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip().startswith("svodka-"):
            fields[name.strip()[len("svodka-"):]] = value.strip()
    return _CrawlFields(headers.get_header("WARC-Concurrent-To"), fields) if "kind" in fields else None


def _record(record, source: str, index: int) -> RawDocument | Rejected | _CrawlFields | None:
    """One record → document, Rejected, svodka's fields, or None for a record that is not a document."""
    if record.rec_type == "metadata":
        fields = _crawl_fields(record)
        _drain(record)
        return fields
    if record.rec_type not in DOCUMENT_RECORDS:
        _drain(record)          # still read it through, to notice a truncated archive
        return None
    headers = record.rec_headers
    record_id = headers.get_header("WARC-Record-ID")
    where = f"{source}#{record_id or f'record{index}'}"
    url = headers.get_header("WARC-Target-URI")
    http = record.http_headers if record.rec_type == "response" else None
    if http is not None:
        reason = _status_reason(http.get_statuscode())
        if reason:
            _drain(record)
            return Rejected(where, reason)
        mime, charset = _content_type(http.get_header("Content-Type"))
    else:
        mime, charset = _content_type(headers.get_header("Content-Type"))
    if record.rec_type == "conversion":
        kind, charset = "text", charset or "utf-8"   # WET text is UTF-8 plain text
    else:
        kind = _kind_of(mime)
        if kind is False:
            _drain(record)
            return Rejected(where, f"not an HTML or text payload ({mime})")
    try:
        payload = record.content_stream().read(document.MAX_DOCUMENT_BYTES + 1)
    except Exception:  # noqa: BLE001 — content-encoding (gzip, brotli) of one page is bad
        _drain(record)
        return Rejected(where, "cannot decode HTTP content-encoding")
    _drain(record)
    if len(payload) > document.MAX_DOCUMENT_BYTES:
        return Rejected(where, "record over size limit")
    return read_bytes(payload, where, url=url, date=iso_date(headers.get_header("WARC-Date")),
                      kind=kind, record_id=record_id, encoding=charset)


def _drain(record) -> None:
    """Read the record's block to its end; an early end means the archive is truncated."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    if getattr(raw, "limit", 0) > 0:
        raise _Truncated()


# What a WARC (or a legacy ARC, which warcio also reads) starts with, once decompressed.
# warcio takes any other text for an ARC record: an HTML page named .warc.gz came out as a
# record of content type "номер".
_ARCHIVE_STARTS = (b"WARC/", b"filedesc://")


def _starts_like_archive(stream: BinaryIO) -> bool:
    """Whether a seekable stream (gzip or not) opens with a WARC or ARC header; rewinds it."""
    start = stream.tell()
    try:
        head = stream.read(2)
        stream.seek(start)
        head = gz.peek(stream, 64) if head == gz.GZIP_MAGIC else stream.read(64)
    except (OSError, EOFError, zlib.error):
        head = b""
    finally:
        stream.seek(start)
    return head.lstrip(b"\r\n").startswith(_ARCHIVE_STARTS)


def read_warc(stream: BinaryIO, source: str) -> Iterator[RawDocument | Rejected]:
    """Documents of a WARC/WET stream (gzip or not), one record in memory at a time (and a document
    held until the next record, which may be svodka's fields about it)."""
    held = None
    for item in _read_warc(stream, source):
        if isinstance(item, _CrawlFields):
            if held is not None and _about(item, held):
                held = _apply(item.fields, held)
            if held is not None:
                yield held
            held = None
            continue
        if held is not None:
            yield held
        held = item
    if held is not None:
        yield held


def _about(fields: _CrawlFields, item: RawDocument | Rejected) -> bool:
    record_id = item.record_id if isinstance(item, RawDocument) else item.source.rpartition("#")[2]
    return bool(fields.concurrent_to) and fields.concurrent_to == record_id


def _apply(fields: dict[str, str], item: RawDocument | Rejected) -> RawDocument | Rejected | None:
    """A response as the crawler took it: no document unless a page; its URL and feed date."""
    if fields.get("kind") != "page":
        return None
    if isinstance(item, RawDocument):
        item.url = fields.get("url") or item.url
        # as the crawler built it: the feed's date, else a text dump's own date header, else none
        item.date = iso_date(fields.get("date")) or _header_date(item)
    return item


def _header_date(item: RawDocument) -> str | None:
    if item.kind != "text":
        return None
    head = item.data[:256].decode(item.encoding or "utf-8", "ignore").removeprefix("\ufeff")
    return split_header(head)[1]


def _read_warc(stream: BinaryIO, source: str) -> Iterator[RawDocument | Rejected | _CrawlFields]:
    """Records of a WARC/WET stream as documents, rejections and svodka's fields.

    After a broken record (garbage where a record should start, a damaged header) the reading
    goes on at the next record header found further on, when the stream can seek; a truncated
    record ends the archive.
    """
    if stream.seekable() and not _starts_like_archive(stream):
        yield Rejected(f"{source}#record1", "not a WARC file")
        return
    index, resyncs = 0, 0
    while True:
        index, broken_at = yield from _records(_Archive(stream), source, index)
        if broken_at is None or not stream.seekable() or resyncs >= MAX_RESYNCS:
            return
        resyncs += 1
        following = _next_header(stream, broken_at + 1)
        if following is None:
            return
        stream.seek(following)


MAX_RESYNCS = 1000          # broken stretches skipped in one archive before giving up on it
_SCAN_CHUNK = 1 << 20


def _next_header(stream: BinaryIO, offset: int) -> int | None:
    """Offset of the next record start after ``offset``: "WARC/1.x" (garbage may run into it
    without a line end), or a gzip member that unpacks to one."""
    stream.seek(offset)
    carry = b""
    base = offset
    while True:
        chunk = stream.read(_SCAN_CHUNK)
        if not chunk:
            return None
        data = carry + chunk
        found = []
        for marker in (b"WARC/1.", gz.GZIP_MAGIC + b"\x08"):
            at = data.find(marker)
            while at >= 0:
                if marker == b"WARC/1." or _starts_like_archive_at(stream, base + at):
                    found.append(base + at)
                    break
                at = data.find(marker, at + 1)
        if found:
            return min(found)
        carry = data[-8:]
        base += len(data) - len(carry)
        stream.seek(base + len(carry))


def _starts_like_archive_at(stream: BinaryIO, offset: int) -> bool:
    here = stream.tell()
    try:
        stream.seek(offset)
        return _starts_like_archive(stream)
    finally:
        stream.seek(here)


def _records(archive: _Archive, source: str, index: int):
    """Yield the archive's documents; return (records seen, offset of a broken record or None)."""
    records = iter(archive)
    while True:
        try:
            record = next(records)
        except StopIteration:
            if archive.truncated:
                yield Rejected(f"{source}#record{index + 1}", "WARC record truncated")
            return index, None
        except ArchiveLoadFailed as err:
            if archive.inside_gzip_member():
                yield Rejected(f"{source}#record{index + 1}", "WARC record truncated")   # cut mid-header
                return index, None
            if index == 0 and "Unknown archive format" in str(err):
                yield Rejected(f"{source}#record1", "not a WARC file")
                return index, None
            index += 1
            yield Rejected(f"{source}#record{index}", "broken WARC record")
            return index, archive.offset        # where the previous record ended
        except Exception:  # noqa: BLE001 — warcio on damaged input: end the file, not the batch
            yield Rejected(f"{source}#record{index + 1}", "WARC record truncated")
            return index, None
        index += 1
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        where = f"{source}#{record_id or f'record{index}'}"
        length = record.rec_headers.get_header("Content-Length")
        if str(record.format).startswith("warc") and not (length or "").strip().isdigit():
            # Content-Length is mandatory: without it the header block was cut off
            yield Rejected(where, "WARC record truncated")
            return index, None
        try:
            result = _record(record, source, index)
        except _Truncated:
            yield Rejected(where, "WARC record truncated")
            return index, None
        except Exception:  # noqa: BLE001 — a damaged record: skipped, the archive goes on
            yield Rejected(where, "broken WARC record")
            return index, archive.offset        # where this record started
        if result is not None:
            yield result


__all__ = ["read_warc", "response_document", "DOCUMENT_RECORDS"]
