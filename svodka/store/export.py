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

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
BATCH = 5000                 # rows per Parquet record batch / per fetch

# column kinds: str, int, float, list (of strings), json (nested records)
ARTICLE_COLUMNS = [
    ("id", "str"), ("sha256", "str"), ("source", "str"), ("url", "str"), ("site", "str"), ("published", "str"),
    ("rubric", "str"), ("title", "str"), ("alt_titles", "list"), ("lead", "str"), ("body", "list"),
    ("authors", "list"), ("tags", "list"), ("media", "json"), ("related", "json"), ("cards", "json"),
    ("boilerplate", "list"), ("language", "str"), ("encoding", "str"), ("layout", "str"), ("notes", "list"),
]

# table → (columns, SQL giving them in that order; JSON-list columns come as JSON text)
SQL_TABLES: dict[str, tuple[list[tuple[str, str]], str]] = {
    "entities": (
        [("article", "str"), ("id", "str"), ("type", "str"), ("name", "str"), ("aliases", "list"),
         ("roles", "list"), ("born", "str"), ("country", "str")],
        "SELECT a.id, t.entity, t.type, t.name, t.aliases, t.roles, t.born, t.country"
        " FROM entities t JOIN articles a ON a.pk = t.article ORDER BY t.article, t.rowid"),
    "mentions": (
        [("article", "str"), ("entity", "str"), ("field", "str"), ("start", "int"), ("stop", "int"),
         ("text", "str"), ("kind", "str"), ("normal", "str"), ("stands_for", "str")],
        "SELECT a.id, t.entity, t.field, t.start, t.stop, t.text, t.kind, t.normal, t.stands_for"
        " FROM mentions t JOIN articles a ON a.pk = t.article ORDER BY t.article, t.rowid"),
    "quotes": (
        [("article", "str"), ("n", "int"), ("kind", "str"), ("text", "str"), ("field", "str"), ("start", "int"),
         ("stop", "int"), ("speaker", "str"), ("speaker_id", "str")],
        "SELECT a.id, t.n, t.kind, t.text, t.field, t.start, t.stop, t.speaker, t.speaker_id"
        " FROM quotes t JOIN articles a ON a.pk = t.article ORDER BY t.article, t.n"),
    "times": (
        [("article", "str"), ("n", "int"), ("field", "str"), ("start", "int"), ("stop", "int"), ("text", "str"),
         ("value", "str")],
        "SELECT a.id, t.n, t.field, t.start, t.stop, t.text, t.value"
        " FROM times t JOIN articles a ON a.pk = t.article ORDER BY t.article, t.n"),
    "events": (
        [("article", "str"), ("n", "int"), ("type", "str"), ("cameo", "str"), ("plover", "str"),
         ("goldstein", "float"), ("quad_class", "int"), ("source", "list"), ("target", "list"), ("date", "str"),
         ("place", "str"), ("modality", "str"), ("killed", "int"), ("injured", "int"), ("evidence", "json"),
         ("confidence", "float")],
        "SELECT a.id, t.n, t.type, t.cameo, t.plover, t.goldstein, t.quad_class, t.source, t.target, t.date,"
        " t.place, t.modality, t.killed, t.injured, t.evidence, t.confidence"
        " FROM events t JOIN articles a ON a.pk = t.article ORDER BY t.article, t.n"),
    "stories": (
        [("id", "int"), ("label", "str"), ("first", "str"), ("last", "str"), ("size", "int"), ("sites", "list")],
        "SELECT s.id, s.label, s.first, s.last, s.size, NULL FROM stories s ORDER BY s.id"),
    "story_articles": (
        [("story", "int"), ("article", "str")],
        "SELECT sa.story, a.id FROM story_articles sa JOIN articles a ON a.pk = sa.article ORDER BY sa.story, sa.article"),
}
TABLE_NAMES = ["articles", *SQL_TABLES]


class ExportError(ValueError):
    """A request export cannot serve (unknown format, unwritable folder): a message, not a bug."""


# --- rows ---------------------------------------------------------------------------------

def _fetch(conn, sql: str, params=()) -> Iterator[tuple]:
    if hasattr(conn, "stream"):             # PostgreSQL: a server-side cursor, BATCH rows at a time
        yield from conn.stream(sql, params, BATCH)
        return
    cursor = conn.execute(sql, params)
    while True:
        rows = cursor.fetchmany(BATCH)
        if not rows:
            return
        yield from rows


def article_rows(conn) -> Iterator[list]:
    """The articles table: one row per article, values as in its JSON (lists and records as Python values)."""
    for (data,) in _fetch(conn, "SELECT data FROM article_data ORDER BY pk"):
        d = json.loads(data)
        yield [d.get(name) for name, _ in ARTICLE_COLUMNS]


def _outlet(site, source):
    from ..link.stories import outlet
    return outlet(site, source)


def _story_sites(conn) -> dict[int, set[str]]:
    """Story → the outlets of its articles, as `svodka stories` has them."""
    out: dict[int, set[str]] = {}
    for story, site, source in _fetch(conn, "SELECT sa.story, a.site, a.source FROM story_articles sa"
                                            " JOIN articles a ON a.pk = sa.article"):
        outlet = _outlet(site, source)
        if outlet:
            out.setdefault(story, set()).add(outlet)
    return out


def table_rows(conn, table: str) -> Iterator[list]:
    """Rows of one table, in its column order; list columns parsed from their stored JSON text."""
    if table == "articles":
        yield from article_rows(conn)
        return
    columns, sql = SQL_TABLES[table]
    sites = _story_sites(conn) if table == "stories" else {}
    parse = [i for i, (_, kind) in enumerate(columns) if kind in ("list", "json")]
    for row in _fetch(conn, sql):
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


def _write_csv(conn, table: str, path: Path) -> int:
    columns = columns_of(table)
    n = 0
    with _Atomic(path) as part, open(part, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([name for name, _ in columns])
        for row in table_rows(conn, table):
            writer.writerow([_csv_cell(v, kind) for v, (_, kind) in zip(row, columns)])
            n += 1
    return n


def _arrow_schema(columns):
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "list": pa.list_(pa.string()),
             "json": pa.string()}
    return pa.schema([(name, types[kind]) for name, kind in columns])


def _write_parquet(conn, table: str, path: Path) -> int:
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

            for row in table_rows(conn, table):
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


def _write_jsonl(conn, path: Path) -> int:
    n = 0
    with _Atomic(path) as part, open(part, "w", encoding="utf-8", newline="\n") as fh:
        for (data,) in _fetch(conn, "SELECT data FROM article_data ORDER BY pk"):
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


def gdelt_rows(conn) -> Iterator[list[str]]:
    """GDELT 2.0 event rows (61 strings each) for every stored article's coded events."""
    from ..events.gdelt import rows
    from .records import article_from_dict

    for data, ingested in _fetch(conn, "SELECT d.data, a.ingested FROM article_data d JOIN articles a"
                                       " ON a.pk = d.pk ORDER BY d.pk"):
        article = article_from_dict(json.loads(data))
        if article.events:
            yield from rows(article, article.events, _added(ingested))


def _write_gdelt(conn, path: Path) -> int:
    n = 0
    with _Atomic(path) as part, open(part, "w", encoding="utf-8", newline="\n") as fh:
        for row in gdelt_rows(conn):
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
    conn = store.conn
    with store.snapshot():              # every file sees the same store
        written: dict[str, int] = {}
        if fmt == "jsonl":
            written["articles.jsonl"] = _write_jsonl(conn, out / "articles.jsonl")
        elif fmt == "gdelt":
            written["events.gdelt.tsv"] = _write_gdelt(conn, out / "events.gdelt.tsv")
        else:
            ext = "csv" if fmt == "csv" else "parquet"
            write = _write_csv if fmt == "csv" else _write_parquet
            for table in TABLE_NAMES:
                written[f"{table}.{ext}"] = write(conn, table, out / f"{table}.{ext}")
        return written


__all__ = ["export", "FORMATS", "TABLE_NAMES", "ExportError", "table_rows", "article_rows", "gdelt_rows",
           "columns_of"]
