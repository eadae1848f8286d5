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
             entities.*      article, id, type, name, aliases, roles, born, country, geo
             mentions.*      article, entity, field, start, stop, text, kind, normal, stands_for
             quotes.*        article, n, kind, text, field, start, stop, speaker, speaker_id
             times.*         article, n, field, start, stop, text, value
             events.*        article, n, type, cameo, plover, goldstein, quad_class, source, target, date, place,
                             modality, killed, injured, evidence, confidence, geo
             stories.*       id, label, first, last, size, sites
             story_articles.*  story, article
           and the corpus tables (svodka.link: one row per entity or event across articles):
             corpus_entities.*  id, type, name, aliases, roles, born, country, gender, mentions, articles,
                             first_seen, last_seen (aliases: its other names and aliases, roles: most articles
                             first)
             entity_links.*  entity, article, article_entity, mentions (a corpus entity ↔ an article: the
                             article's own entity id and its mentions there)
             corpus_events.*  id, type, cameo, root_code, plover, goldstein, quad_class, source, target, date,
                             place, modality, killed, injured, confidence, num_mentions, num_sources,
                             num_articles, first_seen, last_seen (source, target: the actors' names)
             event_links.*   event, article, n, outlet (a corpus event ↔ each report: the article's event n)
           Column names are the JSON field names; ``article`` is the article's ``id``, ``entity`` the
           entity's ``id``, ``n`` the position in the article's list (quotes, times, events). Lists of
           strings (alt_titles, body, authors, tags, boilerplate, aliases, roles, event source and target,
           a story's sites: as ``svodka stories`` shows them) are Parquet lists and JSON arrays in CSV; nested records (media, related,
           cards, evidence, geo) are JSON text in both. A missing value is null in Parquet, empty in CSV.
  gdelt    ``events.gdelt.tsv``: GDELT 2.0 event-table rows (61 tab-separated columns, no header, as
           GDELT's own files), from ``svodka.events.gdelt.rows``; DATEADDED is when the article was stored;
           NumMentions, NumSources, NumArticles are the corpus event's the report is linked to.
  geojson  ``events.geojson``: a FeatureCollection, one Point ([lon, lat]) per located event (``event_feature``).

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
from .store.export_rows import ARTICLE_COLUMNS, BATCH, CORPUS_TABLES, SQL_TABLES, TABLE_NAMES
from .store.records import article_from_dict

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "geojson")


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


def _grouped(rows: Iterator[tuple]) -> Iterator[tuple[int, list[tuple]]]:
    """(key, [the rest of each row]) of rows ordered by their first value."""
    current, group = None, []
    for key, *rest in rows:
        if key != current and group:
            yield current, group
            group = []
        current = key
        group.append(tuple(rest))
    if group:
        yield current, group


def _aligned(rows: Iterator[tuple], groups: Iterator[tuple[int, list[tuple]]]) -> Iterator[tuple[tuple, list[tuple]]]:
    """Each row (ordered by its first value) with the group of the same key (groups ordered alike; [] if none)."""
    pending = next(groups, None)
    for row in rows:
        while pending is not None and pending[0] < row[0]:
            pending = next(groups, None)
        yield row, (pending[1] if pending is not None and pending[0] == row[0] else [])


def corpus_entity_rows(store) -> Iterator[list]:
    """The corpus entities: aliases are the other names they were written under (most articles first), then
    their aliases; roles, most articles first."""
    for (id_, type_, name, born, country, gender, mentions, articles, first, last), values in _aligned(
            store.corpus_entity_export_rows(), _grouped(store.corpus_entity_name_rows())):
        aliases = [v for what, v in values if what == "name" and v != name]
        aliases += [v for what, v in values if what == "alias" and v != name and v not in aliases]
        roles = [v for what, v in values if what == "role"]
        yield [id_, type_, name, aliases, roles, born, country, gender, mentions, articles, first, last]


def corpus_event_rows(store) -> Iterator[list]:
    """The corpus events with their actors' names (source, target), in the corpus event's counts."""
    for row, actors in _aligned(store.corpus_event_export_rows(), _grouped(store.corpus_event_actor_export_rows())):
        id_, type_, cameo, root, plover, goldstein, quad, *rest = row
        source = [name for side, name in actors if side == "source"]
        target = [name for side, name in actors if side == "target"]
        yield [id_, type_, cameo, root, plover, goldstein, quad, source, target, *rest]


def table_rows(store, table: str) -> Iterator[list]:
    """Rows of one table, in its column order; list columns parsed from their stored JSON text."""
    if table == "articles":
        yield from article_rows(store)
        return
    if table in CORPUS_TABLES:
        yield from (corpus_entity_rows if table == "corpus_entities" else corpus_event_rows)(store)
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
    if table == "articles":
        return ARTICLE_COLUMNS
    return CORPUS_TABLES[table] if table in CORPUS_TABLES else SQL_TABLES[table][0]


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
    """GDELT 2.0 event rows (61 strings each) for every stored article's coded events; NumMentions, NumSources
    and NumArticles are the corpus event's (svodka.link) where the report is linked to one."""
    reports = _grouped(store.report_count_rows())
    for (pk, data, ingested), linked in _aligned(store.articles_with_pk_and_ingest_times(), reports):
        article = article_from_dict(json.loads(data))
        if article.events:
            yield from rows(article, article.events, _added(ingested), {n: counts for n, *counts in linked})


def _write_gdelt(store, path: Path) -> int:
    n = 0
    with _Atomic(path) as part, open(part, "w", encoding="utf-8", newline="\n") as fh:
        for row in gdelt_rows(store):
            fh.write("\t".join(row))
            fh.write("\n")
            n += 1
    return n


# --- GeoJSON: located events as points -----------------------------------------------------------

def event_feature(event: dict, article: dict | None = None) -> dict | None:
    """One located event (an Event's dict, or an /api/events item) as a GeoJSON Feature: a Point at
    [lon, lat] with the event's type, CAMEO code, QuadClass (1–2 cooperation, 3–4 conflict), Goldstein
    value, date, actors, the place's name, country, feature and where it came from (sentence or dateline),
    and the article. None for an event with no point."""
    geo = event.get("geo") or {}
    lat, lon = geo.get("lat"), geo.get("lon")
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    article = article or {}
    props = {k: event.get(k) for k in ("type", "cameo", "quad_class", "goldstein", "date", "source", "target",
                                       "modality")}
    props.update(place=geo.get("name"), country=geo.get("country"), admin1=geo.get("admin1"),
                 feature=geo.get("feature"), located_from=geo.get("from"),
                 article=event.get("article") or article.get("id"),
                 title=event.get("article_title") or article.get("title"),
                 published=event.get("article_published") or article.get("published"))
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}


def feature_collection(features) -> dict:
    return {"type": "FeatureCollection", "features": [f for f in features if f is not None]}


def geojson_features(store) -> Iterator[dict]:
    """A Feature for every located event of every stored article."""
    for (data,) in store.article_data_rows():
        d = json.loads(data)
        for event in d.get("events") or ():
            feature = event_feature(event, d)
            if feature is not None:
                yield feature


def _write_geojson(store, path: Path) -> int:
    collection = feature_collection(geojson_features(store))
    with _Atomic(path) as part, open(part, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(collection, fh, ensure_ascii=False)
        fh.write("\n")
    return len(collection["features"])


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
        elif fmt == "geojson":
            written["events.geojson"] = _write_geojson(store, out / "events.geojson")
        else:
            ext = "csv" if fmt == "csv" else "parquet"
            write = _write_csv if fmt == "csv" else _write_parquet
            for table in TABLE_NAMES:
                written[f"{table}.{ext}"] = write(store, table, out / f"{table}.{ext}")
        return written


__all__ = ["export", "FORMATS", "TABLE_NAMES", "ExportError", "table_rows", "article_rows", "gdelt_rows",
           "columns_of", "event_feature", "feature_collection", "geojson_features"]
