"""Store methods that stream the stored tables for an export (``svodka.export`` writes the files).

A mixin of :class:`svodka.store.base.Store`. Rows come in storage order, a bounded number in memory at a
time (PostgreSQL: a server-side cursor). The column lists say each table's columns and their kinds (str, int,
float, list of strings, json records); list and json columns come as their stored JSON text.
"""
from __future__ import annotations

from collections.abc import Iterator

BATCH = 5000                 # rows per fetch

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
         ("roles", "list"), ("born", "str"), ("country", "str"), ("geo", "json")],
        "SELECT a.id, t.entity, t.type, t.name, t.aliases, t.roles, t.born, t.country, t.geo"
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
         ("confidence", "float"), ("geo", "json")],
        "SELECT a.id, t.n, t.type, t.cameo, t.plover, t.goldstein, t.quad_class, t.source, t.target, t.date,"
        " t.place, t.modality, t.killed, t.injured, t.evidence, t.confidence, t.geo"
        " FROM events t JOIN articles a ON a.pk = t.article ORDER BY t.article, t.n"),
    "stories": (
        [("id", "int"), ("label", "str"), ("first", "str"), ("last", "str"), ("size", "int"), ("sites", "list")],
        "SELECT s.id, s.label, s.first, s.last, s.size, NULL FROM stories s ORDER BY s.id"),
    "story_articles": (
        [("story", "int"), ("article", "str")],
        "SELECT sa.story, a.id FROM story_articles sa JOIN articles a ON a.pk = sa.article ORDER BY sa.story, sa.article"),
}
TABLE_NAMES = ["articles", *SQL_TABLES]


class ExportQueries:
    def _stream(self, sql: str) -> Iterator[tuple]:
        return self.stream(sql, size=BATCH)     # PostgreSQL: a server-side cursor, BATCH rows at a time

    def article_data_rows(self) -> Iterator[tuple[str]]:
        """(article JSON,) for every stored article, in storage order."""
        return self._stream("SELECT data FROM article_data ORDER BY pk")

    def article_data_with_ingest_times(self) -> Iterator[tuple[str, str | None]]:
        """(article JSON, when it was stored) for every stored article, in storage order."""
        return self._stream("SELECT d.data, a.ingested FROM article_data d JOIN articles a ON a.pk = d.pk"
                            " ORDER BY d.pk")

    def story_article_outlets(self) -> Iterator[tuple[int, str | None, str | None]]:
        """(story, site, source) of every article in a story."""
        return self._stream("SELECT sa.story, a.site, a.source FROM story_articles sa"
                            " JOIN articles a ON a.pk = sa.article")

    def table_export_rows(self, table: str) -> Iterator[tuple]:
        """The rows of one exported table (not articles), in the order of ``SQL_TABLES[table]``'s columns."""
        return self._stream(SQL_TABLES[table][1])
