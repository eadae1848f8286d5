"""Paths → documents: files, folders (recursive), "-" for stdin; picks the reader by name.

By name: ``.warc[.gz]``/``.wet[.gz]`` → WARC, ``.jsonl``/``.ndjson`` → JSONL,
``.html``/``.htm``/``.xhtml`` → HTML, ``.txt`` → text dump, ``x.gz`` → decompressed and
read as ``x``. Anything else (and stdin) is sniffed: gzip magic, ``WARC/``, a first line
that is a JSON object, else one document whose kind ``read_bytes`` sniffs.
"""
from __future__ import annotations

import io
import os
import stat
import sys
import zlib
from io import BytesIO
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..model import RawDocument, Rejected
from . import document, gz
from .document import read_bytes
from .jsonl import looks_like_jsonl, read_jsonl, read_line
from .warc import read_warc

Result = RawDocument | Rejected

STDIN_SOURCE = "<stdin>"
WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt",)


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
    """One file, by its name; errors become one Rejected for the file. A FIFO, a device, a socket
    or a kernel file (/proc, /sys) is rejected for what it is, without being opened (a FIFO
    would block, a device may never end)."""
    try:
        not_regular = _not_regular(path.stat())
        if not_regular:
            yield Rejected(source, not_regular)
            return
        # O_NONBLOCK: should the path have become a FIFO since, opening it does not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb") as stream:
            info = os.fstat(fd)
            not_regular = _not_regular(info)
            if not_regular or info.st_size == 0:
                yield Rejected(source, not_regular or "empty file")
                return
            yield from _guard(_by_name(stream, path.name.lower(), source, info.st_size), source)
    except FileNotFoundError:
        yield Rejected(source, "not found")
    except IsADirectoryError:
        yield Rejected(source, "is a folder")
    except OSError as err:
        yield Rejected(source, gz.describe(err))


_KINDS = ((stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
          (stat.S_ISSOCK, "socket"))
_PSEUDO: list[int] = []


def _not_regular(info: os.stat_result) -> str | None:
    """Why a file is no regular file ("not a regular file: fifo"), or None for a regular one."""
    if stat.S_ISREG(info.st_mode):
        if not _PSEUDO:
            for root in ("/proc", "/sys"):
                try:
                    _PSEUDO.append(os.stat(root).st_dev)
                except OSError:
                    _PSEUDO.append(-1)
        return "not a regular file: kernel pseudo-file" if info.st_dev in _PSEUDO else None
    if stat.S_ISDIR(info.st_mode):
        return "is a folder"
    kind = next((name for test, name in _KINDS if test(info.st_mode)), "unknown kind")
    return f"not a regular file: {kind}"


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
    """Standard input, streamed (never copied whole: it may be endless, like /dev/zero): sniffed from
    its first bytes; a WARC or a JSONL feed is read record by record, line by line; gzip data is
    unpacked up to the gzip cap; anything else is one document, read up to MAX_DOCUMENT_BYTES: past
    that, reading stops and the input is rejected ("input over size limit")."""
    try:
        head = _read_head(stdin)
        stream = io.BufferedReader(_Prefixed(head, stdin), 1 << 16)
        yield from _guard(_stdin_documents(stream, head), STDIN_SOURCE)
    except OSError as err:
        yield Rejected(STDIN_SOURCE, gz.describe(err))


_HEAD = 1 << 16


def _chunk(stream, size: int) -> bytes:
    """Up to ``size`` bytes, what is there (a text stream is encoded as UTF-8)."""
    read = getattr(stream, "read1", None) or stream.read
    data = read(size)
    return data.encode("utf-8") if isinstance(data, str) else data


def _read_head(stdin) -> bytes:
    """The first 64 KiB (less at the end); a first line that opens a JSON object is read whole, up
    to the document limit, so that a JSONL feed is told from a page."""
    parts, size = [], 0
    while size < _HEAD:
        chunk = _chunk(stdin, _HEAD - size)
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        size += len(chunk)
    parts = [b"".join(parts)]
    if parts[0].removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        while b"\n" not in parts[-1] and size <= document.MAX_DOCUMENT_BYTES:
            chunk = _chunk(stdin, _HEAD)
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
    return b"".join(parts)


class _Prefixed(io.RawIOBase):
    """The bytes already read, then the rest of the stream; forward only, but it tells its offset
    (warcio asks for it)."""

    def __init__(self, head: bytes, stream) -> None:
        self.pending, self.stream, self.offset = memoryview(head), stream, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self.pending:
            self.pending = memoryview(_chunk(self.stream, len(buffer)))
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        self.offset += n
        return n

    def tell(self) -> int:
        return self.offset


def _stdin_documents(stream: BinaryIO, head: bytes) -> Iterator[Result]:
    limit = document.MAX_DOCUMENT_BYTES
    if not head:
        yield Rejected(STDIN_SOURCE, "empty input")
    elif head.startswith(gz.GZIP_MAGIC):
        try:
            inner = zlib.decompressobj(31).decompress(head, 64)
        except zlib.error:
            inner = b""
        if inner.lstrip(b"\r\n").startswith(b"WARC/"):
            yield from read_warc(stream, STDIN_SOURCE)        # warcio reads gzip itself
        else:
            yield from _from_bytes(gz.gunzip(stream), STDIN_SOURCE, "")
    elif head.startswith(b"WARC/"):
        yield from read_warc(stream, STDIN_SOURCE)
    elif looks_like_jsonl(head):
        yield from _stdin_lines(stream, limit)
    else:
        data = stream.read(limit + 1)
        if len(data) > limit:
            yield Rejected(STDIN_SOURCE, "input over size limit")
        else:
            yield from _from_bytes(data, STDIN_SOURCE, "")


def _stdin_lines(stream: BinaryIO, limit: int) -> Iterator[Result]:
    """JSONL lines as they come; a line over the limit ends the input (its end is never read)."""
    lineno = 0
    while True:
        line = stream.readline(limit + 2)          # + the line end, "\r\n"
        if not line:
            return
        lineno += 1
        if len(line) == limit + 2 and not line.endswith(b"\n"):
            yield Rejected(f"{STDIN_SOURCE}#L{lineno}", f"line {lineno} over size limit (the rest of the input is not read)")
            return
        doc = read_line(line, STDIN_SOURCE, lineno)
        if doc is not None:
            yield doc


def _guard(results: Iterator[Result], source: str) -> Iterator[Result]:
    """Turn a stream failure (gzip cap, truncation, I/O) into one Rejected ending the file."""
    try:
        yield from results
    except (gz.OverLimit, EOFError, OSError, zlib.error) as err:
        yield Rejected(source, gz.describe(err))


__all__ = ["read_paths", "read_file", "read_stdin"]
