"""Paths → documents: files, folders (recursive), "-" for stdin; picks the reader by name.

By name: ``.warc[.gz]``/``.wet[.gz]`` → WARC, ``.jsonl``/``.ndjson`` → JSONL,
``.html``/``.htm``/``.xhtml`` → HTML, ``.txt`` → text dump, ``x.gz`` → decompressed and
read as ``x``. Anything else (and stdin) is sniffed: gzip magic, ``WARC/``, a first line
that is a JSON object, else one document whose kind ``read_bytes`` sniffs.
"""
from __future__ import annotations

import os
import sys
import tempfile
import zlib
from io import BytesIO
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..model import RawDocument, Rejected
from . import document, gz
from .document import read_bytes
from .jsonl import looks_like_jsonl, read_jsonl
from .warc import read_warc

Result = RawDocument | Rejected

STDIN_SOURCE = "<stdin>"
WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt",)
_SPOOL_IN_MEMORY = 8 * 1024 * 1024     # stdin beyond this is spooled to a temporary file


def read_paths(paths: Iterable[str], *, stdin: BinaryIO | None = None) -> Iterator[Result]:
    """Documents from files, folders (recursive, sorted, hidden entries skipped) and "-".

    Never raises for a bad document or path: yields ``Rejected(source, reason)`` instead.
    """
    for path in paths:
        path = str(path)
        if path == "-":
            yield from read_stdin(stdin if stdin is not None else sys.stdin.buffer)
        else:
            yield from _read_path(Path(path), path)


def _read_path(path: Path, source: str) -> Iterator[Result]:
    try:
        if path.is_dir():
            yield from _read_folder(path)
            return
        if not path.exists():
            yield Rejected(source, "not found")
            return
    except PermissionError:
        yield Rejected(source, "permission denied")
        return
    except OSError as err:
        yield Rejected(source, gz.describe(err))
        return
    yield from read_file(path, source)


# Inside folders, files of these kinds are not pages (a README, a script, a picture): skipped.
# Named explicitly on the command line, any file is read.
NOT_PAGES = (".md", ".rst", ".py", ".sh", ".json", ".csv", ".tsv", ".yaml", ".yml", ".toml", ".cfg", ".ini",
             ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".pdf", ".css", ".js", ".zip", ".tar",
             ".db", ".db-wal", ".db-shm", ".db-journal", ".sqlite", ".parquet", ".pyc")


def _read_folder(folder: Path, seen: set[str] | None = None) -> Iterator[Result]:
    """Every non-hidden page file below ``folder``, in sorted order, depth first (see NOT_PAGES)."""
    seen = set() if seen is None else seen
    real = os.path.realpath(folder)
    if real in seen:            # a symlink loop: each real folder is read once
        return
    seen.add(real)
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda e: e.name)
    except OSError as err:
        yield Rejected(str(folder), gz.describe(err))
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.lower().endswith(NOT_PAGES):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError as err:
            yield Rejected(str(path), gz.describe(err))
            continue
        if is_dir:
            yield from _read_folder(path, seen)
        else:
            yield from read_file(path, str(path))


def read_file(path: Path, source: str) -> Iterator[Result]:
    """One file, by its name; errors become one Rejected for the file."""
    try:
        size = path.stat().st_size
        if size == 0:
            yield Rejected(source, "empty file")
            return
        with open(path, "rb") as stream:
            yield from _guard(_by_name(stream, path.name.lower(), source, size), source)
    except FileNotFoundError:
        yield Rejected(source, "not found")
    except IsADirectoryError:
        yield Rejected(source, "is a folder")
    except OSError as err:
        yield Rejected(source, gz.describe(err))


def _by_name(stream: BinaryIO, name: str, source: str, size: int) -> Iterator[Result]:
    if name.endswith(WARC_SUFFIXES):
        yield from read_warc(stream, source)
    elif name.endswith(JSONL_SUFFIXES):
        yield from read_jsonl(stream, source)
    elif name.endswith(".gz"):
        inner = name[:-3]
        if inner.endswith(JSONL_SUFFIXES):
            yield from read_jsonl(gz.gunzip_lines(stream), source)
        else:
            yield from _from_bytes(gz.gunzip(stream), source, inner)
    elif name.endswith(HTML_SUFFIXES + TEXT_SUFFIXES):
        if size > document.MAX_DOCUMENT_BYTES:
            yield Rejected(source, "file over size limit")
            return
        kind = "html" if name.endswith(HTML_SUFFIXES) else "text"
        yield read_bytes(stream.read(), source, kind=kind)
    else:
        yield from _sniffed(stream, source)


def _from_bytes(data: bytes, source: str, name: str) -> Iterator[Result]:
    """Decompressed bytes, read by the inner name (``x.html`` of ``x.html.gz``)."""
    if name.endswith(JSONL_SUFFIXES):
        yield from read_jsonl(BytesIO(data), source)
    elif name.endswith(HTML_SUFFIXES):
        yield read_bytes(data, source, kind="html")
    elif name.endswith(TEXT_SUFFIXES):
        yield read_bytes(data, source, kind="text")
    elif looks_like_jsonl(data):
        yield from read_jsonl(BytesIO(data), source)
    else:
        yield read_bytes(data, source)


def _sniffed(stream: BinaryIO, source: str) -> Iterator[Result]:
    """A seekable stream of unknown form: gzip, WARC, JSONL or one document."""
    head = stream.read(8)
    stream.seek(0)
    if not head:
        yield Rejected(source, "empty input")
        return
    if head.startswith(gz.GZIP_MAGIC):
        if gz.peek(stream, 8).startswith(b"WARC/"):
            yield from read_warc(stream, source)     # warcio reads gzip itself
        else:
            yield from _from_bytes(gz.gunzip(stream), source, "")
        return
    if head.startswith(b"WARC/"):
        yield from read_warc(stream, source)
        return
    data = stream.read(document.MAX_DOCUMENT_BYTES + 1)
    if len(data) > document.MAX_DOCUMENT_BYTES:
        yield Rejected(source, "input over size limit")
        return
    yield from _from_bytes(data, source, "")


def read_stdin(stdin: BinaryIO) -> Iterator[Result]:
    """Standard input, spooled so it can be sniffed and rewound, then read like a file."""
    try:
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY) as spool:
            while True:
                chunk = stdin.read(1 << 20)
                if not chunk:
                    break
                # a text stream (io.StringIO, sys.stdin) is accepted too
                spool.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            spool.seek(0)
            yield from _guard(_sniffed(spool, STDIN_SOURCE), STDIN_SOURCE)
    except OSError as err:
        yield Rejected(STDIN_SOURCE, gz.describe(err))


def _guard(results: Iterator[Result], source: str) -> Iterator[Result]:
    """Turn a stream failure (gzip cap, truncation, I/O) into one Rejected ending the file."""
    try:
        yield from results
    except (gz.OverLimit, EOFError, OSError, zlib.error) as err:
        yield Rejected(source, gz.describe(err))


__all__ = ["read_paths", "read_file", "read_stdin"]
