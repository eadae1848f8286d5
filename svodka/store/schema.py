"""The store's schema, as a list of migration steps applied in order when a store is opened.

``MIGRATIONS[i]`` takes a database from schema version ``i`` to ``i + 1``; the version lives in
``meta(key='schema_version')``. A step is a list of SQL statements run in one transaction with the
version bump, so a database is always at a whole version. Never edit a released step: append one.

Tables (schema 1):

- ``meta``: key → value: ``schema_version``, ``created``.
- ``articles``: one row per document that became an article: ``pk`` (the integer key, also the
  full-text rowid), ``id``, ``sha256`` (the document's identity: SHA-256 of its raw bytes;
  unique), the scalar fields, ``rubric_key`` (casefolded, for filters), ``ingested`` (UTC).
  Kept narrow, so that filters stay fast.
- ``article_data``: pk → ``data``, the whole article JSON (``Article.to_dict()``, annotations in).
- ``sources``: every (sha256, source) a document was seen under: a path, ``path#L3`` …
- ``raw``: the input bytes of every document (articles and rejected ones), zlib-compressed, by
  sha256, with ``kind`` and the uncompressed ``size``.
- ``entities``: per article (cross-article linking comes later): ``entity`` (the article-local
  id), type, name, ``key`` (casefolded name) and ``last`` (its last word, so that "Алиев" finds
  "Ильхам Алиев"), aliases and roles (JSON lists), born, country.
- ``mentions``: per article and entity: field, start, stop, text, kind (``normal`` and ``stands_for``
  come with a later step).
- ``quotes``: per article: n, kind, text, field, start, stop, speaker, speaker_id.
- ``times``: per article: n, field, start, stop, text, value (EDTF).
- ``events``: per article: n and the Event record's fields (lists and evidence as JSON).
- ``rejected``: documents that did not become articles: source, reason, sha256 ('' when the bytes
  could not be read at all), time; unique on (source, sha256).
- ``search``: rowid = ``articles.pk``: the lemmas of title, lead and body. SQLite: FTS5,
  contentless. PostgreSQL: ``doc``, a tsvector with title, lead and body weighted A, B, C, under a
  GIN index.

Both engines: a step is SQLite DDL, which ``svodka.store.dialect.pg_ddl`` translates for PostgreSQL
(types, identity keys, collation); a statement that cannot be translated is a ``Dialects`` pair.
"""
from __future__ import annotations

from typing import NamedTuple


class Dialects(NamedTuple):
    """One schema statement written for each engine (a string or a list of statements each)."""

    sqlite: str | list[str]
    postgresql: str | list[str]


MIGRATIONS: list[list[str | Dialects]] = [
    # 0 → 1: the first schema.
    [
        """CREATE TABLE articles (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            source TEXT,
            url TEXT,
            site TEXT,
            published TEXT,
            rubric TEXT,
            rubric_key TEXT,
            title TEXT,
            lead TEXT,
            language TEXT,
            encoding TEXT,
            layout TEXT,
            ingested TEXT NOT NULL
        )""",
        """CREATE TABLE article_data (
            pk INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
            data TEXT NOT NULL
        )""",
        "CREATE INDEX articles_id ON articles(id)",
        "CREATE INDEX articles_published ON articles(published)",
        "CREATE INDEX articles_site ON articles(site, published)",
        "CREATE INDEX articles_rubric ON articles(rubric_key, published)",
        """CREATE TABLE sources (
            sha256 TEXT NOT NULL,
            source TEXT NOT NULL,
            seen TEXT NOT NULL,
            PRIMARY KEY (sha256, source)
        ) WITHOUT ROWID""",
        """CREATE TABLE raw (
            sha256 TEXT PRIMARY KEY,
            kind TEXT,
            size INTEGER NOT NULL,
            data BLOB NOT NULL
        ) WITHOUT ROWID""",
        """CREATE TABLE entities (
            article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            entity TEXT NOT NULL,
            type TEXT,
            name TEXT,
            key TEXT,
            last TEXT,
            aliases TEXT NOT NULL DEFAULT '[]',
            roles TEXT NOT NULL DEFAULT '[]',
            born TEXT,
            country TEXT,
            PRIMARY KEY (article, entity)
        )""",
        "CREATE INDEX entities_key ON entities(key, article)",
        "CREATE INDEX entities_last ON entities(last, article)",
        """CREATE TABLE mentions (
            article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            entity TEXT NOT NULL,
            field TEXT,
            start INTEGER,
            stop INTEGER,
            text TEXT,
            kind TEXT
        )""",
        "CREATE INDEX mentions_article ON mentions(article, entity)",
        """CREATE TABLE quotes (
            article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            n INTEGER NOT NULL,
            kind TEXT,
            text TEXT,
            field TEXT,
            start INTEGER,
            stop INTEGER,
            speaker TEXT,
            speaker_id TEXT,
            PRIMARY KEY (article, n)
        )""",
        "CREATE INDEX quotes_speaker ON quotes(speaker)",
        """CREATE TABLE times (
            article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            n INTEGER NOT NULL,
            field TEXT,
            start INTEGER,
            stop INTEGER,
            text TEXT,
            value TEXT,
            PRIMARY KEY (article, n)
        )""",
        "CREATE INDEX times_value ON times(value)",
        """CREATE TABLE events (
            article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
            n INTEGER NOT NULL,
            type TEXT,
            cameo TEXT,
            plover TEXT,
            goldstein REAL,
            quad_class INTEGER,
            source TEXT NOT NULL DEFAULT '[]',
            target TEXT NOT NULL DEFAULT '[]',
            date TEXT,
            place TEXT,
            modality TEXT DEFAULT 'fact',
            killed INTEGER,
            injured INTEGER,
            evidence TEXT NOT NULL DEFAULT '[]',
            confidence REAL DEFAULT 0,
            PRIMARY KEY (article, n)
        )""",
        "CREATE INDEX events_date ON events(date)",
        """CREATE TABLE rejected (
            pk INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            sha256 TEXT NOT NULL DEFAULT '',
            time TEXT NOT NULL,
            UNIQUE (source, sha256)
        )""",
        "CREATE INDEX rejected_sha256 ON rejected(sha256)",
        Dialects(
            sqlite="""CREATE VIRTUAL TABLE search USING fts5(
                title, lead, body, content='', tokenize='unicode61 remove_diacritics 2'
            )""",
            postgresql=["CREATE TABLE search (rowid INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,"
                        " doc TSVECTOR NOT NULL)",
                        "CREATE INDEX search_doc ON search USING GIN (doc)"]),
    ],
]

# Step: stories (svodka.link.stories) — articles about one story across sources.
# - ``stories``: id, label (the title of its earliest article, ``label_article``), first and last
#   publication day, size (articles).
# - ``story_articles``: article → story, its day ('' when undated), the score it joined with (NULL:
#   it founded the story), its lemma shingles (sorted 32-bit hashes, little-endian; ``size`` of them)
#   and MinHash signature (128 × uint32), from which the LSH index is rebuilt; an article with a row
#   here is assigned.
MIGRATIONS.append([
    """CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        label TEXT,
        label_article INTEGER,
        first TEXT,
        last TEXT,
        size INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX stories_first ON stories(first, id)",
    "CREATE INDEX stories_size ON stories(size, first)",
    """CREATE TABLE story_articles (
        article INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
        story INTEGER NOT NULL REFERENCES stories(id),
        day TEXT NOT NULL,
        score REAL,
        size INTEGER NOT NULL,
        shingles BLOB NOT NULL,
        minhash BLOB NOT NULL
    )""",
    "CREATE INDEX story_articles_story ON story_articles(story, day)",
    "CREATE INDEX story_articles_day ON story_articles(day)",
])

# Step: link (svodka.link.entities, svodka.link.events) — entities and events across articles.
# - ``link_state``: (stage, article): the articles linked by a stage ('entities', 'events');
#   ``link_marks``: stage → upto, the article pk up to which every article is linked.
# - ``corpus_entities``: id, type, name (the most frequent full name), key (casefolded name),
#   first_name, patronymic, last_name, gender (PER; keys casefolded, ё → е), born, country (ISO-3; the
#   most frequent), mentions, articles, first_seen and last_seen (article dates).
# - ``corpus_names``: lookup key ('PER:ильхам алиев', 'LOC:iso:RUS', 'ORG:<lemmas>') → entity.
# - ``corpus_entity_values``: entity, what (name, alias, role, born, country), value, count (articles),
#   first and last (the article dates it was seen on).
# - ``entity_links``: (article, entity) → corpus entity, with the article's mention count.
# - ``entity_merges``: old → new, corpus entities found to be one later (a surname merged into a name).
# - ``corpus_events``: id, type, polarity ('', '~' intended, '!' negated), cameo, root_code, plover,
#   goldstein, quad_class, date (EDTF), lo/hi/precision (its span: 4 day … 0 interval), place, modality,
#   killed, injured, confidence, key (``event_key``), head_article/head_n (the report whose actors it
#   takes), num_mentions, num_sources, num_articles, first_seen, last_seen.
# - ``corpus_event_actors``: event, side (source, target), position, entity (corpus entity or NULL for a
#   descriptive actor), name, country (ISO-3), key.
# - ``event_links``: (article, n) → corpus event, with the resolved actors (JSON), the date span and the
#   outlet (site, host, or the folder or archive it was read from).
MIGRATIONS.append([
    """CREATE TABLE link_state (
        stage TEXT NOT NULL,
        article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
        PRIMARY KEY (stage, article)
    ) WITHOUT ROWID""",
    "CREATE TABLE link_marks (stage TEXT PRIMARY KEY, upto INTEGER NOT NULL)",
    """CREATE TABLE corpus_entities (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        key TEXT,
        first_name TEXT,
        patronymic TEXT,
        last_name TEXT,
        gender TEXT,
        born TEXT,
        country TEXT,
        mentions INTEGER NOT NULL DEFAULT 0,
        articles INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT,
        last_seen TEXT
    )""",
    "CREATE INDEX corpus_entities_key ON corpus_entities(key)",
    "CREATE INDEX corpus_entities_last ON corpus_entities(type, last_name)",
    "CREATE INDEX corpus_entities_first ON corpus_entities(type, first_name)",
    "CREATE INDEX corpus_entities_country ON corpus_entities(country)",
    """CREATE TABLE corpus_names (
        key TEXT NOT NULL,
        entity INTEGER NOT NULL,
        PRIMARY KEY (key, entity)
    ) WITHOUT ROWID""",
    "CREATE INDEX corpus_names_entity ON corpus_names(entity)",
    """CREATE TABLE corpus_entity_values (
        entity INTEGER NOT NULL,
        what TEXT NOT NULL,
        value TEXT NOT NULL,
        count INTEGER NOT NULL DEFAULT 0,
        first TEXT,
        last TEXT,
        PRIMARY KEY (entity, what, value)
    ) WITHOUT ROWID""",
    """CREATE TABLE entity_links (
        article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
        entity TEXT NOT NULL,
        corpus INTEGER NOT NULL,
        mentions INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (article, entity)
    )""",
    "CREATE INDEX entity_links_corpus ON entity_links(corpus, article)",
    "CREATE TABLE entity_merges (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
    """CREATE TABLE corpus_events (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        polarity TEXT NOT NULL DEFAULT '',
        cameo TEXT,
        root_code TEXT,
        plover TEXT,
        goldstein REAL,
        quad_class INTEGER,
        date TEXT,
        lo TEXT,
        hi TEXT,
        precision INTEGER,
        place TEXT,
        modality TEXT,
        killed INTEGER,
        injured INTEGER,
        confidence REAL,
        key TEXT,
        head_article INTEGER,
        head_n INTEGER,
        num_mentions INTEGER NOT NULL DEFAULT 0,
        num_sources INTEGER NOT NULL DEFAULT 0,
        num_articles INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT,
        last_seen TEXT
    )""",
    "CREATE INDEX corpus_events_span ON corpus_events(type, polarity, lo)",
    "CREATE INDEX corpus_events_date ON corpus_events(lo)",
    """CREATE TABLE corpus_event_actors (
        event INTEGER NOT NULL,
        side TEXT NOT NULL,
        position INTEGER NOT NULL,
        entity INTEGER,
        name TEXT,
        country TEXT,
        key TEXT,
        PRIMARY KEY (event, position)
    )""",
    "CREATE INDEX corpus_event_actors_entity ON corpus_event_actors(entity)",
    "CREATE INDEX corpus_event_actors_country ON corpus_event_actors(country)",
    """CREATE TABLE event_links (
        article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        event INTEGER NOT NULL,
        actors TEXT NOT NULL DEFAULT '[]',
        lo TEXT,
        hi TEXT,
        precision INTEGER,
        outlet TEXT,
        PRIMARY KEY (article, n)
    )""",
    "CREATE INDEX event_links_event ON event_links(event)",
])

# Step: mentions' own base form and what they stand for (``Mention.normal``, ``Mention.stands_for``).
# - ``mentions.normal``: the mention's base form ("Путина" → "Путин"); ``mentions.stands_for``: the
#   article-local id of the entity the mention also acts for ("Москва ответила Баку" → Россия).
#   NULL in rows stored before this step, until ``svodka reanalyze`` re-analyses the kept raw input.
MIGRATIONS.append([
    "ALTER TABLE mentions ADD COLUMN normal TEXT",
    "ALTER TABLE mentions ADD COLUMN stands_for TEXT",
])

# Step: crawl state (svodka.crawl, issue 20) — what a watcher resumes from. Written for each engine.
# - ``crawl_sources``: id, name (unique), home page, host, when added, last poll and its status.
# - ``crawl_feeds``: a source's feeds and sitemaps: url, kind (rss, atom, sitemap, sitemap-index),
#   the validators of the last answer (etag, modified), last poll, its status, entries listed.
# - ``crawl_urls``: the frontier and the seen URLs: key (normalised, scheme set aside; one row per
#   article address), url, source, host, the feed's date, when found, state (new, retry, stored,
#   known, rejected, failed), attempts, reason (of the last failure), when fetched.
# - ``crawl_hosts``: backoff a host asked for (Retry-After, repeated 5xx): until (epoch seconds), why.
# - ``crawl_rounds``: one row a round: when, sources polled, URLs listed, pages fetched, new articles,
#   seen (known already), rejected, fetch errors and errors by host (JSON), status.
_CRAWL_TABLES = """
    CREATE TABLE crawl_sources (
        id {key},
        name TEXT NOT NULL UNIQUE,
        home TEXT NOT NULL,
        host TEXT NOT NULL,
        added TEXT NOT NULL,
        polled TEXT,
        status TEXT
    );
    CREATE TABLE crawl_feeds (
        id {key},
        source {ref} NOT NULL REFERENCES crawl_sources(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        kind TEXT NOT NULL,
        etag TEXT,
        modified TEXT,
        polled TEXT,
        status TEXT,
        entries INTEGER NOT NULL DEFAULT 0,
        UNIQUE (source, url)
    );
    CREATE TABLE crawl_urls (
        key TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        source {ref} NOT NULL REFERENCES crawl_sources(id) ON DELETE CASCADE,
        host TEXT NOT NULL,
        feed_date TEXT,
        found TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'new',
        attempts INTEGER NOT NULL DEFAULT 0,
        reason TEXT,
        fetched TEXT
    );
    CREATE INDEX crawl_urls_state ON crawl_urls(source, state);
    CREATE TABLE crawl_hosts (
        host TEXT PRIMARY KEY,
        blocked_until {real} NOT NULL DEFAULT 0,
        reason TEXT
    );
    CREATE TABLE crawl_rounds (
        id {key},
        started TEXT NOT NULL,
        finished TEXT,
        sources INTEGER NOT NULL DEFAULT 0,
        listed INTEGER NOT NULL DEFAULT 0,
        fetched INTEGER NOT NULL DEFAULT 0,
        new INTEGER NOT NULL DEFAULT 0,
        seen INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        by_host TEXT NOT NULL DEFAULT '{{}}',
        status TEXT
    )"""


def _statements(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


MIGRATIONS.append([Dialects(
    sqlite=_statements(_CRAWL_TABLES.format(key="INTEGER PRIMARY KEY", ref="INTEGER", real="REAL")),
    postgresql=_statements(_CRAWL_TABLES.format(key="BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                                                ref="BIGINT", real="DOUBLE PRECISION")),
)])

SCHEMA_VERSION = len(MIGRATIONS)

# Tables whose rows the store writes (for counts and checks); ``search`` is counted by its rowids.
TABLES = ("articles", "article_data", "sources", "raw", "entities", "mentions", "quotes", "times", "events", "rejected")

# Tables the cross-article linking (svodka.link) fills, children before parents: emptied to link a
# store anew (``svodka reanalyze``); ``meta`` keeps the stories' MinHash parameters.
LINK_TABLES = ("link_state", "link_marks", "entity_links", "entity_merges", "corpus_names", "corpus_entity_values",
               "corpus_entities", "event_links", "corpus_event_actors", "corpus_events", "story_articles", "stories")
