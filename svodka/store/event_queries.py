"""Store methods that answer the questions of the event linker (link/events.py) and timelines (link/timeline.py); a dossier's are in dossier_queries.py.

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how).
Dates go in and come out as ISO text, actors as the JSON the tables hold. Statements run through
``Store.run`` and its kin (named binds, SQL both engines accept).
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

CHUNK = 500        # values bound in one IN-list: within every SQLite build's parameter limit


def chunks(items: Sequence, size: int = CHUNK) -> Iterator[list]:
    """``items`` in consecutive lists of at most ``size``."""
    for i in range(0, len(items), size):
        yield list(items[i:i + size])


# the aggregates of a corpus event that ``settle_corpus_event`` writes, in the order of its statement
SETTLED = ("cameo", "root_code", "plover", "goldstein", "quad_class", "date", "lo", "hi", "precision", "place",
           "modality", "killed", "injured", "confidence", "key", "head_article", "head_n", "num_mentions",
           "num_sources", "num_articles", "first_seen", "last_seen")
ACTOR_COLUMNS = ("event", "side", "position", "entity", "name", "country", "key")


class EventQueries:

    def _chunked(self, sql: str, items: Sequence, params: dict | None = None) -> Iterator:
        """The rows of ``sql`` (its IN-list ``:items``) over ``items``, CHUNK at a time."""
        for chunk in chunks(items):
            yield from self.run(sql, {**(params or {}), "items": chunk}, expand=("items",))

    # --- the event linker: the reports of articles --------------------------------------------

    def article_origins(self, pks: Sequence[int]) -> dict[int, tuple]:
        """pk → (published, site, url, source) of the articles ``pks``."""
        return {pk: (pub, site, url, src) for pk, pub, site, url, src in self._chunked(
            "SELECT pk, published, site, url, source FROM articles WHERE pk IN :items", pks)}

    def article_entity_names(self, pks: Sequence[int]) -> list[tuple]:
        """(article, entity, type, name, aliases JSON) of the entities of articles ``pks``, by article, entity."""
        return list(self._chunked("SELECT article, entity, type, name, aliases FROM entities WHERE article IN :items"
                                  " ORDER BY article, entity NULLS FIRST", pks))

    def article_entity_corpus(self, pks: Sequence[int]) -> list[tuple]:
        """(article, entity, corpus id, type, name, country) of the entities of ``pks`` linked to a corpus entity."""
        return list(self._chunked("SELECT l.article, l.entity, c.id, c.type, c.name, c.country FROM entity_links l"
                                  " JOIN corpus_entities c ON c.id = l.corpus WHERE l.article IN :items", pks))

    def corpus_person_roles(self, cids: Sequence[int]) -> list[tuple]:
        """(corpus entity, role, count) of the corpus entities ``cids`` ("глава Минэнерго Украины", 7)."""
        return list(self._chunked("SELECT entity, value, count FROM corpus_entity_values"
                                  " WHERE what = 'role' AND entity IN :items", cids))

    def article_event_reports(self, pks: Sequence[int]) -> list[tuple]:
        """(article, n, type, source, target (JSON), date, place, modality) of the events of ``pks`` by article, n."""
        return list(self._chunked("SELECT article, n, type, source, target, date, place, modality FROM events"
                                  " WHERE article IN :items ORDER BY article, n", pks))

    # --- the event linker: corpus events -------------------------------------------------------

    def event_head(self, event: int) -> tuple[int, int] | None:
        """(article, n) of the corpus event's head report; None when there is no such event or head."""
        row = self.run("SELECT head_article, head_n FROM corpus_events WHERE id = :id", {"id": event}).fetchone()
        return (row[0], row[1]) if row and row[0] is not None else None

    def linked_report(self, article: int, n: int) -> tuple | None:
        """(actors JSON, lo, hi, precision, outlet, type, modality, place) of a report linked to an event, or None."""
        return self.run(
            "SELECT l.actors, l.lo, l.hi, l.precision, l.outlet, e.type, e.modality, e.place FROM event_links l"
            " JOIN events e USING (article, n) WHERE l.article = :article AND l.n = :n",
            {"article": article, "n": n}).fetchone()

    def corpus_event_candidates(self, type_: str, polarity: str, starts_by: str, starts_from: str,
                                ends_from: str) -> list[tuple]:
        """(id, lo, hi, precision, place) of the events of this type and polarity that start within
        [``starts_from``, ``starts_by``] and end on ``ends_from`` or later."""
        return self.run(
            "SELECT id, lo, hi, precision, place FROM corpus_events WHERE type = :type AND polarity = :polarity"
            " AND lo <= :starts_by AND lo >= :starts_from AND hi >= :ends_from",
            {"type": type_, "polarity": polarity, "starts_by": starts_by, "starts_from": starts_from,
             "ends_from": ends_from}).fetchall()

    def corpus_events_begun(self, type_: str, polarity: str, starts_by: str, starts_from: str) -> list[tuple]:
        """(id, lo, hi, precision, place) of the dated events of this type and polarity that start within
        [``starts_from``, ``starts_by``]."""
        return self.run(
            "SELECT id, lo, hi, precision, place FROM corpus_events WHERE type = :type AND polarity = :polarity"
            " AND lo IS NOT NULL AND lo <= :starts_by AND lo >= :starts_from",
            {"type": type_, "polarity": polarity, "starts_by": starts_by, "starts_from": starts_from}).fetchall()

    def event_article_count(self, event: int) -> int:
        """How many articles report the corpus event (as last settled)."""
        return self.run("SELECT num_articles FROM corpus_events WHERE id = :id", {"id": event}).fetchone()[0]

    def corpus_event_exists(self, event: int) -> bool:
        """Whether the corpus event ``event`` is stored."""
        return self.run("SELECT 1 FROM corpus_events WHERE id = :id", {"id": event}).fetchone() is not None

    def add_corpus_event(self, type_: str, polarity: str, lo: str | None, hi: str | None, precision: int | None,
                         place: str | None, head_article: int, head_n: int) -> int:
        """A new corpus event, its head the report (``head_article``, ``head_n``), its counts zero; its id."""
        return self.insert_id(
            "INSERT INTO corpus_events (type, polarity, lo, hi, precision, place, head_article, head_n,"
            " num_mentions, num_sources, num_articles) VALUES (:type, :polarity, :lo, :hi, :precision, :place,"
            " :head_article, :head_n, 0, 0, 0) RETURNING id",
            {"type": type_, "polarity": polarity, "lo": lo, "hi": hi, "precision": precision, "place": place,
             "head_article": head_article, "head_n": head_n})

    def link_event_report(self, article: int, n: int, event: int, actors: str, lo: str | None, hi: str | None,
                          precision: int | None, outlet: str) -> None:
        """Link report (``article``, ``n``) to ``event`` with its resolved actors (JSON), date span and outlet
        (a link it had is replaced)."""
        self.run(
            "INSERT INTO event_links (article, n, event, actors, lo, hi, precision, outlet)"
            " VALUES (:article, :n, :event, :actors, :lo, :hi, :precision, :outlet)"
            " ON CONFLICT (article, n) DO UPDATE SET event = excluded.event,"
            " actors = excluded.actors, lo = excluded.lo, hi = excluded.hi, precision = excluded.precision,"
            " outlet = excluded.outlet",
            {"article": article, "n": n, "event": event, "actors": actors, "lo": lo, "hi": hi,
             "precision": precision, "outlet": outlet})

    def set_event_head(self, event: int, article: int, n: int) -> None:
        """Make report (``article``, ``n``) the corpus event's head."""
        self.run("UPDATE corpus_events SET head_article = :article, head_n = :n WHERE id = :id",
                 {"article": article, "n": n, "id": event})

    def narrow_event_span(self, event: int, lo: str, hi: str, precision: int) -> None:
        """Give the corpus event this date span unless its own is at least as precise."""
        self.run("UPDATE corpus_events SET lo = :lo, hi = :hi, precision = :precision WHERE id = :id AND"
                 " (precision IS NULL OR precision < :precision)",
                 {"lo": lo, "hi": hi, "precision": precision, "id": event})

    def event_report_details(self, event: int) -> list[tuple]:
        """Every report linked to ``event``, by article and n: (article, n, actors JSON, lo, hi, precision, outlet,
        type, cameo, date, place, modality, killed, injured, evidence JSON, confidence, the article's published)."""
        return self.run(
            "SELECT l.article, l.n, l.actors, l.lo, l.hi, l.precision, l.outlet, e.type, e.cameo, e.date, e.place,"
            " e.modality, e.killed, e.injured, e.evidence, e.confidence, a.published"
            " FROM event_links l JOIN events e USING (article, n) JOIN articles a ON a.pk = l.article"
            " WHERE l.event = :event ORDER BY l.article, l.n", {"event": event}).fetchall()

    def drop_corpus_event(self, event: int) -> None:
        """Remove a corpus event (one no report is linked to) and its actors."""
        self.run("DELETE FROM corpus_event_actors WHERE event = :event", {"event": event})
        self.run("DELETE FROM corpus_events WHERE id = :event", {"event": event})

    def settle_corpus_event(self, event: int, values: dict, actors: list[tuple]) -> None:
        """Write a corpus event's aggregates (``values``: every column of SETTLED; a None lo, hi or precision
        keeps the stored one) and replace its actors by ``actors``: (side, entity, name, country, key) in order."""
        self.run(
            "UPDATE corpus_events SET cameo = :cameo, root_code = :root_code, plover = :plover,"
            " goldstein = :goldstein, quad_class = :quad_class, date = :date,"
            " lo = coalesce(:lo, lo), hi = coalesce(:hi, hi), precision = coalesce(:precision, precision),"
            " place = :place, modality = :modality, killed = :killed, injured = :injured, confidence = :confidence,"
            " key = :key, head_article = :head_article, head_n = :head_n, num_mentions = :num_mentions,"
            " num_sources = :num_sources, num_articles = :num_articles, first_seen = :first_seen,"
            " last_seen = :last_seen WHERE id = :event", {**{c: values[c] for c in SETTLED}, "event": event})
        self.run("DELETE FROM corpus_event_actors WHERE event = :event", {"event": event})
        self.copy_rows("corpus_event_actors", ACTOR_COLUMNS,
                       [(event, side, i, entity, name, country, key)
                        for i, (side, entity, name, country, key) in enumerate(actors)])

    # --- the event linker: a corpus entity merged into another ---------------------------------

    def events_with_actor(self, entity: int) -> list[int]:
        """The corpus events one of whose actors is corpus entity ``entity``."""
        return [r[0] for r in self.run("SELECT DISTINCT event FROM corpus_event_actors WHERE entity = :entity",
                                       {"entity": entity})]

    def reports_naming(self, articles: Sequence[int], entity: int) -> list[tuple]:
        """(article, n, event, actors JSON) of the linked reports of ``articles`` naming entity ``entity``."""
        return list(self._chunked("SELECT article, n, event, actors FROM event_links WHERE article IN :items"
                                  " AND actors LIKE :pattern", articles, {"pattern": f'%"e:{entity}"%'}))

    def entity_name_and_country(self, entity: int) -> tuple[str | None, str | None]:
        """(name, country) of a corpus entity; (None, None) when there is none."""
        row = self.run("SELECT name, country FROM corpus_entities WHERE id = :id", {"id": entity}).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def set_report_actors(self, article: int, n: int, actors: str) -> None:
        """Replace the resolved actors (JSON) of the linked report (``article``, ``n``)."""
        self.run("UPDATE event_links SET actors = :actors WHERE article = :article AND n = :n",
                 {"actors": actors, "article": article, "n": n})

    def move_event_reports(self, old: int, new: int) -> None:
        """Link every report of corpus event ``old`` to ``new``."""
        self.run("UPDATE event_links SET event = :new WHERE event = :old", {"new": new, "old": old})

    # --- timelines -----------------------------------------------------------------------------

    def events_with_country_actor(self, entity: int, iso: str) -> list[int]:
        """The corpus events with an actor that is ``entity``, is of country ``iso``, or is a corpus entity of it."""
        return [r[0] for r in self.run(
            "SELECT event FROM corpus_event_actors WHERE entity = :entity"
            " UNION SELECT event FROM corpus_event_actors WHERE country = :iso"
            " UNION SELECT event FROM corpus_event_actors WHERE entity IN"
            " (SELECT id FROM corpus_entities WHERE country = :iso)", {"entity": entity, "iso": iso})]

    def timeline_event(self, event: int) -> tuple:
        """(id, type, cameo, root_code, goldstein, quad_class, date, lo, precision, place, modality, num_mentions,
        num_sources, num_articles, first_seen, key) of a corpus event."""
        return self.run(
            "SELECT id, type, cameo, root_code, goldstein, quad_class, date, lo, precision, place, modality,"
            " num_mentions, num_sources, num_articles, first_seen, key FROM corpus_events WHERE id = :id",
            {"id": event}).fetchone()

    def event_actors(self, event: int) -> list[tuple]:
        """(side, entity, name, country, key, entity type) of a corpus event's actors in order (name and country
        the corpus entity's where it is one)."""
        return self.run(
            "SELECT a.side, a.entity, coalesce(c.name, a.name), coalesce(c.country, a.country), a.key, c.type"
            " FROM corpus_event_actors a LEFT JOIN corpus_entities c ON c.id = a.entity WHERE a.event = :event"
            " ORDER BY a.position", {"event": event}).fetchall()

    def event_outlets(self, event: int) -> list[str]:
        """The outlets that report a corpus event, the most reports first (then by name)."""
        return [r[0] for r in self.run(
            "SELECT outlet, count(*) FROM event_links WHERE event = :event GROUP BY outlet"
            " ORDER BY 2 DESC NULLS LAST, 1 NULLS FIRST", {"event": event})]
