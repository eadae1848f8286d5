"""read: bytes from files, folders, archives and stdin → RawDocument (or Rejected).

Entry points:
  read_paths(paths)  -> iterator of RawDocument | Rejected   (files, folders, '-', .gz, .jsonl, .warc[.gz], .wet.gz)
  read_bytes(data, source, url=None, date=None, kind=None) -> RawDocument | Rejected

One module per input form: ``document`` (one document's bytes: sniff, decode, date header),
``encoding`` (charset detection, with ``russian`` scoring Cyrillic code pages), ``jsonl``,
``warc`` (WARC/WET), ``gz`` (capped gzip) and ``files`` (paths, folders, stdin).
A bad document never raises: it becomes ``Rejected``. The size caps are read at call time
from ``svodka.read.gz.MAX_DECOMPRESSED_BYTES`` and ``svodka.read.document.MAX_DOCUMENT_BYTES``
(the names re-exported here are copies, for reference).
"""
from .document import MAX_DOCUMENT_BYTES, read_bytes
from .encoding import decode
from .files import read_paths
from .gz import MAX_DECOMPRESSED_BYTES

__all__ = ["read_paths", "read_bytes", "decode", "MAX_DOCUMENT_BYTES", "MAX_DECOMPRESSED_BYTES"]
