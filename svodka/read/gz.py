"""gzip with a cap on the decompressed size, so a small bomb cannot fill memory."""
from __future__ import annotations

import gzip
import zlib
from typing import BinaryIO, Iterator

MAX_DECOMPRESSED_BYTES = 50 * 1024 * 1024   # read at call time, so tests may lower it
GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


class OverLimit(Exception):
    """Decompressed data grew past MAX_DECOMPRESSED_BYTES."""


def describe(err: BaseException) -> str:
    """A one-line reason for a gzip or stream failure."""
    if isinstance(err, OverLimit):
        return "decompressed size over limit"
    if isinstance(err, gzip.BadGzipFile):
        return "not gzip data"
    if isinstance(err, EOFError):
        return "gzip data truncated"
    if isinstance(err, zlib.error):
        return "broken gzip data"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, OSError):
        return f"cannot read: {err.strerror or err}"
    return f"cannot read: {err}"


def gunzip(stream: BinaryIO) -> bytes:
    """All decompressed bytes of a gzip stream; raise OverLimit past the cap."""
    limit = MAX_DECOMPRESSED_BYTES
    parts: list[bytes] = []
    total = 0
    with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
        while True:
            chunk = unzipped.read(min(_CHUNK, limit - total + 1))
            if not chunk:
                return b"".join(parts)
            total += len(chunk)
            if total > limit:
                raise OverLimit()
            parts.append(chunk)


def gunzip_lines(stream: BinaryIO) -> Iterator[bytes]:
    """Decompressed lines, streamed; raise OverLimit once the running total passes the cap."""
    limit = MAX_DECOMPRESSED_BYTES
    total = 0
    with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
        while True:
            # bounded readline: one endless line must not be read whole
            line = unzipped.readline(limit - total + 1)
            if not line:
                return
            total += len(line)
            if total > limit:
                raise OverLimit()
            yield line


def peek(stream: BinaryIO, size: int = 16) -> bytes:
    """The first decompressed bytes of a seekable gzip stream; the stream is rewound."""
    start = stream.tell()
    try:
        with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
            return unzipped.read(size)
    finally:
        stream.seek(start)


__all__ = ["MAX_DECOMPRESSED_BYTES", "GZIP_MAGIC", "OverLimit", "describe", "gunzip",
           "gunzip_lines", "peek"]
