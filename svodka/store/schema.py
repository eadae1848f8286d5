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

Both engines: each statement is written for each (``Dialects(sqlite=…, postgresql=…)``, a string or a
list of statements each; a plain string runs on both as it is). The steps live in ``schema_articles``
(0 → 1), ``schema_link`` (1 → 4) and ``schema_dossier`` (a dossier's aggregates, appended below); a later step is appended here.
"""
from __future__ import annotations

from .schema_articles import ARTICLES
from .schema_dossier import DOSSIER_AGGREGATES
from .schema_link import LINK, MENTION_FORMS, STORIES
from .statements import Dialects

MIGRATIONS: list[list[str | Dialects]] = [ARTICLES, STORIES, LINK, MENTION_FORMS]
# a new step: MIGRATIONS.append([...]) below, above DB_SCHEMA_VERSION

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

# Step: the crawl tables on PostgreSQL as every other table is there (see schema_articles): text compares
# bytewise (COLLATE "C", SQLite's BINARY: `svodka sources` lists names, and the frontier breaks ties by
# key, in the same order on both engines whatever the database's collation), the tables keyed by text get
# SQLite's implicit rowid as a last identity column, and the index is NULLS FIRST. SQLite: nothing to do.
_CRAWL_TEXT = {"crawl_sources": ("name", "home", "host", "added", "polled", "status"),
               "crawl_feeds": ("url", "kind", "etag", "modified", "polled", "status"),
               "crawl_urls": ("key", "url", "host", "feed_date", "found", "state", "reason", "fetched"),
               "crawl_hosts": ("host", "reason"),
               "crawl_rounds": ("started", "finished", "by_host", "status")}
MIGRATIONS.append([Dialects(
    sqlite=[],
    postgresql=[f"ALTER TABLE {table} " + ", ".join(f'ALTER COLUMN {column} TYPE TEXT COLLATE "C"' for column in columns)
                for table, columns in _CRAWL_TEXT.items()] + [
        "ALTER TABLE crawl_urls ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY",
        "ALTER TABLE crawl_hosts ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY",
        "DROP INDEX crawl_urls_state",
        "CREATE INDEX crawl_urls_state ON crawl_urls(source NULLS FIRST, state NULLS FIRST)",
    ],
)])

# Step: places on the map (svodka.geo, issue 21): a place entity's and an event's ``geo`` (JSON: geonameid, iso,
# name, country, admin1, admin1_name, lat, lon, feature; an event's also "from"), null where not geocoded. Rows
# stored before keep null until ``svodka reanalyze``.
MIGRATIONS.append([
    Dialects(sqlite="ALTER TABLE entities ADD COLUMN geo TEXT",
             postgresql='ALTER TABLE entities ADD COLUMN geo TEXT COLLATE "C"'),
    Dialects(sqlite="ALTER TABLE events ADD COLUMN geo TEXT",
             postgresql='ALTER TABLE events ADD COLUMN geo TEXT COLLATE "C"'),
])

# Step: the outlet as it names itself (Article.site_name, issue 18), shown wherever an article's site is;
# rows stored before keep null (shown as their site) until ``svodka reanalyze``.
MIGRATIONS.append([Dialects(sqlite="ALTER TABLE articles ADD COLUMN site_name TEXT",
                            postgresql='ALTER TABLE articles ADD COLUMN site_name TEXT COLLATE "C"')])

# Step: the per-entity aggregates a dossier reads (months, co-mentions, quotes spoken), filled for a store linked
# before it; see schema_dossier.
MIGRATIONS.append(DOSSIER_AGGREGATES)

DB_SCHEMA_VERSION = len(MIGRATIONS)   # the database's (meta.schema_version); the JSON format's is model.FORMAT_VERSION


# The crawler's tables (svodka.crawl), parents last.
CRAWL_TABLES = ("crawl_urls", "crawl_feeds", "crawl_hosts", "crawl_rounds", "crawl_sources")


# Tables whose rows the store writes (for counts and checks); ``search`` is counted by its rowids.
TABLES = ("articles", "article_data", "sources", "raw", "entities", "mentions", "quotes", "times", "events", "rejected")

# Tables the cross-article linking (svodka.link) fills, children before parents: emptied to link a
# store anew (``svodka reanalyze``); ``meta`` keeps the stories' MinHash parameters.
LINK_TABLES = ("link_state", "link_marks", "corpus_entity_months", "corpus_co_mentions", "corpus_quotes", "entity_links",
               "entity_merges", "corpus_names", "corpus_entity_values", "corpus_entities", "event_links",
               "corpus_event_actors", "corpus_events", "story_articles", "stories")


def migration(step: int, engine: str) -> list[str]:
    """The statements of migration ``step`` for ``engine`` ('sqlite' or 'postgresql')."""
    out = []
    for item in MIGRATIONS[step]:
        if isinstance(item, Dialects):
            chosen = getattr(item, engine)
            out += [chosen] if isinstance(chosen, str) else list(chosen)
        else:
            out.append(item)
    return out
