"""Store methods that answer the questions of a dossier (link/dossier.py), and keep the per-entity aggregates
it reads (schema_dossier.py: months, co-mentions, quotes spoken) counted as the linker links.

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how).
The aggregates are what make a dossier's first view cheap on a large store: its month counts, top
co-mentions and quotes are read by the entity's key instead of being gathered from every article naming it.
"""
from __future__ import annotations

from collections.abc import Sequence

from .event_queries import chunks
from .schema_dossier import CO_MENTION_COUNTS, MONTH_COUNTS, SPOKEN_QUOTES

IN_BATCH = " AND l.article IN :items"
WALK = 4           # an entity's latest articles are found by walking the store's newest while at most this many times its own


class DossierQueries:

    # --- the aggregates: counted as the linker links ---------------------------------------------

    def count_entity_aggregates(self, articles: Sequence[int]) -> None:
        """Count the newly linked ``articles`` into the per-entity aggregates (each article once: the linker
        calls this once for a batch, after linking its entities and before merging any)."""
        for chunk in chunks(sorted(set(articles))):
            items = {"items": chunk}
            self.run("INSERT INTO corpus_entity_months AS m (entity, month, articles, mentions) "
                     + MONTH_COUNTS.format(scope=IN_BATCH) + " ON CONFLICT (entity, month) DO UPDATE"
                     " SET articles = m.articles + excluded.articles, mentions = m.mentions + excluded.mentions",
                     items, expand=("items",))
            self.run("INSERT INTO corpus_co_mentions AS c (entity, other, articles) "
                     + CO_MENTION_COUNTS.format(scope=IN_BATCH) + " ON CONFLICT (entity, other) DO UPDATE"
                     " SET articles = c.articles + excluded.articles", items, expand=("items",))
            self.run("INSERT INTO corpus_quotes (corpus, article, n) " + SPOKEN_QUOTES.format(scope=IN_BATCH)
                     + " ON CONFLICT DO NOTHING", items, expand=("items",))

    def merge_entity_aggregates(self, into: int, old: int) -> None:
        """Corpus entity ``old``'s links are now ``into``'s: its quotes move, and ``into``'s month and
        co-mention counts are counted anew from its links (an article naming both counts once)."""
        ids = {"into": into, "old": old}
        # the SELECT's WHERE is needed: without it SQLite would read ON CONFLICT as a join's ON
        self.run("INSERT INTO corpus_quotes (corpus, article, n) SELECT :into, article, n FROM corpus_quotes"
                 " WHERE corpus = :old ON CONFLICT DO NOTHING", ids)
        self.run("DELETE FROM corpus_quotes WHERE corpus = :old", ids)
        self.run("DELETE FROM corpus_entity_months WHERE entity IN (:into, :old)", ids)
        self.run("INSERT INTO corpus_entity_months (entity, month, articles, mentions) "
                 + MONTH_COUNTS.format(scope=" AND l.corpus = :into"), ids)
        self.run("DELETE FROM corpus_co_mentions WHERE entity IN (:into, :old) OR other IN (:into, :old)", ids)
        self.run("INSERT INTO corpus_co_mentions (entity, other, articles) "
                 + CO_MENTION_COUNTS.format(scope=" AND l.corpus = :into"), ids)
        self.run("INSERT INTO corpus_co_mentions (entity, other, articles) SELECT other, entity, articles"
                 " FROM corpus_co_mentions WHERE entity = :into", ids)

    # --- a dossier ---------------------------------------------------------------------------------

    def corpus_entity_record(self, cid: int) -> tuple | None:
        """(id, type, name, gender, born, country, mentions, articles, first_seen, last_seen) of an entity, or None."""
        return self.run("SELECT id, type, name, gender, born, country, mentions, articles, first_seen,"
                        " last_seen FROM corpus_entities WHERE id = :id", {"id": cid}).fetchone()

    def corpus_entity_other_names(self, cid: int, name: str) -> list[tuple]:
        """(kind: name or alias, value, articles) of the names a corpus entity was seen under other than ``name``,
        the most frequent first."""
        return self.run(
            "SELECT what, value, count FROM corpus_entity_values WHERE entity = :entity AND what IN ('name', 'alias')"
            " AND value != :name ORDER BY count DESC, value NULLS FIRST", {"entity": cid, "name": name}).fetchall()

    def corpus_entity_roles(self, cid: int) -> list[tuple]:
        """(role, first, last, articles) of a corpus entity's roles, the most frequent first."""
        return self.run(
            "SELECT value, first, last, count FROM corpus_entity_values WHERE entity = :entity AND what = 'role'"
            " ORDER BY count DESC, first NULLS FIRST, value NULLS FIRST", {"entity": cid}).fetchall()

    def corpus_entity_births(self, cid: int) -> list[tuple]:
        """(birth date, articles) of the birth dates seen for a corpus entity, the most frequent first."""
        return self.run(
            "SELECT value, count FROM corpus_entity_values WHERE entity = :entity AND what = 'born'"
            " ORDER BY count DESC", {"entity": cid}).fetchall()

    def entity_months(self, cid: int) -> list[tuple]:
        """(YYYY-MM, articles, mentions) per month of publication of the articles naming a corpus entity."""
        return self.run("SELECT month, articles, mentions FROM corpus_entity_months WHERE entity = :entity"
                        " ORDER BY month", {"entity": cid}).fetchall()

    def co_mentioned(self, cid: int, limit: int) -> list[tuple]:
        """(id, name, type, shared articles) of the ``limit`` corpus entities most often in the articles of ``cid``."""
        if limit <= 0:
            return []
        # only the rows at least as frequent as the limit-th: a few index entries, however many co-mentions
        return self.run(
            "SELECT c.id, c.name, c.type, m.articles FROM corpus_co_mentions m JOIN corpus_entities c ON c.id = m.other"
            " WHERE m.entity = :entity AND m.articles >= coalesce((SELECT articles FROM corpus_co_mentions"
            " WHERE entity = :entity ORDER BY articles DESC LIMIT 1 OFFSET :skip), 0)"
            " ORDER BY m.articles DESC, c.articles DESC, c.id LIMIT :limit",
            {"entity": cid, "skip": limit - 1, "limit": limit}).fetchall()

    def entity_quotes(self, cid: int) -> list[tuple]:
        """(text, kind, speaker, published, article id, site, url, source) of the quotes a corpus entity is the
        speaker of (by entity, or by name where the speaker is unlinked), each once, the latest first."""
        return self.run(
            "SELECT DISTINCT q.text, q.kind, q.speaker, a.published, a.id, a.site, a.url, a.source"
            " FROM corpus_quotes c JOIN quotes q ON q.article = c.article AND q.n = c.n"
            " JOIN articles a ON a.pk = c.article WHERE c.corpus = :corpus"
            " ORDER BY 4 DESC NULLS LAST, 5 NULLS FIRST, 1 NULLS FIRST, 2 NULLS FIRST, 3 NULLS FIRST",
            {"corpus": cid}).fetchall()

    def entity_event_count(self, cid: int, iso: str | None = None) -> int:
        """How many corpus events corpus entity ``cid`` is an actor of — with ``iso``, also those where an
        actor stands for that country."""
        return self.run("SELECT count(DISTINCT event) FROM corpus_event_actors WHERE entity = :entity OR key = :key",
                        {"entity": cid, "key": f"c:{iso}" if iso else None}).scalar()

    def entity_latest_events(self, cid: int, iso: str | None, limit: int) -> list[tuple]:
        """(id, type, cameo, goldstein, quad_class, date, lo, place, modality, num_mentions, num_sources,
        num_articles) of the ``limit`` latest events of ``entity_event_count``, by (lo, id), the latest first."""
        return self.run(
            "SELECT id, type, cameo, goldstein, quad_class, date, lo, place, modality, num_mentions, num_sources,"
            " num_articles FROM corpus_events WHERE id IN (SELECT event FROM corpus_event_actors"
            " WHERE entity = :entity OR key = :key) ORDER BY coalesce(lo, '') DESC, id DESC LIMIT :limit",
            {"entity": cid, "key": f"c:{iso}" if iso else None, "limit": limit}).fetchall()

    def entity_event_sides(self, cid: int, iso: str | None, events: Sequence[int]) -> list[tuple]:
        """(event, side) of ``events`` where corpus entity ``cid`` is an actor — with ``iso``, also where an actor
        stands for that country."""
        return list(self._chunked("SELECT DISTINCT event, side FROM corpus_event_actors"
                                  " WHERE (entity = :entity OR key = :key) AND event IN :items", events,
                                  {"entity": cid, "key": f"c:{iso}" if iso else None}))

    def event_actor_names(self, events: Sequence[int]) -> list[tuple]:
        """(event, side, name) of the actors of ``events``, by event and position (the corpus entity's name if any)."""
        return list(self._chunked("SELECT event, side, coalesce(c.name, a.name) FROM corpus_event_actors a"
                                  " LEFT JOIN corpus_entities c ON c.id = a.entity WHERE event IN :items"
                                  " ORDER BY event, position", events))

    def event_summaries(self, events: Sequence[int]) -> list[tuple]:
        """(id, type, cameo, goldstein, quad_class, date, lo, place, modality, num_mentions, num_sources,
        num_articles) of the corpus events ``events``, in no set order."""
        return list(self._chunked(
            "SELECT id, type, cameo, goldstein, quad_class, date, lo, place, modality, num_mentions, num_sources,"
            " num_articles FROM corpus_events WHERE id IN :items", events))

    def entity_recent_articles(self, cid: int, limit: int) -> list[tuple]:
        """(id, published, site, title) of the ``limit`` latest articles naming a corpus entity."""
        params = {"corpus": cid, "limit": limit}
        since = self._latest_months_start(cid, limit)
        if since is not None:
            # its latest articles are all published since that month: walk the store's articles from the
            # newest down (the published index, stopping at ``limit``) when they are few beside its own
            cap = WALK * (self.run("SELECT articles FROM corpus_entities WHERE id = :corpus", params).scalar() or 0)
            newer = self.run("SELECT count(*) FROM (SELECT 1 FROM articles WHERE published >= :since LIMIT :cap) AS t",
                             {"since": since, "cap": cap}).scalar()
            if newer < cap:
                return self.run(
                    "SELECT a.id, a.published, a.site, a.title FROM articles a WHERE a.published >= :since AND EXISTS"
                    " (SELECT 1 FROM entity_links l WHERE l.corpus = :corpus AND l.article = a.pk)"
                    " ORDER BY a.published DESC NULLS LAST, a.pk DESC LIMIT :limit", {**params, "since": since}).fetchall()
        return self.run(
            "SELECT a.id, a.published, a.site, a.title FROM articles a WHERE a.pk IN"
            " (SELECT article FROM entity_links WHERE corpus = :corpus)"
            " ORDER BY a.published DESC NULLS LAST, a.pk DESC LIMIT :limit", params).fetchall()

    def _latest_months_start(self, cid: int, limit: int) -> str | None:
        """The latest month (YYYY-MM) from which on at least ``limit`` dated articles name the entity, or None."""
        seen = 0
        for month, articles in self.run("SELECT month, articles FROM corpus_entity_months WHERE entity = :entity"
                                        " ORDER BY month DESC", {"entity": cid}):
            seen += articles
            if seen >= limit > 0:
                return month
        return None
