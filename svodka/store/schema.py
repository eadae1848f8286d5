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
- ``mentions``: per article and entity: field, start, stop, text, kind.
- ``quotes``: per article: n, kind, text, field, start, stop, speaker, speaker_id.
- ``times``: per article: n, field, start, stop, text, value (EDTF).
- ``events``: per article: n and the Event record's fields (lists and evidence as JSON).
- ``rejected``: documents that did not become articles: source, reason, sha256 ('' when the bytes
  could not be read at all), time; unique on (source, sha256).
- ``search``: FTS5, contentless, rowid = ``articles.pk``: the lemmas of title, lead and body.
"""
from __future__ import annotations

MIGRATIONS: list[list[str]] = [
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
        """CREATE VIRTUAL TABLE search USING fts5(
            title, lead, body, content='', tokenize='unicode61 remove_diacritics 2'
        )""",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)

# Tables whose rows the store writes (for counts and checks); ``search`` is counted by its rowids.
TABLES = ("articles", "article_data", "sources", "raw", "entities", "mentions", "quotes", "times", "events", "rejected")
