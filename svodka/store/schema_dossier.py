"""Schema step: the per-entity aggregates a dossier reads (issue 18: a dossier's first view within 100 ms on
a 100k-article store), and how they are counted — by the linker for each batch of newly linked articles
(``DossierQueries.count_entity_aggregates``) and, once, by this step for a store linked before it.

- ``corpus_entity_months``: (entity, month YYYY-MM) → articles (distinct) naming it published that month and
  its mentions there; articles without a date are left out.
- ``corpus_co_mentions``: (entity, other) → the articles naming both (other ≠ entity), both ways round.
- ``corpus_quotes``: (corpus entity, article, n): the quotes it is the speaker of — by the speaker's entity,
  or by name where the quote's speaker is unlinked (``speaker_id`` NULL, ``speaker`` = the entity's name).
- an index on ``corpus_event_actors(key)``: a country's dossier also lists the events of actors standing
  for it ("c:RUS"), which was a scan of every actor.

The counting SELECTs below are the definitions: the step fills the tables with them over every link, the
linker over a batch's articles (``{scope}``: `` AND l.article IN :items``), so that a store linked after
this step and one migrated by it hold the same rows. (``l.corpus IS NOT NULL`` is always true: the WHERE the
scope extends, which also keeps SQLite from reading an upsert's ON CONFLICT as a join's ON.)
"""
from __future__ import annotations

from .statements import Dialects

# (entity, month, articles, mentions) of the links in scope
MONTH_COUNTS = (
    "SELECT l.corpus, substr(a.published, 1, 7), count(DISTINCT l.article), sum(l.mentions)"
    " FROM entity_links l JOIN articles a ON a.pk = l.article WHERE a.published IS NOT NULL{scope}"
    " GROUP BY l.corpus, substr(a.published, 1, 7)")

# (entity, other, shared articles) of the articles in scope
CO_MENTION_COUNTS = (
    "SELECT l.corpus, o.corpus, count(DISTINCT l.article) FROM entity_links l"
    " JOIN entity_links o ON o.article = l.article AND o.corpus != l.corpus WHERE l.corpus IS NOT NULL{scope}"
    " GROUP BY l.corpus, o.corpus")

# (corpus entity, article, n) of the quotes its linked entities speak in the articles in scope
SPOKEN_QUOTES = (
    "SELECT l.corpus, q.article, q.n FROM entity_links l"
    " JOIN quotes q ON q.article = l.article AND q.speaker_id = l.entity WHERE l.corpus IS NOT NULL{scope}"
    " UNION SELECT l.corpus, q.article, q.n FROM entity_links l"
    " JOIN entities e ON e.article = l.article AND e.entity = l.entity"
    " JOIN quotes q ON q.article = l.article AND q.speaker_id IS NULL AND q.speaker = e.name"
    " WHERE l.corpus IS NOT NULL{scope}")

_FILL = [f"INSERT INTO corpus_entity_months (entity, month, articles, mentions) {MONTH_COUNTS.format(scope='')}",
         f"INSERT INTO corpus_co_mentions (entity, other, articles) {CO_MENTION_COUNTS.format(scope='')}",
         f"INSERT INTO corpus_quotes (corpus, article, n) {SPOKEN_QUOTES.format(scope='')}"]

DOSSIER_AGGREGATES: list[Dialects] = [
    Dialects(
        sqlite=[
            """CREATE TABLE corpus_entity_months (
        entity INTEGER NOT NULL,
        month TEXT NOT NULL,
        articles INTEGER NOT NULL DEFAULT 0,
        mentions INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (entity, month)
    ) WITHOUT ROWID""",
            """CREATE TABLE corpus_co_mentions (
        entity INTEGER NOT NULL,
        other INTEGER NOT NULL,
        articles INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (entity, other)
    ) WITHOUT ROWID""",
            # the top co-mentions of an entity: read from the highest count down
            "CREATE INDEX corpus_co_mentions_top ON corpus_co_mentions(entity, articles)",
            """CREATE TABLE corpus_quotes (
        corpus INTEGER NOT NULL,
        article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        PRIMARY KEY (corpus, article, n)
    ) WITHOUT ROWID""",
            "CREATE INDEX corpus_event_actors_key ON corpus_event_actors(key)",
        ] + _FILL,
        postgresql=[
            """CREATE TABLE corpus_entity_months (
        entity INTEGER NOT NULL,
        month TEXT COLLATE "C" NOT NULL,
        articles INTEGER NOT NULL DEFAULT 0,
        mentions INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (entity, month)
    )""",
            """CREATE TABLE corpus_co_mentions (
        entity INTEGER NOT NULL,
        other INTEGER NOT NULL,
        articles INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (entity, other)
    )""",
            "CREATE INDEX corpus_co_mentions_top ON corpus_co_mentions(entity NULLS FIRST, articles NULLS FIRST)",
            """CREATE TABLE corpus_quotes (
        corpus INTEGER NOT NULL,
        article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        PRIMARY KEY (corpus, article, n)
    )""",
            "CREATE INDEX corpus_event_actors_key ON corpus_event_actors(key NULLS FIRST)",
        ] + _FILL),
]
