"""One document's bytes → RawDocument: sniff HTML vs text dump, decode, read the date header."""
from __future__ import annotations

import hashlib
import re
from datetime import date as Date

from ..model import RawDocument, Rejected
from .encoding import MAX_CONTROL_SHARE, Undecodable, bom_codec, control_char_share, decode

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024   # one page (file, JSONL line, WARC payload)
SNIFF_WINDOW = 4096

# Text dumps may start with " date YYYY-MM-DD  " and then the page's first line. Tolerated:
# no leading space, one space before the text, or a header alone on its line.
_HEADER = re.compile(
    r"\A\ufeff?[ \t]?date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]*(?:\r?\n|\Z)|[ \t]{1,2})")
_ISO_DATE = re.compile(r"\A\s*(\d{4}-\d{2}-\d{2})(?:[T ]|\Z)")
# Before the first tag: whitespace, BOM, comments, an XML declaration.
_PROLOGUE = re.compile(r"(?:\s|\ufeff|<!--.*?-->|<\?xml[^>]*>)*", re.S)
_HTML_TAG = re.compile(r"<(?:head|body)[\s>/]", re.I)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def iso_date(value: str | None) -> str | None:
    """The ISO date part of a date or timestamp ("2025-12-24T10:00Z" → "2025-12-24")."""
    if not value:
        return None
    match = _ISO_DATE.match(str(value))
    if not match:
        return None
    try:
        return Date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


def split_header(text: str) -> tuple[str, str | None]:
    """Remove a " date YYYY-MM-DD  " header; return (text, ISO date or None)."""
    match = _HEADER.match(text)
    if not match:
        return text, None
    return text[match.end():], iso_date(match.group(1))


def looks_like_html(head: str) -> bool:
    """Doctype or <html> first (after BOM, spaces, comments), or <head>/<body> early on."""
    start = head[_PROLOGUE.match(head).end():][:20].lower()
    if start.startswith(("<!doctype html", "<html")):
        return True
    return _HTML_TAG.search(head[:SNIFF_WINDOW]) is not None


def _head_text(data: bytes) -> str:
    """The first bytes as text, good enough for ASCII markup whatever the encoding."""
    head = data[:SNIFF_WINDOW]
    bom = bom_codec(head)
    if bom and bom[1] in ("utf-16", "utf-32"):
        return head[bom[2]:].decode(bom[0], "ignore")
    return head.decode("latin-1")


def sniff_kind(data: bytes) -> str:
    """ "html" or "text" from the content; a dump's date header means text."""
    head = _head_text(data)
    if _HEADER.match(head):
        return "text"
    return "html" if looks_like_html(head) else "text"


def from_text(text: str, source: str, data: bytes, *, kind: str, encoding: str | None,
              url: str | None = None, date: str | None = None, doc_id: str | None = None,
              record_id: str | None = None, site: str | None = None) -> RawDocument | Rejected:
    """Checks shared by every form once the text is decoded; builds the RawDocument."""
    if not text.strip():
        return Rejected(source, "empty document", sha256(data), data)
    share = control_char_share(text)
    if share > MAX_CONTROL_SHARE:
        return Rejected(source, f"binary data, not text ({share:.0%} control characters)",
                        sha256(data), data)
    text = text.removeprefix("\ufeff")
    header_date = None
    if kind == "text":
        text, header_date = split_header(text)
        if not text.strip():
            return Rejected(source, "empty document (date header only)", sha256(data), data)
    # A date given by the container (JSONL, WARC, caller) is firmer than the dump header.
    return RawDocument(source=source, data=data, kind=kind, url=url or None,
                       date=iso_date(date) or header_date, doc_id=doc_id, encoding=encoding,
                       text=text, record_id=record_id, site=(site or "").strip() or None)


def read_bytes(data: bytes, source: str, *, url: str | None = None, date: str | None = None,
               kind: str | None = None, doc_id: str | None = None,
               record_id: str | None = None, encoding: str | None = None,
               ) -> RawDocument | Rejected:
    """One document's bytes: sniff the kind (unless given), decode, parse a date header.

    ``encoding`` is a declared charset hint (e.g. from an HTTP header); it is used only
    when the bytes are not valid UTF-8, like a ``<meta charset>``.
    """
    if not data.strip():
        return Rejected(source, "empty document", sha256(data) if data else None, data or None)
    if len(data) > MAX_DOCUMENT_BYTES:      # not kept: the limit is there to bound memory and the store
        return Rejected(source, "document over size limit", sha256(data))
    if kind not in ("text", "html"):
        kind = sniff_kind(data)
    try:
        text, used = decode(data, html=kind == "html", hint=encoding)
    except Undecodable as err:
        return Rejected(source, err.reason, sha256(data), data)
    return from_text(text, source, data, kind=kind, encoding=used, url=url, date=date,
                     doc_id=doc_id, record_id=record_id)


__all__ = ["read_bytes", "from_text", "sniff_kind", "looks_like_html", "split_header",
           "iso_date", "sha256", "MAX_DOCUMENT_BYTES"]
