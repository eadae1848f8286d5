"""Export the store: every article with its annotations, as files other tools read.

    export(store, fmt, out_dir)  →  {file name: rows written}

Formats (``fmt``):

  jsonl    ``articles.jsonl``: one article a line, the stored article JSON (``Article.to_dict()``, every
           annotation in; docs/format.md).
  csv      one file per table, a header row first, UTF-8, written with the csv module;
  parquet  one file per table (pyarrow, zstd):
             articles.*      id, sha256, source, url, site, published, rubric, title, alt_titles, lead, body,
                             authors, tags, media, related, cards, boilerplate, language, encoding, layout,
                             notes
             entities.*      article, id, type, name, aliases, roles, born, country
             mentions.*      article, entity, field, start, stop, text, kind, normal, stands_for
             quotes.*        article, n, kind, text, field, start, stop, speaker, speaker_id
             times.*         article, n, field, start, stop, text, value
             events.*        article, n, type, cameo, plover, goldstein, quad_class, source, target, date, place,
                             modality, killed, injured, evidence, confidence
             stories.*       id, label, first, last, size, sites
             story_articles.*  story, article
           Column names are the JSON field names; ``article`` is the article's ``id``, ``entity`` the
           entity's ``id``, ``n`` the position in the article's list (quotes, times, events). Lists of
           strings (alt_titles, body, authors, tags, boilerplate, aliases, roles, event source and target,
           a story's sites: as ``svodka stories`` shows them) are Parquet lists and JSON arrays in CSV; nested records (media, related,
           cards, evidence) are JSON text in both. A missing value is null in Parquet, empty in CSV.
  gdelt    ``events.gdelt.tsv``: GDELT 2.0 event-table rows (61 tab-separated columns, no header, as
           GDELT's own files), from ``svodka.events.gdelt.rows``; DATEADDED is when the article was stored.

Rows are streamed from the store (a bounded number in memory at a time), in storage order, inside one
read transaction (a consistent snapshot even while an ingest writes). Each file is written under a
temporary name and renamed when complete.
"""
from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from .events.gdelt import rows
from .link.stories import outlet as story_outlet
from .store.export_rows import ARTICLE_COLUMNS, BATCH, SQL_TABLES
from .store.records import article_from_dict

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
TABLE_NAMES = ["articles", *SQL_TABLES]


class ExportError(ValueError):
    """A request export cannot serve (unknown format, unwritable folder): a message, not a bug."""


# --- rows ---------------------------------------------------------------------------------

def article_rows(store) -> Iterator[list]:
    """The articles table: one row per article, values as in its JSON (lists and records as Python values)."""
    for (data,) in store.article_data_rows():
        d = json.loads(data)
        yield [d.get(name) for name, _ in ARTICLE_COLUMNS]


def _story_sites(store) -> dict[int, set[str]]:
    """Story → the outlets of its articles, as `svodka stories` has them."""
    out: dict[int, set[str]] = {}
    for story, site, source in store.story_article_outlets():
        outlet = story_outlet(site, source)
        if outlet:
            out.setdefault(story, set()).add(outlet)
    return out


def table_rows(store, table: str) -> Iterator[list]:
    """Rows of one table, in its column order; list columns parsed from their stored JSON text."""
    if table == "articles":
        yield from article_rows(store)
        return
    columns = SQL_TABLES[table][0]
    sites = _story_sites(store) if table == "stories" else {}
    parse = [i for i, (_, kind) in enumerate(columns) if kind in ("list", "json")]
    for row in store.table_export_rows(table):
        row = list(row)
        for i in parse:
            row[i] = json.loads(row[i]) if row[i] is not None else None
        if table == "stories":
            row[5] = sorted(sites.get(row[0], ()))
        yield row


def columns_of(table: str) -> list[tuple[str, str]]:
    return ARTICLE_COLUMNS if table == "articles" else SQL_TABLES[table][0]


# --- writers ------------------------------------------------------------------------------

class _Atomic:
    """Write to ``name.part``, rename to ``name`` when done; remove the part file on failure."""

    def __init__(self, path: Path) -> None:
        self.path, self.part = path, path.with_name(path.name + ".part")

    def __enter__(self) -> Path:
        return self.part

    def __exit__(self, exc_type, *_) -> None:
        if exc_type is None:
            os.replace(self.part, self.path)
        else:
            self.part.unlink(missing_ok=True)


def _csv_cell(value, kind: str):
    if value is None:
        return ""
    if kind in ("list", "json"):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _write_csv(store, table: str, path: Path) -> int:
    columns = columns_of(table)
    n = 0
    with _Atomic(path) as part, open(part, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([name for name, _ in columns])
        for row in table_rows(store, table):
            writer.writerow([_csv_cell(v, kind) for v, (_, kind) in zip(row, columns)])
            n += 1
    return n


def _arrow_schema(columns):
    import pyarrow as pa            # heavy: only for --format parquet

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "list": pa.list_(pa.string()),
             "json": pa.string()}
    return pa.schema([(name, types[kind]) for name, kind in columns])


def _write_parquet(store, table: str, path: Path) -> int:
    # heavy: only for --format parquet
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = columns_of(table)
    schema = _arrow_schema(columns)
    jsons = [i for i, (_, kind) in enumerate(columns) if kind == "json"]
    n = 0
    with _Atomic(path) as part:
        writer = pq.ParquetWriter(part, schema, compression="zstd")
        try:
            buffer: list[list] = []

            def flush() -> None:
                if buffer:
                    cols = list(zip(*buffer))
                    writer.write_batch(pa.record_batch([pa.array(c, type=f.type) for c, f in zip(cols, schema)],
                                                       schema=schema))
                    buffer.clear()

            for row in table_rows(store, table):
                for i in jsons:
                    if row[i] is not None:
                        row[i] = json.dumps(row[i], ensure_ascii=False, separators=(",", ":"))
                buffer.append(row)
                n += 1
                if len(buffer) >= BATCH:
                    flush()
            flush()
        finally:
            writer.close()
    return n


def _write_jsonl(store, path: Path) -> int:
    n = 0
    with _Atomic(path) as part, open(part, "w", encoding="utf-8", newline="\n") as fh:
        for (data,) in store.article_data_rows():
            fh.write(data)
            fh.write("\n")
            n += 1
    return n


def _added(ingested: str | None) -> str | None:
    """The article's storage time as GDELT's DATEADDED (YYYYMMDDHHMMSS, UTC)."""
    if not ingested:
        return None
    try:
        return datetime.fromisoformat(ingested).strftime("%Y%m%d%H%M%S")
    except ValueError:
        return None


def gdelt_rows(store) -> Iterator[list[str]]:
    """GDELT 2.0 event rows (61 strings each) for every stored article's coded events."""
    for data, ingested in store.article_data_with_ingest_times():
        article = article_from_dict(json.loads(data))
        if article.events:
            yield from rows(article, article.events, _added(ingested))


def _write_gdelt(store, path: Path) -> int:
    n = 0
    with _Atomic(path) as part, open(part, "w", encoding="utf-8", newline="\n") as fh:
        for row in gdelt_rows(store):
            fh.write("\t".join(row))
            fh.write("\n")
            n += 1
    return n


# --- the entry point ------------------------------------------------------------------------

def export(store, fmt: str, out_dir: str | Path) -> dict[str, int]:
    """Write the store's contents to ``out_dir`` (created if missing) in format ``fmt`` (jsonl, csv,
    parquet, gdelt); returns {file name: rows written}. Raises ExportError for an unknown format or a
    folder that cannot be written."""
    fmt = (fmt or "").lower()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"cannot create {out}: {err.strerror or err}") from None
    if not os.access(out, os.W_OK):
        raise ExportError(f"cannot write to {out}")
    with store.snapshot():              # every file sees the same store
        written: dict[str, int] = {}
        if fmt == "jsonl":
            written["articles.jsonl"] = _write_jsonl(store, out / "articles.jsonl")
        elif fmt == "gdelt":
            written["events.gdelt.tsv"] = _write_gdelt(store, out / "events.gdelt.tsv")
        else:
            ext = "csv" if fmt == "csv" else "parquet"
            write = _write_csv if fmt == "csv" else _write_parquet
            for table in TABLE_NAMES:
                written[f"{table}.{ext}"] = write(store, table, out / f"{table}.{ext}")
        return written


__all__ = ["export", "FORMATS", "TABLE_NAMES", "ExportError", "table_rows", "article_rows", "gdelt_rows",
           "columns_of"]
