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
    ("id", "str"), ("sha256", "str"), ("source", "str"), ("url", "str"), ("site", "str"), ("site_name", "str"),
    ("published", "str"), ("rubric", "str"), ("title", "str"), ("alt_titles", "list"), ("lead", "str"), ("body", "list"),
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

# The corpus tables (svodka.link). entity_links and event_links are plain SELECTs (SQL_TABLES);
# corpus_entities and corpus_events are put together by svodka.export from two ordered streams each (the
# entity's row and its other names and roles; the event's row and its actors), as no aggregate that builds a
# list is written alike on both engines.
SQL_TABLES.update({
    "entity_links": (
        [("entity", "int"), ("article", "str"), ("article_entity", "str"), ("mentions", "int")],
        "SELECT l.corpus, a.id, l.entity, l.mentions FROM entity_links l JOIN articles a ON a.pk = l.article"
        " ORDER BY l.corpus, l.article, l.entity"),
    "event_links": (
        [("event", "int"), ("article", "str"), ("n", "int"), ("outlet", "str")],
        "SELECT l.event, a.id, l.n, l.outlet FROM event_links l JOIN articles a ON a.pk = l.article"
        " ORDER BY l.event, l.article, l.n"),
})
CORPUS_ENTITY_COLUMNS = [
    ("id", "int"), ("type", "str"), ("name", "str"), ("aliases", "list"), ("roles", "list"), ("born", "str"),
    ("country", "str"), ("gender", "str"), ("mentions", "int"), ("articles", "int"), ("first_seen", "str"),
    ("last_seen", "str")]
CORPUS_EVENT_COLUMNS = [
    ("id", "int"), ("type", "str"), ("cameo", "str"), ("root_code", "str"), ("plover", "str"), ("goldstein", "float"),
    ("quad_class", "int"), ("source", "list"), ("target", "list"), ("date", "str"), ("place", "str"),
    ("modality", "str"), ("killed", "int"), ("injured", "int"), ("confidence", "float"), ("num_mentions", "int"),
    ("num_sources", "int"), ("num_articles", "int"), ("first_seen", "str"), ("last_seen", "str")]
CORPUS_TABLES = {"corpus_entities": CORPUS_ENTITY_COLUMNS, "corpus_events": CORPUS_EVENT_COLUMNS}
TABLE_NAMES = ["articles", "entities", "mentions", "quotes", "times", "events", "stories", "story_articles",
               "corpus_entities", "entity_links", "corpus_events", "event_links"]


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

    # --- the corpus tables --------------------------------------------------------------------

    def corpus_entity_export_rows(self) -> Iterator[tuple]:
        """(id, type, name, born, country, gender, mentions, articles, first_seen, last_seen) of every corpus
        entity, by id."""
        return self._stream("SELECT id, type, name, born, country, gender, mentions, articles, first_seen, last_seen"
                            " FROM corpus_entities ORDER BY id")

    def corpus_entity_name_rows(self) -> Iterator[tuple]:
        """(entity, what, value) of the corpus entities' names, aliases and roles, by entity, then what, then in
        most articles first."""
        return self._stream("SELECT entity, what, value FROM corpus_entity_values WHERE what IN ('name', 'alias', 'role')"
                            " ORDER BY entity, what, count DESC, value")

    def corpus_event_export_rows(self) -> Iterator[tuple]:
        """(id, type, cameo, root_code, plover, goldstein, quad_class, date, place, modality, killed, injured,
        confidence, num_mentions, num_sources, num_articles, first_seen, last_seen) of every corpus event, by id."""
        return self._stream("SELECT id, type, cameo, root_code, plover, goldstein, quad_class, date, place, modality,"
                            " killed, injured, confidence, num_mentions, num_sources, num_articles, first_seen,"
                            " last_seen FROM corpus_events ORDER BY id")

    def corpus_event_actor_export_rows(self) -> Iterator[tuple]:
        """(event, side, name) of the corpus events' actors, by event and position."""
        return self._stream("SELECT event, side, name FROM corpus_event_actors ORDER BY event, position")

    def articles_with_pk_and_ingest_times(self) -> Iterator[tuple[int, str, str | None]]:
        """(pk, article JSON, when it was stored) for every stored article, in storage order."""
        return self._stream("SELECT d.pk, d.data, a.ingested FROM article_data d JOIN articles a ON a.pk = d.pk"
                            " ORDER BY d.pk")

    def report_count_rows(self) -> Iterator[tuple[int, int, int, int, int]]:
        """(article pk, n, num_mentions, num_sources, num_articles): each linked event report with its corpus
        event's counts, in storage order."""
        return self._stream("SELECT l.article, l.n, e.num_mentions, e.num_sources, e.num_articles FROM event_links l"
                            " JOIN corpus_events e ON e.id = l.event ORDER BY l.article, l.n")
