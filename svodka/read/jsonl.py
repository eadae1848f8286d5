"""JSON Lines: one object a line with ``text`` or ``html``, optional ``url``, ``date``, ``id``.

Each line is its own document, with source ``path#L<lineno>`` and ``data`` = the line's
bytes; a bad line is Rejected on its own and the rest of the file is still read.
When a line has both ``html`` and ``text``, ``html`` is used (it carries more structure).
Blank lines are skipped.
"""
from __future__ import annotations

import json
from typing import Iterable, Iterator

from ..model import RawDocument, Rejected
from .document import MAX_DOCUMENT_BYTES, from_text, looks_like_html, sha256
from .encoding import Undecodable, decode


def _field(obj: dict, name: str) -> str | None:
    value = obj.get(name)
    return value if isinstance(value, str) and value.strip() else None


def _optional(obj: dict, name: str) -> str | None:
    value = obj.get(name)
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


def read_line(line: bytes, source: str, lineno: int) -> RawDocument | Rejected | None:
    """One JSONL line → document, Rejected, or None for a blank line."""
    if not line.strip():
        return None
    data = line.rstrip(b"\r\n")
    if lineno == 1:
        data = data.removeprefix(b"\xef\xbb\xbf")
    where = f"{source}#L{lineno}"
    if len(data) > MAX_DOCUMENT_BYTES:
        return Rejected(where, f"line {lineno} over size limit", sha256(data))
    try:
        # JSON is UTF-8 by spec, but the shared decoder also copes with a cp1251 export.
        raw, encoding = decode(data)
        obj = json.loads(raw)
    except Undecodable as err:
        return Rejected(where, f"{err.reason} on line {lineno}", sha256(data), data)
    except (ValueError, RecursionError):
        return Rejected(where, f"invalid JSON on line {lineno}", sha256(data), data)
    if not isinstance(obj, dict):
        return Rejected(where, f"JSON on line {lineno} is not an object", sha256(data), data)
    html, text = _field(obj, "html"), _field(obj, "text")
    if html is None and text is None:
        return Rejected(where, f"no text or html field on line {lineno}", sha256(data), data)
    if html is not None:
        kind, body = "html", html
    else:
        kind, body = ("html" if looks_like_html(text[:4096]) else "text"), text
    return from_text(body, where, data, kind=kind, encoding=encoding,
                     url=_optional(obj, "url"), date=_optional(obj, "date"),
                     doc_id=_optional(obj, "id"), site=_optional(obj, "site"))


def read_jsonl(lines: Iterable[bytes], source: str) -> Iterator[RawDocument | Rejected]:
    """Documents from JSONL lines (bytes, line endings kept or not)."""
    for lineno, line in enumerate(lines, start=1):
        doc = read_line(line, source, lineno)
        if doc is not None:
            yield doc


def looks_like_jsonl(data: bytes) -> bool:
    """Content sniff for unnamed input: the first non-blank line is a JSON object."""
    body = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not body.startswith(b"{"):
        return False
    end = body.find(b"\n")
    try:
        return isinstance(json.loads(body if end < 0 else body[:end]), dict)
    except (ValueError, RecursionError):
        return False


__all__ = ["read_jsonl", "read_line", "looks_like_jsonl"]
