"""Store methods that answer the questions of the event linker (link/events.py), timelines (link/timeline.py) and dossiers (link/dossier.py).

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how).
Dates go in and come out as ISO text, actors as the JSON the tables hold.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

CHUNK = 500        # values bound in one IN (…) list: within every SQLite build's parameter limit


def chunks(items: Sequence, size: int = CHUNK) -> Iterator[list]:
    """``items`` in consecutive lists of at most ``size``."""
    for i in range(0, len(items), size):
        yield list(items[i:i + size])


def marks(values: Sequence) -> str:
    """The placeholders of an IN (…) list of ``values``."""
    return ",".join("?" * len(values))


# the aggregates of a corpus event that ``settle_corpus_event`` writes, in the order of its statement
SETTLED = ("cameo", "root_code", "plover", "goldstein", "quad_class", "date", "lo", "hi", "precision", "place",
           "modality", "killed", "injured", "confidence", "key", "head_article", "head_n", "num_mentions",
           "num_sources", "num_articles", "first_seen", "last_seen")


class EventQueries:
    conn = None

    # --- the event linker: the reports of articles --------------------------------------------

    def article_origins(self, pks: Sequence[int]) -> dict[int, tuple]:
        """pk → (published, site, url, source) of the articles ``pks``."""
        out = {}
        for chunk in chunks(pks):
            out.update((pk, (pub, site, url, src)) for pk, pub, site, url, src in self.conn.execute(
                f"SELECT pk, published, site, url, source FROM articles WHERE pk IN ({marks(chunk)})", chunk))
        return out

    def article_entity_names(self, pks: Sequence[int]) -> list[tuple]:
        """(article, entity, type, name, aliases JSON) of the entities of articles ``pks``, by article, entity."""
        return [row for chunk in chunks(pks) for row in self.conn.execute(
            f"SELECT article, entity, type, name, aliases FROM entities WHERE article IN ({marks(chunk)})"
            f" ORDER BY article, entity", chunk)]

    def article_entity_corpus(self, pks: Sequence[int]) -> list[tuple]:
        """(article, entity, corpus id, type, name, country) of the entities of ``pks`` linked to a corpus entity."""
        return [row for chunk in chunks(pks) for row in self.conn.execute(
            f"SELECT l.article, l.entity, c.id, c.type, c.name, c.country FROM entity_links l"
            f" JOIN corpus_entities c ON c.id = l.corpus WHERE l.article IN ({marks(chunk)})", chunk)]

    def article_event_reports(self, pks: Sequence[int]) -> list[tuple]:
        """(article, n, type, source, target (JSON), date, place, modality) of the events of ``pks`` by article, n."""
        return [row for chunk in chunks(pks) for row in self.conn.execute(
            f"SELECT article, n, type, source, target, date, place, modality FROM events"
            f" WHERE article IN ({marks(chunk)}) ORDER BY article, n", chunk)]

    # --- the event linker: corpus events -------------------------------------------------------

    def event_head(self, event: int) -> tuple[int, int] | None:
        """(article, n) of the corpus event's head report; None when there is no such event or head."""
        row = self.conn.execute("SELECT head_article, head_n FROM corpus_events WHERE id = ?", (event,)).fetchone()
        return (row[0], row[1]) if row and row[0] is not None else None

    def linked_report(self, article: int, n: int) -> tuple | None:
        """(actors JSON, lo, hi, precision, outlet, type, modality, place) of a report linked to an event, or None."""
        return self.conn.execute(
            "SELECT l.actors, l.lo, l.hi, l.precision, l.outlet, e.type, e.modality, e.place FROM event_links l"
            " JOIN events e USING (article, n) WHERE l.article = ? AND l.n = ?", (article, n)).fetchone()

    def corpus_event_candidates(self, type_: str, polarity: str, starts_by: str, starts_from: str,
                                ends_from: str) -> list[tuple]:
        """(id, lo, hi, precision, place) of the events of this type and polarity that start within
        [``starts_from``, ``starts_by``] and end on ``ends_from`` or later."""
        return self.conn.execute(
            "SELECT id, lo, hi, precision, place FROM corpus_events WHERE type = ? AND polarity = ?"
            " AND lo <= ? AND lo >= ? AND hi >= ?", (type_, polarity, starts_by, starts_from, ends_from)).fetchall()

    def corpus_events_begun(self, type_: str, polarity: str, starts_by: str, starts_from: str) -> list[tuple]:
        """(id, lo, hi, precision, place) of the dated events of this type and polarity that start within
        [``starts_from``, ``starts_by``]."""
        return self.conn.execute(
            "SELECT id, lo, hi, precision, place FROM corpus_events WHERE type = ? AND polarity = ?"
            " AND lo IS NOT NULL AND lo <= ? AND lo >= ?", (type_, polarity, starts_by, starts_from)).fetchall()

    def event_article_count(self, event: int) -> int:
        """How many articles report the corpus event (as last settled)."""
        return self.conn.execute("SELECT num_articles FROM corpus_events WHERE id = ?", (event,)).fetchone()[0]

    def corpus_event_exists(self, event: int) -> bool:
        """Whether the corpus event ``event`` is stored."""
        return self.conn.execute("SELECT 1 FROM corpus_events WHERE id = ?", (event,)).fetchone() is not None

    def add_corpus_event(self, type_: str, polarity: str, lo: str | None, hi: str | None, precision: int | None,
                         place: str | None, head_article: int, head_n: int) -> int:
        """A new corpus event, its head the report (``head_article``, ``head_n``), its counts zero; its id."""
        return self.conn.execute(
            "INSERT INTO corpus_events (type, polarity, lo, hi, precision, place, head_article, head_n,"
            " num_mentions, num_sources, num_articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)",
            (type_, polarity, lo, hi, precision, place, head_article, head_n)).lastrowid

    def link_event_report(self, article: int, n: int, event: int, actors: str, lo: str | None, hi: str | None,
                          precision: int | None, outlet: str) -> None:
        """Link report (``article``, ``n``) to ``event`` with its resolved actors (JSON), date span and outlet
        (a link it had is replaced)."""
        self.conn.execute(
            "INSERT INTO event_links (article, n, event, actors, lo, hi, precision, outlet)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article, n) DO UPDATE SET event = excluded.event,"
            " actors = excluded.actors, lo = excluded.lo, hi = excluded.hi, precision = excluded.precision,"
            " outlet = excluded.outlet", (article, n, event, actors, lo, hi, precision, outlet))

    def set_event_head(self, event: int, article: int, n: int) -> None:
        """Make report (``article``, ``n``) the corpus event's head."""
        self.conn.execute("UPDATE corpus_events SET head_article = ?, head_n = ? WHERE id = ?", (article, n, event))

    def narrow_event_span(self, event: int, lo: str, hi: str, precision: int) -> None:
        """Give the corpus event this date span unless its own is at least as precise."""
        self.conn.execute("UPDATE corpus_events SET lo = ?, hi = ?, precision = ? WHERE id = ? AND"
                          " (precision IS NULL OR precision < ?)", (lo, hi, precision, event, precision))

    def event_report_details(self, event: int) -> list[tuple]:
        """Every report linked to ``event``, by article and n: (article, n, actors JSON, lo, hi, precision, outlet,
        type, cameo, date, place, modality, killed, injured, evidence JSON, confidence, the article's published)."""
        return self.conn.execute(
            "SELECT l.article, l.n, l.actors, l.lo, l.hi, l.precision, l.outlet, e.type, e.cameo, e.date, e.place,"
            " e.modality, e.killed, e.injured, e.evidence, e.confidence, a.published"
            " FROM event_links l JOIN events e USING (article, n) JOIN articles a ON a.pk = l.article"
            " WHERE l.event = ? ORDER BY l.article, l.n", (event,)).fetchall()

    def drop_corpus_event(self, event: int) -> None:
        """Remove a corpus event (one no report is linked to) and its actors."""
        self.conn.execute("DELETE FROM corpus_event_actors WHERE event = ?", (event,))
        self.conn.execute("DELETE FROM corpus_events WHERE id = ?", (event,))

    def settle_corpus_event(self, event: int, values: dict, actors: list[tuple]) -> None:
        """Write a corpus event's aggregates (``values``: every column of SETTLED; a None lo, hi or precision
        keeps the stored one) and replace its actors by ``actors``: (side, entity, name, country, key) in order."""
        self.conn.execute(
            "UPDATE corpus_events SET cameo = ?, root_code = ?, plover = ?, goldstein = ?, quad_class = ?, date = ?,"
            " lo = coalesce(?, lo), hi = coalesce(?, hi), precision = coalesce(?, precision), place = ?,"
            " modality = ?, killed = ?, injured = ?, confidence = ?, key = ?, head_article = ?, head_n = ?,"
            " num_mentions = ?, num_sources = ?, num_articles = ?, first_seen = ?, last_seen = ? WHERE id = ?",
            (*(values[c] for c in SETTLED), event))
        self.conn.execute("DELETE FROM corpus_event_actors WHERE event = ?", (event,))
        self.conn.executemany(
            "INSERT INTO corpus_event_actors (event, side, position, entity, name, country, key)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)", [(event, side, i, entity, name, country, key)
                                              for i, (side, entity, name, country, key) in enumerate(actors)])

    # --- the event linker: a corpus entity merged into another ---------------------------------

    def events_with_actor(self, entity: int) -> list[int]:
        """The corpus events one of whose actors is corpus entity ``entity``."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT event FROM corpus_event_actors WHERE entity = ?",
                                                (entity,))]

    def reports_naming(self, articles: Sequence[int], entity: int) -> list[tuple]:
        """(article, n, event, actors JSON) of the linked reports of ``articles`` naming entity ``entity``."""
        return [row for chunk in chunks(articles) for row in self.conn.execute(
            f"SELECT article, n, event, actors FROM event_links WHERE article IN ({marks(chunk)}) AND actors LIKE ?",
            [*chunk, f'%"e:{entity}"%'])]

    def entity_name_and_country(self, entity: int) -> tuple[str | None, str | None]:
        """(name, country) of a corpus entity; (None, None) when there is none."""
        row = self.conn.execute("SELECT name, country FROM corpus_entities WHERE id = ?", (entity,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def set_report_actors(self, article: int, n: int, actors: str) -> None:
        """Replace the resolved actors (JSON) of the linked report (``article``, ``n``)."""
        self.conn.execute("UPDATE event_links SET actors = ? WHERE article = ? AND n = ?", (actors, article, n))

    def move_event_reports(self, old: int, new: int) -> None:
        """Link every report of corpus event ``old`` to ``new``."""
        self.conn.execute("UPDATE event_links SET event = ? WHERE event = ?", (new, old))

    # --- timelines -----------------------------------------------------------------------------

    def events_with_country_actor(self, entity: int, iso: str) -> list[int]:
        """The corpus events with an actor that is ``entity``, is of country ``iso``, or is a corpus entity of it."""
        return [r[0] for r in self.conn.execute(
            "SELECT event FROM corpus_event_actors WHERE entity = ?"
            " UNION SELECT event FROM corpus_event_actors WHERE country = ?"
            " UNION SELECT event FROM corpus_event_actors WHERE entity IN"
            " (SELECT id FROM corpus_entities WHERE country = ?)", (entity, iso, iso))]

    def timeline_event(self, event: int) -> tuple:
        """(id, type, cameo, root_code, goldstein, quad_class, date, lo, precision, place, modality, num_mentions,
        num_sources, num_articles, first_seen, key) of a corpus event."""
        return self.conn.execute(
            "SELECT id, type, cameo, root_code, goldstein, quad_class, date, lo, precision, place, modality,"
            " num_mentions, num_sources, num_articles, first_seen, key FROM corpus_events WHERE id = ?",
            (event,)).fetchone()

    def event_actors(self, event: int) -> list[tuple]:
        """(side, entity, name, country, key, entity type) of a corpus event's actors in order (name and country
        the corpus entity's where it is one)."""
        return self.conn.execute(
            "SELECT a.side, a.entity, coalesce(c.name, a.name), coalesce(c.country, a.country), a.key, c.type"
            " FROM corpus_event_actors a LEFT JOIN corpus_entities c ON c.id = a.entity WHERE a.event = ?"
            " ORDER BY a.position", (event,)).fetchall()

    def event_outlets(self, event: int) -> list[str]:
        """The outlets that report a corpus event, the most reports first (then by name)."""
        return [r[0] for r in self.conn.execute(
            "SELECT outlet, count(*) FROM event_links WHERE event = ? GROUP BY outlet ORDER BY 2 DESC, 1", (event,))]

    # --- dossiers ------------------------------------------------------------------------------

    def corpus_entity_record(self, cid: int) -> tuple | None:
        """(id, type, name, gender, born, country, mentions, articles, first_seen, last_seen) of an entity, or None."""
        return self.conn.execute("SELECT id, type, name, gender, born, country, mentions, articles, first_seen,"
                                 " last_seen FROM corpus_entities WHERE id = ?", (cid,)).fetchone()

    def corpus_entity_other_names(self, cid: int, name: str) -> list[tuple]:
        """(kind: name or alias, value, articles) of the names a corpus entity was seen under other than ``name``,
        the most frequent first."""
        return self.conn.execute(
            "SELECT what, value, count FROM corpus_entity_values WHERE entity = ? AND what IN ('name', 'alias')"
            " AND value != ? ORDER BY count DESC, value", (cid, name)).fetchall()

    def corpus_entity_roles(self, cid: int) -> list[tuple]:
        """(role, first, last, articles) of a corpus entity's roles, the most frequent first."""
        return self.conn.execute(
            "SELECT value, first, last, count FROM corpus_entity_values WHERE entity = ? AND what = 'role'"
            " ORDER BY count DESC, first, value", (cid,)).fetchall()

    def corpus_entity_births(self, cid: int) -> list[tuple]:
        """(birth date, articles) of the birth dates seen for a corpus entity, the most frequent first."""
        return self.conn.execute(
            "SELECT value, count FROM corpus_entity_values WHERE entity = ? AND what = 'born' ORDER BY count DESC",
            (cid,)).fetchall()

    def entity_months(self, cid: int) -> list[tuple]:
        """(YYYY-MM, articles, mentions) per month of publication of the articles naming a corpus entity."""
        return self.conn.execute(
            "SELECT substr(a.published, 1, 7) AS m, count(DISTINCT l.article), sum(l.mentions) FROM entity_links l"
            " JOIN articles a ON a.pk = l.article WHERE l.corpus = ? AND a.published IS NOT NULL GROUP BY m ORDER BY m",
            (cid,)).fetchall()

    def co_mentioned(self, cid: int, limit: int) -> list[tuple]:
        """(id, name, type, shared articles) of the ``limit`` corpus entities most often in the articles of ``cid``."""
        return self.conn.execute(
            "SELECT c.id, c.name, c.type, count(DISTINCT o.article) AS k FROM entity_links l"
            " JOIN entity_links o ON o.article = l.article AND o.corpus != l.corpus"
            " JOIN corpus_entities c ON c.id = o.corpus WHERE l.corpus = ?"
            " GROUP BY c.id ORDER BY k DESC, c.articles DESC, c.id LIMIT ?", (cid, limit)).fetchall()

    def entity_quotes(self, cid: int) -> list[tuple]:
        """(text, kind, speaker, published, article id, site, url, source) of the quotes a corpus entity is the
        speaker of (by entity, or by name where the speaker is unlinked), the latest first."""
        return self.conn.execute(
            "SELECT q.text, q.kind, q.speaker, a.published, a.id, a.site, a.url, a.source FROM entity_links l"
            " JOIN quotes q ON q.article = l.article AND q.speaker_id = l.entity"
            " JOIN articles a ON a.pk = l.article WHERE l.corpus = ?"
            " UNION SELECT q.text, q.kind, q.speaker, a.published, a.id, a.site, a.url, a.source FROM entity_links l"
            " JOIN entities e ON e.article = l.article AND e.entity = l.entity"
            " JOIN quotes q ON q.article = l.article AND q.speaker_id IS NULL AND q.speaker = e.name"
            " JOIN articles a ON a.pk = l.article WHERE l.corpus = ?"
            " ORDER BY 4 DESC, 5", (cid, cid)).fetchall()

    def entity_event_sides(self, cid: int, iso: str | None = None) -> list[tuple]:
        """(event, side) wherever corpus entity ``cid`` is an actor — with ``iso``, also where an actor stands for
        that country."""
        if iso:
            return self.conn.execute("SELECT DISTINCT event, side FROM corpus_event_actors WHERE entity = ? OR key = ?",
                                     (cid, f"c:{iso}")).fetchall()
        return self.conn.execute("SELECT DISTINCT event, side FROM corpus_event_actors WHERE entity = ?",
                                 (cid,)).fetchall()

    def event_actor_names(self, events: Sequence[int]) -> list[tuple]:
        """(event, side, name) of the actors of ``events``, by event and position (the corpus entity's name if any)."""
        return [row for chunk in chunks(events) for row in self.conn.execute(
            f"SELECT event, side, coalesce(c.name, a.name) FROM corpus_event_actors a"
            f" LEFT JOIN corpus_entities c ON c.id = a.entity WHERE event IN ({marks(chunk)})"
            f" ORDER BY event, position", chunk)]

    def event_summaries(self, events: Sequence[int]) -> list[tuple]:
        """(id, type, cameo, goldstein, quad_class, date, lo, place, modality, num_mentions, num_sources,
        num_articles) of the corpus events ``events``, in no set order."""
        return [row for chunk in chunks(events) for row in self.conn.execute(
            "SELECT id, type, cameo, goldstein, quad_class, date, lo, place, modality, num_mentions, num_sources,"
            f" num_articles FROM corpus_events WHERE id IN ({marks(chunk)})", chunk)]

    def entity_recent_articles(self, cid: int, limit: int) -> list[tuple]:
        """(id, published, site, title) of the ``limit`` latest articles naming a corpus entity."""
        return self.conn.execute(
            "SELECT a.id, a.published, a.site, a.title FROM articles a WHERE a.pk IN"
            " (SELECT article FROM entity_links WHERE corpus = ?) ORDER BY a.published DESC, a.pk DESC LIMIT ?",
            (cid, limit)).fetchall()
