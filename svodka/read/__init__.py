"""read: bytes from files, folders, archives and stdin → RawDocument (or Rejected).

Entry points:
  read_paths(paths)  -> iterator of RawDocument | Rejected   (files, folders, '-', .gz, .jsonl, .warc[.gz], .wet.gz)
  read_bytes(data, source, url=None, date=None, kind=None) -> RawDocument | Rejected
"""
